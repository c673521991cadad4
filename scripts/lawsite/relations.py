"""Which articles of the detailing instruments detail which articles of the law.

The mapping is data, kept in one reviewable file (``data/van-ban-huong-dan.yml``)
and derived from the sources: a decree article whose own title says
"... quy định tại Điều 23 của Luật" details Điều 23 (``can_cu: tieu_de``);
one whose text cites the law unit may be mapped with ``can_cu: noi_dung``;
any other relation needs an explicit ``ghi_chu`` naming where the sources say
so. :func:`validate` checks every entry against the text with the one
citation grammar, so an entry that no citation backs fails the publish.

File shape::

    nd68:                          # instrument key (lawsite.instruments)
      3:                           # article number
        luat: ["Điều 23"]          # law units it details (citations)
        can_cu: tieu_de            # tieu_de | noi_dung | ghi_chu
        ghi_chu: "..."             # required when can_cu is ghi_chu
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import citations
from .citations import Context, Target
from .corpus import Corpus
from .instruments import INSTRUMENTS
from .md_citations import docs_href
from .problems import Problem, ProblemsFound

MAP_FILE = Path("data") / "van-ban-huong-dan.yml"
BASES = ("tieu_de", "noi_dung", "ghi_chu")


@dataclass(frozen=True)
class Relation:
    """Article ``dieu`` of ``instrument`` details the law units ``targets``."""

    instrument: str
    dieu: int
    targets: tuple[Target, ...]
    basis: str
    note: str = ""
    line: int = 1


def _line_of(text: str, key: str, dieu: int) -> int:
    inside = False
    for i, line in enumerate(text.split("\n"), 1):
        if line.startswith(f"{key}:"):
            inside = True
        elif inside and line.strip().startswith(f"{dieu}:"):
            return i
    return 1


def cited_in(corpus: Corpus, key: str, dieu: int, in_title: bool) -> set[Target]:
    """Law targets cited by an article's title (``in_title``) or by its text."""
    d = corpus.vanban[key].dieu[dieu]
    found: set[Target] = set()
    if in_title:
        texts = [(d.title, None, None)]
    else:
        texts = [(p.text, p.khoan, p.diem) for p in d.doan]
    for text, khoan, diem in texts:
        for c in citations.find_citations(text, Context(instrument=key, dieu=dieu, khoan=khoan, diem=diem)):
            if c.instrument == "luat":
                found.update(c.targets)
    return found


def derive(corpus: Corpus) -> dict:
    """The mapping the sources state in article titles (used to write the data file)."""
    out: dict = {}
    for key in INSTRUMENTS:
        if key == "luat":
            continue
        for n in corpus.vanban[key].dieu:
            title_targets = cited_in(corpus, key, n, in_title=True)
            if title_targets:
                d = corpus.vanban[key].dieu[n]
                cs = citations.find_citations(d.title, Context(instrument=key, dieu=n))
                out.setdefault(key, {})[n] = {"luat": [c.text.removesuffix(" của Luật") for c in cs
                                                      if c.instrument == "luat"], "can_cu": "tieu_de"}
    return out


def load(root: Path, corpus: Corpus) -> list[Relation]:
    """Read and validate the mapping file; raise ProblemsFound with file:line on any unbacked entry."""
    path = root / MAP_FILE
    shown = str(MAP_FILE)
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    problems: list[Problem] = []
    relations: list[Relation] = []
    for key, articles in data.items():
        if key not in INSTRUMENTS or key == "luat":
            problems.append(Problem(shown, 1, 1, f"unknown detailing instrument '{key}'",
                                    f"use one of: {', '.join(k for k in INSTRUMENTS if k != 'luat')}"))
            continue
        for n, entry in (articles or {}).items():
            line = _line_of(text, key, n)
            where = f"{key} Điều {n}"
            if n not in corpus.vanban[key].dieu:
                problems.append(Problem(shown, line, 1, f"{where} does not exist", "check the article number"))
                continue
            basis = entry.get("can_cu")
            if basis not in BASES:
                problems.append(Problem(shown, line, 1, f"{where}: can_cu must be one of {', '.join(BASES)}",
                                        "say how the sources back this entry"))
                continue
            targets: list[Target] = []
            for cite in entry.get("luat", []):
                try:
                    c = citations.parse(cite, Context(default_instrument="luat"))
                except citations.CitationError as e:
                    problems.append(Problem(shown, line, 1, f"{where}: '{cite}' is not a citation ({e})",
                                            "write it like 'khoản 1 Điều 23'"))
                    continue
                targets.extend(t for t in c.targets if t.instrument == "luat")
            for t in targets:
                if not corpus.vanban["luat"].has(t.dieu, t.khoan, t.diem):
                    problems.append(Problem(shown, line, 1, f"{where}: {citations.format_target(t)} does not exist "
                                            "in the law", "fix the citation"))
            if basis in ("tieu_de", "noi_dung"):
                cited = cited_in(corpus, key, n, in_title=basis == "tieu_de")
                unbacked = [t for t in targets if t not in cited]
                if unbacked:
                    src = INSTRUMENTS[key].source
                    problems.append(Problem(
                        shown, line, 1,
                        f"{where}: {', '.join(citations.format_target(t) for t in unbacked)} is not cited in the "
                        f"article's {'title' if basis == 'tieu_de' else 'text'} (sources/{src})",
                        "map only what the article cites, or give can_cu: ghi_chu with a source note"))
            elif not str(entry.get("ghi_chu", "")).strip():
                problems.append(Problem(shown, line, 1, f"{where}: can_cu ghi_chu needs a 'ghi_chu' source note",
                                        "say where the sources state this relation"))
            if not targets:
                problems.append(Problem(shown, line, 1, f"{where}: no law unit given", "add luat: [\"Điều N\"]"))
            relations.append(Relation(key, n, tuple(targets), basis, str(entry.get("ghi_chu", "")), line))
    if problems:
        raise ProblemsFound(problems)
    return relations


def related_markdown(corpus: Corpus, relations: list[Relation]) -> dict[str, dict[int, str]]:
    """Markdown shown under each article: ``{instrument: {article: markdown}}``.

    Law articles list "Văn bản hướng dẫn" (the decree/circular articles that
    detail them); detailing articles list the law units they detail.
    """
    out: dict[str, dict[int, str]] = {}
    by_law: dict[int, list[Relation]] = {}
    for r in relations:
        for t in r.targets:
            by_law.setdefault(t.dieu, [])
            if r not in by_law[t.dieu]:
                by_law[t.dieu].append(r)
        inst = INSTRUMENTS[r.instrument]
        items = []
        for t in r.targets:
            law = corpus.vanban["luat"].dieu[t.dieu]
            href = docs_href(t)
            label = citations.format_target(t)
            items.append(f"- [{label}]({href}) — {law.title}")
        out.setdefault(r.instrument, {})[r.dieu] = (
            "## Hướng dẫn thi hành điều nào của Luật { #huong-dan-luat }\n\n"
            f"Điều này của {inst.short_title} {'quy định chi tiết' if inst.kind == 'Nghị định' else 'hướng dẫn thi hành'}:"
            "\n\n" + "\n".join(items) + "\n"
        )
    for key, vb in corpus.vanban.items():
        if key == "luat":
            continue
        for n in vb.dieu:
            out.setdefault(key, {}).setdefault(n, (
                "## Hướng dẫn thi hành điều nào của Luật { #huong-dan-luat }\n\n"
                "Điều này không dẫn chiếu một điều cụ thể nào của Luật (ví dụ: phạm vi, đối tượng áp dụng, "
                "hiệu lực thi hành), nên không được gắn với điều nào.\n"
            ))
    for n, rels in sorted(by_law.items()):
        items = []
        for r in sorted(rels, key=lambda x: (list(INSTRUMENTS).index(x.instrument), x.dieu)):
            inst = INSTRUMENTS[r.instrument]
            d = corpus.vanban[r.instrument].dieu[r.dieu]
            parts = [citations.format_target(t) for t in r.targets if t.dieu == n]
            scope = "" if parts == [f"Điều {n}"] else f" (về {', '.join(parts)})"
            items.append(f"- [{d.heading}]({docs_href(Target(r.instrument, r.dieu))}) — {inst.short_title}{scope}")
        out.setdefault("luat", {})[n] = (
            "## Văn bản hướng dẫn { #van-ban-huong-dan }\n\n" + "\n".join(items) + "\n"
        )
    return out
