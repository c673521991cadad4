/*
 * Vietnamese question search: the one engine used by the site's search worker
 * (search-worker.js), the benchmark (tests/bench/bench_search.py) and the tests.
 *
 * Why not lunr as Material configures it: in Vietnamese a word is usually two or more syllables
 * ("thời hiệu", "bồi thường"), so single syllables match every page. Here:
 *  - terms are syllable unigrams and adjacent-syllable bigrams ("thời_hiệu"), never across
 *    punctuation, each stored accented (NFC, lower case) and folded (tones removed, đ → d), so
 *    accented, unaccented and mixed queries all match (body text, the bulk, is stored folded only);
 *    the Python twin is scripts/lawsite/tokens.py and tests/browser/test_search_engine.py checks
 *    that both give the same terms on the same inputs;
 *  - MiniSearch (vendored) ranks by BM25+ over fields with boosts: FAQ question (q) and its
 *    "cách hỏi khác" (a) first, then titles (t), then text (x);
 *  - a query term that is not in the index (a typo) is matched fuzzily (one edit), so it never
 *    outweighs exact matches; the last, unfinished syllable is matched as a prefix;
 *  - everyday words expand to the law's words (data/dong-nghia.yml), at a lower weight;
 *  - "điều 6", "khoan 2 dieu 52", "dieu 41 khoan 3" go straight to that unit.
 * Results are Material's search items (one per FAQ entry or clause), so Material's result list
 * renders them; the worker keeps Material's message protocol.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./../vendor/minisearch/index.js"));
  else root.SiteSearchEngine = factory(root.MiniSearch);
})(typeof self !== "undefined" ? self : this, function (MiniSearch) {
  "use strict";

  /* Tokens ---------------------------------------------------------------------------------- */

  var MARKS = /[\u0300-\u036f]/g;
  var BREAK = /[^\p{L}\p{M}\p{N}\s]+/u;     // punctuation ends a run of syllables: no bigram across it
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;

  var ASCII = /^[\x00-\x7f]*$/;
  var folded = new Map();  // syllables repeat: fold each distinct string once
  function lower(s) { s = String(s); return ASCII.test(s) ? s.toLowerCase() : s.normalize("NFC").toLowerCase(); }
  function fold(s) {
    s = String(s);
    if (ASCII.test(s)) return s;
    var f = folded.get(s);
    if (f === undefined) {
      f = s.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
      if (s.length < 40) folded.set(s, f);
    }
    return f;
  }
  /** Runs of syllables (lower case, NFC) between punctuation. */
  function runs(text) {
    return lower(text).split(BREAK).map(function (r) { return r.match(WORD) || []; })
      .filter(function (r) { return r.length; });
  }
  /** Unigrams and bigrams of a text, accented, in order. */
  function tokens(text) {
    var out = [];
    runs(text).forEach(function (w) {
      for (var i = 0; i < w.length; i++) {
        out.push(w[i]);
        if (i + 1 < w.length) out.push(w[i] + "_" + w[i + 1]);
      }
    });
    return out;
  }
  /** The index terms of one token: accented and folded (one term when they are equal). */
  function forms(token) {
    var f = fold(token);
    return f === token ? [token] : [token, f];
  }
  /** Every index term of a text, in order: each token, then its folded form if different
   *  (what the Python twin must reproduce). Folds each syllable once, bigrams from the folds. */
  function terms(text) {
    var out = [];
    runs(text).forEach(function (w) {
      var f = w.map(fold);
      for (var i = 0; i < w.length; i++) {
        out.push(w[i]);
        if (f[i] !== w[i]) out.push(f[i]);
        if (i + 1 < w.length) {
          var b = w[i] + "_" + w[i + 1], fb = f[i] + "_" + f[i + 1];
          out.push(b);
          if (fb !== b) out.push(fb);
        }
      }
    });
    return out;
  }

  /** Folded terms only: the body text (field x), the bulk of the index, is stored folded once. */
  function foldedTerms(text) {
    var out = [];
    runs(text).forEach(function (w) {
      var f = w.map(fold);
      for (var i = 0; i < f.length; i++) {
        out.push(f[i]);
        if (i + 1 < f.length) out.push(f[i] + "_" + f[i + 1]);
      }
    });
    return out;
  }

  /* Weights (tuned on tests/bench/questions/dev.yml only) ------------------------------------ */

  var BOOST = { q: 5, a: 4, t: 2, x: 1 };
  var BIGRAM = 2.0, FOLDED = 0.8, EXPANDED = 0.5, STOP = 0.15, COORD = 0.3, BM25D = 0.5;
  var KIND = { faq: 1.6, unit: 1, page: 0.8 };
  var STOPWORDS = ("tôi toi em mình minh bạn ban có co không khong được duoc là la gì gi nào nao thì thi " +
    "của cua và va cho các cac những nhung thế the vậy vay ạ a ơi oi nhé nhe hả ha ư rồi roi sẽ se đã da " +
    "này nay đó do ai sao như nhu với voi khi muốn muon hỏi hoi xin cần can làm lam phải phai bao nhiêu nhieu " +
    "ở o tại tai thế_nào the_nao như_thế nhu_the có_được co_duoc có_không co_khong được_không duoc_khong " +
    "cho_tôi cho_toi tôi_có toi_co xin_hỏi xin_hoi hỏi_về hoi_ve là_gì la_gi").split(" ");
  var STOP_SET = {};
  STOPWORDS.forEach(function (w) { STOP_SET[w] = true; });
  // Words of the law's name and of nearly every answer: they say little about which answer is meant.
  var DOMAIN = 0.3, DOMAIN_SET = {};
  ("boi thuong boi_thuong nha nuoc nha_nuoc thiet hai thiet_hai yeu cau yeu_cau trach nhiem trach_nhiem " +
   "luat quy dinh quy_dinh phap phap_luat theo theo_quy truong hop truong_hop nguoi thi_hanh hanh cong vu cong_vu " +
   "cau_boi thuong_thiet hai_cho thuong_cua cua_nha").split(" ").forEach(function (w) { DOMAIN_SET[w] = true; });

  /* Index ------------------------------------------------------------------------------------ */

  var UNIT = /^(.*?)\/dieu-(\d+)(?:\/|\.html)(?:#(.*))?$/;

  function parseUnit(location) {
    var m = UNIT.exec(location);
    if (!m) return null;
    var k = /^khoan-(\d+)/.exec(m[3] || ""), d = /diem-([a-z]+)$/.exec(m[3] || "");
    return { dir: m[1], dieu: +m[2], khoan: k ? +k[1] : null, diem: d ? d[1] : null };
  }

  function kindOf(doc) {
    if (doc.k === "f") return "faq";
    return parseUnit(doc.l) ? "unit" : "page";
  }

  /**
   * Build the engine from the site's index: {config: {synonyms, instruments, pages}, docs: [...]},
   * docs being {l: location, t: title, x: text, a: [alternative phrasings], k: "f" for a FAQ entry}
 * (written by scripts/lawsite/search.py).
   */
  function create(index) {
    var engine = prepare(index);
    engine.ms = new MiniSearch({
      idField: "i",
      fields: ["q", "a", "t", "x"],
      tokenize: function (text, field) { return field === "x" ? foldedTerms(text) : terms(text); },
      processTerm: function (t) { engine.vocab[t] = true; return t; },
      searchOptions: { boost: BOOST }
    });
    engine.ms.addAll(engine.docs.map(fields));
    // The common terms' postings as arrays now (334 terms hold half of all postings; a few percent of
    // the set-up), not at the first query that needs them; the others on demand.
    var sc = engine.scoring = scoring(engine.ms, engine.docs);
    engine.ms._index.forEach(function (term, data) {
      var n = 0;
      data.forEach(function (docs) { n += docs.size; });
      if (n >= PRESET) postingArrays(engine.ms, sc, term);
    });
    return engine;
  }

  /** The searchable fields of a document: the question of a FAQ entry is field q, not t. */
  function fields(d) {
    return { i: d.i, q: d.kind === "faq" ? d.t : "", a: d.a, t: d.kind === "faq" ? "" : d.t, x: d.x };
  }

  /** Everything but the library's index (tests/bench/compare_engines.py feeds other libraries from it). */
  function prepare(index) {
    var config = index.config || {};
    var docs = index.docs.map(function (d, i) {
      return { i: i, l: d.l, t: d.t || "", x: d.x || "", a: (d.a || []).join(" . "), h: d.h,
               kind: kindOf(d), unit: parseUnit(d.l) };
    });
    var byPage = Object.create(null);
    docs.forEach(function (d) { if (d.l.indexOf("#") < 0) byPage[d.l] = d; });
    var synonyms = (config.synonyms || []).map(function (s) {
      return { from: runs(fold(s.from))[0] || [], to: s.to };
    });
    var instruments = config.instruments || [], hinted = Object.create(null);  // the words naming an instrument
    instruments.forEach(function (inst) { inst.hints.forEach(function (h) { h.split(" ").forEach(function (w) { hinted[w] = true; }); }); });
    return { docs: docs, vocab: Object.create(null), byPage: byPage, synonyms: synonyms,
             instruments: instruments, hinted: hinted, pages: config.pages || {} };
  }

  /* Query ------------------------------------------------------------------------------------ */

  /** Whether the syllables of `needle` occur in `hay` in order, at most GAP others between two of
   *  them: "lấy từ đâu" is in "lấy tiền từ đâu", "ai chịu trách nhiệm" in "ai phải chịu trách nhiệm". */
  var GAP = 2;
  function contains(hay, needle) {
    if (!needle.length) return false;
    outer: for (var i = 0; i + needle.length <= hay.length; i++) {
      if (hay[i] !== needle[0]) continue;
      for (var j = 1, at = i; j < needle.length; j++) {
        var k = at + 1;
        while (k < hay.length && k <= at + 1 + GAP && hay[k] !== needle[j]) k++;
        if (k >= hay.length || k > at + 1 + GAP) continue outer;
        at = k;
      }
      return true;
    }
    return false;
  }

  /* A long letter tells its story, then asks: the sentences that ask weigh more than the story. */
  var STORY = 0.5;
  var ASKS = /\?|\b(khong|chua|bao lau|bao nhieu|bao gio|o dau|nhu the nao|the nao|ra sao|lam gi|lam sao|ai|gi|nao|sao)\b/;
  /** The sentences of a query, each with its weight: 1 for a question, STORY for the rest
   *  (all 1 when none or all of them ask). */
  function sentences(query) {
    var parts = String(query).split(/(?<=[.?!:\n])\s+/).filter(function (t) { return t.trim(); });
    var asks = parts.map(function (t) { return ASKS.test(fold(lower(t))); });
    var mixed = asks.indexOf(true) >= 0 && asks.indexOf(false) >= 0;
    return parts.map(function (t, n) { return { text: t, weight: mixed && !asks[n] ? STORY : 1 }; });
  }

  /** The weighted terms of a query: typed ones, then synonyms' legal terms (weaker). */
  function analyse(engine, query, partial) {
    var weights = Object.create(null), fuzzy = Object.create(null), prefix = Object.create(null);
    var parts = sentences(query), qruns = [], focus = [];
    parts.forEach(function (p) { runs(p.text).forEach(function (w) { qruns.push(w); focus.push(p.weight); }); });
    function add(token, w, last) {
      var f = forms(token);
      f.forEach(function (term, n) {
        var weight = w * (n ? FOLDED : 1);
        if (STOP_SET[term]) weight *= STOP;
        else if (DOMAIN_SET[fold(term)]) weight *= DOMAIN;
        if (!(term in weights) || weights[term] < weight) weights[term] = weight;
        if (!engine.vocab[term]) {
          if (last && term.length >= 2) prefix[term] = true;
          // a typo: an unknown syllable (or a bigram holding one), never two known syllables
          // that merely do not stand together in any text ("ông chấn")
          else if (n === f.length - 1 && term.replace("_", "").length >= 4 &&
                   term.split("_").some(function (x) { return !engine.vocab[x]; })) fuzzy[term] = true;
        }
      });
    }
    qruns.forEach(function (w, r) {
      for (var i = 0; i < w.length; i++) {
        var last = partial && r === qruns.length - 1 && i === w.length - 1;
        add(w[i], focus[r], last);
        if (i + 1 < w.length) add(w[i] + "_" + w[i + 1], BIGRAM * focus[r], partial && r === qruns.length - 1 && i + 2 === w.length && w[i + 1].length >= 2);
      }
    });
    var folded = qruns.map(function (w) { return w.map(fold); });
    engine.synonyms.forEach(function (s) {
      var at = 0;
      folded.forEach(function (w, r) { if (focus[r] > at && contains(w, s.from)) at = focus[r]; });
      if (!at) return;
      s.to.forEach(function (term) { var ts = tokens(term); ts.forEach(function (t) {
        // a legal term of three syllables or more adds its bigrams only: its single syllables ("cơ", "quan")
        // say little and cost most (the longest posting lists)
        if (t.indexOf("_") > 0) add(t, BIGRAM * EXPANDED * at, false);
        else if (ts.length <= 3) add(t, EXPANDED * at, false);
      }); });
    });
    prune(weights, folded);
    return { weights: weights, fuzzy: fuzzy, prefix: prefix, words: folded };
  }

  /** Drop the terms that cost most and say least: stop words, and words of the law's name and of
   *  nearly every answer ("bồi", "thường") when a bigram of the query already holds them. */
  function prune(weights, folded) {
    var inBigram = Object.create(null);
    folded.forEach(function (w) { if (w.length > 1) w.forEach(function (x) { inBigram[x] = true; }); });
    var all = Object.keys(weights);
    var content = all.filter(function (t) { return !STOP_SET[t] && !STOP_SET[fold(t)]; });
    if (!content.length) return;
    all.forEach(function (t) {
      if (t.indexOf("_") >= 0) return;
      var f = fold(t);
      if (STOP_SET[t] || STOP_SET[f] || DOMAIN_SET[f] && inBigram[f]) delete weights[t];
    });
  }

  /** Two or more consecutive bigrams of the query matched by one document ("thực_tế", "tế_bị",
   *  "bị_mất") mean a phrase of three or more syllables is likely in it: worth more than the same
   *  bigrams scattered. Returns the score factor for the longest such chain. */
  var PHRASE = 0.15, PHRASE_MAX = 4, PHRASE_TOP = 60;
  // The query's adjacent pairs ("thuc_te"; null for two stop words), made once per query, not per document.
  var PAIRS = new WeakMap();
  function pairs(words) {
    var p = PAIRS.get(words);
    if (!p) {
      p = words.map(function (w) {
        var k = [];
        for (var i = 0; i + 1 < w.length; i++) k.push(STOP_SET[w[i]] && STOP_SET[w[i + 1]] ? null : w[i] + "_" + w[i + 1]);
        return k;
      });
      PAIRS.set(words, p);
    }
    return p;
  }
  function phrase(words, queryTerms) {
    var have = Object.create(null);
    queryTerms.forEach(function (t) { if (t.indexOf("_") > 0) have[fold(t)] = true; });
    var best = 0;
    pairs(words).forEach(function (w) {
      var run = 0;
      for (var i = 0; i < w.length; i++) {
        if (w[i] !== null && have[w[i]]) { run++; if (run > best) best = run; }
        else run = 0;
      }
    });
    return 1 + PHRASE * (Math.min(best, PHRASE_MAX) - 1 > 0 ? Math.min(best, PHRASE_MAX) - 1 : 0);
  }

  /* Direct references: "điều 6", "khoan 2 dieu 52", "dieu 41 khoan 3", "6" -------------------- */

  var REF = /(?:^| )(?:diem ([a-z]) )?(?:khoan (\d+) )?dieu (\d+)(?: khoan (\d+))?(?: diem ([a-z]))?(?= |$)/;

  function references(engine, query) {
    var q = " " + runs(fold(query)).map(function (w) { return w.join(" "); }).join(" ") + " ";
    q = q.replace(/ k(\d+)/g, " khoan $1").replace(/ d(\d+)/g, " dieu $1").trim();
    var m = REF.exec(q);
    if (!m && /^\d{1,3}$/.test(q)) m = [q, null, null, q, null, null];
    if (!m) return [];
    var dieu = +m[3], khoan = m[2] || m[4] ? +(m[2] || m[4]) : null, diem = m[1] || m[5] || null;
    var rest = (q.slice(0, m.index) + " " + q.slice(m.index + m[0].length)).trim();
    var dirs = engine.instruments.map(function (inst) {
      var hits = inst.hints.filter(function (h) { return (" " + rest + " ").indexOf(" " + h + " ") >= 0; });
      return { dir: inst.dir, rank: -hits.length };
    }).sort(function (a, b) { return a.rank - b.rank; }).map(function (x) { return x.dir; });
    var out = [];
    // "điều 6", "khoản 2 điều 52 nghị định 68" is the query; a question that mentions an article in
    // passing ("... có mâu thuẫn gì với điều 27 Luật ...?", perhaps the 2009 Law's numbering) is not
    var words = rest.split(" ").filter(function (w) { return w && !STOP_SET[w] && !DOMAIN_SET[w] && !/^\d+$/.test(w); });
    out.mention = words.filter(function (w) { return !engine.hinted[w]; }).length > MENTION;
    if (out.mention) dirs = dirs.slice(0, 1);
    dirs.forEach(function (dir) {
      engine.docs.forEach(function (d) {
        var u = d.unit;
        if (!u || u.dir !== dir || u.dieu !== dieu) return;
        if (khoan === null ? u.khoan === null && u.diem === null : u.khoan === khoan && (diem ? u.diem === diem : u.diem === null))
          out.push(d);
      });
    });
    return out;
  }

  /* Search ------------------------------------------------------------------------------------ */

  /**
   * Ranked documents for a query: [{doc, score, matched: [index terms]}], best first.
   * `partial`: the reader may still be typing the last syllable (prefix match for it).
   * `onePass`: every term through MiniSearch (the reference the two-pass search must equal).
   */
  function search(engine, query, partial, onePass) {
    var a = analyse(engine, query, partial);
    var list = Object.keys(a.weights);
    if (!list.length) return [];
    // MiniSearch's search costs most for the common terms ("người", "điều", "bồi_thường": hundreds
    // of postings, a result object for each, merged term by term). Typos and the unfinished last
    // syllable go through it (its fuzzy and prefix look-ups); the terms the index holds as typed are
    // scored by exactTerms straight from its index, with the same formula: the same results, faster.
    var loose = [], exact = [];
    list.forEach(function (t) { (onePass || a.fuzzy[t] || a.prefix[t] ? loose : exact).push(t); });
    var raw = loose.length ? engine.ms.search(loose.join(" "), {
      tokenize: function () { return loose; },
      processTerm: function (t) { return t; },
      boostTerm: function (t) { return a.weights[t] || 1; },
      fuzzy: function (t) { return a.fuzzy[t] ? 1 : false; },
      prefix: function (t) { return !!a.prefix[t]; },
      boostDocument: function (id) { return KIND[engine.docs[id].kind]; },
      weights: { fuzzy: 0.3, prefix: 0.5 },
      bm25: BM25
    }) : [];
    // MiniSearch multiplies a score by the number of query terms matched; weigh them instead, so
    // matching "bồi thường" (everywhere) counts for less than matching "thời hiệu".
    var total = list.reduce(function (s, t) { return s + a.weights[t]; }, 0);
    var hits = exactTerms(engine, exact, a.weights, raw);
    hits.forEach(function (h) { h.score = h.sum * Math.pow(COORD + h.got / total, 2); });
    hits.sort(function (x, y) { return y.score - x.score; });
    if (hits.length > 1) {  // (the factor is at most 1.45: only the head of the list can change order)
      hits.slice(0, PHRASE_TOP).forEach(function (h) {
        h.score *= phrase(a.words, h.raw ? h.raw.queryTerms.concat(h.exact) : h.exact);
      });
      hits.sort(function (x, y) { return y.score - x.score; });
    }
    return merge(engine, query, hits.map(function (h) { return { id: h.id, score: h.score, terms: matched(h) }; }));
  }

  /** The index terms a hit matched: MiniSearch's (typos, prefixes), then the exact ones. */
  function matched(h) {
    if (!h.raw) return h.exact;
    var out = h.raw.terms.slice();
    h.exact.forEach(function (t) { if (out.indexOf(t) < 0) out.push(t); });  // (a typo may have matched it too)
    return out;
  }

  /* Exact terms, scored straight from MiniSearch's index ---------------------------------------- */

  var BM25 = { k: 1.2, b: 0.7, d: BM25D }, PRESET = 100;

  /** Per document (by MiniSearch's short id): its id, kind boost and BM25 length norm per field. */
  function scoring(ms, docs) {
    var n = ms._nextId, id = new Array(n), kind = new Float64Array(n), norm = {};
    ms._documentIds.forEach(function (i, short) { id[short] = i; kind[short] = KIND[docs[i].kind]; });
    Object.keys(BOOST).forEach(function (field) {
      var f = ms._fieldIds[field], avg = ms._avgFieldLength[f], a = norm[f] = new Float64Array(n);
      ms._fieldLength.forEach(function (len, short) { a[short] = BM25.k * (1 - BM25.b + BM25.b * len[f] / avg); });
    });
    return { n: n, id: id, kind: kind, norm: norm, cache: new Map() };
  }

  /** A term's postings per field, as arrays: short ids, and each document's BM25+ score for it
   *  before the term's weight and the field's boost (kept: the terms come back keystroke after keystroke). */
  function postingArrays(ms, sc, term) {
    var got = sc.cache.get(term);
    if (got) return got;
    var data = ms._index.get(term), n = ms._documentCount, k1 = BM25.k + 1, d = BM25.d;
    got = [];
    if (data) Object.keys(BOOST).forEach(function (field) {
      var f = ms._fieldIds[field], docs = data.get(f);
      if (!docs) return;
      var idf = Math.log(1 + (n - docs.size + 0.5) / (docs.size + 0.5)), norm = sc.norm[f];
      var ids = new Int32Array(docs.size), part = new Float64Array(docs.size), i = 0;
      docs.forEach(function (tf, s) { ids[i] = s; part[i++] = idf * sc.kind[s] * (d + tf * k1 / (tf + norm[s])); });
      got.push({ boost: BOOST[field], ids: ids, part: part });
    });
    sc.cache.set(term, got);
    return got;
  }

  /**
   * The documents MiniSearch found (`raw`) plus the exact-match score of `terms`, as
   * [{id, sum: the score before coordination, got: the weight of the query terms matched,
   *   raw: MiniSearch's result or null, exact: the exact terms matched}],
   * with a hit for each document only these terms match. Reads MiniSearch 7's index (term →
   * field id → short document id → term frequency) and scores with its BM25+ (calcBM25Score) and
   * boosts, as its termResults does; tests/browser/test_search_speed.py checks that this equals the
   * one-pass search.
   */
  function exactTerms(engine, terms, weights, raw) {
    var ms = engine.ms, sc = engine.scoring || (engine.scoring = scoring(ms, engine.docs));
    var sum = new Float64Array(sc.n), got = new Float64Array(sc.n), last = new Int32Array(sc.n);
    var found = new Array(sc.n), from = new Array(sc.n);
    raw.forEach(function (r) {
      var s = ms._idToShortId.get(r.id);
      sum[s] = r.score / r.queryTerms.length;  // (MiniSearch's score is the sum times the terms matched)
      got[s] = r.queryTerms.reduce(function (g, t) { return g + weights[t]; }, 0);
      from[s] = r;
      found[s] = [];
    });
    terms.forEach(function (term, j) {
      var w = weights[term], lists = postingArrays(ms, sc, term);
      j += 1;
      for (var l = 0; l < lists.length; l++) {
        var ids = lists[l].ids, part = lists[l].part, wb = (w || 1) * lists[l].boost;  // (as boostTerm)
        for (var i = 0; i < ids.length; i++) {
          var s = ids[i];
          sum[s] += wb * part[i];
          if (last[s] === j) continue;  // (once per document and term, whatever the fields)
          last[s] = j;
          got[s] += w;
          (found[s] || (found[s] = [])).push(term);
        }
      }
    });
    var hits = [];
    for (var s = 0; s < sc.n; s++) {
      if (found[s]) hits.push({ id: sc.id[s], sum: sum[s], got: got[s], raw: from[s] || null, exact: found[s] });
    }
    return hits;
  }

  var MENTION = 3, MENTIONED = 2;
  function sameArticle(doc, ref) {
    return !!(ref && doc.unit && doc.unit.dir === ref.unit.dir && doc.unit.dieu === ref.unit.dieu);
  }

  /** Direct references first, then the ranked documents [{id, score, terms}]. */
  function merge(engine, query, ranked) {
    var direct = references(engine, query);
    var top = ranked.length ? ranked[0].score : 1;
    if (direct.mention) {  // a mentioned article: its units weigh more, nothing jumps the queue
      var unit = Object.create(null);
      direct.forEach(function (d) { unit[d.i] = true; });
      ranked = ranked.map(function (r) { return unit[r.id] || sameArticle(engine.docs[r.id], direct[0]) ? { id: r.id, score: r.score * MENTIONED, terms: r.terms } : r; })
        .sort(function (x, y) { return y.score - x.score; });
      direct = [];
    }
    var seen = Object.create(null), out = [];
    direct.forEach(function (d, n) {
      seen[d.i] = true;
      out.push({ doc: d, score: top * 10 + direct.length - n, matched: [], direct: true });
    });
    ranked.forEach(function (r) {
      if (!seen[r.id]) out.push({ doc: engine.docs[r.id], score: r.score, matched: r.terms });
    });
    return out;
  }

  /** How well the best result covers the query's content syllables (0..1): "nothing scores well". */
  function coverage(engine, query, result) {
    if (!result) return 0;
    if (result.direct) return 1;
    var words = [].concat.apply([], runs(fold(query))).filter(function (w) { return !STOP_SET[w]; });
    if (!words.length) return 1;
    var have = Object.create(null);
    result.matched.forEach(function (t) { t.split("_").forEach(function (w) { have[fold(w)] = true; }); });
    return words.filter(function (w) { return have[w]; }).length / words.length;
  }

  return { lower: lower, fold: fold, runs: runs, tokens: tokens, forms: forms, terms: terms, foldedTerms: foldedTerms,
           parseUnit: parseUnit, create: create, prepare: prepare, fields: fields, BOOST: BOOST, KIND: KIND, analyse: analyse, references: references,
           search: search, merge: merge, coverage: coverage, STOP_SET: STOP_SET };
});
