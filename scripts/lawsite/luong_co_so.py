"""The base salary (mức lương cơ sở) the Điều 27 estimate multiplies: ``data/luong-co-so.yml``.

The figure comes from outside our sources (a government decree), so every
record carries the instrument that sets it, the date it applies from, a
verbatim quote and the address it was read at, with the reading date
(GUIDE.md: facts from outside the sources are quoted and sourced). Publish
runs :func:`check`; the helper page and the tests use :func:`current`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from . import located_yaml
from .problems import Problem, ProblemsFound

DATA_FILE = Path("data") / "luong-co-so.yml"
REQUIRED = ("dong", "van_ban", "hieu_luc_tu", "trich_dan", "nguon", "ngay_doc")
OPTIONAL = ("ghi_chu",)


@dataclass(frozen=True)
class LuongCoSo:
    """One base-salary value and where it was verified."""

    dong: int
    van_ban: str
    hieu_luc_tu: dt.date
    trich_dan: str
    nguon: str
    ngay_doc: dt.date
    ghi_chu: str = ""

    @property
    def so_hieu(self) -> str:
        """The instrument's short name ("Nghị định số 73/2024/NĐ-CP"), or its full title if it has no number."""
        m = re.match(r"\S+ \S+ số \S+", self.van_ban)
        return m.group(0) if m else self.van_ban


def _record(i: int, item, doc: located_yaml.Located, shown: str, problems: list[Problem]) -> LuongCoSo | None:
    line, col = doc.at(i)
    if not isinstance(item, dict):
        problems.append(Problem(shown, line, col, f"record {i + 1} is not a mapping",
                                f"write the fields {', '.join(REQUIRED)} under '- '"))
        return None
    start = len(problems)
    for key in item:
        if key not in REQUIRED + OPTIONAL:
            kl, kc = doc.key_at(i, key)
            problems.append(Problem(shown, kl, kc, f"unknown field '{key}'", f"use only {', '.join(REQUIRED + OPTIONAL)}"))
    for key in REQUIRED:
        if key not in item or item[key] in (None, ""):
            problems.append(Problem(shown, line, col, f"record {i + 1} has no '{key}'", f"add {key}: (see the file header)"))
    if len(problems) > start:
        return None
    dong = item["dong"]
    if isinstance(dong, bool) or not isinstance(dong, int) or dong <= 0:
        kl, kc = doc.at(i, "dong")
        problems.append(Problem(shown, kl, kc, f"dong must be a whole number of đồng, got {dong!r}",
                                "write e.g. 2340000 (no dots, no unit)"))
    dates = {}
    for key in ("hieu_luc_tu", "ngay_doc"):
        dates[key] = located_yaml.as_date(item[key])
        if dates[key] is None:
            kl, kc = doc.at(i, key)
            problems.append(Problem(shown, kl, kc, f"{key} must be a date YYYY-MM-DD, got {item[key]!r}", "write e.g. 2024-07-01"))
    nguon = str(item["nguon"])
    if not nguon.startswith(("https://", "http://")):
        kl, kc = doc.at(i, "nguon")
        problems.append(Problem(shown, kl, kc, "nguon must be the web address the quote was read at",
                                "paste the full https:// address"))
    if dates["hieu_luc_tu"] and dates["ngay_doc"] and dates["ngay_doc"] < dates["hieu_luc_tu"] - dt.timedelta(days=366):
        kl, kc = doc.at(i, "ngay_doc")
        problems.append(Problem(shown, kl, kc, "ngay_doc is more than a year before hieu_luc_tu",
                                "check both dates: a figure is read after it is announced"))
    if len(problems) > start:
        return None
    return LuongCoSo(dong, str(item["van_ban"]), dates["hieu_luc_tu"], str(item["trich_dan"]), nguon,
                     dates["ngay_doc"], str(item.get("ghi_chu") or ""))


def parse(text: str, shown: str = str(DATA_FILE)) -> list[LuongCoSo]:
    """Every record, validated; raise ProblemsFound with ``file:line:col`` for each problem."""
    doc = located_yaml.load(text, shown)
    if not isinstance(doc.data, list) or not doc.data:
        raise ProblemsFound([Problem(shown, 1, 1, "expected a list of base-salary records",
                                     "start each record with '- dong: ...' (see the file header)")])
    problems: list[Problem] = []
    found = [(i, r) for i, item in enumerate(doc.data) if (r := _record(i, item, doc, shown, problems))]
    for (_, prev), (i, rec) in itertools.pairwise(found):
        if rec.hieu_luc_tu <= prev.hieu_luc_tu:
            line, col = doc.at(i, "hieu_luc_tu")
            problems.append(Problem(shown, line, col, "records must be in order of hieu_luc_tu, oldest first",
                                    "add a new value as the last record"))
    if problems:
        raise ProblemsFound(problems)
    return [r for _, r in found]


def load(root: Path) -> list[LuongCoSo]:
    path = root / DATA_FILE
    if not path.exists():
        raise ProblemsFound([Problem(str(DATA_FILE), 1, 1, "the base-salary file is missing",
                                     "restore data/luong-co-so.yml from git")])
    return parse(path.read_text(encoding="utf-8"))


def check(root: Path) -> list[Problem]:
    """Publish step: the problems of the data file (empty when valid)."""
    try:
        load(root)
    except ProblemsFound as e:
        return e.problems
    return []


def current(records: list[LuongCoSo], on: dt.date) -> LuongCoSo | None:
    """The value that applies on ``on`` (the newest record in force), or None before the first."""
    found = None
    for r in records:
        if r.hieu_luc_tu <= on:
            found = r
    return found


def earlier(records: list[LuongCoSo]) -> list[tuple[LuongCoSo, dt.date]]:
    """Every value before the newest, with the last day it applied (the day before the next one).

    The value of damage is computed when the claim is accepted (khoản 2 Điều 22), so a claim
    accepted while an earlier value was in force is computed with that value: the pages show them.
    """
    return [(r, nxt.hieu_luc_tu - dt.timedelta(days=1)) for r, nxt in itertools.pairwise(records)]


def earlier_spans(earlier: list[tuple[LuongCoSo, dt.date]]) -> str:
    """The earlier values as the pages print them: "2.340.000 đồng/tháng từ 01/07/2024 đến 30/06/2026 (Nghị định số …)"."""
    return "; ".join(f"{r.dong:,}".replace(",", ".") + f" đồng/tháng từ {r.hieu_luc_tu:%d/%m/%Y} đến {until:%d/%m/%Y} "
                     f"({r.so_hieu})" for r, until in earlier)


def ngay_luong(record: LuongCoSo) -> float:
    """One base-salary day: one month's base salary divided by 22 (khoản 7 Điều 27)."""
    return record.dong / 22
