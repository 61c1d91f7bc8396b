/** @odoo-module **/
/**
 * An administrator adds a question to a form in the backend builder and sees it in the
 * live preview before saving.
 */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("g2p_portal_forms_builder", {
  test: true,
  steps: () => [
    {
      content: "The preview shows the existing fields",
      trigger: ".o_notebook a.nav-link:contains('Preview')",
    },
    {
      trigger: ".o_g2p_form_preview #g2p_field_given_name",
      isCheck: true,
    },
    {
      content: "Open the field list",
      trigger: ".o_notebook a.nav-link:contains('Fields')",
    },
    {
      content: "Add a field",
      trigger: "div[name='field_ids'] .o_field_x2many_list_row_add a",
    },
    {
      content: "Type its label",
      // Steps look inside the open dialog.
      trigger: "div[name='label'] input",
      run: "text Shoe size",
    },
    {
      content: "Choose the number type",
      trigger: "div[name='field_type'] select",
      run: 'text "number"',
    },
    {
      content: "Close the field editor",
      trigger: ".modal-footer .o_form_button_save",
    },
    {
      content: "The new field is in the list",
      trigger: "div[name='field_ids'] td:contains('Shoe size')",
      isCheck: true,
    },
    {
      content: "Look at the preview again",
      trigger: ".o_notebook a.nav-link:contains('Preview')",
    },
    {
      content: "The unsaved field is already previewed",
      trigger: ".o_g2p_form_preview #g2p_field_shoe_size",
      isCheck: true,
    },
    {
      content: "Save the form",
      trigger: ".o_form_button_save",
    },
    {
      content: "Saved",
      trigger: ".o_form_saved",
      isCheck: true,
    },
  ],
});
