/* Loads truong-hop.js only on the page that has the helper (#th-app), also after Material's
 * instant navigation (which swaps the content without running scripts found in it). Other pages pay
 * for these few lines only. */
(function () {
  var src = document.currentScript && document.currentScript.src.replace(/truong-hop-loader\.js(\?.*)?$/, "truong-hop.js");
  var loaded = false;
  function check() {
    if (loaded || !src || !document.getElementById("th-app")) return;
    loaded = true;
    var s = document.createElement("script");
    s.src = src;
    document.head.appendChild(s);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(check);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
