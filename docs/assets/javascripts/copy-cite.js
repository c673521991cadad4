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

  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return (canonical && canonical.href) || location.href.split("#")[0];
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

  function tools(el, name, cite) {
    var box = document.createElement("span");
    box.className = "cite-tools";
    box.appendChild(button("link", "Sao chép liên kết đến " + name,
      function () { return pageUrl() + "#" + el.id; }, "Đã sao chép liên kết đến " + name));
    if (cite) {
      box.appendChild(button("cite", "Sao chép trích dẫn " + name,
        function () { return cite; }, "Đã sao chép trích dẫn: " + cite));
    }
    return box;
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
        h.appendChild(tools(h, "câu hỏi “" + h.textContent.replace(/¶$/, "").trim() + "”", ""));
      });
    }
  }

  /* Printing (A4 handouts): every link prints its absolute target after it (print.css shows
   * a[data-url]), and the page's own address is printed under the title. Citation links in law
   * text (a.cite) are left as they are: their text already names the article, clause or point,
   * and 300+ URLs would drown the whole-text page. */
  window.addEventListener("beforeprint", function () {
    var root = document.querySelector("article.md-content__inner");
    // Pages with their own print layout (the priorities letters and checklists) already
    // carry a .print-url line and choose which links print their target.
    if (!root || root.querySelector(".print-url")) { return; }
    root.querySelectorAll("a[href]:not([data-url]):not(.headerlink):not(.cite)").forEach(function (a) {
      if (a.closest(".cite-tools")) { return; }
      a.setAttribute("data-url", a.href);
    });
    var h1 = root.querySelector("h1");
    var line = document.createElement("p");
    line.className = "print-url print-only";
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
