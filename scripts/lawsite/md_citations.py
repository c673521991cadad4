"""Python-Markdown extension: turn legal citations into links.

Two jobs, both driven by the one grammar in :mod:`lawsite.citations`:

* **Short links for authors.** ``[[khoản 1 Điều 6]]`` in any page becomes the
  Markdown link ``[khoản 1 Điều 6](/luat/dieu-6.md#khoan-1)`` before block
  parsing, so MkDocs rewrites it relative to the page and validates the
  anchor. Enumerations link each number (``các khoản [1](…), [2](…) và [3](…)
  Điều 23``). Nothing else in the page changes and line numbers stay the
  same.
* **Auto-linking law text.** In paragraphs that :mod:`lawsite.md_structure`
  marked as law text, every citation of one of our instruments becomes a link
  to the exact article, clause or point; the link text is the original text.
  Citations of other instruments (Bộ luật Dân sự...) are left alone. Targets
  on the same page (the article itself, the whole text) are in-page anchors.

Processors (higher priority runs first):

=================  =====================  ========  ==================================
kind               name                   priority  job
=================  =====================  ========  ==================================
Preprocessor       ``lawsite-shortlinks``  19        ``[[...]]`` → Markdown links
Treeprocessor      ``lawsite-autolink``    12        link citations in law paragraphs
=================  =====================  ========  ==================================

The short-link preprocessor runs after fenced code is stashed (so examples
in code blocks stay literal); the tree processor runs after inline parsing
(20) and before MkDocs collects anchors and rewrites links (5 and 0).
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import citations, ids
from .instruments import INSTRUMENTS
from .md_structure import LawState, Reading

log = logging.getLogger("mkdocs.lawsite")

RE_SHORT_LINK = re.compile(r"\[\[(?P<cite>[^\[\]\n]+?)\]\]")
RE_CODE_SPAN = re.compile(r"(`+).+?\1")


def docs_href(t: citations.Target) -> str:
    """Absolute docs path of a target (MkDocs resolves it relative to the page)."""
    d = INSTRUMENTS[t.instrument].url_dir
    if t.dieu is None:
        if t.chuong is None:
            return f"/{d}/index.md"
        return f"/{d}/chuong-{t.chuong}.md" + (f"#muc-{t.muc}" if t.muc else "")
    path = f"/{d}/{ids.dieu_page(t.dieu)}"
    if t.khoan is None and t.diem is None:
        return path
    return f"{path}#{ids.unit_id(t.khoan, t.diem)}"


def page_href(t: citations.Target, state: LawState) -> str:
    """Link for a target cited inside law text: in-page when the target is on this page."""
    if t.instrument != state.instrument:
        return docs_href(t)
    if t.dieu is None:
        if t.chuong is not None and state.whole:
            return f"#chuong-{t.chuong}" + (f"-muc-{t.muc}" if t.muc else "")
        return docs_href(t)
    if state.single and state.articles and t.dieu == state.articles[0]:
        if t.khoan is None and t.diem is None:
            return f"#{ids.dieu_id(t.dieu)}"
        return f"#{ids.unit_id(t.khoan, t.diem)}"
    if not state.single and t.dieu in state.articles:
        if t.khoan is None and t.diem is None:
            return f"#{ids.dieu_id(t.dieu)}"
        return f"#{ids.unit_id(t.khoan, t.diem, t.dieu)}"
    return docs_href(t)


def short_link_markdown(cite: str, ctx: citations.Context) -> str:
    """Markdown for the inside of ``[[...]]``; raises CitationError if it is not one of our citations."""
    c = citations.parse(cite, ctx)
    if c.instrument is None:
        raise citations.CitationError(f"'{cite}' cites another instrument ({c.external}); it cannot be linked")
    out, pos = [], 0
    for link in sorted(c.links, key=lambda lk: lk.start):
        out.append(cite[pos:link.start])
        out.append(f"[{cite[link.start:link.end]}]({docs_href(link.target)})")
        pos = link.end
    out.append(cite[pos:])
    return "".join(out)


class ShortLinkPreprocessor(Preprocessor):
    """Rewrite ``[[citation]]`` into Markdown links, outside code spans."""

    def __init__(self, md: Markdown, default_instrument: str):
        super().__init__(md)
        self.ctx = citations.Context(default_instrument=default_instrument)

    def _rewrite(self, segment: str) -> str:
        def repl(m: re.Match) -> str:
            try:
                return short_link_markdown(m["cite"], self.ctx)
            except citations.CitationError as e:
                log.warning("lawsite: cannot link [[%s]]: %s", m["cite"], e)
                return m.group(0)

        return RE_SHORT_LINK.sub(repl, segment)

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            if "[[" not in line:
                out.append(line)
                continue
            pieces, pos = [], 0
            for m in RE_CODE_SPAN.finditer(line):
                pieces.append(self._rewrite(line[pos:m.start()]))
                pieces.append(m.group(0))
                pos = m.end()
            pieces.append(self._rewrite(line[pos:]))
            out.append("".join(pieces))
        return out


class AutoLinkTreeprocessor(Treeprocessor):
    """Link citations inside the law paragraphs recorded by the structure extension."""

    def _link_text(self, text: str, state: LawState, at: Reading) -> list[str | etree.Element]:
        ctx = citations.Context(instrument=state.instrument, dieu=at.dieu, khoan=at.khoan, diem=at.diem,
                                chuong=at.chuong, muc=at.muc)
        parts: list[str | etree.Element] = []
        pos = 0
        for c in citations.find_citations(text, ctx):
            if c.instrument is None:
                continue
            for link in sorted(c.links, key=lambda lk: lk.start):
                parts.append(text[pos:link.start])
                a = etree.Element("a", {"href": page_href(link.target, state), "class": "cite"})
                a.text = AtomicString(text[link.start:link.end])
                parts.append(a)
                pos = link.end
        parts.append(text[pos:])
        return parts

    def run(self, root: etree.Element) -> None:
        state: LawState | None = getattr(self.md, "lawsite_state", None)
        if state is None or state.instrument is None:
            return
        for p, at in state.context.items():
            if p.text and len(p) == 0:
                parts = self._link_text(str(p.text), state, at)
                if len(parts) == 1:
                    continue
                p.text = AtomicString(parts[0])
                last: etree.Element | None = None
                for part in parts[1:]:
                    if isinstance(part, str):
                        if last is not None:
                            last.tail = AtomicString(part)
                    else:
                        p.append(part)
                        last = part


class CitationLinkExtension(Extension):
    """Register the short-link preprocessor and the law-text auto-linker."""

    def __init__(self, **kwargs):
        self.config = {
            "default_instrument": ["luat", "Instrument of a citation that names none. Default: luat"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API name)
        md.registerExtension(self)
        md.preprocessors.register(ShortLinkPreprocessor(md, self.getConfig("default_instrument")),
                                  "lawsite-shortlinks", 19)
        md.treeprocessors.register(AutoLinkTreeprocessor(md), "lawsite-autolink", 12)


def makeExtension(**kwargs) -> CitationLinkExtension:  # noqa: N802 (Markdown API name)
    return CitationLinkExtension(**kwargs)
