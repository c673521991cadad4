"""The trainers' table of time limits: ``data/thoi-han.yml``, read, modelled and checked.

Trainers need every time limit of the Law and of Nghị định 68/2018 in one table: what must be
done, by whom, from when, and the clause that says it. The table is written by hand (plain
words for "what" and "who"), so publish proves it against the texts (:func:`check`):

* the cited unit exists, and the figure ("05 ngày làm việc") and the "from when" words are in it,
  exactly as printed;
* it is complete: every time limit in the two texts (a figure of days, working days, months or
  years followed by "kể từ", or after "thời hạn" / "tối đa là" / "thời gian … là", see :data:`RE_TIME_LIMIT`) has a
  record citing its unit, as many times as the unit states it.

The page itself is rendered by :mod:`lawsite.trainer`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import citations, located_yaml
from .model import VanBan
from .problems import Problem, ProblemsFound

DATA_FILE = Path("data") / "thoi-han.yml"
FIELDS = ("nhom", "thoi_han", "viec", "ai", "tu_khi", "can_cu")
INSTRUMENTS_COVERED = ("luat", "nd68")

RE_TIME_LIMIT = re.compile(
    r"(?<!\d)(?P<a>\d{1,3} (?:ngày làm việc|ngày|tháng|năm))(?= kể từ)"
    r"|(?:thời hạn|tối đa là) (?P<b>\d{1,3} (?:ngày làm việc|ngày|tháng|năm))(?!\w)"
    r"|[Tt]hời (?:gian|hạn)(?: [^\W\d]+){1,6} là (?P<c>\d{1,3} (?:ngày làm việc|ngày|tháng|năm))(?!\w)")
"""A time limit in the text: "05 ngày làm việc kể từ …", "thời hạn 05 ngày làm việc", "tối đa là 30 ngày",
"Thời gian niêm yết là 15 ngày"."""


@dataclass(frozen=True)
class ThoiHan:
    """One time limit."""

    nhom: str
    thoi_han: str
    viec: str
    ai: str
    tu_khi: str
    can_cu: str
    target: citations.Target
    line: int


def unit_key(t: citations.Target) -> tuple:
    return (t.instrument, t.dieu, t.khoan, t.diem)


def time_limits(vb: VanBan) -> Counter:
    """How many times each (unit, figure) time limit occurs in an instrument's text."""
    found: Counter = Counter()
    for n, d in vb.dieu.items():
        for p in d.doan:
            if p.kind not in ("khoan", "diem", "text"):
                continue
            for m in RE_TIME_LIMIT.finditer(p.text):
                # A paragraph belongs to its point (continuations too), else its clause, else the article.
                target = citations.Target(vb.key, n, p.khoan, p.diem)
                found[(unit_key(target), m["a"] or m["b"] or m["c"])] += 1
    return found


def parse(text: str, vanban: dict[str, VanBan], shown: str = str(DATA_FILE)) -> list[ThoiHan]:
    """Every record, validated against the texts; raise ProblemsFound with ``file:line:col``."""
    doc = located_yaml.load(text, shown)
    if not isinstance(doc.data, list):
        raise ProblemsFound([Problem(shown, 1, 1, "expected a list of time limits",
                                     "start each record with '- nhom: ...' (see the file header)")])
    problems: list[Problem] = []
    out: list[ThoiHan] = []
    for i, item in enumerate(doc.data):
        line, col = doc.at(i)
        if not isinstance(item, dict):
            problems.append(Problem(shown, line, col, f"record {i + 1} is not a mapping", f"write the fields {', '.join(FIELDS)}"))
            continue
        bad = [k for k in item if k not in FIELDS]
        for k in bad:
            kl, kc = doc.key_at(i, k)
            problems.append(Problem(shown, kl, kc, f"unknown field '{k}'", f"use only {', '.join(FIELDS)}"))
        missing = [k for k in FIELDS if k not in item or (item[k] in (None, "") and k != "tu_khi")]
        for k in missing:
            problems.append(Problem(shown, line, col, f"record {i + 1} has no '{k}'", f"add {k}: (see the file header)"))
        if bad or missing:
            continue
        values = {k: str(item[k] or "") for k in FIELDS}
        try:
            c = citations.parse(values["can_cu"])
        except citations.CitationError as e:
            kl, kc = doc.at(i, "can_cu")
            problems.append(Problem(shown, kl, kc, f"can_cu is not a citation: {e}", "write e.g. khoản 1 Điều 43"))
            continue
        if len(c.targets) != 1 or c.instrument not in INSTRUMENTS_COVERED or c.targets[0].dieu is None:
            kl, kc = doc.at(i, "can_cu")
            problems.append(Problem(shown, kl, kc, f"can_cu '{values['can_cu']}' must name one article, clause or point "
                                    "of the Law or of Nghị định 68/2018/NĐ-CP", "cite the unit that states the time limit"))
            continue
        t = c.targets[0]
        vb = vanban[t.instrument]
        if not vb.has(t.dieu, t.khoan, t.diem):
            kl, kc = doc.at(i, "can_cu")
            problems.append(Problem(shown, kl, kc, f"{values['can_cu']} does not exist", "check the article, clause and point numbers"))
            continue
        unit = " ".join(vb.unit_text(t.dieu, t.khoan, t.diem).split())
        for k in ("thoi_han", "tu_khi"):
            if values[k] and " ".join(values[k].split()) not in unit:
                kl, kc = doc.at(i, k)
                problems.append(Problem(shown, kl, kc, f"'{values[k]}' is not in the text of {values['can_cu']}",
                                        "copy the words exactly as the clause prints them"))
        out.append(ThoiHan(**values, target=t, line=line))
    if problems:
        raise ProblemsFound(problems)
    return out


def completeness(records: list[ThoiHan], vanban: dict[str, VanBan], shown: str = str(DATA_FILE)) -> list[Problem]:
    """Time limits the texts state that the table lacks (or records with no such time limit)."""
    wanted: Counter = Counter()
    for key in INSTRUMENTS_COVERED:
        wanted.update(time_limits(vanban[key]))
    have = Counter((unit_key(r.target), r.thoi_han) for r in records)
    problems = []
    for (unit, figure), n in sorted(wanted.items(), key=str):
        if have[(unit, figure)] < n:
            where = citations.format_target(citations.Target(*unit), with_instrument=unit[0] != "luat")
            problems.append(Problem(shown, 1, 1, f"the table lacks the time limit '{figure}' of {where} "
                                    f"({n} in the text, {have[(unit, figure)]} in the table)",
                                    "add a record for it (see the file header)"))
    for r in records:
        if have[(unit_key(r.target), r.thoi_han)] > wanted[(unit_key(r.target), r.thoi_han)]:
            problems.append(Problem(shown, r.line, 1, f"{r.can_cu} states '{r.thoi_han}' as a time limit "
                                    f"{wanted[(unit_key(r.target), r.thoi_han)]} time(s), the table has it more often",
                                    "remove the extra record or cite the right clause"))
    return problems


def load(root: Path, vanban: dict[str, VanBan]) -> list[ThoiHan]:
    path = root / DATA_FILE
    if not path.exists():
        raise ProblemsFound([Problem(str(DATA_FILE), 1, 1, "the time-limit table is missing", "restore data/thoi-han.yml from git")])
    return parse(path.read_text(encoding="utf-8"), vanban)


def check(root: Path, vanban: dict[str, VanBan]) -> list[Problem]:
    """Publish step: every record true to its clause, and no time limit of the texts left out."""
    try:
        records = load(root, vanban)
    except ProblemsFound as e:
        return e.problems
    return completeness(records, vanban)
