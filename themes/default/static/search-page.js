// The search page: runs the query in ?q= on load and as it is typed, lists the
// results with the matched words marked, keeps the address in step (so a search can
// be linked), and moves through the results with the arrow keys. Uses search.js.
(function () {
  "use strict";

  var PAGE = 10;
  var S = window.SiteSearch;
  var form = document.querySelector("form.search-form");
  if (!S || !form) return;
  var input = document.getElementById("search-q");
  var section = document.getElementById("search-section");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var line = document.getElementById("search-status-line");
  var more = document.getElementById("search-more");
  var nojs = document.getElementById("search-nojs");
  if (nojs) nojs.hidden = true;
  var index = new S.Index(form.getAttribute("data-index"));
  var current = null;
  var run = 0;
  var timer = 0;

  function t(key) {
    return form.getAttribute("data-t-" + key) || "";
  }

  function choose(select, value) {
    if (!select) return;
    var known = Array.prototype.some.call(select.options, function (o) {
      return o.value === value;
    });
    select.value = known ? value : "";
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  choose(section, params.get("section") || "");
  choose(status, params.get("status") || "");

  function filter() {
    return { section: section ? section.value : "", status: status ? status.value : "" };
  }

  function keepUrl(q) {
    var next = new URLSearchParams();
    if (q) next.set("q", q);
    var f = filter();
    if (f.section) next.set("section", f.section);
    if (f.status) next.set("status", f.status);
    var query = next.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function search() {
    var q = input.value.trim();
    var mine = ++run;
    keepUrl(q);
    list.replaceChildren();
    more.hidden = true;
    if (!q) {
      line.textContent = t("prompt");
      list.setAttribute("data-state", "done");
      return Promise.resolve();
    }
    line.textContent = t("loading");
    list.setAttribute("data-state", "busy");
    var started = performance.now();
    return index
      .search(q, filter())
      .then(function (found) {
        if (mine !== run) return null;
        current = { docs: found.docs, forms: found.forms, shown: 0 };
        var text = found.docs.length ? t("results") : t("none");
        line.textContent = text.replace("{n}", String(found.docs.length)).replace("{q}", q);
        return showMore(mine);
      })
      .then(function () {
        if (mine !== run) return;
        form.setAttribute("data-search-ms", String(performance.now() - started));
        list.setAttribute("data-state", "done");
      })
      .catch(function () {
        if (mine !== run) return;
        // Not cached: the dev server may be building the index; the next search retries.
        index = new S.Index(form.getAttribute("data-index"));
        line.textContent = t("failed");
        list.setAttribute("data-state", "failed");
      });
  }

  function showMore(mine) {
    var page = current.docs.slice(current.shown, current.shown + PAGE);
    current.shown += page.length;
    return Promise.all(page.map(function (doc) { return index.doc(doc); })).then(function (rows) {
      if (mine !== run) return;
      rows.forEach(function (row) {
        list.appendChild(result(row, current.forms));
      });
      more.hidden = current.shown >= current.docs.length;
    });
  }

  function result(row, forms) {
    var li = document.createElement("li");
    li.className = "search-result";
    var link = document.createElement("a");
    link.className = "search-result-link";
    link.href = row[0];
    marked(link, S.segments(row[1]), forms, 0, Infinity);
    li.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "search-result-meta";
    var where = document.createElement("span");
    where.className = "search-result-section";
    where.textContent = row[3];
    meta.appendChild(where);
    if (row[4]) {
      var badge = document.createElement("span");
      badge.className = "search-result-status";
      badge.textContent = row[4];
      meta.appendChild(badge);
    }
    li.appendChild(meta);
    var excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    var segs = S.segments(row[2]);
    var first = segs.findIndex(function (s) {
      return s.word && forms.has(s.word);
    });
    var start = Math.max(0, first - 16);
    var end = Math.min(segs.length, start + 70);
    if (start > 0) excerpt.appendChild(document.createTextNode("… "));
    marked(excerpt, segs, forms, start, end);
    if (end < segs.length) excerpt.appendChild(document.createTextNode(" …"));
    li.appendChild(excerpt);
    return li;
  }

  // Appends segments start..end to `parent`, the matched words in <mark>.
  function marked(parent, segs, forms, start, end) {
    segs.slice(start, end).forEach(function (s) {
      if (s.word && forms.has(s.word)) {
        var mark = document.createElement("mark");
        mark.textContent = s.text;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(s.text));
      }
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.search-result-link"));
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    window.clearTimeout(timer);
    search();
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 150);
  });
  [section, status].forEach(function (select) {
    if (select) select.addEventListener("change", search);
  });
  more.addEventListener("click", function () {
    var before = links().length;
    showMore(run).then(function () {
      var all = links();
      if (all[before]) all[before].focus();
    });
  });
  input.addEventListener("keydown", function (e) {
    var all = links();
    if (e.key === "ArrowDown" && all.length) {
      e.preventDefault();
      all[0].focus();
    }
  });
  list.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    e.preventDefault();
    if (e.key === "ArrowDown" && at + 1 < all.length) all[at + 1].focus();
    if (e.key === "ArrowUp") (at > 0 ? all[at - 1] : input).focus();
  });

  S.page = {
    search: function (q) {
      input.value = q;
      return search();
    },
  };
  search();
})();
