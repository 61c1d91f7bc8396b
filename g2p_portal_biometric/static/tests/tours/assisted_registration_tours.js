/** @odoo-module **/
/**
 * An officer on the Assisted registration screen: finds the person, finds the simulated
 * device, captures, and gets a match (then applies), a low quality (then retries), a no
 * match, or no device at all.
 */
import {registry} from "@web/core/registry";

function findAmina() {
  return [
    {content: "The screen opens", trigger: ".o_g2p_find", isCheck: true},
    {
      content: "Type the ID number",
      trigger: "#g2p_search_id_value",
      run: "text 1234567890",
    },
    {content: "Search", trigger: "button.o_g2p_search"},
    {
      content: "Select the person",
      trigger: ".o_g2p_results tr:contains('Amina') button.o_g2p_select",
    },
    {
      content: "The person is chosen",
      trigger: ".o_g2p_person_name:contains('Amina')",
      isCheck: true,
    },
    {content: "Record the consent", trigger: "input.o_g2p_consent"},
  ];
}

function findDeviceAndCapture() {
  return [
    {content: "Find the device", trigger: "button.o_g2p_find_device"},
    {
      content: "The devices are listed with their status and certification",
      trigger:
        ".o_g2p_devices tr:contains('SLAP-SIM'):contains('Ready'):contains('L1')",
      isCheck: true,
    },
    {content: "Capture", trigger: "button.o_g2p_capture:not([disabled])"},
  ];
}

function presentOnSimulator(individualId, quality) {
  return {
    content: `The simulator now sees ${individualId} (quality ${quality})`,
    trigger: ".o_g2p_port",
    async run() {
      const port = new URLSearchParams(window.location.search).get("g2p_sbi_port");
      await fetch(`http://127.0.0.1:${port}/_sim/present`, {
        method: "POST",
        body: JSON.stringify({individualId, quality}),
      });
      document.body.dataset.g2pPresented = individualId + quality;
    },
  };
}

const registryTours = registry.category("web_tour.tours");

registryTours.add("g2p_biometric_match_and_apply", {
  test: true,
  steps: () => [
    ...findAmina(),
    ...findDeviceAndCapture(),
    {
      content: "The quality is shown against the threshold",
      trigger: ".o_g2p_quality tr.table-success:contains('Left IndexFinger')",
      isCheck: true,
    },
    {
      content: "The service confirms the identity",
      trigger: ".o_g2p_outcome[data-result='match']",
      isCheck: true,
    },
    {
      content: "The ID shows as verified",
      trigger: ".o_g2p_verified_badge",
      isCheck: true,
    },
    {
      content: "Apply for the program on the person's behalf",
      trigger: ".o_g2p_program:contains('Assisted Test Program') button.o_g2p_apply",
    },
    {
      content: "The program's portal form",
      trigger: "input[name='household_size']",
      run: "text 99",
    },
    {content: "Submit", trigger: "button.o_g2p_submit"},
    {
      content: "The portal form's own validation speaks",
      trigger: ".o_g2p_form_errors",
      extra_trigger: "input[name='household_size'].is-invalid",
      isCheck: true,
    },
    {
      content: "Correct the answer",
      trigger: "input[name='household_size']",
      run: "text 4",
    },
    {content: "Submit again", trigger: "button.o_g2p_submit"},
    {
      content: "The application is submitted",
      trigger: ".o_g2p_application_done",
      isCheck: true,
    },
    {
      content: "Its receipt can be printed",
      trigger: "a.o_g2p_receipt[href*='/g2p_biometric/receipt/']",
      isCheck: true,
    },
  ],
});

registryTours.add("g2p_biometric_low_quality", {
  test: true,
  steps: () => [
    ...findAmina(),
    ...findDeviceAndCapture(),
    {
      content: "The quality is too low: explained, nothing sent",
      trigger: ".o_g2p_problem[data-problem='low_quality']",
      extra_trigger: ".o_g2p_quality tr.table-danger",
      isCheck: true,
    },
    {
      content: "One capture used",
      trigger: ".o_g2p_attempts_left:contains('2')",
      isCheck: true,
    },
    presentOnSimulator("1234567890", 88),
    {
      content: "Capture again",
      trigger: "button.o_g2p_capture:contains('Capture again'):not([disabled])",
    },
    {
      content: "Now a match",
      trigger: ".o_g2p_outcome[data-result='match']",
      isCheck: true,
    },
  ],
});

registryTours.add("g2p_biometric_no_match", {
  test: true,
  steps: () => [
    ...findAmina(),
    ...findDeviceAndCapture(),
    {
      content: "The service says no match; the ID stays unverified",
      trigger: ".o_g2p_outcome[data-result='no_match']:contains('does not match')",
      isCheck: true,
    },
    {
      content: "No program is offered",
      trigger: "body:not(:has(.o_g2p_programs))",
      isCheck: true,
    },
  ],
});

registryTours.add("g2p_biometric_no_device", {
  test: true,
  steps: () => [
    ...findAmina(),
    {content: "Find the device", trigger: "button.o_g2p_find_device"},
    {
      content: "No device: explained with what to do",
      trigger:
        ".o_g2p_problem[data-problem='no_device']:contains('No biometric device found')",
      isCheck: true,
    },
    {
      content: "Nothing to capture with",
      trigger: "body:not(:has(button.o_g2p_capture))",
      isCheck: true,
    },
  ],
});

registryTours.add("g2p_biometric_provider_popup", {
  test: true,
  steps: () => [
    ...findAmina(),
    {
      content: "Verify at the ID provider: a popup signs the person in with biometrics",
      trigger: "button.o_g2p_provider:not([disabled])",
    },
    {
      content: "The popup reports back; the screen reads the outcome from the server",
      trigger: ".o_g2p_outcome[data-result='match']",
      timeout: 60000,
      isCheck: true,
    },
    {
      content: "Applying is offered",
      trigger: ".o_g2p_programs .o_g2p_program",
      isCheck: true,
    },
  ],
});
