// Site search. On every page: `/` focuses the search box. On /search/: the query from
// the box (or ?q=) is looked up in the static index the build wrote under
// /search/index/ (see src/search/index.rs for its layout), one small shard per word.
// The word rules mirror src/search/text.rs: lowercase, Hebrew points removed, Hebrew
// prefixes taken off; English words are looked up by the shard's word → stem map.
(function () {
  "use strict";

  var PAGE = 10;

  function isMark(code) {
    return code >= 0x591 && code <= 0x5c7 && code !== 0x5be && code !== 0x5c0 && code !== 0x5c3 && code !== 0x5c6;
  }
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  // The text cut into runs: {text, word} where word is the normalised word or null.
  function segments(text) {
    var out = [];
    var raw = "";
    var word = "";
    var inWord = false;
    function flush(nextIsWord) {
      if (raw) out.push({ text: raw, word: inWord ? word : null });
      raw = "";
      word = "";
      inWord = nextIsWord;
    }
    for (var ch of text) {
      var code = ch.codePointAt(0);
      if (isMark(code)) {
        raw += ch;
        continue;
      }
      var isWord = WORD_CHAR.test(ch);
      if (isWord !== inWord) flush(isWord);
      raw += ch;
      if (isWord) word += ch.toLowerCase();
    }
    flush(false);
    return out;
  }

  function words(text) {
    var seen = [];
    segments(text).forEach(function (s) {
      if (s.word && Array.from(s.word).length >= 2 && seen.indexOf(s.word) < 0) seen.push(s.word);
    });
    return seen;
  }

  function isHebrew(word) {
    var c = word.codePointAt(0);
    return c >= 0x5d0 && c <= 0x5ea;
  }

  // ו, then one of ש כש מ ל, then one of ה ב ל כ מ; each optional. Shortest first.
  var PREFIXES = (function () {
    var out = [];
    ["", "ו"].forEach(function (a) {
      ["", "ש", "כש", "מ", "ל"].forEach(function (b) {
        ["", "ה", "ב", "ל", "כ", "מ"].forEach(function (c) {
          var p = a + b + c;
          if (p && out.indexOf(p) < 0) out.push(p);
        });
      });
    });
    return out.sort(function (x, y) {
      return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
    });
  })();

  function hebrewStripped(word) {
    var out = [];
    PREFIXES.forEach(function (p) {
      if (word.startsWith(p)) {
        var rest = word.slice(p.length);
        if (Array.from(rest).length >= 2 && out.indexOf(rest) < 0) out.push(rest);
      }
    });
    return out;
  }

  function hex(text) {
    return Array.from(new TextEncoder().encode(text), function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  function Index(base) {
    this.base = base;
    this.files = new Map();
    this.meta = null;
  }

  Index.prototype.get = function (path) {
    var url = this.base + path + (this.meta ? "?v=" + this.meta.v : "");
    if (!this.files.has(url)) {
      this.files.set(
        url,
        fetch(url).then(function (r) {
          if (r.status === 404) return null;
          if (!r.ok) throw new Error(url + ": " + r.status);
          return r.json();
        })
      );
    }
    return this.files.get(url);
  };

  Index.prototype.load = function () {
    var self = this;
    if (self.meta) return Promise.resolve(self.meta);
    return self.get("meta.json").then(function (meta) {
      if (!meta) throw new Error("no index");
      meta.section = expand(meta.ds);
      meta.status = expand(meta.dt);
      self.meta = meta;
      return meta;
    });
  };

  function expand(runs) {
    var out = [];
    runs.forEach(function (run) {
      for (var i = 0; i < run[1]; i++) out.push(run[0]);
    });
    return out;
  }

  Index.prototype.shard = function (key) {
    var prefix = Array.from(key).slice(0, this.meta.shard).join("");
    return this.get("t/" + hex(prefix) + ".json");
  };

  // The terms one query word matches: [{forms, postings, factor}].
  Index.prototype.lookup = function (word) {
    var self = this;
    var keys = [[word, 1]];
    if (isHebrew(word)) {
      hebrewStripped(word).forEach(function (k) {
        keys.push([k, 0.5]);
      });
    }
    return Promise.all(keys.map(function (k) { return self.shard(k[0]); })).then(function (shards) {
      var found = [];
      var terms = [];
      keys.forEach(function (k, i) {
        var shard = shards[i];
        if (!shard) return;
        var term = shard.f[k[0]] || k[0];
        var entry = shard.t[term];
        if (entry && terms.indexOf(term) < 0) {
          terms.push(term);
          found.push({ forms: entry[0], postings: entry[1], factor: k[1] });
        }
      });
      if (found.length || Array.from(word).length < self.meta.shard || !shards[0]) return found;
      // Nothing exact: the words of the site that start with it (a word being typed).
      var shard = shards[0];
      Object.keys(shard.t).concat(Object.keys(shard.f)).forEach(function (key) {
        var term = shard.f[key] || key;
        if (key.startsWith(word) && shard.t[term] && terms.indexOf(term) < 0 && terms.length < 20) {
          terms.push(term);
          found.push({ forms: shard.t[term][0], postings: shard.t[term][1], factor: 0.5 });
        }
      });
      return found;
    });
  };

  // Ranked documents for `query`, with the set of words to mark.
  Index.prototype.search = function (query, filter) {
    var self = this;
    return self.load().then(function (meta) {
      var qwords = words(query);
      return Promise.all(qwords.map(function (w) { return self.lookup(w); })).then(function (perWord) {
        var total = null;
        var forms = new Set();
        perWord.forEach(function (terms) {
          var scores = new Map();
          terms.forEach(function (t) {
            t.forms.forEach(function (f) { forms.add(f); });
            var idf = Math.log(1 + meta.n / (t.postings.length / 2));
            var doc = 0;
            for (var i = 0; i < t.postings.length; i += 2) {
              doc += t.postings[i];
              var s = t.postings[i + 1] * t.factor * idf;
              scores.set(doc, Math.max(scores.get(doc) || 0, s));
            }
          });
          if (total === null) {
            total = scores;
          } else {
            var both = new Map();
            total.forEach(function (s, doc) {
              if (scores.has(doc)) both.set(doc, s + scores.get(doc));
            });
            total = both;
          }
        });
        var docs = [];
        (total || new Map()).forEach(function (s, doc) {
          var section = meta.sections[meta.section[doc]][0];
          var status = meta.statuses[meta.status[doc]][0];
          if ((!filter.section || filter.section === section) && (!filter.status || filter.status === status)) {
            docs.push([doc, s]);
          }
        });
        docs.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return { docs: docs.map(function (d) { return d[0]; }), forms: forms };
      });
    });
  };

  // [url, title, text, section title, status label] of a document.
  Index.prototype.doc = function (doc) {
    var meta = this.meta;
    return this.get("d/" + Math.floor(doc / meta.chunk) + ".json").then(function (rows) {
      var row = rows[doc % meta.chunk];
      var status = meta.statuses[meta.status[doc]][1];
      return [row[0], row[1], row[2], meta.sections[meta.section[doc]][1], status];
    });
  };

  window.SiteSearch = { segments: segments, words: words, hebrewStripped: hebrewStripped, Index: Index };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function start() {
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      var box = document.getElementById("search-q") || document.getElementById("site-search-q");
      if (box && box.offsetParent !== null) {
        e.preventDefault();
        box.focus();
        box.select();
      } else if (box) {
        e.preventDefault();
        window.location.href = "/search/";
      }
    });
  }
})();
