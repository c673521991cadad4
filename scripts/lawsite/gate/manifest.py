"""The law cannot change silently: a manifest of the source texts, checked first by publish.

``sources/MANIFEST.json`` records, for every file in ``sources/``, its SHA-256
(and its git blob id, so the recorded version can be read back from the
history); for every instrument registered in :mod:`lawsite.instruments` also
the article, clause and point counts and a short hash of every unit (article
title, clause, point, paragraph, chapter title, front matter).

Publish stops on any difference and says what changed where: the unit
("Điều 7 khoản 2"), at the line of the current source, with the old and new
words when the recorded version is in the git history. Updating the manifest
is deliberate: ``python scripts/update_manifest.py`` prints the textual diff
for review and writes the new manifest (see CONTRIBUTING.md).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..importer import parse, split_front_matter
from ..instruments import INSTRUMENTS
from ..problems import Problem, ProblemsFound
from .base import Context

MANIFEST = Path("sources") / "MANIFEST.json"
UPDATE = "python scripts/update_manifest.py"
HINT = f"if the official text really changed, review the change and run: {UPDATE}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def git_blob_id(data: bytes) -> str:
    """The id git gives this content (``git hash-object``), to read the recorded version back."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _short(text: str) -> str:
    return sha256(text.encode("utf-8"))[:16]


@dataclass(frozen=True)
class Unit:
    label: str
    """Where a reader finds it: "Điều 7 khoản 2", "Điều 5 (tên điều)", "Chương II (tên chương)"."""
    text: str
    line: int


def units(text: str, key: str, shown: str) -> list[Unit]:
    """Every unit of an instrument's text, in source order (raises ProblemsFound if it does not parse)."""
    inst = INSTRUMENTS[key]
    vb = parse(text, key, shown, inst.expected_articles)
    front, _, _ = split_front_matter(text)
    lines = text.split("\n")

    def title_line(start: int, title: str) -> int:
        """A chapter's title is printed on a line of its own after the heading: report that line."""
        return next((i + 1 for i in range(start - 1, min(start + 4, len(lines))) if title and title in lines[i]), start)

    out = [Unit("phần thông tin đầu tệp (front matter)", front, 1)]
    for c in vb.chuong:
        out.append(Unit(f"Chương {c.roman} (tên chương)", c.title, title_line(c.line, c.title)))
        out.extend(Unit(f"Chương {c.roman} Mục {m.number} (tên mục)", m.title, title_line(m.line, m.title)) for m in c.muc)
    for d in vb.dieu.values():
        out.append(Unit(f"Điều {d.number} (tên điều)", d.title, d.line))
        seen: dict[str, int] = {}
        for p in d.doan:
            where = f"Điều {d.number}"
            if p.khoan is not None:
                where = f"khoản {p.khoan} {where}"
            if p.diem is not None:
                where = f"điểm {p.diem} {where}"
            if p.kind not in ("khoan", "diem"):
                seen[where] = seen.get(where, 0) + 1
                where = f"{where} (đoạn {seen[where]})"
            out.append(Unit(where, p.text, p.line))
        if d.missing:
            out.append(Unit(f"Điều {d.number} (MISSING)", d.missing, d.line))
    return out


def counts(text: str, key: str, shown: str) -> dict[str, int]:
    vb = parse(text, key, shown, INSTRUMENTS[key].expected_articles)
    return {
        "articles": len(vb.dieu),
        "clauses": sum(len(d.khoan_numbers()) for d in vb.dieu.values()),
        "points": sum(1 for d in vb.dieu.values() for p in d.doan if p.kind == "diem"),
    }


def source_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "sources").iterdir() if p.is_file() and p.suffix == ".md")


def build(root: Path) -> dict:
    """The manifest of the sources as they are now."""
    by_file = {i.source: k for k, i in INSTRUMENTS.items()}
    files: dict[str, dict] = {}
    for path in source_files(root):
        data = path.read_bytes()
        entry: dict = {"sha256": sha256(data), "git_blob": git_blob_id(data)}
        key = by_file.get(path.name)
        if key:
            text = data.decode("utf-8")
            shown = f"sources/{path.name}"
            entry["instrument"] = key
            entry.update(counts(text, key, shown))
            entry["units"] = {u.label: _short(u.text) for u in units(text, key, shown)}
        files[path.name] = entry
    return {
        "about": "SHA-256 and unit hashes of the official texts; publish refuses any difference. "
                 f"Update deliberately with: {UPDATE} (see CONTRIBUTING.md).",
        "files": files,
    }


def dump(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def recorded_text(root: Path, blob: str) -> str | None:
    """The recorded version of a file, from the git history (None without git or history)."""
    try:
        r = subprocess.run(["git", "-C", str(root), "cat-file", "blob", blob], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if r.returncode:
        return None
    try:
        return r.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


def word_change(old: str, new: str, context: int = 3) -> str:
    """«old words» → «new words» for each differing span, with a few words around."""
    a, b = old.split(), new.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lo_a, lo_b = max(0, i1 - context), max(0, j1 - context)
        before = " ".join(a[lo_a:i2 + context]) or "∅"
        after = " ".join(b[lo_b:j2 + context]) or "∅"
        parts.append(f"«{before}» → «{after}»")
        if len(parts) == 3:
            break
    return "; ".join(parts) or "whitespace only"


def first_change_col(old: str, new: str, source_line: str) -> int:
    """Column, in ``source_line`` (where ``new`` starts), of the first word that differs from ``old``."""
    a, b = old.split(), new.split()
    m = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    j = next((j1 for tag, _, _, j1, _ in m.get_opcodes() if tag != "equal"), 0)
    words = list(re.finditer(r"\S+", new))
    offset = words[j].start() if j < len(words) else len(new)
    start = source_line.find(new[: min(offset, 30)]) if offset else source_line.find(new[:30])
    if start < 0 or offset > len(source_line) - start:
        return 1
    return start + offset + 1


def _line_changes(old: str | None, new: str, shown: str) -> list[Problem]:
    """For files without a legal structure: the first differing lines."""
    if old is None:
        return [Problem(shown, 1, 1, f"differs from {MANIFEST} (the recorded version is not in the git history)", HINT)]
    a, b = old.split("\n"), new.split("\n")
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            was = " / ".join(a[i1:i2])[:120] or "∅"
            now = " / ".join(b[j1:j2])[:120] or "∅"
            out.append(Problem(shown, j1 + 1, 1, f"differs from {MANIFEST}: «{was}» → «{now}»", HINT))
        if len(out) == 5:
            break
    return out


def _unit_changes(key: str, entry: dict, old: str | None, new: str, shown: str) -> list[Problem]:
    try:
        now = units(new, key, shown)
    except ProblemsFound as e:  # the text no longer parses: show the lines, and why it does not parse
        return _line_changes(old, new, shown) + e.problems
    was_text: dict[str, str] = {}
    if old is not None:
        try:
            was_text = {u.label: u.text for u in units(old, key, shown)}
        except ProblemsFound:
            was_text = {}
    recorded: dict[str, str] = entry.get("units", {})
    lines = new.split("\n")
    problems = []
    labels = [u.label for u in now]
    for u in now:
        if u.label not in recorded:
            problems.append(Problem(shown, u.line, 1, f"{u.label} is not in {MANIFEST} (added): «{u.text[:100]}»", HINT))
        elif recorded[u.label] != _short(u.text):
            col = 1
            if u.label in was_text:
                words = word_change(was_text[u.label], u.text)
                col = first_change_col(was_text[u.label], u.text, lines[u.line - 1] if u.line <= len(lines) else "")
            else:
                words = "old text not in the git history"
            problems.append(Problem(shown, u.line, col, f"{u.label} differs from {MANIFEST}: {words}", HINT))
    for i, label in enumerate(recorded):
        if label not in labels:
            # place a removed unit at the line of the unit that now follows it
            after = next((u.line for u in now if u.label in list(recorded)[i + 1:]), 1)
            gone = f": «{was_text[label][:100]}»" if label in was_text else ""
            problems.append(Problem(shown, after, 1, f"{label} was removed (it is in {MANIFEST}){gone}", HINT))
    have = counts(new, key, shown)
    diff = [f"{k} {entry.get(k)} → {v}" for k, v in have.items() if entry.get(k) != v]
    if diff and problems:
        first = problems[0]
        problems[0] = Problem(first.path, first.line, first.col, f"{first.message} (counts: {', '.join(diff)})", first.hint)
    return problems or _line_changes(old, new, shown)


def compare(root: Path, manifest: dict) -> list[Problem]:
    """What differs between the sources now and the manifest, located in the sources."""
    problems: list[Problem] = []
    recorded: dict[str, dict] = manifest.get("files", {})
    present = {p.name: p for p in source_files(root)}
    for inst in INSTRUMENTS.values():
        if inst.source not in recorded:
            problems.append(Problem(str(MANIFEST), 1, 1, f"instrument '{inst.key}' (sources/{inst.source}) is not in the manifest",
                                    f"after importing it, review the text and run: {UPDATE}"))
    for name, entry in recorded.items():
        shown = f"sources/{name}"
        if name not in present:
            problems.append(Problem(str(MANIFEST), 1, 1, f"{shown} is recorded in the manifest but missing",
                                    f"restore the file, or if it was withdrawn on purpose run: {UPDATE}"))
            continue
        data = present[name].read_bytes()
        if sha256(data) == entry.get("sha256"):
            continue
        try:
            new = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            problems.append(Problem(shown, line, 1, f"not valid UTF-8 (byte {e.start}) and differs from {MANIFEST}",
                                    "restore the file from the official text"))
            continue
        old = recorded_text(root, entry["git_blob"]) if entry.get("git_blob") else None
        if entry.get("instrument") in INSTRUMENTS:
            problems.extend(_unit_changes(entry["instrument"], entry, old, new, shown))
        else:
            problems.extend(_line_changes(old, new, shown))
    for name in sorted(set(present) - set(recorded)):
        problems.append(Problem(f"sources/{name}", 1, 1, f"not in {MANIFEST}",
                                f"if it is an official text to publish, review it and run: {UPDATE}"))
    return problems


def load(root: Path) -> tuple[dict | None, list[Problem]]:
    path = root / MANIFEST
    if not path.is_file():
        return None, [Problem(str(MANIFEST), 1, 1, "the manifest of the source texts is missing",
                              f"review sources/ and run: {UPDATE}")]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        line, col = getattr(e, "lineno", 1), getattr(e, "colno", 1)
        return None, [Problem(str(MANIFEST), line, col, f"the manifest is not valid JSON ({e.__class__.__name__})",
                              f"restore it from git, or regenerate it: {UPDATE}")]
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None, [Problem(str(MANIFEST), 1, 1, "the manifest has no 'files' mapping", f"regenerate it: {UPDATE}")]
    return data, []


def run(ctx: Context) -> list[Problem]:
    manifest, problems = load(ctx.root)
    if manifest is None:
        return problems
    return compare(ctx.root, manifest)
