/*
 * The site's search worker, in place of Material's lunr worker (site-search.js starts this file
 * when Material asks for its worker). It speaks Material's message protocol, so Material's search
 * box and result list stay as they are:
 *   SETUP (0) {config, docs}  →  READY (1);   QUERY (2) "text"  →  RESULT (3) {items}
 * where each item is one result: [the FAQ entry or clause, its page] — Material shows the page's
 * title, then the entry's question (or "Khoản 1") with a short snippet, query words marked.
 * When nothing scores well, RESULT also carries `none` (a sentence for the reader) and the items
 * start with the guide, the FAQ index and the article list (site-search.js shows the sentence).
 * Works as a real Worker and inside Material's iframe-worker shim (file://), where importScripts
 * is asynchronous and resolves against the page, hence the absolute URLs.
 */
(function () {
  "use strict";
  if (typeof importScripts === "function") {  // (the benchmark loads this file in a page: no messaging there)
    var here = (typeof document !== "undefined" && document.currentScript && document.currentScript.src) || self.location.href;
    var loaded = Promise.resolve(importScripts(new URL("../vendor/minisearch/index.js", here).href))
      .then(function () { return importScripts(new URL("search-engine.js", here).href); });
    var engine = null, render = null;
    addEventListener("message", function (ev) {
      var message = ev.data;
      loaded.then(function () {
        if (message.type === 0) {
          engine = self.SiteSearchEngine.create(message.data);
          render = self.SiteSearchResults(self.SiteSearchEngine, engine);
          postMessage({ type: 1 });
        } else if (message.type === 2 && engine) {
          postMessage({ type: 3, data: render(String(message.data || "")) });
        }
      });
    });
  }

  /* Results → Material's search items ---------------------------------------------------------- */

  self.SiteSearchResults = function (E, engine) {
    var LIMIT = 20, SNIPPET = 190, WEAK = 0.5;
    var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
    // A result list marks a few thousand words, mostly the same ones: lower-case and fold each once.
    var lowers = new Map(), keys = new Map();
    function low(w) {
      var l = lowers.get(w);
      if (l === undefined) { l = E.lower(w); if (lowers.size < 50000) lowers.set(w, l); }
      return l;
    }
    function key(w) {
      var k = keys.get(w);
      if (k === undefined) { k = E.fold(low(w)); if (keys.size < 50000) keys.set(w, k); }
      return k;
    }

    /** `text` as HTML with the words whose folded form the query matched marked; adds their
     *  lower-case forms to `terms` (the page's own words, for Material's ?h=) when given. */
    var WORDS = /[\p{L}\p{M}\p{N}]+/gu;
    function mark(text, words, terms) {
      var out = "", at = 0, m;
      WORDS.lastIndex = 0;
      while ((m = WORDS.exec(text))) {
        var w = m[0];
        if (!words[key(w)]) continue;
        out += esc(text.slice(at, m.index)) + "<mark>" + w + "</mark>";
        at = m.index + w.length;
        if (terms && !E.STOP_SET[low(w)]) terms[low(w)] = true;
      }
      return out + esc(text.slice(at));
    }
    function snippet(text, words) {
      if (text.length <= SNIPPET) return text;
      var re = /[\p{L}\p{M}\p{N}]+/gu, m, at = 0;
      while ((m = re.exec(text))) { if (words[key(m[0])] && !E.STOP_SET[low(m[0])]) { at = m.index; break; } }
      var start = at < SNIPPET / 2 ? 0 : text.lastIndexOf(" ", at - 40) + 1;
      var end = text.indexOf(" ", Math.min(text.length, start + SNIPPET));
      end = end < 0 ? text.length : end;
      return (start ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
    }
    function label(doc) {
      if (doc.h) return doc.h;
      var u = doc.unit;
      if (u && doc.kind === "unit" && (u.khoan !== null || u.diem)) {
        return (u.diem ? "Điểm " + u.diem + (u.khoan !== null ? " khoản " + u.khoan : "") : "Khoản " + u.khoan);
      }
      return doc.t;
    }
    function page(doc) {
      var at = doc.l.indexOf("#");
      if (at < 0) return null;
      var p = engine.byPage[doc.l.slice(0, at)];
      return p ? { location: p.l, title: esc(p.t), text: "", score: 0, terms: {} } : null;
    }
    function item(r, words, score) {
      var doc = r.doc, terms = {}, name = label(doc), title = doc.h || doc.t, shown;
      if (name === title) shown = mark(name, words, terms);
      else { mark(title, words, terms); shown = mark(name, words); }
      var main = { location: doc.l, title: shown, text: mark(snippet(doc.x, words), words, terms), score: score, terms: terms };
      var parent = page(doc);
      return parent ? [main, parent] : [main];
    }
    function fallback(pages) {
      return [
        [pages.guide, "Hướng dẫn từng bước yêu cầu bồi thường", "Các bước, hồ sơ cần chuẩn bị và thời hạn, bằng lời dễ hiểu."],
        [pages.faq, "Hỏi đáp", "Các câu hỏi thường gặp, xếp theo chủ đề."],
        [pages.articles, "Danh sách các điều của Luật", "Mục lục Luật Trách nhiệm bồi thường của Nhà nước 2017."]
      ].filter(function (p) { return p[0]; }).map(function (p) {
        return [{ location: p[0], title: esc(p[1]), text: esc(p[2]), score: 0, terms: {}, fallback: true }];
      });
    }

    return function (query) {
      var q = query.normalize ? query.normalize("NFC") : query;
      if (!q.trim()) return { items: [] };
      var results = (engine.search || E.search)(engine, q, !/\s$/.test(q)).slice(0, LIMIT);
      var words = {};
      E.runs(q).forEach(function (w) { w.forEach(function (x) { words[E.fold(x)] = true; }); });  // (the query's words, folded)
      var matched = new Set();  // (the results share most of their terms)
      results.forEach(function (r) { r.matched.forEach(function (t) { matched.add(t); }); });
      matched.forEach(function (t) { t.split("_").forEach(function (x) { words[key(x)] = true; }); });
      var items = results.map(function (r) { return item(r, words, r.score); });
      if (E.coverage(engine, q, results[0]) < WEAK) {
        return {
          items: fallback(engine.pages).concat(items.slice(0, 5)),
          none: results.length
            ? "Không tìm thấy câu trả lời khớp rõ với câu hỏi. Hãy xem hướng dẫn, hỏi đáp hoặc danh sách các điều dưới đây, hoặc thử từ khác."
            : "Không tìm thấy kết quả. Hãy xem hướng dẫn, hỏi đáp hoặc danh sách các điều dưới đây, hoặc thử từ khác."
        };
      }
      return { items: items };
    };
  };
})();
