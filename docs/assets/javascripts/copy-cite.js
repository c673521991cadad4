/* "Copy link" and "copy citation" beside every clause, point and FAQ question.
 *
 * Progressive enhancement: the page works without it. The citation text comes
 * from the data-cite attribute the build sets on each clause and point
 * (lawsite.md_structure), so the wording is the site's canonical one. Buttons
 * are real <button>s (keyboard and screen-reader accessible); their icons are
 * CSS pseudo-elements with user-select: none, so selecting and copying a
 * clause copies the law text only. */
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

  function enhance() {
    var root = document.querySelector("article.md-content__inner");
    if (!root || root.querySelector(".cite-tools")) { return; }
    root.querySelectorAll(".khoan[id], .diem[id]").forEach(function (el) {
      var cite = el.getAttribute("data-cite") || "";
      var name = cite.replace(/ (Luật|Nghị định|Thông tư) .*$/, "") || el.id;
      var host = el.classList.contains("khoan") ? el.querySelector("p") : el;
      if (host) { host.insertBefore(tools(el, name, cite), host.firstChild); }
    });
    if (/\/hoi-dap\/[^/]+/.test(location.pathname) || document.querySelector(".faq-page")) {
      root.querySelectorAll("h2[id]").forEach(function (h) {
        h.appendChild(tools(h, "câu hỏi “" + h.textContent.replace(/¶$/, "").trim() + "”", ""));
      });
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
