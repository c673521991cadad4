/*
 * Lazy, self-hosted Mermaid for Material for MkDocs.
 *
 * Material 9.x renders every `pre.mermaid` itself and, only if no global
 * `mermaid` exists, downloads https://unpkg.com/mermaid@11/dist/mermaid.min.js.
 * This file (listed in extra_javascript, so it runs before Material's
 * DOMContentLoaded handlers) defines a tiny stand-in global `mermaid`:
 *   - Material then never contacts unpkg;
 *   - the real, vendored mermaid.min.js (about 1 MB gzip) is fetched only when
 *     Material asks to render a diagram, i.e. only on pages that have one
 *     (also after instant navigation: Material calls `mermaid.render` again);
 *   - once loaded, the real library replaces this stand-in as `window.mermaid`.
 * The path is resolved against this script's own URL, so it works under any
 * sub-path and from file://. scripts/vendor_assets.py keeps MERMAID_PATH in
 * step with the pinned Mermaid version.
 */
(function () {
  "use strict";
  var MERMAID_PATH = "../vendor/mermaid/11.17.2/mermaid.min.js";

  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;

  var me = document.currentScript;
  var base = me && me.src ? me.src : document.baseURI;
  var src = new URL(MERMAID_PATH, base).href;
  var options = {};
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var el = document.createElement("script");
        el.src = src;
        el.onload = function () {
          var real = window.mermaid;
          if (!real || real === stub) {
            reject(new Error("mermaid-loader: " + src + " did not define mermaid"));
            return;
          }
          real.initialize(options);
          resolve(real);
        };
        el.onerror = function () {
          loading = null;
          reject(new Error("mermaid-loader: could not load " + src));
        };
        document.head.appendChild(el);
      });
    }
    return loading;
  }

  var stub = {
    initialize: function (opts) {
      options = Object.assign({}, options, opts, { startOnLoad: false });
    },
    render: function () {
      var args = arguments;
      return load().then(function (m) { return m.render.apply(m, args); });
    },
    run: function () {
      var args = arguments;
      return load().then(function (m) { return m.run.apply(m, args); });
    }
  };
  window.mermaid = stub;
})();
