/*
 * Progressive enhancement: a "copy" button on every highlighted code block.
 * Without JavaScript there is no button (the code can still be selected).
 * The words come from this script's data attributes, in the page's language;
 * the result is announced to screen readers through one polite live region.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var words = {
    copy: script.getAttribute("data-copy") || "Copy code",
    copied: script.getAttribute("data-copied") || "Copied",
    failed: script.getAttribute("data-failed") || "Could not copy"
  };

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "copy-code-buffer";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (e) {
      done = false;
    }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return fallbackCopy(text);
      });
    }
    return fallbackCopy(text);
  }

  function start() {
    var blocks = document.querySelectorAll("pre.code");
    if (!blocks.length) return;
    var main = document.querySelector("main") || document.body;
    var status = document.createElement("p");
    status.className = "copy-code-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    main.appendChild(status);

    Array.prototype.forEach.call(blocks, function (pre) {
      var frame = document.createElement("div");
      frame.className = "code-frame";
      pre.parentNode.insertBefore(frame, pre);
      frame.appendChild(pre);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-code";
      button.textContent = words.copy;
      frame.appendChild(button);
      button.addEventListener("click", function () {
        var code = pre.querySelector("code") || pre;
        copy(code.textContent).then(
          function () { report(button, words.copied, "copied"); },
          function () { report(button, words.failed, "failed"); }
        );
      });
    });

    function report(button, text, state) {
      status.textContent = "";
      // A fresh text node after emptying: screen readers announce a repeated message.
      window.setTimeout(function () { status.textContent = text; }, 50);
      button.textContent = text;
      button.setAttribute("data-state", state);
      window.clearTimeout(button.copyTimer);
      button.copyTimer = window.setTimeout(function () {
        button.textContent = words.copy;
        button.removeAttribute("data-state");
      }, 2000);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
