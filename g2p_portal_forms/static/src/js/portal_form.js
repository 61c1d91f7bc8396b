/**
 * Shows or hides the fields of a portal form that depend on another field of the same
 * step, as the person answers, with the server's own rules (form_conditions.js). A
 * hidden field's inputs are disabled: the browser neither requires nor posts them, and
 * the server ignores hidden fields likewise. Plain script in the registrant layout's
 * bundle (no framework, no inline handlers).
 */
(function () {
  "use strict";

  function answer(form, name, type) {
    const inputs = Array.from(form.querySelectorAll(`[name="${CSS.escape(name)}"]`));
    if (!inputs.length) {
      return undefined;
    }
    const inputType = inputs[0].type;
    if (type === "declaration") {
      return inputs[0].checked ? inputs[0].value : "";
    }
    if (inputType === "checkbox") {
      return inputs.filter((i) => i.checked).map((i) => i.value);
    }
    if (inputType === "radio") {
      const checked = inputs.find((i) => i.checked);
      return checked ? checked.value : "";
    }
    return inputs[0].value;
  }

  function setHidden(wrapper, hidden) {
    wrapper.classList.toggle("d-none", hidden);
    for (const input of wrapper.querySelectorAll("input, select, textarea")) {
      if (hidden && !input.disabled) {
        input.disabled = true;
        input.dataset.g2pHiddenDisabled = "1";
      } else if (!hidden && input.dataset.g2pHiddenDisabled) {
        input.disabled = false;
        delete input.dataset.g2pHiddenDisabled;
      }
    }
  }

  function refresh(form) {
    const conditionMatches = window.g2pFormConditions.conditionMatches;
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
        if (wrapper.classList.contains("d-none")) {
          setHidden(wrapper, true); // Depends on another step: the server decided.
        }
        continue;
      }
      const type = controller.dataset.fieldType;
      const visible =
        !controller.classList.contains("d-none") &&
        conditionMatches(
          type,
          answer(form, wrapper.dataset.visibleIfField, type),
          wrapper.dataset.visibleIfValue
        );
      setHidden(wrapper, !visible);
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
