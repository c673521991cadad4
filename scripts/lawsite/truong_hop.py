"""The rules of the "Trường hợp của tôi" helper: ``data/truong-hop.yml``, read and checked.

The page (:mod:`lawsite.truong_hop_page`) and the tests use the same rules,
so a rule is reviewed once. Each rule cites a clause of the law (``can_cu``)
and quotes a phrase of it (``tu_khoa``); :func:`check` fails the publish when
the clause does not exist or does not contain the phrase.

The arithmetic the page does in the reader's browser is defined here too
(:func:`last_day`, :func:`estimate`); the browser tests compare the page's
figures with these functions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import citations, located_yaml
from .citations import Context, Target
from .corpus import Corpus
from .problems import Problem, ProblemsFound

DATA_FILE = Path("data") / "truong-hop.yml"


@dataclass(frozen=True)
class Rule:
    """One cited rule: where it is in the data file, its clause and its quoted phrase."""

    path: tuple
    can_cu: str
    tu_khoa: str
    line: int
    col: int


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def rules(doc: located_yaml.Located) -> list[Rule]:
    """Every mapping in the file that has a ``can_cu`` (with its own or its parent's ``tu_khoa``)."""
    found: list[Rule] = []

    def walk(node, path: tuple, inherited: str | None) -> None:
        if isinstance(node, dict):
            cite = node.get("can_cu", inherited)
            if "diem" in node and inherited and "can_cu" not in node:  # a letter point: its own point
                cite = f"điểm {node['diem']} {inherited}"
            if "tu_khoa" in node and cite is not None:
                line, col = doc.at(*path, "tu_khoa")
                found.append(Rule(path, str(cite), str(node["tu_khoa"]), line, col))
            elif "can_cu" in node and path and path[-1] not in ("van_ban_yeu_cau",):
                line, col = doc.at(*path, "can_cu")
                found.append(Rule(path, str(cite), "", line, col))
            for k, v in node.items():
                walk(v, (*path, k), node.get("can_cu", inherited) if k == "muc" or k == "chi_phuc_hoi_danh_du" else None)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i), inherited)

    walk(doc.data, (), None)
    return found


def target_of(cite: str) -> Target:
    """The one law unit a rule cites (raises CitationError for anything else)."""
    c = citations.parse(cite, Context(default_instrument="luat"))
    if len(c.targets) != 1 or c.targets[0].instrument != "luat":
        raise citations.CitationError("cite exactly one unit of the law")
    return c.targets[0]


def check_rules(doc: located_yaml.Located, corpus: Corpus, shown: str) -> list[Problem]:
    """Each rule's clause exists and contains its quoted phrase."""
    law = corpus.vanban["luat"]
    problems: list[Problem] = []
    for r in rules(doc):
        cl, cc = doc.at(*r.path, "can_cu") if (*r.path, "can_cu") in doc.marks else (r.line, r.col)
        try:
            t = target_of(r.can_cu)
        except citations.CitationError as e:
            problems.append(Problem(shown, cl, cc, f"'{r.can_cu}' is not a citation of one unit of the law ({e})",
                                    "write it like 'điểm a khoản 1 Điều 33'"))
            continue
        if not law.has(t.dieu, t.khoan, t.diem):
            problems.append(Problem(shown, cl, cc, f"{citations.format_target(t)} does not exist in the law",
                                    "open sources/luat-10-2017-qh14.md and fix the citation"))
            continue
        if not r.tu_khoa:
            problems.append(Problem(shown, cl, cc, f"the rule citing {r.can_cu} has no tu_khoa",
                                    "copy a phrase of the clause that states the rule into tu_khoa"))
            continue
        if _norm(r.tu_khoa) not in _norm(law.unit_text(t.dieu, t.khoan, t.diem)):
            problems.append(Problem(shown, r.line, r.col,
                                    f"{citations.format_target(t)} does not contain \"{r.tu_khoa}\"",
                                    "copy the phrase verbatim from the clause, or cite the clause that says it"))
    return problems


def check_shape(data, doc: located_yaml.Located, shown: str) -> list[Problem]:
    """The few structural facts the page relies on."""
    problems: list[Problem] = []
    for key in ("hoat_dong", "duong_khac", "nguoi_yeu_cau", "tinh_than", "ngay_luong_co_so", "thoi_diem_tinh", "thiet_hai_khac",
                "thoi_hieu", "ho_so", "van_ban_yeu_cau", "tien_trinh"):
        if not isinstance(data, dict) or key not in data:
            problems.append(Problem(shown, 1, 1, f"missing section '{key}'", "restore it from git"))
    if problems:
        return problems
    for hd, act in data["hoat_dong"].items():
        ids = [c.get("id") for c in act.get("co_quan", [])]
        if len(ids) != len(set(ids)) or not ids:
            line, col = doc.at("hoat_dong", hd, "co_quan")
            problems.append(Problem(shown, line, col, f"{hd}: body ids must be unique and non-empty", "rename the duplicate id"))
    known = set(data["hoat_dong"])
    for i, k in enumerate(data["tinh_than"]):
        if k.get("don_vi") not in ("ngay", "lan", "thang", "toi_da_thang"):
            line, col = doc.at("tinh_than", i, "don_vi")
            problems.append(Problem(shown, line, col, "don_vi must be ngay, lan, thang or toi_da_thang", "see the comment above tinh_than"))
        if not isinstance(k.get("he_so"), int | float) or isinstance(k.get("he_so"), bool):
            line, col = doc.at("tinh_than", i, "he_so")
            problems.append(Problem(shown, line, col, "he_so must be a number", "write e.g. 5 or 0.5"))
        for j, hd in enumerate(k.get("hoat_dong", [])):
            if hd not in known:
                line, col = doc.at("tinh_than", i, "hoat_dong", j)
                problems.append(Problem(shown, line, col, f"unknown activity '{hd}'", f"use one of {', '.join(known)}"))
    letters = [m["diem"] for m in data["van_ban_yeu_cau"]["muc"]]
    if letters != ["a", "b", "c", "d", "đ", "e", "g", "h", "i"]:
        line, col = doc.at("van_ban_yeu_cau", "muc")
        problems.append(Problem(shown, line, col, "the letter must list points a–i of khoản 3 Điều 41 in order",
                                "one item per point: a, b, c, d, đ, e, g, h, i"))
    return problems


def load(root: Path, corpus: Corpus) -> dict:
    """The rules as plain data, after every check; raise ProblemsFound with ``file:line:col``."""
    shown = str(DATA_FILE)
    doc = located_yaml.load((root / DATA_FILE).read_text(encoding="utf-8"), shown)
    problems = check_shape(doc.data, doc, shown)
    if not problems:
        problems = check_rules(doc, corpus, shown)
    if problems:
        raise ProblemsFound(problems)
    return doc.data


def check(root: Path, corpus: Corpus) -> list[Problem]:
    """Publish step: problems of the rules file (empty when every rule is backed by its clause)."""
    try:
        load(root, corpus)
    except ProblemsFound as e:
        return e.problems
    return []


# ---- the arithmetic the page performs -----------------------------------------------------------

def add_years(d: dt.date, years: int) -> dt.date:
    """The corresponding day ``years`` later; 29/02 in a non-leap year becomes 28/02 (see thoi_hieu.cach_tinh)."""
    y = d.year + years
    return dt.date(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))


def last_day(received: dt.date, years: int = 3, not_counted_days: int = 0) -> dt.date:
    """Last day of the time limit: the corresponding day ``years`` later, plus the days not counted
    (khoản 3 Điều 6), moved past a Saturday or Sunday to the next Monday (public holidays are not known here)."""
    end = add_years(received, years) + dt.timedelta(days=not_counted_days)
    while end.weekday() >= 5:
        end += dt.timedelta(days=1)
    return end


def estimate(he_so: float, don_vi: str, days: int, luong_co_so: int, chia: int = 22) -> int | None:
    """Điều 27 amount in đồng, rounded once at the end; None where the law gives only a ceiling."""
    if don_vi == "ngay":
        return round(he_so * days * luong_co_so / chia)
    if don_vi == "lan":
        return round(he_so * luong_co_so / chia)
    if don_vi == "thang":
        return round(he_so * luong_co_so)
    return None
