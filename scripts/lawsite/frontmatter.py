"""Validate the YAML front matter of hand-written pages in ``docs/``.

Authors are not programmers; a typo in a field name ("descripton") would
silently drop the page description, so unknown fields are errors with the
line of the field and the closest known name.
"""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

import yaml

from .problems import Problem

COMMON_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "description": str,
    "hide": list,
    "search": dict,
    "icon": str,
    "status": str,
    "template": str,
}
"""Fields every page may have (Material's own, plus ours)."""

SECTION_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {}
"""Extra fields allowed under a docs folder, registered by the module that reads them."""

REQUIRED = ("title", "description")


def register_section(prefix: str, fields: dict[str, type | tuple[type, ...]]) -> None:
    """Allow ``fields`` in pages whose path under docs/ starts with ``prefix``."""
    SECTION_FIELDS.setdefault(prefix, {}).update(fields)


def allowed_fields(rel: str) -> dict[str, type | tuple[type, ...]]:
    fields = dict(COMMON_FIELDS)
    for prefix, extra in SECTION_FIELDS.items():
        if rel.startswith(prefix):
            fields.update(extra)
    return fields


def read(path: Path) -> tuple[dict, int, str]:
    """Return (front matter, line where the body starts, body); raise ValueError with a line on bad YAML."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, 1, text
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ValueError("1:front matter is not closed by a '---' line")
    raw = text[4:end]
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        raise ValueError(f"{line}:front matter is not valid YAML ({getattr(e, 'problem', e)})") from None
    if not isinstance(data, dict):
        raise ValueError("2:front matter must be 'field: value' lines")
    return data, raw.count("\n") + 4, text[end + 5:]


def _field_line(path: Path, key: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n")[1:], 2):
        if line.startswith(f"{key}:"):
            return i
    return 1


def check_page(path: Path, rel: str, shown: str) -> list[Problem]:
    """Problems in the front matter and encoding of one hand-written page."""
    problems: list[Problem] = []
    text = path.read_text(encoding="utf-8")
    if not unicodedata.is_normalized("NFC", text):
        for i, line in enumerate(text.split("\n"), 1):
            if not unicodedata.is_normalized("NFC", line):
                problems.append(Problem(shown, i, 1, "text is not Unicode NFC",
                                        "save the file with composed characters (NFC)"))
                break
    try:
        data, _, _ = read(path)
    except ValueError as e:
        line, _, msg = str(e).partition(":")
        return [*problems, Problem(shown, int(line), 1, msg, "fix the YAML between the two '---' lines")]
    fields = allowed_fields(rel)
    for key, value in data.items():
        if key not in fields:
            close = difflib.get_close_matches(str(key), fields, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(sorted(fields))}"
            problems.append(Problem(shown, _field_line(path, key), 1, f"unknown front-matter field '{key}'", hint))
        elif not isinstance(value, fields[key]):
            problems.append(Problem(shown, _field_line(path, key), 1,
                                    f"front-matter field '{key}' has the wrong type ({type(value).__name__})",
                                    "see CONTRIBUTING.md for the expected form"))
    for key in REQUIRED:
        if not data.get(key):
            problems.append(Problem(shown, 1, 1, f"front matter lacks '{key}'",
                                    f"add '{key}: ...' between the '---' lines at the top"))
    return problems
