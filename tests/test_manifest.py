"""The source manifest: it matches the repository, covers every registered instrument, and updating it is deliberate."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import update_manifest
from lawsite.gate import manifest
from lawsite.instruments import INSTRUMENTS

ROOT = Path(__file__).resolve().parents[1]


def test_manifest_matches_the_sources():
    data, problems = manifest.load(ROOT)
    assert problems == []
    assert manifest.compare(ROOT, data) == [], "run: python scripts/update_manifest.py"


def test_manifest_covers_every_registered_instrument_with_counts():
    data, _ = manifest.load(ROOT)
    for inst in INSTRUMENTS.values():
        entry = data["files"][inst.source]
        assert entry["instrument"] == inst.key
        assert entry["articles"] == inst.expected_articles
        assert entry["clauses"] > 0 and "points" in entry
        assert f"Điều {inst.expected_articles} (tên điều)" in entry["units"]


def test_git_blob_id_is_what_git_computes(tmp_path):
    f = tmp_path / "x.md"
    f.write_bytes("Điều 1.\n".encode())
    r = subprocess.run(["git", "hash-object", str(f)], capture_output=True, text=True, check=True)
    assert manifest.git_blob_id(f.read_bytes()) == r.stdout.strip()


def test_word_change_names_old_and_new_words():
    assert manifest.word_change("Thời hiệu là 03 năm kể từ ngày", "Thời hiệu là 05 năm kể từ ngày") == \
        "«Thời hiệu là 03 năm kể từ» → «Thời hiệu là 05 năm kể từ»"


def test_update_prints_the_diff_and_records_it(tmp_path, capsys):
    project = tmp_path / "p"
    (project / "sources").mkdir(parents=True)
    for name in json.loads((ROOT / manifest.MANIFEST).read_text(encoding="utf-8"))["files"]:
        shutil.copy(ROOT / "sources" / name, project / "sources" / name)
    shutil.copy(ROOT / manifest.MANIFEST, project / manifest.MANIFEST)
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run(git + cmd, check=True, capture_output=True)
    assert update_manifest.main(["--root", str(project), "--check"]) == 0
    law = project / "sources" / INSTRUMENTS["luat"].source
    law.write_text(law.read_text(encoding="utf-8").replace("là 03 năm kể từ", "là 05 năm kể từ", 1), encoding="utf-8")
    capsys.readouterr()
    assert update_manifest.main(["--root", str(project), "--check"]) == 1
    out = capsys.readouterr().out
    assert "khoản 1 Điều 6 differs" in out and "«bồi thường là 05 năm kể từ»" in out
    assert update_manifest.main(["--root", str(project)]) == 0
    assert "written" in capsys.readouterr().out
    assert update_manifest.main(["--root", str(project), "--check"]) == 0
