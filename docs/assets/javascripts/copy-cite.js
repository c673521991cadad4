/* "Copy link" and "copy citation" beside every clause, point and FAQ question.
 *
 * Progressive enhancement: the page works without it. The citation text comes
 * from the data-cite attribute the build sets on each clause and point
 * (lawsite.md_structure), so the wording is the site's canonical one. Buttons
 * are real <button>s (keyboard and screen-reader accessible); their icons are
 * CSS pseudo-elements with user-select: none, so selecting and copying a
 * clause copies the law text only.
 *
 * Loaded with `defer` (mkdocs.yml). site.css reserves the buttons' room in
 * each clause and point before this script runs, so adding them moves no text. */
(function () {
  "use strict";

  /* Addresses readers share are the PUBLIC, directory-style ones (".../luat/dieu-6/#khoan-1"),
   * whatever build this is: a local preview (127.0.0.1), the offline bundle (file://, pages named
   * "dieu-6.html") or the portal itself. The build writes the public address of the site root in
   * <meta name="lawsite:public-root"> (overrides/main.html: extra.public_url, else site_url); the
   * root of THIS build is Material's config.base, resolved once against the first page loaded
   * (instant navigation keeps this script and its ROOT). */
  var ROOT = (function () {
    try {
      var cfg = JSON.parse(document.getElementById("__config").textContent);
      return new URL(cfg.base.replace(/\/?$/, "/"), location.href).href;
    } catch (e) { return null; }
  })();
  var PUBLIC = (function () {
    var meta = document.querySelector('meta[name="lawsite:public-root"]');
    var value = meta && meta.getAttribute("content");
    return value ? value.replace(/\/?$/, "/") : null;
  })();

  function toPublic(url) {
    var abs = new URL(url, location.href);
    var hash = abs.hash;
    abs.hash = "";
    abs.search = "";
    var href = abs.href;
    if (!ROOT || !PUBLIC || href.indexOf(ROOT) !== 0) { return href + hash; }
    var rel = href.slice(ROOT.length);
    if (/(^|\/)index\.html$/.test(rel)) { rel = rel.slice(0, -10); }
    else if (/\.html$/.test(rel)) { rel = rel.slice(0, -5) + "/"; }
    return PUBLIC + rel + hash;
  }
  window.__lawsitePublicUrl = toPublic;  // for print and tests

  function pageUrl() {
    return toPublic(location.href.split("#")[0]);
  }

  function announce(text) {
    var live = document.getElementById("cite-live");
    if (!live) {
      live = document.createElement("div");
      live.id = "cite-live";
      live.className = "cite-live";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function button(kind, label, value, done) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cite-btn cite-btn--" + kind;
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", function () {
      copy(value()).then(function () {
        b.classList.add("cite-btn--done");
        announce(done);
        window.setTimeout(function () { b.classList.remove("cite-btn--done"); }, 1500);
      }, function () { announce("Không sao chép được. Hãy chọn và sao chép thủ công."); });
    });
    return b;
  }

  /* Three actions per clause or point: the link, the citation in standard form
   * ("khoản 1 Điều 6 Luật Trách nhiệm bồi thường của Nhà nước năm 2017"), and both in one
   * ("… năm 2017, https://…/luat/dieu-6/#khoan-1") for a handout or an e-mail. An FAQ entry's
   * citation names the question and the site. */
  function tools(el, name, cite) {
    var box = document.createElement("span");
    box.className = "cite-tools";
    var link = function () { return pageUrl() + "#" + el.id; };
    box.appendChild(button("link", "Sao chép liên kết đến " + name, link, "Đã sao chép liên kết đến " + name));
    if (cite) {
      box.appendChild(button("cite", "Sao chép trích dẫn " + name,
        function () { return cite; }, "Đã sao chép trích dẫn: " + cite));
      box.appendChild(button("citelink", "Sao chép trích dẫn kèm liên kết " + name,
        function () { return cite + ", " + link(); }, "Đã sao chép trích dẫn kèm liên kết: " + cite));
    }
    return box;
  }

  function siteName() {
    var meta = document.querySelector('meta[property="og:site_name"]');
    return (meta && meta.getAttribute("content")) || document.title;
  }

  /* Checklists (pymdownx.tasklist) render a bare <input type="checkbox"> before each item's text:
   * wrap the checkbox and the item's inline text in a <label>, so the box has the item as its
   * accessible name (WCAG 1.3.1 / 4.1.2; axe "label"). Nested lists stay outside the label. */
  function labelTaskItems(root) {
    root.querySelectorAll("li.task-list-item > input[type=checkbox]:first-child").forEach(function (box) {
      if (box.closest("label") || box.labels && box.labels.length) { return; }
      var label = document.createElement("label");
      label.className = "task-list-label";
      var li = box.parentNode;
      li.insertBefore(label, box);
      while (label.nextSibling && !/^(UL|OL|P|DIV|TABLE|BLOCKQUOTE|PRE)$/.test(label.nextSibling.nodeName)) {
        label.appendChild(label.nextSibling);
      }
    });
  }

  function enhance() {
    var root = document.querySelector("article.md-content__inner");
    if (!root) { return; }
    labelTaskItems(root);
    if (root.querySelector(".cite-tools")) { return; }
    root.querySelectorAll(".khoan[id], .diem[id]").forEach(function (el) {
      var cite = el.getAttribute("data-cite") || "";
      var name = cite.replace(/ (Luật|Nghị định|Thông tư) .*$/, "") || el.id;
      var host = el.classList.contains("khoan") ? el.querySelector("p") : el;
      if (host) {
        host.insertBefore(tools(el, name, cite), host.firstChild);
        host.classList.add("cite-ready");  // drops the CSS placeholder of the same size (site.css): no layout shift
      }
    });
    if (/\/hoi-dap\/[^/]+/.test(location.pathname) || document.querySelector(".faq-page")) {
      root.querySelectorAll("h2[id]").forEach(function (h) {
        var question = h.textContent.replace(/¶$/, "").trim();
        h.appendChild(tools(h, "câu hỏi “" + question + "”", "Hỏi đáp “" + question + "”, " + siteName()));
      });
    }
  }

  /* Printing (A4 handouts). Links print short, as they read, each with a note number; the public
   * addresses print once, in the notes under the page: one note per article cited ("khoản 1
   * Điều 62 [1]" … "[1] https://…/luat/dieu-62/"), one per other page or entry of the site.
   * Links off the site print their address after them (print.css shows a[data-url]). The page's
   * own public address prints under the title. Citation links inside law text (a.cite) print as
   * they are: their text names the unit, and 300+ notes would drown the whole-text page. */
  var ARTICLE_PAGE = /\/dieu-\d+\/$/;

  function printNotes(root) {
    var old = root.querySelector(".print-notes");
    if (old) { old.parentNode.removeChild(old); }
    var notes = [], index = {};
    root.querySelectorAll("a[href]:not(.headerlink):not(.cite)").forEach(function (a) {
      if (a.closest(".cite-tools, .print-notes, .print-url") || a.getAttribute("href").charAt(0) === "#") { return; }
      var url = toPublic(a.href);
      if (url.split("#")[0] === pageUrl()) { return; }  // a place on this page (a diagram's steps)
      if (PUBLIC && url.indexOf(PUBLIC) === 0) {
        var page = url.split("#")[0];
        var key = ARTICLE_PAGE.test(page) ? page : url;
        if (!(key in index)) { index[key] = notes.push(key); }
        a.setAttribute("data-note", index[key]);
        a.removeAttribute("data-url");
      } else if (!a.hasAttribute("data-url")) {
        a.setAttribute("data-url", url);
      }
    });
    if (!notes.length) { return; }
    var box = document.createElement("section");
    box.className = "print-notes print-only";
    var title = document.createElement("p");
    title.className = "print-notes__title";
    title.textContent = "Địa chỉ trực tuyến của các điều và trang được dẫn: " + PUBLIC + " và tiếp theo là";
    box.appendChild(title);
    var list = document.createElement("ol");
    notes.forEach(function (url) {
      var li = document.createElement("li");
      li.textContent = url.slice(PUBLIC.length);
      list.appendChild(li);
    });
    box.appendChild(list);
    root.appendChild(box);
  }

  window.addEventListener("beforeprint", function () {
    var root = document.querySelector("article.md-content__inner");
    // Pages with their own print layout (the priorities letters and checklists) already
    // carry a .print-url line and choose which links print their target.
    if (!root || root.querySelector(".print-url:not(.print-url--page)")) { return; }
    printNotes(root);
    if (root.querySelector(".print-url--page")) { return; }
    var h1 = root.querySelector("h1");
    var line = document.createElement("p");
    line.className = "print-url print-url--page print-only";
    line.textContent = "Bản trực tuyến: " + pageUrl();
    if (h1) { h1.insertAdjacentElement("afterend", line); }
  });

  // Each page of instant navigation comes through document$; the first page also through
  // DOMContentLoaded, in case document$ does not emit (enhance() runs once per page).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
