"""Reading a letter file: its front matter (with the position of every field) and its verbatim body.

:func:`read_letter` turns ``docs/nhiem-vu-trong-tam/<year>.md`` into a
:class:`~lawsite.priorities.model.CongVan`; structural problems (a part without
addressee, a task the reader cannot place, a căn cứ that is not a citation) are
returned with the line of the letter file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import yaml

from .. import citations, frontmatter
from ..instruments import INSTRUMENTS, LUAT
from ..problems import Problem
from .model import DOI_TUONG, SECTION, CanCu, CongVan, Doan, NhiemVu, Phan

# --------------------------------------------------------------------------
# Front matter of letter files
# --------------------------------------------------------------------------

LETTER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "nam": int,
    "so_hieu": str,
    "ngay": dt.date,
    "co_quan": str,
    "nguoi_ky": str,
    "noi_nhan": list,
    "nguon": str,
    "nguyen_van": dict,
    "doi_tuong": dict,
    "can_cu": dict,
    "ghi_chu": dict,
}
"""Front-matter fields of a letter file (besides title/description); documented in CONTRIBUTING.md."""
REQUIRED_FIELDS = ("nam", "so_hieu", "ngay", "co_quan", "nguoi_ky", "noi_nhan", "doi_tuong", "can_cu")

frontmatter.register_section(f"{SECTION}/", LETTER_FIELDS)


# --------------------------------------------------------------------------
# Reading the verbatim body
# --------------------------------------------------------------------------

RE_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
RE_ITEM = re.compile(r"^[-*+][ \t]+(?P<text>.*)$")
RE_EMPHASIS = re.compile(r"^(?P<m>\*\*|__|\*|_)(?P<text>.+)(?P=m)$", re.S)
RE_SO = re.compile(r"^Số\s*:\s*(?P<so>.+)$")
RE_TRICH_YEU = re.compile(r"^V/v\b")
RE_NGAY = re.compile(r"ngày\s+(?P<d>[0-9]{1,2})\s+tháng\s+(?P<m>[0-9]{1,2})\s+năm\s+(?P<y>[0-9]{4})")
RE_KINH_GUI = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$")
RE_PART = re.compile(r"^(?P<roman>[IVXLC]+)\.\s+(?P<title>\S.*)$")
RE_TASK = re.compile(r"^(?P<n>[0-9]+)\.\s+\S")
RE_CONTINUATION = re.compile(r"^(?:[a-zđ]\)|[-+–])\s")
RE_NOI_NHAN = re.compile(r"^Nơi\s+nhận\s*:?\s*$")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


@dataclass
class _Block:
    line: int
    lines: list[str]
    heading: bool = False


def _blocks(body: str, first_line: int) -> list[_Block]:
    """Blank-line separated blocks; a heading line is always a block of its own."""
    out: list[_Block] = []
    cur: _Block | None = None
    for i, raw in enumerate(body.split("\n")):
        n = first_line + i
        if not raw.strip():
            cur = None
            continue
        if RE_HEADING.match(raw):
            out.append(_Block(n, [raw], heading=True))
            cur = None
            continue
        if cur is None:
            cur = _Block(n, [])
            out.append(cur)
        cur.lines.append(raw)
    return out


def _unmark(lines: list[str]) -> tuple[list[str], bool]:
    """Text lines of a paragraph without Markdown presentation; True if the whole paragraph was emphasised."""
    text = "\n".join(ln.rstrip() for ln in lines)
    emphasised = False
    m = RE_EMPHASIS.match(text)
    if m and m["m"] not in m["text"]:
        text, emphasised = m["text"], True
    out = [re.sub(r"\\$", "", ln).strip() for ln in text.split("\n")]
    return [ln for ln in out if ln], emphasised


def _doan(block: _Block) -> tuple[list[Doan], bool]:
    """Paragraphs of a block: one paragraph, or one per list item; True when emphasised/heading."""
    if block.heading:
        text = RE_HEADING.match(block.lines[0])["text"]
        lines, _ = _unmark([text])
        return [Doan(lines, block.line, "heading")], True
    if all(RE_ITEM.match(ln) or ln.startswith((" ", "\t")) for ln in block.lines) and RE_ITEM.match(block.lines[0]):
        items: list[Doan] = []
        for i, ln in enumerate(block.lines):
            m = RE_ITEM.match(ln)
            if m:
                lines, _ = _unmark([m["text"]])
                items.append(Doan(lines, block.line + i, "item"))
            else:
                items[-1].lines.extend(_unmark([ln])[0])
        return items, False
    lines, emphasised = _unmark(block.lines)
    return [Doan(lines, block.line, "para")], emphasised


class LetterReader:
    """Walks the blocks of a letter body in order and fills a :class:`CongVan`."""

    def __init__(self, cv: CongVan, problems: list[Problem]):
        self.cv = cv
        self.problems = problems
        self.addressee_problems: list[Problem] = []
        """Parts whose addressee is unknown (the importer writes them with '?' for people to fix)."""
        self.items: list[tuple[Doan, bool, str]] = []
        for b in _blocks(cv.body, cv.body_line):
            ds, emph = _doan(b)
            for d in ds:
                self.items.append((d, emph, d.kind))
        self.i = 0

    def problem(self, line: int, message: str, hint: str) -> None:
        self.problems.append(Problem(self.cv.shown, line, 1, message, hint))

    def peek(self) -> Doan | None:
        return self.items[self.i][0] if self.i < len(self.items) else None

    def take(self) -> Doan:
        d = self.items[self.i][0]
        self.i += 1
        return d

    def take_items(self) -> list[Doan]:
        out = []
        while self.i < len(self.items) and self.items[self.i][2] == "item":
            out.append(self.take())
        return out

    def is_part(self) -> re.Match | None:
        if self.i >= len(self.items):
            return None
        d, emph, kind = self.items[self.i]
        m = RE_PART.match(d.text)
        return m if m and (emph or kind == "heading") and len(d.lines) == 1 else None

    def read(self) -> None:
        self._read()
        self.problems.extend(self.addressee_problems)

    def _read(self) -> None:
        cv = self.cv
        if not self.items:
            self.problem(cv.body_line, "the letter has no text after the front matter",
                         "paste the letter, exactly as received, below the closing '---'")
            return
        self._heading_block()
        self._kinh_gui()
        while self.peek() is not None and not self.is_part():
            cv.mo_dau.append(self.take())
        if self.peek() is None:
            self.problem(cv.body_line, "no part heading such as '### **I. ĐỐI VỚI CÁC BỘ**' found",
                         "each group of tasks starts with a heading line 'I. ...', 'II. ...'")
            return
        self._parts()
        while self.peek() is not None and not RE_NOI_NHAN.match(self.peek().text):
            d = self.take()
            if RE_PART.match(d.text) or RE_TASK.match(d.text):
                self.problem(d.line, "a part or numbered task after the closing text",
                             "keep every part and task before the closing paragraphs, as in the letter")
            cv.ket.append(d)
        if self.peek() is None:
            self.problem(cv.body_line, "no 'Nơi nhận:' block found", "the letter ends with 'Nơi nhận:', its list and the signature")
            return
        cv.noi_nhan_nhan = self.take()
        cv.noi_nhan_items = self.take_items()
        if not cv.noi_nhan_items:
            self.problem(cv.noi_nhan_nhan.line, "'Nơi nhận:' has no list", "write each recipient on a line starting with '- '")
        while self.peek() is not None:
            cv.chu_ky.append(self.take())
        if len(cv.chu_ky) < 2:
            self.problem(cv.noi_nhan_nhan.line, "no signature block after 'Nơi nhận:'",
                         "end the letter with the signing title (e.g. 'KT. BỘ TRƯỞNG') and the signer's name")

    def _heading_block(self) -> None:
        cv = self.cv
        while (d := self.peek()) is not None and not RE_KINH_GUI.match(d.text):
            if self.is_part():
                break
            self.take()
            t = d.text
            if RE_SO.match(t) and cv.so is None:
                cv.so = d
            elif RE_TRICH_YEU.match(t) and cv.trich_yeu is None:
                cv.trich_yeu = d
            elif RE_NGAY.search(t) and cv.dia_danh_ngay is None:
                cv.dia_danh_ngay = d
            elif "CỘNG HÒA" in t.upper() and cv.quoc_hieu is None:
                cv.quoc_hieu = d
            elif t.startswith("Độc lập") and cv.tieu_ngu is None:
                cv.tieu_ngu = d
            elif cv.so is None and t == t.upper():
                cv.co_quan_dong.append(d)
            else:
                self.problem(d.line, f"unexpected line in the letter's heading: {t[:60]!r}",
                             "the heading holds the issuer, 'Số: ...', 'V/v ...', the national motto and "
                             "'<place>, ngày ... tháng ... năm ...'")
        for name, value in (("the issuer (e.g. 'BỘ TƯ PHÁP')", cv.co_quan_dong), ("'Số: ...'", cv.so),
                            ("'V/v ...'", cv.trich_yeu), ("'..., ngày ... tháng ... năm ...'", cv.dia_danh_ngay)):
            if not value:
                self.problem(cv.body_line, f"the letter's heading lacks {name}", "copy the heading of the letter as received")

    def _kinh_gui(self) -> None:
        cv = self.cv
        d = self.peek()
        if d is None or not (m := RE_KINH_GUI.match(d.text)):
            self.problem(d.line if d else cv.body_line, "no 'Kính gửi:' after the heading",
                         "the recipients follow the heading: 'Kính gửi:' and a list")
            return
        cv.kinh_gui = self.take()
        cv.kinh_gui_items = self.take_items()
        if not m["rest"] and not cv.kinh_gui_items:
            self.problem(d.line, "'Kính gửi:' names nobody", "write the recipients after it, one per line starting with '- '")

    def _parts(self) -> None:
        cv = self.cv
        mapping = {str(k): v for k, v in (cv.meta.get("doi_tuong") or {}).items()}
        while (m := self.is_part()) is not None:
            heading = self.take()
            roman = m["roman"]
            key = mapping.get(roman)
            d = DOI_TUONG.get(key) if isinstance(key, str) else None
            if d is None:
                line, col = _pos(cv, ("doi_tuong", roman)) or _pos(cv, ("doi_tuong",), key=True) or (heading.line, 1)
                known = ", ".join(DOI_TUONG)
                self.addressee_problems.append(Problem(
                    cv.shown, line, col,
                    f"part {roman} ('{heading.text}') has no known addressee in 'doi_tuong'"
                    + (f" (got {key!r})" if key is not None else ""),
                    f"add '\"{roman}\": <one of {known}>' under doi_tuong"))
            part = Phan(roman, heading, d)
            cv.phan.append(part)
            closing = self._tasks(part)
            if not part.tasks:
                self.problem(heading.line, f"part {roman} has no numbered task", "tasks are paragraphs '1. ...', '2. ...'")
            if closing:
                return

    def _tasks(self, part: Phan) -> bool:
        """Read the tasks of ``part``; True when the closing text of the letter begins."""
        while (p := self.peek()) is not None and not self.is_part():
            tm = RE_TASK.match(p.text)
            if tm and p.kind != "item":
                self.take()
                n = int(tm["n"])
                if n != len(part.tasks) + 1:
                    self.problem(p.line, f"task {part.roman}.{n} is out of order (expected {part.roman}.{len(part.tasks) + 1})",
                                 "tasks of a part are numbered 1., 2., 3. ... as in the letter")
                prefix = part.doi_tuong.key if part.doi_tuong else part.roman.lower()
                part.tasks.append(NhiemVu(f"{prefix}-{n}", part.doi_tuong, part.roman, n, [p]))  # type: ignore[arg-type]
            elif part.tasks and (p.kind == "item" or RE_CONTINUATION.match(p.text)):
                part.tasks[-1].doan.append(self.take())
            elif not part.tasks and not RE_NOI_NHAN.match(p.text):
                part.intro.append(self.take())
            else:
                return True
        return False


# --------------------------------------------------------------------------
# Front-matter positions and checks
# --------------------------------------------------------------------------


def _positions(text: str) -> tuple[dict[tuple, tuple[int, int]], dict[tuple, tuple[int, int]]]:
    """(value positions, key positions) of every node of the front matter, by path of keys/indexes."""
    values: dict[tuple, tuple[int, int]] = {}
    keys: dict[tuple, tuple[int, int]] = {}
    end = text.find("\n---\n", 4)
    if not text.startswith("---\n") or end < 0:
        return values, keys
    try:
        root = yaml.compose(text[4:end])
    except yaml.YAMLError:
        return values, keys

    def walk(node, path: tuple) -> None:
        values[path] = (node.start_mark.line + 2, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                keys[(*path, k.value)] = (k.start_mark.line + 2, k.start_mark.column + 1)
                walk(v, (*path, k.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, (*path, i))

    if root is not None:
        walk(root, ())
    return values, keys


POSITIONS: dict[str, tuple[dict, dict]] = {}


def _pos(cv: CongVan, path: tuple, key: bool = False) -> tuple[int, int] | None:
    if str(cv.path) not in POSITIONS:  # one YAML compose per file, not one per field looked up
        POSITIONS[str(cv.path)] = _positions(cv.path.read_text(encoding="utf-8"))
    values, keys = POSITIONS[str(cv.path)]
    return (keys if key else values).get(path)


def field_problem(cv: CongVan, path: tuple, message: str, hint: str, key: bool = False) -> Problem:
    line, col = _pos(cv, path, key=key) or _pos(cv, path[:1], key=True) or (1, 1)
    return Problem(cv.shown, line, col, message, hint)


def read_can_cu(cv: CongVan, problems: list[Problem]) -> None:
    """``can_cu`` names exactly the tasks of the letter; each entry is a citation of the law."""
    can_cu = cv.meta.get("can_cu") or {}
    ids = {t.id: t for t in cv.tasks}
    seen: set[str] = set()
    for t in cv.tasks:
        if t.id in seen:
            problems.append(Problem(cv.shown, t.line, 1, f"task id '{t.id}' occurs twice",
                                    "map each part to a different addressee in doi_tuong"))
        seen.add(t.id)
    for key in can_cu:
        if str(key) not in ids:
            problems.append(field_problem(cv, ("can_cu", key), f"can_cu: no task '{key}' in the letter",
                                           f"tasks are: {', '.join(ids) or 'none'}", key=True))
    for t in cv.tasks:
        entries = can_cu.get(t.id)
        if entries is None:
            problems.append(field_problem(cv, ("can_cu",), f"can_cu lacks task '{t.id}' ({t.text[:40]}…, line {t.line})",
                                           f"add '{t.id}:' with at least one clause, e.g. - \"khoản 1 Điều 75\"", key=True))
            continue
        if isinstance(entries, str):
            entries = [entries]
        if not isinstance(entries, list) or not entries:
            problems.append(field_problem(cv, ("can_cu", t.id), f"can_cu of '{t.id}' is empty",
                                           "list at least one clause of the law that gives this body the task"))
            continue
        for i, e in enumerate(entries):
            line, col = _pos(cv, ("can_cu", t.id, i)) or _pos(cv, ("can_cu", t.id)) or (1, 1)
            try:
                c = citations.parse(str(e), citations.Context(default_instrument=LUAT.key))
            except citations.CitationError as err:
                problems.append(Problem(cv.shown, line, col, f"căn cứ '{e}' of '{t.id}' is not a citation ({err})",
                                        'write one unit of the law, e.g. "khoản 1 Điều 75" or "điểm c khoản 2 Điều 73"'))
                continue
            if c.instrument not in INSTRUMENTS or len(c.targets) != 1:
                problems.append(Problem(cv.shown, line, col,
                                        f"căn cứ '{e}' of '{t.id}' must name one unit of {LUAT.short_title} "
                                        "or of a published instrument",
                                        "one article, clause or point per line; another instrument by its name, "
                                        'e.g. "khoản 2 Điều 32 Nghị định số 68/2018/NĐ-CP"'))
                continue
            t.can_cu.append(CanCu(str(e), c.targets[0], line, col))
    _check_notes(cv, ids, problems)


def _check_notes(cv: CongVan, ids: dict[str, NhiemVu], problems: list[Problem]) -> None:
    """``ghi_chu`` maps task ids of the letter to a non-empty plain note."""
    for key, note in (cv.meta.get("ghi_chu") or {}).items():
        if str(key) not in ids:
            problems.append(field_problem(cv, ("ghi_chu", key), f"ghi_chu: no task '{key}' in the letter",
                                          f"tasks are: {', '.join(ids) or 'none'}", key=True))
        elif not isinstance(note, str) or not note.strip():
            problems.append(field_problem(cv, ("ghi_chu", key), f"ghi_chu of '{key}' is not a text",
                                          'write one plain sentence in quotes, e.g. ghi_chu: {bo-1: "..."}'))
        else:
            ids[str(key)].ghi_chu = nfc(note.strip())
