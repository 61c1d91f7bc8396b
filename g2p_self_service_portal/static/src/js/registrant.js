/**
 * The registrant pages' only script (no framework): every page works without it; it adds
 * what a script does better. Handlers are attached here, never inline, so the pages run
 * under a Content-Security-Policy without 'unsafe-inline'.
 */
(function () {
  "use strict";

  function ready(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  ready(function () {
    // After a failed submission, move focus to the error summary (GOV.UK pattern) so
    // screen readers announce it and keyboard users can follow its links.
    const summary = document.querySelector(".g2p_error_summary");
    if (summary) {
      summary.focus();
    }
    // A link of the error summary focuses its field, not just scrolls to it.
    document
      .querySelectorAll(".g2p_error_summary a[href^='#']")
      .forEach(function (link) {
        link.addEventListener("click", function (event) {
          const target = document.getElementById(link.getAttribute("href").slice(1));
          if (target) {
            event.preventDefault();
            target.focus();
            target.scrollIntoView({block: "center"});
          }
        });
      });
    document.querySelectorAll("button.g2p_print").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  });
})();
