"""Make the site search work for Vietnamese readers.

Material's search (lunr) matches words exactly, so "thoi hieu" never finds
"thời hiệu", and a long article is one result. :func:`enrich_index` rewrites
the built ``search/search_index.json``:

* every entry gets ``title_ascii`` and ``text_ascii`` (diacritics folded,
  ``đ`` → ``d``, see :func:`lawsite.ids.fold`), registered as search fields
  with the same boosts, so queries with or without accents, in any case,
  match (the query itself is lower-cased by lunr; accented queries still
  match the original fields);
* every clause of every article page becomes its own entry
  (``luat/dieu-6/#khoan-1``), so a result leads to the clause, not only to
  the top of the article.

Pages that repeat the law (the whole text, chapters) are excluded from
search in their front matter, so results are not duplicated.
"""

from __future__ import annotations

import re

from . import ids
from .instruments import INSTRUMENTS
from .site import Corpus

RE_TAGS = re.compile(r"<[^>]+>")
FOLDED = {"title": "title_ascii", "text": "text_ascii"}


def _plain(html: str) -> str:
    return " ".join(RE_TAGS.sub(" ", html).split())


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


def enrich_index(index: dict, corpus: Corpus, directory_urls: bool = True) -> dict:
    """Return the search index with clause entries and accent-folded fields.

    Material's own entries for article pages (the page, and the section under
    its heading, each with the whole text) are replaced by one entry for the
    article's lead text and one per clause, so each word is indexed once.
    """
    law = clause_entries(corpus, directory_urls)
    pages = {d["location"] for d in law if "#" not in d["location"]}
    docs = [d for d in index.get("docs", []) if d["location"].split("#", 1)[0] not in pages]
    docs += law
    for doc in docs:
        for field, folded in FOLDED.items():
            doc[folded] = ids.fold(_plain(doc.get(field, "")))
    config = dict(index.get("config", {}))
    fields = dict(config.get("fields", {}))
    for field, folded in FOLDED.items():
        if field in fields:
            fields[folded] = dict(fields[field])
    config["fields"] = fields
    return {**index, "config": config, "docs": docs}
