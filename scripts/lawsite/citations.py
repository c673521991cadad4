"""The one citation grammar of the site: Vietnamese references to law units.

Law text and guidance cite units as Vietnamese drafting writes them
("khoản 2 Điều 22 của Luật này", "các điểm a, b và c khoản 1 Điều 26",
"Mục 1 Chương V của Luật này"). The Markdown linker and the publish checker
both call this module, so a citation means the same thing everywhere.

Grammar
=======

Written bottom-up, as the drafting rules (Nghị định 34/2016/NĐ-CP, phụ lục
II) build a reference: a point sits in a clause, a clause in an article, a
Mục in a Chương. ``SEP`` is ``,``, ``và``, ``hoặc``, ``và/hoặc`` or a comma
followed by one of them, optionally followed by ``tại`` ("khoản 1 Điều 52
hoặc tại Điều 55 của Luật này")::

    citation   = items [qualifier]            ; no qualifier after a "này" unit
    items      = item {SEP item}
    item       = article | chapter
    article    = [clauses | points] head(Điều)
    clauses    = clause {SEP clause}
    clause     = [points] head(khoản)
    points     = head(điểm) {SEP head(điểm)}
    chapter    = [sections] head(Chương)
    sections   = head(Mục) {SEP head(Mục)}
    head(K)    = ["các"] K VALUE {SEP VALUE}     ; "khoản 1, 2 và 3", "các điều 23, 24"
               | ["các"] K "này"                 ; the unit being read
               | "từ" K VALUE "đến" K VALUE      ; ranges, expanded
               | K VALUE "đến" K VALUE
               | "các" K "từ" VALUE "đến" VALUE
    qualifier  = ["của"] (self reference | instrument name | "Luật")

The optional "của" between a unit and its container occurs in the
circulars: "khoản 2 của Điều này" (Thông tư 08/2019, Điều 7), "khoản 2 hoặc
khoản 3 của Điều này" (Thông tư 09/2019).

``VALUE`` is an Arabic number for Điều, khoản and Mục (no leading zero:
"05 ngày" is a quantity, not a unit), a point letter of
:data:`lawsite.ids.POINT_LETTERS` for điểm (``đ`` included) and a Roman
numeral for Chương. Keywords are whole words: "khoản tiền", "các điều kiện",
"Điều lệ", "điểm chỉ" are not citations. A head that carries lower units
("điểm a khoản 1") holds a single value; "điểm a khoản 1, 2" is refused as
ambiguous.

Meaning
=======

* A container written once applies to everything before it that lacks one:
  "điểm b khoản 1 và khoản 2 Điều 52" is 52.1.b and 52.2 (Điều 52 khoản 2 has
  no points, which settles the reading the drafting convention gives).
* "này" means the unit being read (:class:`Context`): "khoản 2 Điều này",
  "điểm b khoản này", "điểm này", "Mục 3 Chương này". A "này" unit ends the
  citation: in "khoản 6 Điều 57 và Điều 59 của Luật và Điều này" (Nghị định
  68, Điều 25) "của Luật" qualifies the first two articles, and "Điều này" is
  a second citation of the decree itself.
* The qualifier ends a citation and applies to all of it: "Luật này",
  "Nghị định này" (self references of the registry), a registry name
  ("Nghị định số 68/2018/NĐ-CP"), bare "Luật" (the decree defines "sau đây
  gọi là Luật"; guidance uses it the same way) or any other instrument name,
  which makes the citation *external*: "Điều 589 của Bộ luật Dân sự", and
  "Luật Trách nhiệm bồi thường của Nhà nước số 35/2009/QH12" (the old law,
  not ours). External citations keep their targets, with the instrument's
  name in :attr:`Target.instrument`, and get no links.
* An unqualified citation belongs to the instrument being read
  (``Context.instrument``), or to ``Context.default_instrument`` on guidance
  pages. That is how the sources use it: the only unqualified citation in
  the three texts outside "này" forms is "Điều 2" in Thông tư 04/2018, Điều 5
  ("quy định tại Điều 2 chịu trách nhiệm thi hành Thông tư này"), which is
  the circular's own Điều 2.
* "đoạn 2 khoản 5 Điều 23" (Nghị định 68, Điều 4): paragraphs have no
  anchors, so the citation starts at "khoản 5" and links the clause.
* A bare "khoản 1" or "điểm a" (no article, no "này") does not occur in the
  sources; it is not a citation, and :func:`parse` says so.
* An instrument word right after a citation that the grammar cannot resolve
  ("của Nghị định quy định ...", "của Luật tố tụng ...") makes the citation
  unresolved instead of silently defaulting; :func:`survey` counts those.

Text is expected in Unicode NFC (the sources are). :func:`parse` and
:func:`find_citations` accept NFD too: they match on the NFC form and map
every span back to the string they were given.

API
===

:func:`find_citations` (running text, for the linker), :func:`parse` (one
citation, strict, for the checker and tests), :func:`find_unresolved` and
:func:`survey` (what could not be classified), :func:`format_target`,
:func:`format_citation` and :func:`format_units` (canonical text; parsing it
back gives the same targets), :func:`target_str`/:func:`target_from_str`
(compact ``luat:52.1.b`` form for data files). The regexes are built from the
``RE_*`` fragments of :mod:`lawsite.citation_grammar`; nothing else in the project
may match citations.

Modules (one way): :mod:`lawsite.citation_types` (Target, Citation, Context) ←
:mod:`lawsite.citation_grammar` (the vocabulary) ← :mod:`lawsite.citation_parser`
(parse and resolve one citation) and :mod:`lawsite.citation_format` (canonical
text) ← this module, the API every caller imports.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from .citation_format import (
    format_citation,
    format_target,
    format_units,
    instrument_name,
    target_from_str,
    target_str,
)
from .citation_grammar import _MENTION, _START
from .citation_parser import _build, _Parser
from .citation_types import Citation, CitationError, Context, Link, Target

__all__ = [
    "Citation",
    "CitationError",
    "Context",
    "Link",
    "Target",
    "find_citations",
    "find_unresolved",
    "format_citation",
    "format_target",
    "format_units",
    "instrument_name",
    "parse",
    "survey",
    "target_from_str",
    "target_str",
]


# --------------------------------------------------------------------------
# Unicode
# --------------------------------------------------------------------------


def _nfc(text: str) -> tuple[str, list[int] | None]:
    """NFC form of ``text`` and, if it differs, the original index of every NFC index (plus the end).

    The text is normalised piecewise between starters (characters of
    combining class 0), so each piece maps to a known span of the original.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            piece = unicodedata.normalize("NFC", text[start:i])
            parts.append(piece)
            offsets.extend([start] * len(piece))
            start = i
    nfc = "".join(parts)
    if nfc != unicodedata.normalize("NFC", text):
        raise CitationError("text mixes characters that compose across letters; normalise it to NFC first")
    offsets.append(len(text))
    return nfc, offsets


def _remap(c: Citation, original: str, offsets: list[int]) -> Citation:
    def m(i: int) -> int:
        return offsets[i]

    links = tuple(Link(m(lk.start), m(lk.end), lk.target) for lk in c.links)
    return Citation(m(c.start), m(c.end), original[m(c.start):m(c.end)], c.targets, links,
                    c.instrument, c.external, c.basis)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def _scan(text: str, ctx: Context) -> Iterator[Citation | CitationError]:
    """Every citation of an NFC text, in order; unresolvable ones as CitationError."""
    parser = _Parser(text)
    pos = 0
    while (m := _START.search(text, pos)) is not None:
        parsed = parser.citation(m.start())
        if parsed is None:
            pos = m.start() + 1
            continue
        try:
            yield _build(text, parsed, ctx)
        except CitationError as e:
            yield e
        pos = parsed.end


def _scan_original(text: str, ctx: Context) -> Iterator[Citation | CitationError]:
    nfc, offsets = _nfc(text)
    for item in _scan(nfc, ctx):
        if offsets is None:
            yield item
        elif isinstance(item, Citation):
            yield _remap(item, text, offsets)
        else:
            yield CitationError(str(item), offsets[item.start], offsets[item.end])


def find_citations(text: str, ctx: Context) -> list[Citation]:
    """All resolvable citations in running text, in order and non-overlapping.

    Spans index ``text`` as given (NFD input is matched on its NFC form).
    Citations that cannot be resolved (see :func:`find_unresolved`) are left
    out, so a renderer never links a guess.
    """
    return [c for c in _scan_original(text, ctx) if isinstance(c, Citation)]


def find_unresolved(text: str, ctx: Context) -> list[CitationError]:
    """The citations of ``text`` that the grammar reads but cannot resolve, with their spans."""
    return [e for e in _scan_original(text, ctx) if isinstance(e, CitationError)]


def parse(text: str, ctx: Context | None = None) -> Citation:
    """Parse a string that must be exactly one citation (surrounding spaces allowed).

    Raises :class:`CitationError` saying what was expected where.
    """
    ctx = ctx or Context()
    nfc, offsets = _nfc(text)
    start = len(nfc) - len(nfc.lstrip())
    end = len(nfc.rstrip())
    if start == end:
        raise CitationError("empty text is not a citation")
    parser = _Parser(nfc)
    parsed = parser.citation(start) if _START.match(nfc, start) else None
    if parsed is None or parsed.end != end:
        where = parser.fail_at if parser.fail_at >= 0 else start
        if parsed is not None and parser.fail_at < parsed.end:
            msg = f"unexpected text after the citation: {nfc[parsed.end:end].strip()!r}"
            where = end - len(nfc[parsed.end:end].lstrip())
        elif parser.fail_at >= 0:
            msg = parser.fail_msg
        else:
            msg = "a citation starts with Điều, khoản, điểm, Mục, Chương, 'các' or 'từ'"
        raise CitationError(f"not a citation: {text!r}: {msg} (at character {where})", start, end)
    if parsed.unknown is not None:
        raise CitationError(f"not a citation: {text!r}: unexpected text after the citation: "
                            f"{nfc[parsed.end:end].strip()!r}", start, end)
    cit = _build(nfc, parsed, ctx)
    return _remap(cit, text, offsets) if offsets is not None else cit


# Survey ------------------------------------------------------------------------


def survey(text: str, ctx: Context) -> dict:
    """Count what the grammar makes of a text, for reports and the publish checker.

    ``citations`` = ``internal`` (linkable) + ``external`` (other instruments)
    + ``unresolved``; ``orphans`` are unit mentions ("khoản 3", "Điều 5")
    outside every citation; ``unclassified`` = ``unresolved`` + ``orphans``
    (the goal is 0). ``problems`` lists ``(start, end, message)`` for each.
    """
    nfc, offsets = _nfc(text)
    found = list(_scan(nfc, ctx))
    cits = [c for c in found if isinstance(c, Citation)]
    errors = [e for e in found if isinstance(e, CitationError)]
    spans = [(c.start, c.end) for c in cits] + [(e.start, e.end) for e in errors]
    problems = [(e.start, e.end, str(e)) for e in errors]
    orphans = 0
    for m in _MENTION.finditer(nfc):
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            orphans += 1
            problems.append((m.start(), m.end(), f"{m.group()!r} is not part of any citation"))
    if offsets is not None:
        problems = [(offsets[s], offsets[e], msg) for s, e, msg in problems]
    internal = [c for c in cits if c.instrument is not None]
    return {
        "citations": len(cits) + len(errors),
        "internal": len(internal),
        "external": len(cits) - len(internal),
        "unresolved": len(errors),
        "orphans": orphans,
        "unclassified": len(errors) + orphans,
        "targets": sum(len(c.targets) for c in internal),
        "links": sum(len(c.links) for c in internal),
        "by_basis": {b: sum(1 for c in internal if c.basis == b) for b in ("named", "here", "default")},
        "problems": sorted(problems),
    }
