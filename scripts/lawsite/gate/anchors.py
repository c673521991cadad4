"""No id twice on a page: an explicit ``{ #id }`` (or ``id="..."``) written twice sends links to the wrong place.

Checked in the Markdown before the build, at the second occurrence; the
built pages are checked again by :func:`lawsite.gate.origins.duplicate_ids`
(ids that templates or generators add).
"""

from __future__ import annotations

import re

from ..checker import mask_code
from ..problems import Problem
from .base import Context, pages, read_text

RE_EXPLICIT_ID = re.compile(r"\{\s*:?[^{}\n]*?(?<![\w-])#(?P<a>[A-Za-z][\w:-]*)[^{}\n]*\}"
                            r"|<[a-zA-Z][^<>]*?\sid\s*=\s*[\"']?(?P<b>[^\"'\s>]+)")


def check_text(text: str, shown: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    masked = mask_code(text)
    for m in RE_EXPLICIT_ID.finditer(masked):
        name = m["a"] or m["b"]
        start = m.start("a") if m["a"] else m.start("b")
        line = masked.count("\n", 0, start) + 1
        col = start - (masked.rfind("\n", 0, start) + 1) + 1
        if name in seen:
            problems.append(Problem(shown, line, col, f"id '{name}' is already used on line {seen[name]} of this page",
                                    "give each heading its own { #id }; ids are link targets and must stay unique"))
        else:
            seen[name] = line
    return problems


def run(ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for path in pages(ctx):
        text = read_text(path)
        if text is not None:
            problems.extend(check_text(text, ctx.shown(path)))
    return problems
