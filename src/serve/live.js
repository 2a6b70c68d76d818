// site serve: live reload. Injected into every served HTML page, in serve mode only.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : null;
  var run = script ? script.getAttribute("data-run") : null;
  var OVERLAY = "site-serve-error";

  // "/assets/style.0123456789.css" -> "/assets/style.css": the same stylesheet, any version.
  function stem(path) {
    return path.replace(/\.[0-9a-f]{10}(\.[a-z0-9]+)$/, "$1");
  }

  function swapStylesheets(urls) {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="stylesheet"]'));
    urls.forEach(function (url) {
      links.forEach(function (link) {
        var path = new URL(link.href, location.href).pathname;
        if (path === url || stem(path) !== stem(url)) return;
        var next = link.cloneNode(false);
        next.href = url;
        // Remove the old sheet only once the new one applies: no flash, no scroll jump.
        next.addEventListener("load", function () { link.remove(); });
        next.addEventListener("error", function () { link.remove(); });
        link.after(next);
      });
    });
  }

  function showError(text) {
    var box = document.getElementById(OVERLAY);
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      // Diagnostics read left to right even over a right-to-left (Hebrew) page.
      box.setAttribute("dir", "ltr");
      box.setAttribute("lang", "en");
      box.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;text-align:left;background:#1e1e1e;color:#f4f4f4;border-bottom:4px solid #e5484d;" +
        "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 4px 24px #0008";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var head = document.createElement("div");
    head.style.cssText = "display:flex;justify-content:space-between;gap:1rem;font-weight:bold;color:#ff8b8b";
    head.textContent = "Build failed. The page below is the last good build; fix the file and save.";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Hide");
    close.style.cssText = "background:none;border:0;color:inherit;font-size:1.25rem;cursor:pointer";
    close.addEventListener("click", function () { box.remove(); });
    head.appendChild(close);
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:.75rem 0 0;white-space:pre-wrap;font:inherit";
    pre.textContent = text;
    box.appendChild(head);
    box.appendChild(pre);
  }

  function hideError() {
    var box = document.getElementById(OVERLAY);
    if (box) box.remove();
  }

  function data(event) {
    try { return JSON.parse(event.data); } catch (e) { return {}; }
  }

  if (!window.EventSource) return;
  // What this script knows, for the curious (and the browser test).
  var status = window.siteServe = { build: build, connected: false };

  function connect() {
    var source = new EventSource("/__site/events");
    source.addEventListener("hello", function (e) {
      var d = data(e);
      status.connected = true;
      // A rebuild happened while this page was loading, or the server restarted.
      var missed = build !== null && String(d.build) !== build;
      var restarted = run !== null && d.run !== undefined && d.run !== run;
      if (missed || restarted) location.reload();
    });
    source.addEventListener("reload", function () { location.reload(); });
    source.addEventListener("css", function (e) {
      var d = data(e);
      build = status.build = String(d.build);
      hideError();
      swapStylesheets(d.urls || []);
    });
    source.addEventListener("build-error", function (e) { showError(data(e).text || ""); });
    // The server is stopping: drop this stream and wait for the next server.
    source.addEventListener("bye", function () {
      status.connected = false;
      source.close();
      setTimeout(connect, 500);
    });
    // Browsers retry a dropped stream by themselves, but give up on a refused one.
    source.onerror = function () {
      status.connected = false;
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  }
  connect();
})();
