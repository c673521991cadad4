"""Citizens' words → the law's words: ``data/dong-nghia.yml``, read and checked.

Citizens ask with everyday words ("đền bù", "đi tù oan", "cán bộ"); the law
says "bồi thường", "bị kết án oan", "người thi hành công vụ". Each record of
the file maps one everyday expression to the legal terms it means, with a
one-line reason a reviewer can judge::

    - cach_noi: đền bù
      thuat_ngu: [bồi thường]
      ly_do: Cách nói thông thường của "bồi thường".

The site search adds the legal terms to a query that contains the everyday
expression, with a lower weight than the words typed
(``docs/assets/javascripts/search-engine.js``). :func:`check` runs at publish:
every legal term must occur in the site's text (else the expansion could
never match), reported as ``data/dong-nghia.yml:line:col``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import located_yaml, tokens
from .problems import Problem

PATH = Path("data") / "dong-nghia.yml"
FIELDS = ("cach_noi", "thuat_ngu", "ly_do")


@dataclass(frozen=True)
class Term:
    text: str
    line: int
    col: int


@dataclass(frozen=True)
class Synonym:
    cach_noi: str
    thuat_ngu: tuple[Term, ...]
    ly_do: str
    line: int


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load(root: Path) -> tuple[list[Synonym], list[Problem]]:
    """The records of the file and the problems of its shape (a missing file is no records)."""
    path = root / PATH
    shown = str(PATH)
    if not path.is_file():
        return [], []
    try:
        node = located_yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [], [Problem(shown, line, col, f"not valid YAML: {getattr(e, 'problem', e)}", "fix the syntax")]
    if node is None:
        return [], []
    if not isinstance(node, yaml.SequenceNode):
        return [], [Problem(shown, *_mark(node), "the file must be a list of records", "start each record with '- cach_noi: ...'")]
    out, problems = [], []
    for item in node.value:
        line, col = _mark(item)
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(shown, line, col, "a record must have cach_noi, thuat_ngu and ly_do", "see the first record"))
            continue
        fields = {k.value: v for k, v in item.value}
        missing = [f for f in FIELDS if f not in fields]
        unknown = [k for k in fields if k not in FIELDS]
        if missing or unknown:
            what = "; ".join(filter(None, [missing and f"missing {', '.join(missing)}", unknown and f"unknown {', '.join(unknown)}"]))
            problems.append(Problem(shown, line, col, f"record: {what}", "each record has exactly cach_noi, thuat_ngu, ly_do"))
            continue
        terms_node = fields["thuat_ngu"]
        term_nodes = terms_node.value if isinstance(terms_node, yaml.SequenceNode) else [terms_node]
        bad = [n for n in [fields["cach_noi"], fields["ly_do"], *term_nodes]
               if not isinstance(n, yaml.ScalarNode) or not str(n.value).strip()]
        if bad:
            problems.append(Problem(shown, *_mark(bad[0]), "empty or not a text", "write plain text"))
            continue
        out.append(Synonym(fields["cach_noi"].value.strip(),
                           tuple(Term(n.value.strip(), *_mark(n)) for n in term_nodes),
                           fields["ly_do"].value.strip(), line))
    return out, problems


def _phrase(text: str) -> str:
    return " " + " ".join(tokens.syllables(text)) + " "


def _syllable_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"  # as lawsite.tokens.runs


def _written(lowered: str, phrase: str) -> bool:
    """``phrase`` (syllables joined by single spaces) occurs in ``lowered`` with no letter or digit on either side.

    Then the site's syllables contain the phrase's in order: a sufficient test, made without
    tokenising the whole site (check falls back to that only for a term not found this way)."""
    at = lowered.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if (at == 0 or not _syllable_char(lowered[at - 1])) and (end == len(lowered) or not _syllable_char(lowered[end])):
            return True
        at = lowered.find(phrase, at + 1)
    return False


def check(root: Path, site_text: str) -> list[Problem]:
    """Shape problems, and every legal term that does not occur in ``site_text`` (whole syllables, accents exact)."""
    records, problems = load(root)
    lowered = tokens.lower(site_text)
    haystack = None  # the site's syllables: tokenised only if some term is not found as written
    seen: dict[str, int] = {}
    for r in records:
        key = " ".join(tokens.syllables(r.cach_noi))
        if key in seen:
            problems.append(Problem(str(PATH), r.line, 3, f"'{r.cach_noi}' is already listed on line {seen[key]}",
                                    "merge the two records"))
        seen.setdefault(key, r.line)
        for t in r.thuat_ngu:
            phrase = " ".join(tokens.syllables(t.text))
            if phrase and _written(lowered, phrase):
                continue
            haystack = _phrase(site_text) if haystack is None else haystack
            if f" {phrase} " not in haystack:
                problems.append(Problem(str(PATH), t.line, t.col, f"legal term '{t.text}' does not occur in the site's text",
                                        "use the law's exact words (with diacritics), or remove it"))
    return problems


def for_index(root: Path) -> list[dict]:
    """The records as the search engine reads them: ``[{"from": expression, "to": [legal terms]}]``."""
    records, _ = load(root)
    return [{"from": r.cach_noi, "to": [t.text for t in r.thuat_ngu]} for r in records]
