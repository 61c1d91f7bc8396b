/** @odoo-module **/
/**
 * A registrant applies through a three-step form: prefilled profile, a conditional field
 * that appears as they answer, an error the server reports next to its field, the
 * correction, a file upload, and the submitted application with its answers.
 */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("g2p_portal_forms_apply", {
  test: true,
  steps: () => [
    {
      content: "The first step shows the progress and the prefilled profile",
      trigger: ".o_g2p_step_counter:contains('Step 1 of 3')",
      extra_trigger: "input#g2p_field_given_name[value='Tess']",
      isCheck: true,
    },
    {
      content: "Nothing overflows the screen sideways (phones included)",
      trigger: "form.o_g2p_form",
      run() {
        const overflow = document.documentElement.scrollWidth - window.innerWidth;
        if (overflow > 1) {
          console.error(
            `The page is ${overflow}px wider than the ${window.innerWidth}px screen`
          );
        }
      },
    },
    {
      content: "Give a date of birth",
      trigger: "input#g2p_field_birthdate",
      run() {
        // Date inputs take their value directly (no typing into a date picker).
        this.$anchor[0].value = "1990-05-01";
        this.$anchor[0].dispatchEvent(new Event("change", {bubbles: true}));
      },
    },
    {
      content: "Go to the next step",
      trigger: "button.o_g2p_next",
    },
    {
      content: "Type something that is not a number",
      trigger: ".o_g2p_step_counter:contains('Step 2 of 3')",
      run() {},
    },
    {
      trigger: "input#g2p_field_children",
      run: "text lots",
    },
    {
      content: "Choose a colour",
      trigger: "input[name='color'][value='blue']",
    },
    {
      content: "Say there is a pet",
      trigger: "input[name='has_pet'][value='yes']",
    },
    {
      content: "The pet's name appears, prefilled with its default",
      trigger:
        ".o_g2p_form_field[data-field-name='pet_name']:not(.d-none) input[value='Rex']",
      isCheck: true,
    },
    {
      content: "Try to go on",
      trigger: "button.o_g2p_next",
    },
    {
      content: "The error is shown next to the field, with what was typed",
      trigger: "#g2p_field_children_error",
      extra_trigger: "input#g2p_field_children.is-invalid[value='lots']",
      isCheck: true,
    },
    {
      content: "Correct the answer",
      trigger: "input#g2p_field_children",
      run: "text 2",
    },
    {
      content: "Go to the last step",
      trigger: "button.o_g2p_next",
    },
    {
      content: "Attach the proof",
      trigger: ".o_g2p_step_counter:contains('Step 3 of 3') ",
      run() {
        const input = document.querySelector("input[name='proof']");
        const transfer = new DataTransfer();
        transfer.items.add(
          new File(["%PDF-1.4\n%%EOF\n"], "tour-proof.pdf", {type: "application/pdf"})
        );
        input.files = transfer.files;
      },
    },
    {
      content: "Continue to check the answers",
      trigger: "button.o_g2p_review_next",
    },
    {
      content: "Every answer is listed by step, each with a Change link",
      trigger:
        ".o_g2p_review:contains('Favourite colour'):contains('Blue'):contains('tour-proof.pdf') a.o_g2p_change",
      isCheck: true,
    },
    {
      content: "Submit the application",
      trigger: "button.o_g2p_submit",
    },
    {
      content:
        "The application shows the answers with the form's labels and the document",
      trigger: "body:contains('Favourite colour'):contains('tour-proof.pdf')",
      isCheck: true,
    },
  ],
});
