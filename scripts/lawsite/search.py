"""The site search index: one entry per FAQ entry, per clause and per guidance section.

Material's search plugin writes ``search/search_index.json`` (one entry per
page section, lunr fields). :func:`build_index` replaces its documents with
the ones the site's own engine reads (``docs/assets/javascripts/search-engine.js``,
run by ``search-worker.js``), in a compact form::

    {"config": {...Material's config..., "synonyms": [...], "instruments": [...], "pages": {...}},
     "docs": [{"l": location, "t": title, "x": plain text, "a": [cách hỏi khác], "k": "f"}, ...]}

* every clause (and every point directly under an article) of every instrument
  is its own entry (``luat/dieu-6/#khoan-1``), plus one per article (its lead
  text), so a result opens at the clause; the pages that repeat the law
  (whole text, chapters) are excluded in their front matter;
* every FAQ entry is one entry (``k: "f"``): its question, the "cách hỏi khác"
  written with it (:mod:`lawsite.faq`) and its answer;
* other pages keep Material's sections, tags stripped;
* ``config.synonyms`` is ``data/dong-nghia.yml`` (:mod:`lawsite.synonyms`),
  ``config.instruments`` tells "điều 6 nghị định 68" which instrument is meant,
  ``config.pages`` are the pages offered when nothing matches.

The browser tokenizes and indexes this when the reader opens search; Material
passes ``config`` (its ``separator`` highlights words on the target page) and
``docs`` to the worker unchanged.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import faq, ids, synonyms, tokens
from .corpus import Corpus
from .instruments import INSTRUMENTS

RE_TAGS = re.compile(r"<[^>]+>")
RE_PRE = re.compile(r"<pre\b.*?</pre>", re.S)


def _plain(markup: str) -> str:
    return " ".join(html.unescape(RE_TAGS.sub(" ", RE_PRE.sub(" ", markup))).split())


def _page(rel_dir: str, directory_urls: bool) -> str:
    return f"{rel_dir}/" if directory_urls else f"{rel_dir}/index.html"


def clause_entries(corpus: Corpus, directory_urls: bool = True) -> list[dict]:
    """One search entry per clause (and per point directly under an article) of every instrument.

    Locations follow MkDocs' URL style: ``luat/dieu-6/`` or, in the offline
    bundle (no directory URLs), ``luat/dieu-6.html``.
    """
    out = []
    for key, vb in corpus.vanban.items():
        inst = INSTRUMENTS[key]
        for n, d in vb.dieu.items():
            page = f"{inst.url_dir}/{ids.dieu_id(n)}" + ("/" if directory_urls else ".html")
            groups: dict[str, list[str]] = {}
            titles: dict[str, str] = {}
            for p in d.doan:
                if p.khoan is not None:
                    anchor = ids.unit_id(p.khoan)
                    titles[anchor] = f"khoản {p.khoan} {d.heading}"
                elif p.kind == "diem" and p.diem:
                    anchor = ids.unit_id(None, p.diem)
                    titles[anchor] = f"điểm {p.diem} {d.heading}"
                else:
                    continue
                groups.setdefault(anchor, []).append(p.text)
            lead = " ".join(p.text for p in d.doan if p.khoan is None and p.kind != "diem")
            out.append({"location": page, "title": d.heading, "text": lead})
            for anchor, texts in groups.items():
                out.append({"location": f"{page}#{anchor}", "title": titles[anchor], "text": " ".join(texts)})
    return out


def faq_alternatives(docs_dir: Path, directory_urls: bool = True) -> dict[str, list[str]]:
    """``{entry location: [cách hỏi khác]}`` for every FAQ entry that has them."""
    out = {}
    for path in sorted((docs_dir / faq.FAQ_DIR).glob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if not faq.is_faq_page(rel):
            continue
        page = rel[:-3] + ("/" if directory_urls else ".html")
        for e in faq.parse(path.read_text(encoding="utf-8")):
            if e.id:
                out[f"{page}#{e.id}"] = [a.text for a in e.alternatives]
    return out


def instrument_hints() -> list[dict]:
    """How a query names each instrument ("nghi dinh 68", "thong tu 04"), folded, for "điều N" look-ups."""
    out = []
    for inst in INSTRUMENTS.values():
        kind = " ".join(tokens.syllables(tokens.fold(inst.kind)))
        number = inst.so_hieu.split("/")[0]
        initials = "".join(w[0] for w in kind.split())
        hints = {kind, number, number.lstrip("0") or number, initials, f"{kind} {number}", f"{initials} {number}"}
        out.append({"dir": inst.url_dir, "hints": sorted(hints)})
    return out


def build_index(index: dict, corpus: Corpus, docs_dir: Path, directory_urls: bool = True) -> dict:
    """The compact index for the site's engine, from Material's index and the corpus."""
    law = clause_entries(corpus, directory_urls)
    law_pages = {d["location"] for d in law if "#" not in d["location"]}
    alternatives = faq_alternatives(docs_dir, directory_urls)
    faq_pages = {loc.split("#", 1)[0] for loc in alternatives}
    docs: list[dict] = []
    for d in index.get("docs", []):
        loc = d["location"]
        page, _, anchor = loc.partition("#")
        if page in law_pages:
            continue
        entry = {"l": loc, "t": _plain(d.get("title", "")), "x": _plain(d.get("text", ""))}
        if page in faq_pages and anchor:
            if loc not in alternatives:
                continue  # a heading inside an answer, not an entry (its text is in the entry above)
            entry["k"] = "f"
            if alternatives[loc]:
                entry["a"] = alternatives[loc]
        docs.append(entry)
    docs += [{"l": d["location"], "t": d["title"], "x": d["text"]} for d in law]
    config = {k: v for k, v in index.get("config", {}).items() if k in ("lang", "separator")}
    config["synonyms"] = synonyms.for_index(corpus.root)
    config["instruments"] = instrument_hints()
    config["pages"] = {"guide": _page("huong-dan", directory_urls), "faq": _page("hoi-dap", directory_urls),
                       "articles": _page(INSTRUMENTS["luat"].url_dir, directory_urls)}
    return {"config": config, "docs": docs}
