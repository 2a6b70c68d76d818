/*
 * Progressive enhancement for the monthly/annual switch on pricing pages.
 * Without JavaScript the switch already works: two radio inputs and CSS :has().
 * This script mirrors the choice onto the section (for browsers without :has()),
 * remembers it between pages, honours ?billing=annual, and announces the change
 * to screen readers through the section's live region.
 */
(function () {
  "use strict";
  var KEY = "connectsoft-billing";
  var PERIODS = ["monthly", "annual"];

  function remembered() {
    var fromUrl = new URLSearchParams(window.location.search).get("billing");
    if (PERIODS.indexOf(fromUrl) >= 0) return fromUrl;
    try {
      var saved = window.localStorage.getItem(KEY);
      return PERIODS.indexOf(saved) >= 0 ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function remember(period) {
    try {
      window.localStorage.setItem(KEY, period);
    } catch (e) {
      /* storage disabled: the choice lasts for this page only */
    }
  }

  function enhance(section) {
    var inputs = section.querySelectorAll('input[name="billing"]');
    var status = section.querySelector("[data-billing-status]");

    function apply(period, announce) {
      section.setAttribute("data-billing", period);
      inputs.forEach(function (input) {
        input.checked = input.value === period;
      });
      if (announce && status) status.textContent = status.getAttribute("data-" + period) || "";
    }

    inputs.forEach(function (input) {
      input.addEventListener("change", function () {
        if (!input.checked) return;
        apply(input.value, true);
        remember(input.value);
      });
    });
    var checked = section.querySelector('input[name="billing"]:checked');
    apply(remembered() || (checked ? checked.value : "monthly"), false);
  }

  document.querySelectorAll("[data-billing-switch]").forEach(enhance);
})();
