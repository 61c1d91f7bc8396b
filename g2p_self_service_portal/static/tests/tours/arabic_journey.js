/** @odoo-module **/

import {registry} from "@web/core/registry";

const ARABIC_LETTER = /[\u0600-\u06FF]/;

// The page is in Arabic, lays out right to left with the right-to-left stylesheet, and
// fits the screen: nothing sticks out sideways.
function assertArabicPage(page, trigger) {
  return {
    content: `${page}: Arabic, right to left, no sideways scrolling`,
    trigger: `html[dir=rtl] ${trigger}`,
    run() {
      const html = document.documentElement;
      if (!(html.getAttribute("lang") || "").startsWith("ar")) {
        throw new Error(`${page}: the page language is ${html.getAttribute("lang")}`);
      }
      if (getComputedStyle(document.body).direction !== "rtl") {
        throw new Error(`${page}: the body is not laid out right to left`);
      }
      const rtlSheet = [...document.querySelectorAll("link[rel=stylesheet]")].some(
        (link) => /\.rtl(\.min)?\.css/.test(link.href)
      );
      if (!rtlSheet) {
        throw new Error(`${page}: the right-to-left stylesheet is not loaded`);
      }
      const main = document.querySelector("main");
      if (!main || !ARABIC_LETTER.test(main.innerText)) {
        throw new Error(`${page}: no Arabic text in the page content`);
      }
      const nav = document.querySelector(".g2p_header");
      if (!nav || !ARABIC_LETTER.test(nav.innerText)) {
        throw new Error(`${page}: no Arabic text in the header`);
      }
      for (const phone of document.querySelectorAll("a[href^='tel:']")) {
        if (getComputedStyle(phone).direction !== "ltr") {
          throw new Error(
            `${page}: the phone number ${phone.innerText} is not read left to right`
          );
        }
      }
      const overflow = document.documentElement.scrollWidth - window.innerWidth;
      if (overflow > 0) {
        throw new Error(
          `${page} is ${overflow}px wider than the ${window.innerWidth}px screen`
        );
      }
    },
  };
}

registry.category("web_tour.tours").add("g2p_arabic_journey", {
  test: true,
  url: "/web/login?redirect=/my",
  steps: () => [
    {
      content: "Type the login",
      trigger: "input[name=login]",
      run: "text arabic.registrant@example.com",
    },
    {
      content: "Type the password",
      trigger: "input[name=password]",
      run: "text portal-test-pass",
    },
    {
      content: "Sign in",
      trigger: "form.oe_login_form button[type=submit]",
    },
    assertArabicPage("My account", ".g2p_home"),
    {
      content: "The language switcher marks Arabic as the current language",
      trigger: "nav.g2p_lang_switcher[aria-label] [aria-current=true][lang^=ar]:not(a)",
      isCheck: true,
    },
    {
      content: "It offers French, named in French, as a link",
      trigger:
        "nav.g2p_lang_switcher a[hreflang=fr-FR][lang=fr-FR]:contains('Français')",
      isCheck: true,
    },
    {
      content: "Open All Programs",
      trigger: ".g2p_home a[href$='/my/programs/all']",
    },
    assertArabicPage("All Programs", ".g2p_program"),
    {
      content: "Apply to the program",
      trigger: ".g2p_program:contains('Arabic Journey Program') a.g2p_apply",
    },
    assertArabicPage("Apply", "button.g2p_apply_submit"),
    {
      content: "Confirm the application",
      trigger: "button.g2p_apply_submit",
    },
    assertArabicPage("Application submitted", ".g2p_submitted"),
    {
      content: "Switch to French",
      trigger: "nav.g2p_lang_switcher a[hreflang=fr-FR]",
    },
    {
      content: "The page is now in French, left to right",
      trigger: "html[lang=fr-FR][dir=ltr] .g2p_submitted",
      isCheck: true,
    },
  ],
});
