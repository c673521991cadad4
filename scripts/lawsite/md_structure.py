"""Python-Markdown extension: give law text its structure and stable ids.

Law pages are ordinary Markdown generated from the sources (see
:mod:`lawsite.pages`). This extension recognises, after a ``Điều N.``
heading, the paragraphs that open a clause (``1. ...``) or a point
(``a) ...``) and renders them with the ids of :mod:`lawsite.ids`, keeping the
printed number inside the text so that copying a clause copies its number.
Markdown's ordered lists never see these paragraphs, so nothing is renumbered
or re-indented.

Page kind comes from the article heading level: a level-1 heading
(``# Điều 7. ...``) means the page *is* that article, and ids are relative
(``khoan-1``); any deeper level (``#### Điều 7. ...``) means a page with
several articles (a chapter, the whole text) and ids are prefixed
(``dieu-7-khoan-1``). Outside an article, nothing changes, so guidance
pages keep their normal lists.

A directive line ``<!-- van-ban: luat -->`` names the instrument of the page
(``<!-- van-ban: luat toan-van -->`` on the whole-text page);
the citation linker (:mod:`lawsite.md_citations`) reads it to resolve
"Luật này" and "Điều này".

Processors (higher priority runs first):

=================  =========================  ========  =============================
kind               name                       priority  job
=================  =========================  ========  =============================
Preprocessor       ``lawsite-directive``      25        read and blank the directive
BlockProcessor     ``lawsite-structure``      76        article headings, khoản, điểm; tables
                                                        inside a clause (just before ``table``)
=================  =========================  ========  =============================

Ids are set while parsing blocks, long before MkDocs' anchor collector
(priority 5), so links to them are validated by ``mkdocs build --strict``.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from . import citations, ids
from .instruments import INSTRUMENTS, point_quirk, text_quirks

log = logging.getLogger("mkdocs.lawsite")

RE_DIRECTIVE = re.compile(r"^<!--\s*van-ban:\s*(?P<key>[a-z0-9]+)(?P<whole>\s+toan-van)?\s*-->\s*$")
RE_DIEU_HEADING = re.compile(
    r"""(?x)^(?P<hashes>\#{1,6})\s+
    Điều\s(?P<n>\d+)\.\s(?P<title>.*?)       # "Điều 7. Title"
    (?:\s*\{(?P<attrs>[^}]*)\})?\s*\#*\s*$   # optional { chuong=5 muc=1 }, closing hashes
    """
)
RE_KHOAN = re.compile(r"^(?P<n>\d+)\.\s")
RE_DIEM = re.compile(r"^(?P<letter>[a-zđ])\)\s")
RE_OTHER_HEADING = re.compile(r"^\#{1,6}\s")
RE_HR = re.compile(r"^ {0,3}((\*\s*){3,}|(-\s*){3,}|(_\s*){3,})$")


@dataclass(frozen=True)
class Reading:
    """Where a law paragraph sits: resolves "Điều này", "khoản này", "điểm này", "Mục này"."""

    dieu: int
    khoan: int | None = None
    diem: str | None = None
    chuong: int | None = None
    muc: int | None = None


RE_ATTR_NUM = re.compile(r"\b(?P<key>chuong|muc)=(?P<n>\d+)\b")


@dataclass
class LawState:
    """What the extension knows about the page being converted (reset per page)."""

    instrument: str | None = None
    """Instrument named by the directive, None on guidance pages."""
    whole: bool = False
    """True on the whole-text page (chapters and sections are on the page too)."""
    single: bool = False
    """True when the page is one article (level-1 article heading)."""
    dieu: int | None = None
    khoan: int | None = None
    diem: str | None = None
    chuong: int | None = None
    muc: int | None = None
    clause_el: etree.Element | None = None
    body_el: etree.Element | None = None
    """Element holding the current article; blocks nested elsewhere (admonitions) are not law text."""
    articles: list[int] = field(default_factory=list)
    """Articles whose text is on this page, in order."""
    context: dict[etree.Element, Reading] = field(default_factory=dict)
    """Element → where it is read, for every law paragraph; used by the linker."""
    seen_ids: set[str] = field(default_factory=set)

    def uid(self, khoan: int | None = None, diem: str | None = None) -> str:
        return ids.unit_id(khoan, diem, None if self.single else self.dieu)


class DirectivePreprocessor(Preprocessor):
    """Read ``<!-- van-ban: KEY -->`` and blank it (line numbers stay the same)."""

    def __init__(self, md: Markdown, state: LawState):
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            m = RE_DIRECTIVE.match(line)
            if m:
                self.state.instrument = m["key"]
                self.state.whole = bool(m["whole"])
                out.append("")
            else:
                out.append(line)
        return out


class StructureProcessor(BlockProcessor):
    """Render article headings, clauses and points with their ids."""

    def __init__(self, parser, state: LawState):
        super().__init__(parser)
        self.state = state

    def test(self, parent: etree.Element, block: str) -> bool:
        if RE_DIEU_HEADING.match(block.split("\n", 1)[0]):
            return True
        if self.state.dieu is None or parent is not self.state.body_el:
            return False
        first = block.split("\n", 1)[0]
        if RE_OTHER_HEADING.match(first) or RE_HR.match(first):
            # Any other heading or a rule ends the article.
            self._end_article()
            return False
        if first.startswith("|") and self.state.clause_el is not None:
            # A table inside a clause (Thông tư 08/2019 Điều 25: a formula) stays in it, in order.
            return self.parser.blockprocessors["table"].test(parent, block)
        # Raw HTML placeholders, tables, lists and the like are left to
        # Markdown; they close the current clause so order is kept.
        if first.startswith(("|", "\x02", "<", "    ", "\t", "- ", "* ", "+ ", ">", "```", "!!!", "???")):
            self.state.clause_el = None
            return False
        return True

    def _end_article(self) -> None:
        self.state.dieu = None
        self.state.khoan = None
        self.state.diem = None
        self.state.clause_el = None
        self.state.body_el = None

    def _set_id(self, el: etree.Element, value: str, khoan: int | None = None, diem: str | None = None) -> None:
        if value in self.state.seen_ids:
            log.warning("lawsite: duplicate law anchor id %r (Điều %s)", value, self.state.dieu)
        self.state.seen_ids.add(value)
        el.set("id", value)
        if self.state.instrument in INSTRUMENTS and self.state.dieu is not None:
            # The canonical citation a trainer copies ("khoản 1 Điều 6 Luật ... 2017").
            target = citations.Target(self.state.instrument, self.state.dieu, khoan, diem)
            el.set("data-cite", citations.format_target(target, with_instrument=True))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        block = blocks.pop(0)
        first, _, rest = block.partition("\n")
        st = self.state
        notes: list[str] = []
        if first.startswith("|") and st.clause_el is not None:
            blocks.insert(0, block)
            return self.parser.blockprocessors["table"].run(st.clause_el, blocks)
        if m := RE_DIEU_HEADING.match(first):
            level = len(m["hashes"])
            st.single = level == 1
            st.dieu = int(m["n"])
            st.khoan, st.diem, st.clause_el, st.body_el = None, None, None, parent
            attrs = {a["key"]: int(a["n"]) for a in RE_ATTR_NUM.finditer(m["attrs"] or "")}
            st.chuong, st.muc = attrs.get("chuong"), attrs.get("muc")
            st.articles.append(st.dieu)
            h = etree.SubElement(parent, f"h{level}")
            h.text = f"Điều {m['n']}. {m['title']}"
            h.set("class", "dieu")
            self._set_id(h, ids.dieu_id(st.dieu))
            h.set("class", "dieu")
            if rest.strip():
                blocks.insert(0, rest)
            return None
        if m := RE_KHOAN.match(block):
            st.khoan, st.diem = int(m["n"]), None
            div = etree.SubElement(parent, "div")
            div.set("class", "khoan")
            self._set_id(div, st.uid(st.khoan), st.khoan)
            st.clause_el = container = div
            p = etree.SubElement(div, "p")
        elif m := RE_DIEM.match(block):
            container = st.clause_el if st.clause_el is not None else parent
            p = etree.SubElement(container, "p")
            p.set("class", "diem")
            khoan = st.khoan if st.clause_el is not None else None
            letter = m["letter"]
            expected = ids.next_letter(st.diem) if st.diem else "a"
            quirk = point_quirk(st.instrument, st.dieu, khoan, letter, expected) if letter != expected else None
            if quirk is not None:  # documented misprint: the printed letter stays, the id is the real one
                letter = quirk.diem
                notes.append(quirk.note)
            st.diem = letter
            self._set_id(p, st.uid(khoan, letter), khoan, letter)
        else:
            container = st.clause_el if st.clause_el is not None else parent
            p = etree.SubElement(container, "p")
        # Law text is verbatim: no Markdown inline syntax is interpreted in it.
        p.text = AtomicString(block)
        khoan = st.khoan if st.clause_el is not None else None
        st.context[p] = Reading(st.dieu, khoan, st.diem, st.chuong, st.muc)
        notes += [q.note for q in text_quirks(st.instrument, st.dieu, khoan, st.diem, block)]
        for note in notes:
            # Outside the law paragraph (copying the text never copies it), never a citation context.
            sic = etree.SubElement(container, "p")
            sic.set("class", "law-sic")
            sic.set("role", "note")
            sic.text = AtomicString(note)
        return None


class LawStructureExtension(Extension):
    """Register the directive reader and the structure block processor."""

    def __init__(self, **kwargs):
        self.config: dict = {}
        super().__init__(**kwargs)
        self.state = LawState()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API name)
        md.registerExtension(self)
        self.md = md
        self.state = LawState()
        md.lawsite_state = self.state  # shared with the citation linker
        md.preprocessors.register(DirectivePreprocessor(md, self.state), "lawsite-directive", 25)
        md.parser.blockprocessors.register(StructureProcessor(md.parser, self.state), "lawsite-structure", 76)

    def reset(self) -> None:
        fresh = LawState()
        self.state.__dict__.update(fresh.__dict__)


def makeExtension(**kwargs) -> LawStructureExtension:  # noqa: N802 (Markdown API name)
    return LawStructureExtension(**kwargs)
