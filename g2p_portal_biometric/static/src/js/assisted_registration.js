/** @odoo-module **/
import {
  Component,
  markup,
  onWillStart,
  onWillUnmount,
  useRef,
  useState,
} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import * as sbi from "./sbi_device";

/** What the officer reads for each device problem, and what to do about it. */
export function problemMessage(problem) {
  const messages = {
    no_device: _t(
      "No biometric device found on this computer. Check that the device is plugged in and that its device service is running, then press Find device again."
    ),
    busy: _t(
      "The device is busy with another capture. Wait until it is finished (or close the other program using it), then try again."
    ),
    not_ready: _t(
      "The device is not ready. Unplug it and plug it in again, wait a few seconds, then press Find device."
    ),
    not_registered: _t(
      "The device is not registered with the ID system, so its captures cannot be trusted. Use another device or ask your supervisor to register it."
    ),
    wrong_purpose: _t(
      "This device is set up for registration, not for authentication. Choose an authentication device."
    ),
    no_biometric: _t(
      "Nothing was captured. Ask the person to place their finger, eyes or face on the device as shown, then capture again."
    ),
    timeout: _t(
      "The capture took too long. Ask the person to stay still on the device, then capture again."
    ),
    unreachable: _t(
      "The device service stopped answering. Check that it is still running, then press Find device again."
    ),
    unreachable_timeout: _t(
      "The device service did not answer in time. Check that it is still running, then press Find device again."
    ),
    bad_transaction: _t("The device refused the capture session. Capture again."),
    bad_request: _t(
      "The device cannot capture what was asked. Choose fewer fingers or another modality."
    ),
    bad_response: _t(
      "The device service answered something unexpected. Restart it and try again."
    ),
    device_error: _t(
      "The device reported an error. Restart the device service and try again."
    ),
  };
  return messages[problem] || messages.device_error;
}

export class AssistedRegistration extends Component {
  static template = "g2p_portal_biometric.AssistedRegistration";
  static props = ["*"];

  setup() {
    this.rpc = useService("rpc");
    this.formRef = useRef("applyForm");
    this.state = useState({
      loading: true,
      setup: {},
      search: {id_type_id: "", id_value: "", name: "", phone: ""},
      results: null,
      showNew: false,
      newPerson: {
        given_name: "",
        family_name: "",
        id_type_id: "",
        id_value: "",
        phone: "",
      },
      person: null,
      regIdId: null,
      consent: false,
      scanning: false,
      port: null,
      devices: [],
      infos: [],
      deviceId: null,
      subTypes: ["Left IndexFinger"],
      requestedScore: 40,
      timeoutSec: 10,
      capturing: false,
      captures: 0,
      quality: [],
      outcome: null,
      problem: null,
      error: null,
      programs: null,
      form: null,
      application: null,
      busy: false,
    });
    this.popup = null;
    this.onMessage = this.onMessage.bind(this);
    window.addEventListener("message", this.onMessage);
    onWillUnmount(() => window.removeEventListener("message", this.onMessage));
    onWillStart(async () => {
      const setup = await this.call("/g2p_biometric/setup");
      if (setup) {
        Object.assign(this.state.setup, setup);
        this.state.requestedScore = setup.min_quality;
        this.state.timeoutSec = setup.capture_timeout;
        this.state.search.id_type_id = setup.id_type_id || "";
        this.state.newPerson.id_type_id = setup.id_type_id || "";
      }
      this.state.loading = false;
    });
  }

  get fingers() {
    return sbi.FINGERS;
  }
  get irises() {
    return sbi.IRISES;
  }
  get device() {
    return (
      this.state.devices.find((d) => this.deviceKey(d) === this.state.deviceId) || null
    );
  }
  get regId() {
    return (
      (this.state.person &&
        this.state.person.ids.find((i) => i.id === this.state.regIdId)) ||
      null
    );
  }
  get attemptsLeft() {
    return Math.max(0, (this.state.setup.max_attempts || 0) - this.state.captures);
  }
  get formHtml() {
    return markup(this.state.form && this.state.form.html ? this.state.form.html : "");
  }
  get verified() {
    return Boolean(this.state.outcome && this.state.outcome.matched);
  }

  problemText(problem) {
    return problemMessage(problem);
  }

  deviceProblemText(device) {
    const problem = sbi.deviceProblem(device);
    return problem ? problemMessage(problem) : "";
  }

  async call(route, params = {}) {
    this.state.error = null;
    try {
      return await this.rpc(route, {...params, csrf_token: odoo.csrf_token});
    } catch (error) {
      this.state.error =
        (error.data && error.data.message) ||
        error.message ||
        _t("Something went wrong.");
      return null;
    }
  }

  // -- finding the person ------------------------------------------------------------------
  async onSearch(ev) {
    ev.preventDefault();
    const {id_type_id, id_value, name, phone} = this.state.search;
    const result = await this.call("/g2p_biometric/search", {
      id_type_id: id_value ? Number(id_type_id) || null : null,
      id_value,
      name,
      phone,
    });
    if (result) {
      this.state.results = result.registrants;
    }
  }

  async onCreate(ev) {
    ev.preventDefault();
    const person = await this.call("/g2p_biometric/registrant/create", {
      ...this.state.newPerson,
      id_type_id: Number(this.state.newPerson.id_type_id) || null,
    });
    if (person) {
      this.state.showNew = false;
      this.selectPerson(person);
    }
  }

  selectPerson(person) {
    this.state.person = person;
    const preferred =
      person.ids.find((i) => i.id_type_id === this.state.setup.id_type_id) ||
      person.ids[0] ||
      null;
    this.state.regIdId = preferred ? preferred.id : null;
    this.state.consent = false;
    this.state.captures = 0;
    this.state.quality = [];
    this.state.outcome = null;
    this.state.problem = null;
    this.state.programs = null;
    this.state.form = null;
    this.state.application = null;
  }

  changePerson() {
    this.state.person = null;
    this.state.outcome = null;
    this.state.programs = null;
    this.state.form = null;
    this.state.application = null;
  }

  // -- the device --------------------------------------------------------------------------
  async onFindDevice() {
    this.state.scanning = true;
    this.state.problem = null;
    this.state.devices = [];
    this.state.infos = [];
    const [first, last] = this.state.setup.ports || [sbi.FIRST_PORT, sbi.LAST_PORT];
    const found = await sbi.discover(window.fetch.bind(window), {
      storage: window.localStorage,
      first,
      last,
    });
    this.state.port = found.port;
    this.state.devices = found.devices;
    if (!found.port) {
      this.state.problem = "no_device";
    } else {
      try {
        this.state.infos = await sbi.deviceInfo(window.fetch.bind(window), found.port);
      } catch (error) {
        this.state.problem = error.problem || "device_error";
      }
      const usable = found.devices.find((d) => !sbi.deviceProblem(d));
      this.state.deviceId = usable ? this.deviceKey(usable) : null;
      if (!usable) {
        this.state.problem = sbi.deviceProblem(found.devices[0]) || "device_error";
      }
    }
    this.state.scanning = false;
  }

  deviceKey(device) {
    return `${device.port}:${device.deviceId}`;
  }

  selectDevice(device) {
    this.state.deviceId = this.deviceKey(device);
    this.state.subTypes =
      device.type === "Iris"
        ? ["Left", "Right"]
        : device.type === "Face"
        ? []
        : ["Left IndexFinger"];
    this.state.problem = sbi.deviceProblem(device);
  }

  toggleSubType(subType) {
    const list = this.state.subTypes;
    const index = list.indexOf(subType);
    if (index >= 0) {
      list.splice(index, 1);
    } else {
      list.push(subType);
    }
  }

  // -- capture and verify ------------------------------------------------------------------
  async onCapture() {
    const device = this.device;
    if (!device || !this.regId || !this.state.consent || this.attemptsLeft <= 0) {
      return;
    }
    if (device.type !== "Face" && !this.state.subTypes.length) {
      this.state.problem = "bad_request";
      return;
    }
    this.state.capturing = true;
    this.state.problem = null;
    this.state.outcome = null;
    this.state.quality = [];
    try {
      const txn = await this.call("/g2p_biometric/transaction", {
        reg_id_id: this.regId.id,
      });
      if (!txn) {
        return;
      }
      const setup = this.state.setup;
      const request = sbi.buildCaptureRequest({
        device,
        subTypes: [...this.state.subTypes],
        requestedScore: Number(this.state.requestedScore) || setup.min_quality,
        timeoutMs: (Number(this.state.timeoutSec) || setup.capture_timeout) * 1000,
        transactionId: txn.transaction_id,
        env: setup.env,
        domainUri: setup.domain_uri,
      });
      let captured;
      try {
        this.state.captures += 1;
        captured = await sbi.capture(
          window.fetch.bind(window),
          device.port,
          request,
          setup.min_quality
        );
      } catch (error) {
        this.state.problem = error.problem || "device_error";
        return;
      }
      this.state.quality = captured.quality;
      if (captured.quality.some((q) => !q.ok)) {
        this.state.problem = "low_quality";
        return;
      }
      const outcome = await this.call("/g2p_biometric/verify", {
        reg_id_id: this.regId.id,
        transaction_id: txn.transaction_id,
        biometrics: captured.biometrics,
        consent: this.state.consent,
        certification: device.certification,
      });
      if (outcome) {
        this.state.outcome = outcome;
        if (outcome.matched) {
          await this.afterMatch();
        }
      }
    } finally {
      this.state.capturing = false;
    }
  }

  onVerifyWithProvider() {
    if (!this.regId || !this.state.consent) {
      return;
    }
    this.state.outcome = null;
    const query = new URLSearchParams({
      reg_id_id: String(this.regId.id),
      consent: "1",
      csrf_token: odoo.csrf_token,
    });
    const url = `/g2p_biometric/oidc/start?${query}`;
    this.popup = window.open(url, "g2p_biometric_oidc", "popup,width=520,height=720");
    if (!this.popup) {
      this.state.error = _t(
        "The browser blocked the sign-in window. Allow popups for this site and try again."
      );
    }
  }

  async onMessage(event) {
    // Only this site's popup speaks here; and the message proves nothing by itself: the
    // outcome is read back from the server.
    if (
      event.origin !== window.location.origin ||
      !this.popup ||
      event.source !== this.popup
    ) {
      return;
    }
    const data = event.data || {};
    if (data.type !== "g2p_biometric_oidc" || !data.attempt_id) {
      return;
    }
    this.popup = null;
    const outcome = await this.call("/g2p_biometric/attempt", {
      attempt_id: data.attempt_id,
    });
    if (outcome) {
      this.state.outcome = outcome;
      if (
        outcome.matched &&
        this.state.person &&
        outcome.partner_id === this.state.person.id
      ) {
        await this.afterMatch();
      }
    }
  }

  async afterMatch() {
    const person = await this.call("/g2p_biometric/registrant", {
      partner_id: this.state.person.id,
    });
    if (person) {
      this.state.person = person;
    }
    this.state.programs = await this.call("/g2p_biometric/programs", {
      partner_id: this.state.person.id,
    });
  }

  // -- applying on the person's behalf -----------------------------------------------------
  async openProgram(program) {
    this.state.application = null;
    const form = await this.call("/g2p_biometric/apply/form", {
      partner_id: this.state.person.id,
      program_id: program.id,
    });
    if (form) {
      this.state.form = form;
    }
  }

  async postStep(action) {
    const form = this.formRef.el;
    const data = form ? new FormData(form) : new FormData();
    data.set("csrf_token", odoo.csrf_token);
    data.set("g2p_action", action);
    if (this.state.form.html !== false) {
      data.set("g2p_step", String(this.state.form.step_index));
    }
    data.set("submission_key", this.state.form.submission_key || "");
    this.state.busy = true;
    try {
      const response = await fetch(
        `/g2p_biometric/apply/${this.state.person.id}/${this.state.form.program.id}`,
        {method: "POST", body: data}
      );
      const result = await response.json();
      if (result.error) {
        this.state.error = result.error;
      } else if (result.application) {
        this.state.application = result.application;
        this.state.form = null;
        this.state.programs = await this.call("/g2p_biometric/programs", {
          partner_id: this.state.person.id,
        });
      } else {
        this.state.error = null;
        this.state.form = result;
      }
    } catch {
      this.state.error = _t(
        "The server could not be reached. Your answers so far are saved; try again."
      );
    } finally {
      this.state.busy = false;
    }
  }
}

registry
  .category("actions")
  .add("g2p_portal_biometric.assisted_registration", AssistedRegistration);
