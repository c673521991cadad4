"""The FAQ's structure: questions with stable ids, an answer, and a "Căn cứ" line.

FAQ pages (``docs/hoi-dap/*.md`` except the hub) are plain Markdown written
by non-programmers in one fixed shape (see CONTRIBUTING.md)::

    ## Question? { #stable-id }

    /// cach-hoi-khac
    - the question as a citizen might type it
    - khong dau, tu ngu hang ngay
    ///

    Answer first, one or two sentences.

    Details...

    **Căn cứ:** [[khoản 1 Điều 6]]; [[Điều 41]].

The optional ``cach-hoi-khac`` block right under the heading holds 2–5
other ways citizens ask the same question (everyday words, no diacritics);
the site search indexes them (:mod:`lawsite.search`) and the page shows
nothing of them (:mod:`lawsite.md_faq` removes the block).

:func:`parse` reads that shape; :func:`check` reports what breaks it, for the
publish checks, and the tests use :func:`parse` to verify every number in an
answer against the clauses it cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .md_citations import RE_SHORT_LINK
from .problems import Problem

FAQ_DIR = "hoi-dap/"
RE_QUESTION = re.compile(r"^## (?P<q>.+?)(?:\s*\{\s*#(?P<id>[a-z0-9-]+)\s*\})?\s*$")
RE_CAN_CU = re.compile(r"^\*\*Căn cứ:\*\*\s+(?P<rest>.+)$")
RE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ALT_OPEN = "/// cach-hoi-khac"
ALT_CLOSE = "///"
RE_ALT_ITEM = re.compile(r"^\s*[-*]\s+(?P<text>.*?)\s*$")
ALT_MIN, ALT_MAX = 2, 5


@dataclass
class Alternative:
    """One "cách hỏi khác" line: how a citizen might ask the question."""

    text: str
    line: int
    col: int


@dataclass
class Entry:
    """One question of the FAQ."""

    id: str | None
    question: str
    line: int
    body: list[str] = field(default_factory=list)
    """Lines of the answer, without the Căn cứ line."""
    can_cu: list[str] = field(default_factory=list)
    """Citations of the Căn cứ line, as written inside [[...]]."""
    can_cu_line: int | None = None
    alternatives: list[Alternative] = field(default_factory=list)
    """The entry's "cách hỏi khác" (other ways to ask), in order."""
    alt_line: int | None = None
    """Line of the ``/// cach-hoi-khac`` opener, if the entry has the block."""
    alt_problems: list[tuple[int, int, str, str]] = field(default_factory=list)

    @property
    def answer(self) -> str:
        return "\n".join(self.body).strip()

    @property
    def cited(self) -> list[str]:
        """Every citation of the entry: its Căn cứ line and any short link in the answer."""
        inline = [m["cite"] for line in self.body for m in RE_SHORT_LINK.finditer(line)]
        return list(dict.fromkeys(self.can_cu + inline))


def is_faq_page(rel: str) -> bool:
    return rel.startswith(FAQ_DIR) and rel != f"{FAQ_DIR}index.md" and rel.endswith(".md")


def parse(text: str) -> list[Entry]:
    """Entries of one FAQ page, in order."""
    entries: list[Entry] = []
    in_fence = False
    in_alt = False
    lines = text.split("\n")
    for i, line in enumerate(lines, 1):
        if not in_alt and line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        if in_alt:
            e = entries[-1]
            if line.strip() == ALT_CLOSE:
                in_alt = False
            elif m := RE_ALT_ITEM.match(line):
                e.alternatives.append(Alternative(m["text"], i, m.start("text") + 1))
            elif line.strip():
                e.alt_problems.append((i, 1, f"'{line.strip()}' is not a list item of the cach-hoi-khac block",
                                       "write each way of asking on its own line, starting with '- '"))
            continue
        if m := RE_QUESTION.match(line):
            entries.append(Entry(m["id"], m["q"].strip(), i))
        elif entries and line.strip() == ALT_OPEN:
            e = entries[-1]
            if e.alt_line is not None or e.answer:
                e.alt_problems.append((i, 1, "the cach-hoi-khac block must come right after the question heading, once",
                                       "move it directly under the '## ...' line"))
            e.alt_line = i
            in_alt = True
        elif entries:
            if m := RE_CAN_CU.match(line):
                entries[-1].can_cu = [c["cite"] for c in RE_SHORT_LINK.finditer(m["rest"])]
                entries[-1].can_cu_line = i
            else:
                entries[-1].body.append(line)
    if in_alt and entries:
        entries[-1].alt_problems.append((entries[-1].alt_line or 1, 1, "the cach-hoi-khac block is not closed",
                                         "end it with a line '///'"))
    return entries


def without_alternatives(text: str) -> str:
    """The page as readers see it: every cach-hoi-khac block removed (fenced code kept)."""
    out: list[str] = []
    fence = in_block = False
    for line in text.split("\n"):
        if not in_block and line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and not in_block and line.strip() == ALT_OPEN:
            in_block = True
        elif in_block:
            in_block = line.strip() != ALT_CLOSE
        else:
            out.append(line)
    return "\n".join(out)


def check_alternatives(e: Entry, shown: str) -> list[Problem]:
    """Problems with an entry's "cách hỏi khác": the block's shape and its 2–5 distinct lines."""
    problems = [Problem(shown, line, col, msg, hint) for line, col, msg, hint in e.alt_problems]
    if e.alt_line is None:
        return problems
    n = len(e.alternatives)
    if not ALT_MIN <= n <= ALT_MAX:
        problems.append(Problem(shown, e.alt_line, 1, f"question '{e.question}' has {n} cách hỏi khác",
                                f"write {ALT_MIN} to {ALT_MAX} ways a citizen might ask it, one per line"))
    seen = {e.question.strip().lower()}
    for a in e.alternatives:
        key = a.text.strip().lower()
        if not key or len(a.text.split()) < 2:
            problems.append(Problem(shown, a.line, a.col, f"cách hỏi khác '{a.text}' is too short",
                                    "write the whole question as a reader would type it"))
        elif key in seen:
            problems.append(Problem(shown, a.line, a.col, f"cách hỏi khác '{a.text}' repeats the question or another line",
                                    "remove it or write a different wording"))
        seen.add(key)
    return problems


def check(text: str, shown: str, seen_ids: dict[str, str]) -> list[Problem]:
    """Problems with the FAQ shape of one page; ``seen_ids`` collects ids across pages."""
    problems = []
    for e in parse(text):
        if e.id is None:
            problems.append(Problem(shown, e.line, 1, f"question '{e.question}' has no stable id",
                                    "end the heading with { #short-id } (lowercase, hyphens), and never change it"))
        elif not RE_ID.match(e.id):
            problems.append(Problem(shown, e.line, 1, f"id '{e.id}' is not lowercase ASCII with hyphens",
                                    "use letters a-z, digits and '-'"))
        elif e.id in seen_ids:
            problems.append(Problem(shown, e.line, 1, f"id '{e.id}' is already used in {seen_ids[e.id]}",
                                    "choose another id; ids are unique across the FAQ"))
        else:
            seen_ids[e.id] = shown
        if not e.can_cu:
            problems.append(Problem(shown, e.line, 1, f"question '{e.question}' has no '**Căn cứ:**' line with a citation",
                                    "end the answer with: **Căn cứ:** [[khoản 1 Điều 6]]."))
        if not e.answer:
            problems.append(Problem(shown, e.line, 1, f"question '{e.question}' has no answer",
                                    "start with one or two sentences that answer it"))
        problems.extend(check_alternatives(e, shown))
    return problems
