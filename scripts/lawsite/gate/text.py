"""No invisible characters in what authors write: a zero-width space inside a word breaks search and copy.

Hand-written pages, snippets and data files are read as bytes: a file that
is not UTF-8 is reported at the line and column of the first bad byte; then
every invisible or direction-changing character (zero-width space and
joiners, word joiner, byte-order mark, soft hyphen, bidirectional controls)
and every control character other than tab and newline is reported at
``path:line:col`` with its Unicode name. The official texts are guarded by
the manifest and the importer (NFC) instead.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..problems import Problem
from .base import Context, pages

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u180e"
                       "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_problem(data: bytes, shown: str) -> Problem | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return Problem(shown, line, col, f"not valid UTF-8 (byte 0x{data[e.start]:02x})",
                       "save the file as UTF-8 (Unicode); most editors have 'Save with encoding'")
    return None


def check_bytes(data: bytes, shown: str) -> list[Problem]:
    bad = decode_problem(data, shown)
    if bad:
        return [bad]
    text = data.decode("utf-8")
    problems = []
    for m in INVISIBLE.finditer(text):
        ch = m.group(0)
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        name = unicodedata.name(ch, f"control character U+{ord(ch):04X}")
        problems.append(Problem(shown, line, col, f"invisible character U+{ord(ch):04X} {name}",
                                "delete it (retype the word); it breaks search, copying and screen readers"))
    return problems


def files(ctx: Context) -> list[Path]:
    data = ctx.root / "data"
    return pages(ctx) + (sorted(p for p in data.rglob("*") if p.suffix in (".yml", ".yaml")) if data.is_dir() else [])


def encoding(ctx: Context) -> list[Problem]:
    """Every page and data file decodes as UTF-8 (blocking: later checks read them as text)."""
    found = (decode_problem(path.read_bytes(), ctx.shown(path)) for path in files(ctx))
    return [p for p in found if p]


def run(ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for path in files(ctx):
        data = path.read_bytes()
        if decode_problem(data, ctx.shown(path)) is None:
            problems.extend(check_bytes(data, ctx.shown(path)))
    return problems
