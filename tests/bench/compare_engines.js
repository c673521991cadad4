/*
 * Engine comparison (tests/bench/compare_engines.py): the same documents, terms (search-engine.js:
 * syllables + bigrams, accented + folded), query analysis (weights, synonyms), direct "điều N"
 * references and result rendering, with three libraries doing the indexing and ranking:
 * MiniSearch (the site's engine as shipped), lunr 2.3.9 (custom tokenizer, empty pipelines, field
 * boosts; BM25) and FlexSearch 0.8 (one index per field, custom encoder; rank-position scoring
 * merged with the same field boosts). Each build() returns its set-up time and a query function.
 */
(function () {
  "use strict";
  var E = window.SiteSearchEngine;

  function timed(fn) { var t0 = performance.now(); var v = fn(); return { ms: performance.now() - t0, value: v }; }
  function renderer(engine) {
    var render = window.SiteSearchResults(E, engine);
    return function (q) { return render(q).items.filter(function (g) { return !g[0].fallback; }).map(function (g) { return g[0].location; }); };
  }

  var build = {
    minisearch: function (index) {
      var t = timed(function () { return E.create(index); });
      return { ms: t.ms, query: renderer(t.value) };
    },

    lunr: function (index) {
      var engine = E.prepare(index);
      var t = timed(function () {
        return window.lunr(function () {
          var b = this;
          b.ref("i");
          Object.keys(E.BOOST).forEach(function (f) { b.field(f, { boost: E.BOOST[f] }); });
          b.pipeline.reset();
          b.searchPipeline.reset();
          b.tokenizer = function (obj) {
            if (obj == null) return [];
            return E.terms(String(obj)).map(function (x) { engine.vocab[x] = true; return new window.lunr.Token(x, {}); });
          };
          engine.docs.forEach(function (d) { b.add(E.fields(d), { boost: E.KIND[d.kind] }); });
        });
      });
      var idx = t.value;
      engine.search = function (eng, query, partial) {
        var a = E.analyse(eng, query, partial);
        var list = Object.keys(a.weights);
        if (!list.length) return [];
        var res = idx.query(function (Q) {
          list.forEach(function (term) {
            Q.term(term, { boost: a.weights[term], usePipeline: false, editDistance: a.fuzzy[term] ? 1 : 0,
                           wildcard: a.prefix[term] ? window.lunr.Query.wildcard.TRAILING : window.lunr.Query.wildcard.NONE });
          });
        });
        return E.merge(eng, query, res.map(function (r) {
          return { id: +r.ref, score: r.score, terms: Object.keys(r.matchData.metadata) };
        }));
      };
      return { ms: t.ms, query: renderer(engine) };
    },

    flexsearch: function (index) {
      var engine = E.prepare(index);
      var F = window.FlexSearch;
      var fields = Object.keys(E.BOOST);
      var t = timed(function () {
        var out = {};
        fields.forEach(function (f) {
          var enc = new F.Encoder({ normalize: false, dedupe: false, numeric: false, split: " ",
                                    prepare: function (s) { return E.terms(s).join(" "); } });
          out[f] = new F.Index({ encoder: enc, tokenize: "strict", resolution: 9 });
        });
        engine.docs.forEach(function (d) {
          var v = E.fields(d);
          fields.forEach(function (f) { if (v[f]) out[f].add(d.i, v[f]); });
          E.terms(d.t + " " + d.x + " " + d.a).forEach(function (x) { engine.vocab[x] = true; });
        });
        return out;
      });
      var ix = t.value;
      engine.search = function (eng, query) {
        var a = E.analyse(eng, query, false);
        var list = Object.keys(a.weights);
        if (!list.length) return [];
        var scores = Object.create(null), terms = Object.create(null);
        // FlexSearch ranks without scores: score each term's hits by field boost × term weight / rank
        list.forEach(function (term) {
          fields.forEach(function (f) {
            ix[f].search(term, { limit: 200 }).forEach(function (id, r) {
              scores[id] = (scores[id] || 0) + E.BOOST[f] * a.weights[term] * E.KIND[eng.docs[id].kind] / (1 + 0.1 * r);
              (terms[id] = terms[id] || []).push(term);
            });
          });
        });
        var ranked = Object.keys(scores).map(function (id) { return { id: +id, score: scores[id], terms: terms[id] }; });
        ranked.sort(function (x, y) { return y.score - x.score; });
        return E.merge(eng, query, ranked);
      };
      return { ms: t.ms, query: renderer(engine) };
    }
  };

  window.CompareEngines = {
    build: function (name, index) { var b = build[name](index); window.__cmp = b; return b.ms; },
    run: function (queries) {
      return queries.map(function (q) {
        var t0 = performance.now(); var ranked = window.__cmp.query(q);
        return { q: q, ms: performance.now() - t0, ranked: ranked };
      });
    }
  };
})();
