/**
 * Shows or hides the fields of a portal form that depend on another field of the same
 * step, as the person answers. Only a convenience: the server decides what is visible
 * (and therefore required) when the step is posted. Plain script in the registrant
 * layout's bundle (no framework, no inline handlers).
 */
(function () {
  "use strict";

  function answer(form, name) {
    const inputs = Array.from(form.querySelectorAll(`[name="${CSS.escape(name)}"]`));
    if (!inputs.length) {
      return undefined;
    }
    const type = inputs[0].type;
    if (type === "checkbox") {
      return inputs.filter((i) => i.checked).map((i) => i.value);
    }
    if (type === "radio") {
      const checked = inputs.find((i) => i.checked);
      return checked ? checked.value : "";
    }
    return inputs[0].value;
  }

  function refresh(form) {
    // Fields are in form order, so a condition's field is refreshed before its dependants.
    for (const wrapper of form.querySelectorAll(
      ".o_g2p_form_field[data-visible-if-field]"
    )) {
      const controller = form.querySelector(
        `.o_g2p_form_field[data-field-name="${CSS.escape(
          wrapper.dataset.visibleIfField
        )}"]`
      );
      if (!controller) {
        continue; // Depends on another step: the server rendered it right.
      }
      const value = answer(form, wrapper.dataset.visibleIfField);
      const expected = (wrapper.dataset.visibleIfValue || "").trim();
      let visible = !controller.classList.contains("d-none");
      if (visible) {
        visible = Array.isArray(value) ? value.includes(expected) : value === expected;
        if (!visible && controller.dataset.fieldType === "number" && value !== "") {
          visible = Number(value) === Number(expected);
        }
      }
      wrapper.classList.toggle("d-none", !visible);
    }
  }

  function start() {
    document.querySelectorAll("form.o_g2p_form").forEach(function (form) {
      form.addEventListener("change", () => refresh(form));
      form.addEventListener("input", () => refresh(form));
      refresh(form);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
