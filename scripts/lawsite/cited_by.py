"""What cites an article: the reverse of the one citation index.

Every article page shows, under its text, where it is cited from:

* "Được viện dẫn tại": each clause (or point, or title) of *another* instrument
  whose text cites the article or one of its units, found with the one
  citation grammar (:mod:`lawsite.citations`) in the imported texts;
* "Hỏi đáp liên quan": the FAQ entries (``docs/hoi-dap/*.md``) and guide steps
  (``docs/huong-dan/*.md``) whose "**Căn cứ:**" line cites it.

Nothing here is typed by hand: both lists are derived at build time from the
sources and the Markdown, so a new citation in a text or a new FAQ entry shows
up on the cited article's page by itself. :func:`index` is the data (tests and
checks use it); :func:`markdown` renders it for :mod:`lawsite.pages`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import citations, faq, ids
from .citations import Context, Target
from .corpus import Corpus
from .instruments import INSTRUMENTS
from .md_citations import docs_href

GUIDANCE_DIRS = ("hoi-dap", "huong-dan")
"""Folders of docs/ whose entries ("## ..." headings with a Căn cứ line) are listed."""


@dataclass(frozen=True)
class TextCite:
    """Unit ``source`` (of another instrument) cites ``cited`` units of the article."""

    source: Target
    cited: tuple[Target, ...]


@dataclass(frozen=True)
class EntryCite:
    """FAQ entry or guide step at ``href`` (docs path with its anchor) cites the article."""

    href: str
    label: str
    page: str
    cited: tuple[Target, ...]


@dataclass
class CitedBy:
    """Everything that cites one article."""

    texts: list[TextCite]
    entries: list[EntryCite]


def _text_citations(corpus: Corpus) -> dict[tuple[str, int], dict[Target, list[Target]]]:
    out: dict[tuple[str, int], dict[Target, list[Target]]] = {}
    for key, vb in corpus.vanban.items():
        for d in vb.dieu.values():
            texts = [(d.title, None, None)] + [(p.text, p.khoan, p.diem) for p in d.doan if p.kind != "table"]
            for text, khoan, diem in texts:
                ctx = Context(instrument=key, dieu=d.number, khoan=khoan, diem=diem, chuong=d.chuong, muc=d.muc)
                source = Target(key, d.number, khoan, diem)
                for c in citations.find_citations(text, ctx):
                    for t in c.targets:
                        if t.internal and t.instrument != key and t.dieu is not None:
                            units = out.setdefault((t.instrument, t.dieu), {}).setdefault(source, [])
                            if t not in units:
                                units.append(t)
    return out


def _guidance_entries(docs: Path) -> list[tuple[str, str, str, list[str]]]:
    """(docs path, anchor, label, Căn cứ citations) of every guidance entry, in page order."""
    out = []
    for folder in GUIDANCE_DIRS:
        for path in sorted((docs / folder).glob("*.md")):
            rel = path.relative_to(docs).as_posix()
            if rel.endswith("/index.md") and folder == "hoi-dap":
                continue  # the FAQ hub lists topics, it has no entries
            for e in faq.parse(path.read_text(encoding="utf-8")):
                if e.can_cu:
                    out.append((rel, e.id or ids.slugify(e.question), e.question, e.can_cu))
    return out


def index(corpus: Corpus, docs: Path | None = None) -> dict[tuple[str, int], CitedBy]:
    """``{(instrument, article): CitedBy}`` for every article that something cites."""
    docs = docs or corpus.root / "docs"
    out: dict[tuple[str, int], CitedBy] = {}
    for where, sources in _text_citations(corpus).items():
        ordered = sorted(sources.items(), key=lambda kv: (list(INSTRUMENTS).index(kv[0].instrument),
                                                          kv[0].sort_key()))
        out.setdefault(where, CitedBy([], [])).texts.extend(
            TextCite(src, tuple(sorted(units, key=Target.sort_key))) for src, units in ordered)
    for rel, anchor, label, cites in _guidance_entries(docs):
        by_article: dict[tuple[str, int], list[Target]] = {}
        for cite in cites:
            try:
                c = citations.parse(cite, Context(default_instrument="luat"))
            except citations.CitationError:
                continue  # the publish check reports it with its line
            for t in c.targets:
                if t.internal and t.dieu is not None:
                    by_article.setdefault((t.instrument, t.dieu), []).append(t)
        for where, units in by_article.items():
            out.setdefault(where, CitedBy([], [])).entries.append(
                EntryCite(f"/{rel}#{anchor}", label, rel, tuple(dict.fromkeys(units))))
    return out


def _scope(cited: tuple[Target, ...], dieu: int) -> str:
    """" (về khoản 4)" when only some units of the article are cited; "" for the article itself."""
    parts = [t for t in cited if t.khoan or t.diem]
    if not parts or len(parts) < len(cited):
        return ""
    return f" (về {citations.format_units(parts).removesuffix(f' Điều {dieu}')})"


def markdown(corpus: Corpus, docs: Path | None = None) -> dict[str, dict[int, str]]:
    """``{instrument: {article: Markdown}}`` of the two sections, for every article of every instrument.

    An article that nothing cites says so, so readers know the list was looked for.
    """
    idx = index(corpus, docs)
    out: dict[str, dict[int, str]] = {}
    for key, vb in corpus.vanban.items():
        for n in vb.dieu:
            cb = idx.get((key, n), CitedBy([], []))
            lines = ["## Được viện dẫn tại { #duoc-vien-dan-tai data-search-exclude }", ""]
            if cb.texts:
                for tc in cb.texts:
                    label = citations.format_target(tc.source, with_instrument=True)
                    lines.append(f"- [{label}]({docs_href(tc.source)}){_scope(tc.cited, n)}")
            else:
                lines.append("Chưa có điều khoản nào của các văn bản khác trên trang dẫn chiếu điều này.")
            lines += ["", "## Hỏi đáp liên quan { #hoi-dap-lien-quan data-search-exclude }", ""]
            if cb.entries:
                for e in cb.entries:
                    kind = "Hướng dẫn" if e.page.startswith("huong-dan/") else "Hỏi đáp"
                    lines.append(f"- {kind}: [{e.label}]({e.href}){_scope(e.cited, n)}")
            else:
                lines.append("Chưa có câu hỏi đáp hay bước hướng dẫn nào dẫn căn cứ là điều này.")
            out.setdefault(key, {})[n] = "\n".join(lines) + "\n"
    return out
