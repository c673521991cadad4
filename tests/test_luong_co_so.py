"""The base-salary data file: its record is complete and sourced, and bad edits get file:line:col."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from lawsite import luong_co_so, site
from lawsite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
- dong: 1800000
  van_ban: "Nghị định X"
  hieu_luc_tu: 2023-07-01
  trich_dan: "q"
  nguon: "https://example.org/a"
  ngay_doc: 2026-12-01
- dong: 2340000
  van_ban: "Nghị định Y"
  hieu_luc_tu: 2024-07-01
  trich_dan: "q"
  nguon: "https://example.org/b"
  ngay_doc: 2026-12-01
"""


def test_repository_file_is_valid_and_sourced():
    records = luong_co_so.load(ROOT)
    assert [(r.dong, r.hieu_luc_tu) for r in records[-2:]] == [
        (2_340_000, dt.date(2024, 7, 1)), (2_530_000, dt.date(2026, 7, 1))]
    latest = records[-1]
    assert "161/2026/NĐ-CP" in latest.van_ban
    assert "Decree No. 161/2026/ND-CP" in latest.trich_dan and "2.53 million" in latest.trich_dan  # verbatim quote
    assert latest.nguon.startswith("https://")
    assert latest.ngay_doc == dt.date(2026, 12, 2)
    assert "73/2024/NĐ-CP" in records[-2].van_ban and "2340,000" in records[-2].trich_dan
    assert luong_co_so.current(records, dt.date(2026, 6, 30)).dong == 2_340_000
    assert luong_co_so.current(records, dt.date(2026, 7, 1)).dong == 2_530_000


def test_current_picks_the_value_in_force():
    records = luong_co_so.parse(GOOD)
    assert luong_co_so.current(records, dt.date(2024, 6, 30)).dong == 1_800_000
    assert luong_co_so.current(records, dt.date(2024, 7, 1)).dong == 2_340_000
    assert luong_co_so.current(records, dt.date(2020, 1, 1)) is None


def test_base_salary_day_is_month_divided_by_22():
    rec = luong_co_so.parse(GOOD)[-1]
    assert luong_co_so.ngay_luong(rec) == pytest.approx(2_340_000 / 22)
    assert round(luong_co_so.ngay_luong(rec)) == 106_364


@pytest.mark.parametrize(("edit", "where", "what"), [
    (("dong: 2340000", "dong: 2.340.000"), (7, 9), "dong must be a whole number"),
    (("hieu_luc_tu: 2024-07-01", "hieu_luc_tu: 01/7/2024"), (9, 16), "hieu_luc_tu must be a date"),
    (('nguon: "https://example.org/b"', 'nguon: "bao Nhan Dan"'), (11, 10), "nguon must be the web address"),
    (('  trich_dan: "q"\n  nguon: "https://example.org/b"', '  nguon: "https://example.org/b"'), (7, 3), "has no 'trich_dan'"),
    (("ngay_doc: 2026-12-01\n-", "ngay_doc: 2026-12-01\n  nguon_khac: x\n-"), (7, 3), "unknown field 'nguon_khac'"),
    (("hieu_luc_tu: 2024-07-01", "hieu_luc_tu: 2022-07-01"), (9, 16), "in order of hieu_luc_tu"),
    (("  van_ban:", "  van_ban: [\n"), None, "not valid YAML"),
])
def test_bad_edits_are_located(edit, where, what):
    old, new = edit
    assert old in GOOD
    with pytest.raises(ProblemsFound) as e:
        luong_co_so.parse(GOOD.replace(old, new, 1), "data/luong-co-so.yml")
    p = next(p for p in e.value.problems if what in p.message)
    assert p.path == "data/luong-co-so.yml"
    if where:
        assert (p.line, p.col) == where
    assert p.hint


def test_publish_reports_a_broken_file(tmp_path):
    """publish --check-only on a copy with a bad figure fails with the file:line:col message, no traceback."""
    import shutil
    for name in ("sources", "docs", "data", "includes", "overrides", "hooks", "scripts"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns(".venv", "__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    f = tmp_path / luong_co_so.DATA_FILE
    f.write_text(f.read_text(encoding="utf-8").replace("dong: 2340000", "dong: hai trieu"), encoding="utf-8")
    r = subprocess.run([sys.executable, str(tmp_path / "scripts" / "publish.py"), "--check-only", "--root", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "data/luong-co-so.yml:8:9: dong must be a whole number of đồng, got 'hai trieu'" in r.stderr
    assert "Traceback" not in r.stderr


def test_earlier_values_end_the_day_before_the_next_one():
    records = luong_co_so.load(ROOT)
    spans = luong_co_so.earlier(records)
    assert len(spans) == len(records) - 1
    (r, until), = [s for s in spans if s[0].dong == 2_340_000]
    assert until == dt.date(2026, 6, 30) and r.so_hieu == "Nghị định số 73/2024/NĐ-CP"
    assert luong_co_so.earlier(records[:1]) == []


def _earlier_sentence(text: str) -> str:
    flat = " ".join(text.split())
    found = [s for s in flat.split(". ") if "thụ lý trước" in s]
    assert found, "the page does not say what applies to a claim accepted before the newest base salary"
    return found[0]


def test_pages_say_a_claim_accepted_before_the_new_value_keeps_the_old_one():
    """khoản 2 Điều 22: the value is computed when the claim is accepted (thụ lý), so a claim accepted before
    01/7/2026 uses 2.340.000 đồng, not the newest 2.530.000 đồng the examples use."""
    from lawsite import trainer, truong_hop, truong_hop_page

    corpus = site.load_corpus(ROOT)
    records = luong_co_so.load(ROOT)
    earlier = luong_co_so.earlier(records)
    rules = truong_hop.load(ROOT, corpus)
    helper = truong_hop_page.markdown(rules, corpus, records[-1], [], earlier)
    examples = trainer.examples_page(trainer.load_examples(ROOT, corpus.vanban["luat"]), records[-1], earlier)
    for page in (helper, examples):
        assert "01/07/2026" in _earlier_sentence(page)
        assert "2.340.000 đồng/tháng từ 01/07/2024 đến 30/06/2026" in page
        assert "Điều 22" in page and "Điều 52" in page  # the later lawsuit keeps the earlier date (khoản 2 Điều 22)
    data = truong_hop_page.data_json(rules, corpus, records[-1], [], earlier)
    assert data["luong"]["truoc"][-1] == {"dong": 2_340_000, "tu": "2024-07-01", "den": "2026-06-30",
                                          "van_ban": "Nghị định số 73/2024/NĐ-CP"}


def test_the_earlier_value_check_fails_on_the_old_pages():
    from lawsite import trainer, truong_hop, truong_hop_page

    corpus = site.load_corpus(ROOT)
    records = luong_co_so.load(ROOT)
    old = truong_hop_page.markdown(truong_hop.load(ROOT, corpus), corpus, records[-1], [])
    assert "2.340.000" not in old
    with pytest.raises(AssertionError):
        _earlier_sentence(old)
    with pytest.raises(AssertionError):
        _earlier_sentence(trainer.examples_page(trainer.load_examples(ROOT, corpus.vanban["luat"]), records[-1]))
