"""The FAQ's structure: questions with stable ids, an answer, and a "Căn cứ" line.

FAQ pages (``docs/hoi-dap/*.md`` except the hub) are plain Markdown written
by non-programmers in one fixed shape (see CONTRIBUTING.md)::

    ## Question? { #stable-id }

    Answer first, one or two sentences.

    Details...

    **Căn cứ:** [[khoản 1 Điều 6]]; [[Điều 41]].

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
    for i, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        if m := RE_QUESTION.match(line):
            entries.append(Entry(m["id"], m["q"].strip(), i))
        elif entries:
            if m := RE_CAN_CU.match(line):
                entries[-1].can_cu = [c["cite"] for c in RE_SHORT_LINK.finditer(m["rest"])]
                entries[-1].can_cu_line = i
            else:
                entries[-1].body.append(line)
    return entries


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
    return problems
