/** @odoo-module **/
/**
 * An administrator builds a two-step form in one edit: steps, a yes/no question, a
 * number shown only for "yes", a declaration and an upload tied to the program's
 * required document; a step that does not exist is refused naming its row; the
 * condition is chosen from the answers the question can take; the form check passes.
 */
import {registry} from "@web/core/registry";

function addRow(list) {
  return {
    content: `Add a line to ${list}`,
    trigger: `div[name='${list}'] .o_field_x2many_list_row_add a`,
  };
}

function cell(list, row, name, run) {
  const selected = `div[name='${list}'] .o_data_row:nth-child(${row}).o_selected_row div[name='${name}']`;
  return {
    content: `Fill ${name} on row ${row}`,
    trigger: `${selected} input, ${selected} select`,
    run,
  };
}

function field(row, label, type, step) {
  return [
    addRow("field_ids"),
    cell("field_ids", row, "label", `text ${label}`),
    cell("field_ids", row, "field_type", `text "${type}"`),
    cell("field_ids", row, "step_number", `text ${step}`),
  ];
}

registry.category("web_tour.tours").add("g2p_portal_forms_builder_journey", {
  test: true,
  steps: () => [
    {
      content: "Open the steps",
      trigger: ".o_notebook a.nav-link:contains('Steps')",
    },
    addRow("step_ids"),
    cell("step_ids", 1, "title", "text About your family"),
    addRow("step_ids"),
    cell("step_ids", 2, "title", "text Documents"),
    {
      content: "Open the fields",
      trigger: ".o_notebook a.nav-link:contains('Fields')",
    },
    ...field(1, "Has children", "boolean", "5"),
    {
      content: "Save with a step that does not exist",
      trigger: ".o_form_button_save",
    },
    {
      content: "The error names the row and the column",
      trigger: ".modal-body:contains('row 1 (Has children)'):contains('column Step')",
      isCheck: true,
    },
    {
      content: "Close the error",
      trigger: ".modal-footer .btn-primary",
    },
    {
      content: "Edit the step of the row",
      trigger: "div[name='field_ids'] .o_data_row:nth-child(1) td[name='step_number']",
    },
    cell("field_ids", 1, "step_number", "text 1"),
    ...field(2, "Children count", "number", "1"),
    ...field(3, "I confirm my answers are true", "declaration", "2"),
    ...field(4, "Proof of address", "file", "2"),
    {
      content: "Tie the upload to the program's required document",
      trigger:
        "div[name='field_ids'] .o_selected_row div[name='document_type_id'] input",
      run: "text Journey Proof",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu a:contains('Journey Proof')",
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
    {
      content: "Open every setting of the number",
      trigger:
        "div[name='field_ids'] tr:contains('Children count') .o_list_record_open_form_view button",
    },
    {
      content: "Show it only depending on the yes/no question",
      trigger: "div[name='visible_if_field_id'] input",
      run: "text Has children",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu a:contains('Has children')",
    },
    {
      content: "The answer is chosen among Yes and No",
      trigger: "div[name='visible_if_answer'] input[data-value='yes']",
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
      trigger: ".o_breadcrumb a:contains('Journey form')",
    },
    {
      content: "Check the whole form",
      trigger: "button[name='action_check_form']",
    },
    {
      content: "No problem found",
      trigger: ".o_notification:contains('no problem found')",
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("g2p_portal_forms_publish_program", {
  test: true,
  steps: () => [
    {
      content: "Publish the program",
      trigger: "button[name='action_publish']",
    },
    {
      content: "Confirm",
      trigger: ".modal-footer .btn-primary",
    },
    {
      content: "The program is published",
      trigger: ".o_statusbar_status .o_arrow_button_current:contains('Published')",
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("g2p_portal_forms_apply_journey", {
  test: true,
  steps: () => [
    {
      content: "The number is hidden (and disabled) until the question is answered yes",
      trigger: ".o_g2p_form_field[data-field-name='has_children']",
      run() {
        const wrapper = document.querySelector("[data-field-name='children_count']");
        if (
          !wrapper.classList.contains("d-none") ||
          !wrapper.querySelector("input").disabled
        ) {
          console.error(
            "The conditional number is shown before its question is answered"
          );
        }
      },
    },
    {
      content: "Answer yes",
      trigger: "input[name='has_children'][value='yes']",
    },
    {
      content: "The number appears",
      trigger: "input#g2p_field_children_count:not(:disabled)",
      run: "text 2",
    },
    {
      content: "Next step",
      trigger: "button.o_g2p_next",
    },
    {
      content: "Tick the declaration",
      trigger: ".o_g2p_step_counter:contains('Step 2 of 2')",
      run() {
        document.querySelector("input#g2p_field_i_confirm_my_answers_are_true").click();
        const input = document.querySelector("input[name='proof_of_address']");
        const transfer = new DataTransfer();
        transfer.items.add(
          new File(["%PDF-1.4\n%%EOF\n"], "journey-proof.pdf", {
            type: "application/pdf",
          })
        );
        input.files = transfer.files;
      },
    },
    {
      content: "Continue to check the answers",
      trigger: "button.o_g2p_review_next",
    },
    {
      content: "The declaration is among the answers to check",
      trigger: ".o_g2p_review:contains('I confirm my answers are true')",
      isCheck: true,
    },
    {
      content: "Submit the application",
      trigger: "button.o_g2p_submit",
    },
    {
      content: "The application shows the document",
      trigger: "body:contains('journey-proof.pdf')",
      isCheck: true,
    },
  ],
});
