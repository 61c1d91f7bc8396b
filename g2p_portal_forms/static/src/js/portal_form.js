/** @odoo-module **/
/**
 * Shows or hides the fields of a portal form that depend on another field of the same
 * step, as the person answers, with the server's own rules (form_conditions.js). A
 * hidden field's inputs are disabled: the browser neither requires nor posts them, and
 * the server ignores hidden fields likewise.
 */
import publicWidget from "@web/legacy/js/public/public_widget";
import {conditionMatches} from "./form_conditions";

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

  _answer(name, type) {
    const inputs = [...this.el.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
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
  },

  _setHidden(wrapper, hidden) {
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
        if (wrapper.classList.contains("d-none")) {
          this._setHidden(wrapper, true); // Depends on another step: the server decided.
        }
        continue;
      }
      const type = controller.dataset.fieldType;
      const visible =
        !controller.classList.contains("d-none") &&
        conditionMatches(
          type,
          this._answer(wrapper.dataset.visibleIfField, type),
          wrapper.dataset.visibleIfValue
        );
      this._setHidden(wrapper, !visible);
    }
  },
});

export default publicWidget.registry.G2PPortalForm;
