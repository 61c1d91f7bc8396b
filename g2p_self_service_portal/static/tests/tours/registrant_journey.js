/** @odoo-module **/

import {registry} from "@web/core/registry";

// A tiny PDF: the server checks the content, not the name.
const PDF =
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

function assertFitsScreen(page) {
  return {
    content: `${page} fits the screen without sideways scrolling`,
    trigger: "body",
    run() {
      const overflow = document.documentElement.scrollWidth - window.innerWidth;
      if (overflow > 1) {
        throw new Error(
          `${page} is ${overflow}px wider than the ${window.innerWidth}px screen`
        );
      }
    },
  };
}

registry.category("web_tour.tours").add("g2p_registrant_journey", {
  test: true,
  url: "/web/login?redirect=/my",
  steps: () => [
    {
      content: "Type the login",
      trigger: "input[name=login]",
      run: "text journey.registrant@example.com",
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
    {
      content: "Open All Programs from the portal home",
      trigger: ".g2p_home a[href='/my/programs/all']",
    },
    assertFitsScreen("All Programs"),
    {
      content: "Apply to the journey program",
      trigger: ".g2p_program:contains('Journey School Stipend') a.g2p_apply",
    },
    {
      content: "Confirm the application",
      trigger: "button.g2p_apply_submit",
    },
    {
      content: "The application is submitted",
      trigger: ".g2p_submitted",
      isCheck: true,
    },
    assertFitsScreen("Application"),
    {
      content: "Choose the document file",
      trigger: "#g2p_document_file",
      run() {
        const input = document.querySelector("#g2p_document_file");
        const transfer = new DataTransfer();
        transfer.items.add(
          new File([PDF], "birth-certificate.pdf", {type: "application/pdf"})
        );
        input.files = transfer.files;
      },
    },
    {
      content: "Upload it",
      trigger: "button.g2p_upload_submit",
    },
    {
      content: "The document is listed on the application",
      trigger: ".g2p_document_name:contains('birth-certificate.pdf')",
      isCheck: true,
    },
    {
      content: "Open the receipt",
      trigger: "a.g2p_receipt_link",
    },
    {
      content: "The receipt shows the application ID and its QR code",
      trigger:
        ".g2p_receipt .g2p_receipt_id:contains('APP-'), img.g2p_receipt_qr[src^='data:image/png']",
      isCheck: true,
    },
    assertFitsScreen("Receipt"),
    {
      content: "Back to the portal home",
      trigger: ".o_portal_submenu a[href='/my/home']",
    },
    {
      content: "Open My Benefits",
      trigger: ".g2p_home a[href='/my/benefits']",
    },
    {
      content: "The entitlement and the money received are shown",
      trigger: ".g2p_entitlement:contains('Journey Cash') .g2p_entitlement_received",
      isCheck: true,
    },
    assertFitsScreen("My Benefits"),
    {
      content: "Open My Applications from the portal home",
      trigger: ".o_portal_submenu a[href='/my/home']",
    },
    {
      content: "My Applications tile",
      trigger: ".g2p_home a[href='/my/applications']",
    },
    {
      content: "The new application is listed",
      trigger: ".g2p_application:contains('Journey School Stipend')",
      isCheck: true,
    },
  ],
});
