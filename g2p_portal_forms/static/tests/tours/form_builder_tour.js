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
      content: "Type its label in the new line",
      trigger: "div[name='field_ids'] .o_selected_row div[name='label'] input",
      run: "text Shoe size",
    },
    {
      content: "Choose the number type",
      trigger: "div[name='field_ids'] .o_selected_row div[name='field_type'] select",
      run: 'text "number"',
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
      content: "Saved once",
      trigger: ".o_form_saved",
      isCheck: true,
    },
    {
      content: "Back to the field list",
      trigger: ".o_notebook a.nav-link:contains('Fields')",
    },
    {
      content: "Open every setting of the saved field",
      trigger:
        "div[name='field_ids'] tr:contains('Shoe size') .o_list_record_open_form_view button",
    },
    {
      content: "Set a minimum",
      trigger: "div[name='min_value'] input",
      run: "text 20",
    },
    {
      content: "Save the field",
      trigger: ".o_form_button_save",
    },
    {
      content: "Field saved",
      trigger: ".o_form_saved",
      isCheck: true,
    },
    {
      content: "Back to the form",
      trigger: ".o_breadcrumb a:contains('Test application')",
    },
    {
      content: "The form shows its fields again",
      trigger: "div[name='field_ids'] td:contains('Shoe size')",
      isCheck: true,
    },
  ],
});
