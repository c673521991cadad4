"""Check the later-changes file against its schema and the legal model.

Run at publish (and by the tests): every change needs an id, a status, the
instrument (number, form, title, issuer, dates), at least one affected unit
that exists in our texts, a plain description, and, when verified, at least
one verbatim quote with its source address and the date it was read. An
unverified change must say what is unverified (``chua_ro``). Every problem
is ``data/thay-doi.yml:LINE:COL: what — what to do``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from . import citations
from .changes_model import STATUSES, UNVERIFIED, Affected, Change, Instrument, Quote
from .changes_reader import DATA_FILE, Value, read_text
from .citations import Context
from .instruments import INSTRUMENTS
from .problems import Problem, ProblemsFound

RE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RE_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
FIELDS = ("id", "trang_thai", "tieu_de", "van_ban", "anh_huong", "mo_ta", "chua_ro", "trich_dan")
INSTRUMENT_FIELDS = ("so_hieu", "loai", "ten", "co_quan", "ngay_ban_hanh", "ngay_hieu_luc", "quy_dinh", "lien_ket")
QUOTE_FIELDS = ("nguyen_van", "nguon", "ten_nguon", "ngay_doc", "ngay_trang", "ghi_chu")


class _Checker:
    def __init__(self, shown: str, corpus) -> None:
        self.shown = shown
        self.corpus = corpus
        self.problems: list[Problem] = []

    def err(self, at: Value, message: str, hint: str) -> None:
        self.problems.append(Problem(self.shown, at.line, at.col, message, hint))

    def mapping(self, v: Value, what: str, allowed: tuple[str, ...]) -> dict[str, Value] | None:
        if not isinstance(v.value, dict):
            self.err(v, f"{what} must be a mapping of 'name: value' lines", "indent its fields under it")
            return None
        for k, sub in v.value.items():
            if k not in allowed:
                self.err(sub, f"{what}: unknown field '{k}'", f"use only: {', '.join(allowed)}")
        return v.value

    def text(self, m: dict[str, Value], key: str, parent: Value, what: str, required: bool = True) -> str:
        v = m.get(key)
        if v is None or v.value is None or (isinstance(v.value, str) and not v.value.strip()):
            if required:
                self.err(v or parent, f"{what}: '{key}' is missing or empty", f"write the {key} (see CONTRIBUTING.md)")
            return ""
        if not isinstance(v.value, (str, int)) or isinstance(v.value, bool):
            self.err(v, f"{what}: '{key}' must be text", "put the value in double quotes")
            return ""
        return " ".join(str(v.value).split())

    def date(self, m: dict[str, Value], key: str, parent: Value, what: str, nullable: bool = False) -> dt.date | None:
        v = m.get(key)
        if v is None:
            self.err(parent, f"{what}: '{key}' is missing",
                     "write the date as YYYY-MM-DD" + (" (or null if it could not be verified)" if nullable else ""))
            return None
        if v.value is None and nullable:
            return None
        if not isinstance(v.value, dt.date) or isinstance(v.value, dt.datetime):
            self.err(v, f"{what}: '{key}' is not a date: {v.value!r}", "write it as YYYY-MM-DD, e.g. 2025-07-01")
            return None
        return v.value

    def instrument(self, v: Value | None, parent: Value, what: str) -> Instrument | None:
        if v is None:
            self.err(parent, f"{what}: 'van_ban' (the later instrument) is missing",
                     "give so_hieu, loai, ten, co_quan, ngay_ban_hanh, ngay_hieu_luc")
            return None
        m = self.mapping(v, f"{what} van_ban", INSTRUMENT_FIELDS)
        if m is None:
            return None
        fields = {k: self.text(m, k, v, f"{what} van_ban") for k in ("so_hieu", "loai", "ten", "co_quan")}
        issued = self.date(m, "ngay_ban_hanh", v, f"{what} van_ban")
        effective = self.date(m, "ngay_hieu_luc", v, f"{what} van_ban", nullable=True)
        link = self.text(m, "lien_ket", v, f"{what} van_ban", required=False)
        if link and not RE_URL.match(link):
            self.err(m["lien_ket"], f"{what} van_ban: lien_ket is not a web address: {link!r}", "write https://...")
        if issued and effective and effective < issued:
            self.err(m["ngay_hieu_luc"], f"{what} van_ban: takes effect before it was issued", "check both dates")
        if not all(fields.values()) or issued is None:
            return None
        return Instrument(ngay_ban_hanh=issued, ngay_hieu_luc=effective, lien_ket=link,
                          quy_dinh=self.text(m, "quy_dinh", v, what, required=False), **fields)

    def affected(self, v: Value | None, parent: Value, what: str) -> list[Affected]:
        if v is None or not isinstance(v.value, list) or not v.value:
            self.err(v or parent, f"{what}: 'anh_huong' must list at least one affected unit",
                     "write e.g.  anh_huong:\\n    - luat: khoản 3 Điều 33")
            return []
        out = []
        for item in v.value:
            if not isinstance(item.value, dict) or len(item.value) != 1:
                self.err(item, f"{what}: each affected unit is one 'instrument: citation' line",
                         "write e.g.  - luat: khoản 3 Điều 33")
                continue
            (key, cite), = item.value.items()
            if key not in INSTRUMENTS:
                self.err(item, f"{what}: unknown instrument '{key}'", f"use one of: {', '.join(INSTRUMENTS)}")
                continue
            try:
                c = citations.parse(str(cite.value), Context(default_instrument=key))
            except citations.CitationError as e:
                self.err(cite, f"{what}: '{cite.value}' is not a citation ({e})", "write it like 'khoản 3 Điều 33'")
                continue
            targets = tuple(t for t in c.targets if t.instrument == key)
            if not targets or len(targets) != len(c.targets):
                self.err(cite, f"{what}: '{cite.value}' must cite {INSTRUMENTS[key].short_title} only",
                         "list units of another instrument under its own key")
                continue
            missing = [t for t in targets if t.dieu is None
                       or not self.corpus.vanban[key].has(t.dieu, t.khoan, t.diem)]
            for t in missing:
                self.err(cite, f"{what}: {citations.format_target(t)} does not exist in {INSTRUMENTS[key].short_title}",
                         "cite an existing article, clause or point")
            if not missing:
                out.append(Affected(key, str(cite.value), targets, cite.line))
        return out

    def quotes(self, v: Value | None, parent: Value, what: str, verified: bool) -> list[Quote]:
        items = v.value if v is not None and isinstance(v.value, list) else None
        if v is not None and items is None:
            self.err(v, f"{what}: 'trich_dan' must be a list of quotes", "start each quote with '- nguyen_van: ...'")
            return []
        if verified and not items:
            self.err(v or parent, f"{what}: a verified change needs at least one verbatim quote (trich_dan)",
                     "copy the passage from the page you read, with nguon and ngay_doc; or set trang_thai: chua-xac-minh")
            return []
        out = []
        for q in items or []:
            m = self.mapping(q, f"{what} quote", QUOTE_FIELDS)
            if m is None:
                continue
            text = self.text(m, "nguyen_van", q, f"{what} quote")
            source = self.text(m, "nguon", q, f"{what} quote")
            name = self.text(m, "ten_nguon", q, f"{what} quote")
            read = self.date(m, "ngay_doc", q, f"{what} quote")
            if source and not RE_URL.match(source):
                self.err(m["nguon"], f"{what} quote: nguon is not a web address: {source!r}",
                         "give the address (https://...) of the page the quote was copied from")
                continue
            if read and read > dt.date.today():
                self.err(m["ngay_doc"], f"{what} quote: ngay_doc {read} is in the future", "write the day you read it")
                continue
            if text and source and name and read:
                out.append(Quote(text, source, name, read, self.text(m, "ngay_trang", q, what, required=False),
                                 self.text(m, "ghi_chu", q, what, required=False)))
        return out

    def change(self, rec: Value, seen: dict[str, int]) -> Change | None:
        m = self.mapping(rec, "change", FIELDS)
        if m is None:
            return None
        cid = self.text(m, "id", rec, "change")
        what = f"change '{cid}'" if cid else f"change at line {rec.line}"
        if cid and not RE_ID.match(cid):
            self.err(m["id"], f"{what}: id must be lowercase ASCII with hyphens", "e.g. nd-120-2025-dieu-19")
        elif cid in seen:
            self.err(m["id"], f"{what}: id already used at line {seen[cid]}", "ids are unique; never change one")
        elif cid:
            seen[cid] = rec.line
        status = self.text(m, "trang_thai", rec, what)
        if status and status not in STATUSES:
            self.err(m["trang_thai"], f"{what}: trang_thai must be one of {', '.join(STATUSES)}",
                     "da-xac-minh only if every statement was read in the quoted sources")
            status = ""
        title = self.text(m, "tieu_de", rec, what)
        desc = self.text(m, "mo_ta", rec, what)
        open_q = self.text(m, "chua_ro", rec, what, required=status == UNVERIFIED)
        inst = self.instrument(m.get("van_ban"), rec, what)
        affected = self.affected(m.get("anh_huong"), rec, what)
        quotes = self.quotes(m.get("trich_dan"), rec, what, verified=status != UNVERIFIED)
        if not (cid and status and title and desc and inst and affected):
            return None
        if (status != UNVERIFIED and not quotes) or (status == UNVERIFIED and not open_q):
            return None
        return Change(cid, status, title, inst, tuple(affected), desc, tuple(quotes), open_q, rec.line)


def check_text(text: str, corpus, shown: str = str(DATA_FILE)) -> tuple[list[Change], list[Problem]]:
    """Changes of a data file's text and the problems found (a change with a problem is left out)."""
    try:
        records = read_text(text, shown)
    except ProblemsFound as e:
        return [], e.problems
    c = _Checker(shown, corpus)
    seen: dict[str, int] = {}
    changes = [ch for rec in records if (ch := c.change(rec, seen)) is not None]
    return changes, c.problems


_loaded: dict[tuple, tuple[object, list[Change]]] = {}


def load(root: Path, corpus) -> list[Change]:
    """The validated changes of ``data/thay-doi.yml``; raise ProblemsFound (file:line:col) on any problem.

    Cached while the file and the corpus are unchanged: the MkDocs hook asks once per page.
    """
    path = Path(root) / DATA_FILE
    if not path.exists():
        return []
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size, id(corpus))
    if key in _loaded and _loaded[key][0] is corpus:
        return list(_loaded[key][1])
    changes, problems = check_text(path.read_text(encoding="utf-8"), corpus)
    if problems:
        raise ProblemsFound(problems)
    _loaded.clear()
    _loaded[key] = (corpus, changes)  # the corpus is kept so its id is not reused
    return list(changes)


def check(root: Path, corpus) -> list[Problem]:
    """Publish check: the problems of ``data/thay-doi.yml`` (empty when it is valid)."""
    path = root / DATA_FILE
    if not path.exists():
        return []
    return check_text(path.read_text(encoding="utf-8"), corpus)[1]
