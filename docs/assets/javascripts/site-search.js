/*
 * Site search: adjustments to Material's built-in search. Loaded by overrides/main.html
 * BEFORE Material's bundle, which creates the search worker and requests the index at once.
 * 0. Offline (file://): drop the navigation.instant flag, which Material cannot honour there and
 *    which stops its document$ stream (so diagrams, tooltips and copy-cite.js would not run).
 * 1. Lazy index: hold back the XHR for search/search_index.json and the search worker (a
 *    stand-in queues its listeners and messages) until the reader reaches for search:
 *    focus in the box (click, tap, s / f / "/"), #__search opened, pointer over or on the search
 *    box or button, or ?q= / ?h= in the URL. Nothing is held back on file:// (Material waits there).
 * 2. Our engine: when Material starts its lunr worker, search-worker.js (Vietnamese syllables and
 *    bigrams, folding, synonyms, "điều 6" look-ups; search-engine.js) starts instead. It speaks
 *    Material's message protocol; when nothing matches well its result carries `none`, a
 *    sentence shown in Material's result count line above the guide/FAQ/article-list links.
 * 3. NFC: decomposed input (some keyboards, pasted text) is normalised before Material reads it.
 */
(function () {
  "use strict";

  if (window.__siteSearch) return;
  var state = window.__siteSearch = { released: location.protocol === "file:" };

  /* 0. Offline bundle ------------------------------------------------------- */
  if (location.protocol === "file:") {
    var cfg = document.getElementById("__config");
    try {
      var parsed = JSON.parse(cfg.textContent);
      parsed.features = parsed.features.filter(function (f) { return !/^navigation\.instant/.test(f); });
      cfg.textContent = JSON.stringify(parsed);
    } catch (e) { /* no config: nothing to adjust */ }
  }

  /* 3. NFC ------------------------------------------------------------------ */
  document.addEventListener("input", function (ev) {
    var el = ev.target;
    if (el && el.classList && el.classList.contains("md-search__input") && el.value.normalize) {
      var nfc = el.value.normalize("NFC");
      if (nfc !== el.value) el.value = nfc;
    }
  }, true);

  /* 2. Our engine ----------------------------------------------------------- */
  var OWN_WORKER = "search-worker.js";
  function engineUrl(url) { return String(url).replace(/workers\/search\.[\w-]+(?:\.min)?\.js/, OWN_WORKER); }
  function afterMessage(ev) {
    var data = ev && ev.data;
    if (data && data.type === 3 && data.data && data.data.none) {  // Material: RESULT, rendered by now
      var meta = document.querySelector(".md-search-result__meta");
      if (meta) meta.textContent = data.data.none;
    }
  }
  var wrapped = typeof WeakMap === "function" ? new WeakMap() : null;
  function wrap(type, fn) {
    if (type !== "message" || typeof fn !== "function" || !wrapped) return fn;
    if (!wrapped.has(fn)) wrapped.set(fn, function (ev) { fn.call(this, ev); afterMessage(ev); });
    return wrapped.get(fn);
  }

  /* 1. Lazy index ----------------------------------------------------------- */
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var WORKER = /\/workers\/search\.[\w-]+(?:\.min)?\.js(?:[?#]|$)/;
  var waiting = [];

  function release() {
    if (state.released) return;
    state.released = true;
    waiting.splice(0).forEach(function (start) {
      try { start(); } catch (e) { window.setTimeout(function () { throw e; }); }
    });
  }
  state.release = release;

  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__siteSearchIndex = INDEX.test(String(url));
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__siteSearchIndex && !state.released) {
      var xhr = this, args = arguments;
      waiting.push(function () {
        if (xhr.readyState === 1) xhrSend.apply(xhr, args);  // still OPENED (not aborted meanwhile)
      });
      return;
    }
    return xhrSend.apply(this, arguments);
  };

  var RealWorker = window.Worker;  // on file:// Material's iframe-worker polyfill, loaded earlier
  if (typeof RealWorker === "function") {
    var SearchWorker = function (url, options) {
      if (!WORKER.test(String(url))) return new RealWorker(url, options);
      var real = null, dead = false, listeners = [], queue = [], handlers = {};
      var stand = {
        addEventListener: function (type, fn, opts) {
          fn = wrap(type, fn);
          if (real) real.addEventListener(type, fn, opts); else listeners.push([type, fn, opts]);
        },
        removeEventListener: function (type, fn, opts) {
          fn = wrap(type, fn);
          if (real) { real.removeEventListener(type, fn, opts); return; }
          listeners = listeners.filter(function (l) { return !(l[0] === type && l[1] === fn); });
        },
        postMessage: function (message, transfer) {
          if (real) real.postMessage(message, transfer); else queue.push([message, transfer]);
        },
        terminate: function () {
          dead = true;
          if (real) real.terminate();
        }
      };
      ["onmessage", "onerror", "onmessageerror"].forEach(function (prop) {
        Object.defineProperty(stand, prop, {
          get: function () { return real ? real[prop] : handlers[prop] || null; },
          set: function (fn) {
            if (prop === "onmessage") fn = wrap("message", fn);
            if (real) real[prop] = fn; else handlers[prop] = fn;
          }
        });
      });
      var start = function () {
        if (dead) return;
        real = new RealWorker(engineUrl(url), options);
        Object.keys(handlers).forEach(function (prop) { real[prop] = handlers[prop]; });
        listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
        queue.forEach(function (q) { real.postMessage(q[0], q[1]); });
        listeners = queue = null;
      };
      if (state.released) start(); else waiting.push(start);
      return stand;
    };
    SearchWorker.prototype = RealWorker.prototype;
    window.Worker = SearchWorker;
  }

  function isSearch(el) {
    return !!(el && el.closest && el.closest('.md-search, label[for="__search"]'));
  }
  document.addEventListener("focusin", function (ev) { if (isSearch(ev.target)) release(); }, true);
  document.addEventListener("pointerover", function (ev) { if (isSearch(ev.target)) release(); }, true);
  document.addEventListener("pointerdown", function (ev) { if (isSearch(ev.target)) release(); }, true);
  document.addEventListener("change", function (ev) {
    if (ev.target && ev.target.id === "__search" && ev.target.checked) release();
  }, true);
  function fromUrl() {
    if (/[?&][qh]=/.test(location.search)) release();
  }
  fromUrl();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fromUrl);  // (document$ is defined by the bundle, after this file)
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(fromUrl);
    });
  }
})();
