"""The importer reads the official sources exactly and refuses any doubtful structure."""

from __future__ import annotations

from pathlib import Path

import pytest

import import_sources
from lawsite import importer
from lawsite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[1]
LAW = (ROOT / "sources" / "luat-10-2017-qh14.md").read_text(encoding="utf-8")


def test_law_structure_matches_provenance(corpus):
    vb = corpus.vanban["luat"]
    assert len(vb.dieu) == 78
    assert [c.roman for c in vb.chuong] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    assert [(c.roman, m.number) for c in vb.chuong for m in c.muc] == [("V", 1), ("V", 2), ("V", 3)]
    assert sum(len(d.khoan_numbers()) for d in vb.dieu.values()) == 340
    assert sum(1 for d in vb.dieu.values() for p in d.doan if p.kind == "diem") == 232
    assert vb.dieu[41].chuong == 5 and vb.dieu[41].muc == 1
    assert vb.dieu[7].title == "Căn cứ xác định trách nhiệm bồi thường của Nhà nước"


def test_detailing_instruments(corpus):
    assert len(corpus.vanban["nd68"].dieu) == 37
    assert len(corpus.vanban["tt04"].dieu) == 5
    assert any(p.kind == "table" for p in corpus.vanban["tt04"].dieu[3].doan)


def test_missing_parts_are_recorded_not_filled(corpus):
    texts = [m.text for m in corpus.vanban["luat"].missing]
    assert len(texts) == 2
    assert texts[0].startswith("preamble") and texts[1].startswith("closing lines")


def _fault(old: str, new: str, text: str = LAW) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _line_of(old: str) -> int:
    """Line (1-based) of the replaced text in the law source."""
    at = LAW.index(old) + (1 if old.startswith("\n") else 0)
    return LAW[:at].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("#### Điều 5. Quyền yêu cầu bồi thường", "#### Điều. Quyền yêu cầu bồi thường", "malformed article heading"),
        ("#### Điều 13. Quyền và nghĩa vụ", "#### Điều 12. Quyền và nghĩa vụ", "duplicate Điều 12"),
        ("\n2. Thời hiệu yêu cầu bồi thường trong quá trình", "\n3. Thời hiệu yêu cầu bồi thường trong quá trình",
         "khoản 3 of Điều 6 is out of order"),
        ("\nb) Khoảng thời gian mà người bị thiệt hại", "\nc) Khoảng thời gian mà người bị thiệt hại",
         "điểm c of khoản 3 Điều 6 is out of sequence"),
        ("#### Điều 9. ", "#### Điều 10. ", "Điều 10 is out of order"),
    ],
)
def test_malformed_source_names_the_line(old, new, message):
    bad = _fault(old, new)
    with pytest.raises(ProblemsFound) as exc:
        importer.parse(bad, "luat", "luat.md", 78)
    problems = exc.value.problems
    hit = [p for p in problems if message in p.message]
    assert hit, [str(p) for p in problems]
    assert hit[0].line == _line_of(old)
    assert str(hit[0]).startswith(f"luat.md:{hit[0].line}:1: ")


def test_point_d_and_dd_are_distinct_in_sequence():
    text = _fault("\nđ) ", "\nd) ")  # a second "d)" where the law has "đ)"
    with pytest.raises(ProblemsFound) as exc:
        importer.parse(text, "luat", "luat.md", 78)
    assert any("điểm d" in p.message and "expected điểm đ" in p.hint for p in exc.value.problems)


def test_missing_front_matter_field():
    text = _fault("so_hieu: 10/2017/QH14\n", "")
    with pytest.raises(ProblemsFound) as exc:
        importer.parse(text, "luat", "luat.md", 78)
    assert any("lacks 'so_hieu'" in p.message for p in exc.value.problems)


def test_non_nfc_text_is_rejected():
    text = _fault("Phạm vi điều chỉnh\n\nLuật này", "Phạm vi điều chỉnh\n\nLua\u0323\u0302t này")
    with pytest.raises(ProblemsFound) as exc:
        importer.parse(text, "luat", "luat.md", 78)
    assert any("NFC" in p.message for p in exc.value.problems)


def test_import_script_writes_nothing_when_a_source_is_malformed(tmp_path, capsys):
    src = tmp_path / "shared"
    dest = tmp_path / "repo-sources"
    src.mkdir()
    dest.mkdir()
    for name in import_sources.files_to_import():
        (src / name).write_bytes((ROOT / "sources" / name).read_bytes())
        (dest / name).write_text("old copy\n", encoding="utf-8")
    (src / "luat-10-2017-qh14.md").write_text(
        _fault("#### Điều 13. Quyền và nghĩa vụ", "#### Điều 12. Quyền và nghĩa vụ"), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        import_sources.main(["--from", str(src), "--to", str(dest)])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "luat-10-2017-qh14.md:" in err and "duplicate Điều 12" in err and "nothing was written" in err
    assert all((dest / n).read_text(encoding="utf-8") == "old copy\n" for n in import_sources.files_to_import())


def test_import_script_copies_and_check_detects_drift(tmp_path):
    dest = tmp_path / "sources"
    assert import_sources.main(["--from", str(ROOT / "sources"), "--to", str(dest)]) == 0
    assert import_sources.main(["--check", "--from", str(ROOT / "sources"), "--to", str(dest)]) == 0
    (dest / "nd-68-2018.md").write_text("changed", encoding="utf-8")
    assert import_sources.main(["--check", "--from", str(ROOT / "sources"), "--to", str(dest)]) == 1


def test_repo_copy_matches_shared_sources():
    """Maintainer check: the repo's copy is byte-identical to ../shared/sources, where that folder exists.

    A user's clone has only the repository's sources/ (the truth for building the site), so the
    check skips there with the reason instead of failing.
    """
    shared = ROOT.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip(f"{shared} does not exist (only maintainers have it); sources/ is the copy the site builds from")
    assert import_sources.main(["--check", "--from", str(shared)]) == 0


def test_check_without_shared_sources_skips_with_a_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(import_sources, "DEFAULT_FROM", tmp_path / "no-shared" / "sources")
    assert import_sources.main(["--check"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("skipped: ") and "no-shared" in err and "Traceback" not in err


def test_import_from_a_missing_folder_is_an_error_not_a_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(import_sources, "DEFAULT_FROM", tmp_path / "no-shared" / "sources")
    assert import_sources.main([]) == 2
    assert import_sources.main(["--check", "--from", str(tmp_path / "elsewhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("error: ") == 2 and "--from FOLDER" in err


TT08 = (ROOT / "sources" / "tt-08-2019-tt-btp.md").read_text(encoding="utf-8")


def test_the_documented_double_d_is_accepted_and_nothing_like_it():
    """Thông tư 08/2019 Điều 32 khoản 3: the second "d)" is điểm đ (documented); any other repeat is an error."""
    vb = importer.parse(TT08, "tt08", "tt08.md", 32)
    pts = [(p.diem, p.text[:2], bool(p.notes)) for p in vb.dieu[32].doan if p.kind == "diem"]
    assert pts == [("a", "a)", False), ("b", "b)", False), ("c", "c)", False), ("d", "d)", False), ("đ", "d)", True)]
    # the same misprint one article earlier is not documented: refused
    bad = _fault("\nđ) Phối hợp và chỉ đạo cơ quan", "\nd) Phối hợp và chỉ đạo cơ quan", TT08)
    with pytest.raises(ProblemsFound) as exc:
        importer.parse(bad, "tt08", "tt08.md", 32)
    assert [p.message for p in exc.value.problems] == ["điểm d of khoản 2 Điều 24 is out of sequence"]


def test_a_documented_quirk_that_is_gone_is_an_error():
    fixed = _fault("\nd) Sổ thụ lý hồ sơ", "\nđ) Sổ thụ lý hồ sơ", TT08)
    with pytest.raises(ProblemsFound) as exc:
        importer.parse(fixed, "tt08", "tt08.md", 32)
    assert any("documented quirk not found" in p.message and "Điều 32" in p.message for p in exc.value.problems)
    tt02 = (ROOT / "sources" / "tt-02-2023-tt-tandtc.md").read_text(encoding="utf-8")
    with pytest.raises(ProblemsFound) as exc:
        body = tt02.rsplit("xác định nhũng thiệt hại", 1)  # the article's text, not the front matter's note
        importer.parse("xác định những thiệt hại".join(body), "tt02", "tt02.md", 9)
    assert any("'nhũng' in Điều 8 khoản 3 điểm a" in p.message for p in exc.value.problems)


def test_import_script_without_the_project_packages_says_what_to_do():
    """`python3 -S` (no site-packages): a message naming the missing package and the fix, no traceback."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-S", str(ROOT / "scripts" / "import_sources.py"), "--check"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert r.stderr.startswith("error: Python package '") and "scripts/dev.py" in r.stderr
    assert "Traceback" not in r.stderr
