"""Checks of a letter that go beyond reading it: metadata agrees with the letter's own text,
the body equals its source byte for byte, every căn cứ exists in the law."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..corpus import Corpus, describe_missing
from ..problems import Problem
from .model import RE_LETTER_FILE, CongVan
from .reader import RE_NGAY, RE_SO, REQUIRED_FIELDS, field_problem, nfc


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def check_meta(cv: CongVan, root: Path, problems: list[Problem]) -> None:
    """Required fields present; metadata agrees with the letter's own text."""
    m = cv.meta
    missing = [k for k in REQUIRED_FIELDS if k not in m]
    for k in missing:
        problems.append(Problem(cv.shown, 1, 1, f"letter front matter lacks '{k}'",
                                "see CONTRIBUTING.md, 'Thêm công văn nhiệm vụ trọng tâm năm mới'"))
    if missing:
        return
    fm = RE_LETTER_FILE.match(Path(cv.rel).name)
    if fm and int(fm["nam"]) != m["nam"]:
        problems.append(field_problem(cv, ("nam",), f"'nam: {m['nam']}' differs from the file name {Path(cv.rel).name}",
                                       f"name the file {m['nam']}.md or fix 'nam'"))
    if cv.so and _compact(RE_SO.match(cv.so.text)["so"]) != _compact(cv.so_hieu):
        problems.append(field_problem(cv, ("so_hieu",), f"so_hieu '{cv.so_hieu}' differs from the letter's "
                                       f"'{cv.so.text}' (line {cv.so.line})", "copy the number from the letter"))
    if cv.dia_danh_ngay and isinstance(m["ngay"], dt.date):
        d = RE_NGAY.search(cv.dia_danh_ngay.text)
        date = dt.date(int(d["y"]), int(d["m"]), int(d["d"]))
        if date != m["ngay"]:
            problems.append(field_problem(cv, ("ngay",), f"ngay {m['ngay'].isoformat()} differs from the letter's "
                                           f"'{cv.dia_danh_ngay.text}' (line {cv.dia_danh_ngay.line})",
                                           f"write ngay: {date.isoformat()}"))
    if cv.co_quan_dong and cv.co_quan.casefold() != " ".join(d.text for d in cv.co_quan_dong).casefold():
        problems.append(field_problem(cv, ("co_quan",), f"co_quan '{cv.co_quan}' differs from the issuer "
                                       f"'{cv.co_quan_dong[0].text}' printed in the letter", "copy the issuer's name"))
    if len(cv.chu_ky) >= 2 and cv.chu_ky[-1].text != cv.nguoi_ky:
        problems.append(field_problem(cv, ("nguoi_ky",), f"nguoi_ky '{cv.nguoi_ky}' differs from the signature "
                                       f"'{cv.chu_ky[-1].text}' (line {cv.chu_ky[-1].line})", "copy the signer's name"))
    body_items = [d.text for d in cv.noi_nhan_items]
    if cv.noi_nhan_items and [str(x) for x in m["noi_nhan"]] != body_items:
        problems.append(field_problem(cv, ("noi_nhan",), "noi_nhan differs from the 'Nơi nhận:' list of the letter",
                                       "one line per recipient, exactly as in the letter (importer: scripts/import_letter.py)"))
    for word in cv.nguyen_van:
        if word not in cv.body:
            problems.append(field_problem(cv, ("nguyen_van", word), f"nguyen_van: '{word}' does not occur in the letter",
                                           "list only words that are printed in the letter", key=True))
    if m.get("nguon"):
        _check_source(cv, root, problems)


def _check_source(cv: CongVan, root: Path, problems: list[Problem]) -> None:
    """The body is the source file, byte for byte (leading/trailing blank lines aside)."""
    src = root / str(cv.meta["nguon"])
    if not src.is_file():
        problems.append(field_problem(cv, ("nguon",), f"nguon '{cv.meta['nguon']}' does not exist",
                                       "give the path of the letter's source file from the project folder"))
        return
    want = nfc(src.read_text(encoding="utf-8")).strip("\n").split("\n")
    lead = len(cv.body) - len(cv.body.lstrip("\n"))
    have = cv.body.strip("\n").split("\n")
    for i, (a, b) in enumerate(zip(have, want, strict=False)):
        if a != b:
            problems.append(Problem(cv.shown, cv.body_line + lead + i, 1,
                                    f"the letter differs from its source {cv.meta['nguon']} here: {a[:50]!r} ≠ {b[:50]!r}",
                                    "the text must stay exactly as received; regenerate with scripts/import_letter.py"))
            return
    if len(have) != len(want):
        problems.append(Problem(cv.shown, cv.body_line + lead + min(len(have), len(want)), 1,
                                f"the letter has {len(have)} lines, its source {cv.meta['nguon']} {len(want)}",
                                "the text must stay exactly as received; regenerate with scripts/import_letter.py"))


def check_against_law(letters: list[CongVan], corpus: Corpus) -> list[Problem]:
    """Every căn cứ exists in the law (with the nearest valid unit when not)."""
    problems = []
    for cv in letters:
        for t in cv.tasks:
            for c in t.can_cu:
                missing = describe_missing(corpus, c.target)
                if missing:
                    problems.append(Problem(cv.shown, c.line, c.col, f"căn cứ '{c.text}' of '{t.id}': {missing[0]}",
                                            missing[1]))
    return problems
