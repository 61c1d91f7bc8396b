/** @odoo-module **/
/**
 * Shows or hides the fields of a portal form that depend on another field of the same
 * step, as the person answers. Only a convenience: the server decides what is visible
 * (and therefore required) when the step is posted.
 */
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.G2PPortalForm = publicWidget.Widget.extend({
  selector: "form.o_g2p_form",
  events: {
    change: "_onChange",
    input: "_onChange",
  },

  start() {
    this._refresh();
    return this._super(...arguments);
  },

  _onChange() {
    this._refresh();
  },

  _answer(name) {
    const inputs = [...this.el.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
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
  },

  _refresh() {
    // Fields are in form order, so a condition's field is refreshed before its dependants.
    for (const wrapper of this.el.querySelectorAll(
      ".o_g2p_form_field[data-visible-if-field]"
    )) {
      const controller = this.el.querySelector(
        `.o_g2p_form_field[data-field-name="${CSS.escape(
          wrapper.dataset.visibleIfField
        )}"]`
      );
      if (!controller) {
        continue; // Depends on another step: the server rendered it right.
      }
      const answer = this._answer(wrapper.dataset.visibleIfField);
      const expected = (wrapper.dataset.visibleIfValue || "").trim();
      let visible = !controller.classList.contains("d-none");
      if (visible) {
        visible = Array.isArray(answer)
          ? answer.includes(expected)
          : answer === expected;
        if (!visible && controller.dataset.fieldType === "number" && answer !== "") {
          visible = Number(answer) === Number(expected);
        }
      }
      wrapper.classList.toggle("d-none", !visible);
    }
  },
});

export default publicWidget.registry.G2PPortalForm;
