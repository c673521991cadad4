"""The terms the law defines (Điều 3 "Giải thích từ ngữ"), as a glossary and as tooltips.

Definitions are the clauses of the law's definitions article, verbatim; the
term is the words before the first " là ". Two outputs:

* the glossary page (generated with the law pages, see :mod:`lawsite.site`);
* ``includes/thuat-ngu.md``: Markdown abbreviations (``*[term]: definition``)
  that ``pymdownx.snippets`` appends to every page, so Material shows the
  definition as a tooltip wherever a guidance page uses the term. It is a
  committed, generated file; :func:`check_abbreviations_file` fails the
  publish when it is stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import VanBan
from .problems import Problem

DEFINITIONS_ARTICLE = 3
ABBR_FILE = Path("includes") / "thuat-ngu.md"
RE_DEFINITION = re.compile(r"^(?P<n>\d+)\. (?P<term>.+?) là ")


@dataclass(frozen=True)
class Term:
    term: str
    text: str
    """The whole clause, verbatim, with its number."""
    khoan: int

    @property
    def definition(self) -> str:
        """The clause without its number: "Người bị thiệt hại là ..."."""
        return self.text.split(". ", 1)[1]

    @property
    def anchor(self) -> str:
        return f"khoan-{self.khoan}"


def terms(vb: VanBan) -> list[Term]:
    """Defined terms of the law, in the order of its definitions article."""
    out = []
    for p in vb.dieu[DEFINITIONS_ARTICLE].doan:
        if p.kind == "khoan" and (m := RE_DEFINITION.match(p.text)):
            out.append(Term(m["term"], p.text, p.khoan or 0))
    return out


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def abbreviations(vb: VanBan) -> str:
    """Content of ``includes/thuat-ngu.md``: each term capitalised and in running-text case."""
    # No comment lines: this file is appended to every page, and comments would be published.
    lines = []
    for t in terms(vb):
        for form in dict.fromkeys((t.term, _lower_first(t.term))):
            lines.append(f"*[{form}]: {t.definition} (khoản {t.khoan} Điều {DEFINITIONS_ARTICLE})")
    return "\n".join(lines) + "\n"


def glossary_page(vb: VanBan) -> str:
    """Markdown of the glossary page ``tu-ngu.md``."""
    out = [
        "---",
        'title: "Giải thích từ ngữ"',
        'description: "Các thuật ngữ được Luật Trách nhiệm bồi thường của Nhà nước 2017 giải thích, nguyên văn."',
        "---",
        "",
        "# Giải thích từ ngữ",
        "",
        f"Các từ ngữ dưới đây được giải thích tại [[Điều {DEFINITIONS_ARTICLE}]] của Luật. "
        "Nội dung là nguyên văn của Luật.",
        "",
    ]
    for t in terms(vb):
        out += [f"## {t.term} {{ #{t.anchor} }}", "", f"> {t.definition}", "",
                f"Nguồn: [[khoản {t.khoan} Điều {DEFINITIONS_ARTICLE}]]", ""]
    return "\n".join(out)


def check_abbreviations_file(root: Path, vb: VanBan) -> list[Problem]:
    """The committed tooltip file must match the law (regenerate-and-compare)."""
    path = root / ABBR_FILE
    if not path.exists() or path.read_text(encoding="utf-8") != abbreviations(vb):
        return [Problem(str(ABBR_FILE), 1, 1, "glossary tooltips are out of date with Điều 3 of the law",
                        "run: python scripts/import_sources.py")]
    return []


def write_abbreviations_file(root: Path, vb: VanBan) -> None:
    (root / ABBR_FILE).parent.mkdir(parents=True, exist_ok=True)
    (root / ABBR_FILE).write_text(abbreviations(vb), encoding="utf-8")
