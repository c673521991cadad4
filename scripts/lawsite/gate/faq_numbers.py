"""Every number an FAQ answer states is in the clauses that answer cites.

"Bạn có 30 ngày" under **Căn cứ:** [[khoản 1 Điều 6]] is refused when
khoản 1 Điều 6 has no "30": a deadline, amount or count that the cited text
does not contain is either a typo or a claim without a source. Numbers in
links, ids, code and list numbering are not statements of the law and are
skipped, as are the alternative phrasings (``/// cach-hoi-khac``), which are
the readers' words.
"""

from __future__ import annotations

import re

from .. import citations, faq
from ..citations import Context as CiteContext
from ..problems import Problem
from .base import Context

RE_NUMBER = re.compile(r"(?<![\w/.-])\d+(?:[.,]\d+)*(?![\w/])")
RE_NOT_PROSE = re.compile(r"\[\[[^\]]+\]\]|\[[^\]\n]*\]\([^)]*\)|\{\s*[#:.][^}]*\}|`[^`]*`|^\s*\d+\.\s|<[^>]*>", re.M)
"""Links (their text names the target), ids, attribute lists, code, HTML tags and list numbering: not statements of the law."""


def _mask(line: str) -> str:
    return RE_NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line)


def cited_text(entry: faq.Entry, corpus) -> str | None:
    """The text of every unit the entry cites, or None if a citation does not resolve (the citation check says why)."""
    out = []
    for cite in entry.cited:
        try:
            c = citations.parse(cite, CiteContext(default_instrument="luat"))
        except citations.CitationError:
            return None
        for t in c.targets:
            vb = corpus.vanban.get(t.instrument) if t.instrument else None
            if vb is None or not vb.has(t.dieu, t.khoan, t.diem, t.chuong, t.muc):
                return None
            if t.dieu is not None:
                out.append(vb.unit_text(t.dieu, t.khoan, t.diem))
    return "\n".join(out)


def check_page(text: str, shown: str, corpus) -> list[Problem]:
    problems: list[Problem] = []
    lines = text.split("\n")
    entries = faq.parse(text)
    for k, e in enumerate(entries):
        if not e.cited:
            continue  # the FAQ shape check reports the missing Căn cứ line
        source = cited_text(e, corpus)
        if source is None:
            continue
        end = entries[k + 1].line - 1 if k + 1 < len(entries) else len(lines)
        in_fence = in_block = False
        for n in range(e.line, end + 1):
            line = lines[n - 1]
            stripped = line.strip()
            if stripped.startswith(("```", "~~~")):
                in_fence = not in_fence
                continue
            if stripped.startswith("///"):
                in_block = stripped != "///"
                continue
            if in_fence or in_block or n == e.can_cu_line:
                continue
            for m in RE_NUMBER.finditer(_mask(line)):
                if not re.search(rf"(?<!\d){re.escape(m.group(0))}(?!\d)", source):
                    problems.append(Problem(
                        shown, n, m.start() + 1,
                        f"'{m.group(0)}' is not in what this answer cites ({'; '.join(e.cited)})",
                        "correct the number, or cite the clause that states it"))
    return problems


def run(ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted(ctx.docs.rglob("*.md")):
        rel = path.relative_to(ctx.docs).as_posix()
        if faq.is_faq_page(rel):
            problems.extend(check_page(path.read_text(encoding="utf-8"), ctx.shown(path), ctx.corpus))
    return problems
