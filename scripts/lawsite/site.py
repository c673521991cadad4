"""Everything the site generates from ``sources/``, independent of MkDocs.

:func:`load_corpus` reads every instrument once; :func:`generated_pages`
returns the pages to add to the docs. MkDocs' hook (``hooks/lawsite.py``)
and the checker both call these, so the build and the checks see the same
pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import (
    changes_check,
    changes_render,
    cited_by,
    glossary,
    luong_co_so,
    pages,
    priorities,
    relations,
    sources_page,
    trainer,
    truong_hop,
    truong_hop_page,
)
from .corpus import Corpus, load_corpus, sources_dir
from .instruments import INSTRUMENTS
from .problems import Problem

__all__ = ["Corpus", "generated_pages", "hiding_pages", "load_corpus", "sources_dir"]


def generated_pages(corpus: Corpus, site_url: str | None = None) -> dict[str, str]:
    """Every generated page: ``{path under docs/: Markdown}`` (``site_url`` makes printed links absolute)."""
    related = relations.related_markdown(corpus, relations.load(corpus.root, corpus))
    cited = cited_by.markdown(corpus)
    changes = changes_check.load(corpus.root, corpus)
    notices = changes_render.by_article(changes)
    out: dict[str, str] = {}
    for key, vb in corpus.vanban.items():
        extra = {n: "\n".join(x for x in (related.get(key, {}).get(n), cited[key][n]) if x) for n in vb.dieu}
        out.update(pages.instrument_pages(vb, INSTRUMENTS[key], extra, notices.get(key, {})))
    out["tu-ngu.md"] = glossary.glossary_page(corpus.vanban["luat"])
    out[sources_page.PAGE] = sources_page.page(corpus.vanban)  # for readers; PROVENANCE.md stays internal
    out.update(priorities.generated_pages(corpus.root / "docs", corpus, site_url))
    out.update(trainer.generated_pages(corpus.root, corpus.vanban))
    salaries = luong_co_so.load(corpus.root)
    out[truong_hop_page.PAGE] = truong_hop_page.markdown(
        truong_hop.load(corpus.root, corpus), corpus, salaries[-1], changes, luong_co_so.earlier(salaries))
    return out


def hiding_pages(root: Path, generated: Iterable[str]) -> list[Problem]:
    """Hand-written pages at the address of a generated page (``docs/<path>``): they would hide it."""
    docs = root / "docs"
    return [Problem(f"docs/{src}", 1, 1, "this page has the address of a generated page and would hide it",
                    "rename or remove the file (generated pages come from sources/)")
            for src in sorted(generated) if (docs / src).is_file()]
