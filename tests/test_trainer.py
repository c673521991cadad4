"""The trainer pack (issue 14): the table of time limits, the worked examples in đồng, the case studies."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from lawsite import citations, luong_co_so, thoi_han, trainer
from lawsite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[1]
TABLE = (ROOT / thoi_han.DATA_FILE).read_text(encoding="utf-8")
EXAMPLES = (ROOT / trainer.EXAMPLES_FILE).read_text(encoding="utf-8")
CASES = ROOT / "docs" / "tap-huan" / "tinh-huong.md"
RE_NUMBER = re.compile(r"(?<![\w/.-])\d+(?:[.,]\d+)*(?![\w/])")


def test_time_limit_table_is_true_to_the_texts_and_complete(corpus):
    assert thoi_han.check(ROOT, corpus.vanban) == []
    records = thoi_han.load(ROOT, corpus.vanban)
    found = sum(thoi_han.time_limits(corpus.vanban[k]).total() for k in thoi_han.INSTRUMENTS_COVERED)
    assert len(records) == found >= 60  # every time limit of the Law and the decree, each once


def test_a_wrong_figure_is_located(corpus):
    bad = TABLE.replace("  thoi_han: 02 ngày làm việc\n  viec: Thụ lý hồ sơ", "  thoi_han: 03 ngày làm việc\n  viec: Thụ lý hồ sơ", 1)
    assert bad != TABLE
    line = bad[:bad.index("03 ngày làm việc\n  viec: Thụ lý")].count("\n") + 1
    with pytest.raises(ProblemsFound) as e:
        thoi_han.parse(bad, corpus.vanban)
    assert [str(p) for p in e.value.problems] == [
        f"data/thoi-han.yml:{line}:13: '03 ngày làm việc' is not in the text of khoản 1 Điều 43 — "
        "copy the words exactly as the clause prints them"]


def test_a_left_out_time_limit_is_reported(corpus):
    start = TABLE.index("- nhom: Hoàn trả\n  thoi_han: 20 ngày")
    end = TABLE.index("- nhom:", start + 1)
    records = thoi_han.parse(TABLE[:start] + TABLE[end:], corpus.vanban)
    problems = [str(p) for p in thoi_han.completeness(records, corpus.vanban)]
    assert problems == ["data/thoi-han.yml:1:1: the table lacks the time limit '20 ngày' of khoản 2 Điều 66 "
                        "(1 in the text, 0 in the table) — add a record for it (see the file header)"]


def test_worked_examples_compute_article_27_with_the_sourced_base_salary(corpus):
    assert trainer.check_examples(ROOT, corpus.vanban["luat"]) == []
    base = luong_co_so.load(ROOT)[-1]
    examples = {e.can_cu: e for e in trainer.load_examples(ROOT, corpus.vanban["luat"])}
    assert len(examples) >= 5
    detention = examples["điểm b khoản 3 Điều 27"]
    assert trainer.amount(detention, base) == Fraction(5 * 40 * base.dong, 22)  # khoản 7 Điều 27: ÷ 22
    assert trainer.amount(examples["khoản 4 Điều 27"], base) == 360 * base.dong
    assert examples["khoản 5 Điều 27"].ceiling and not detention.ceiling
    assert trainer.dong(Fraction(5 * 40 * 2_340_000, 22)) == "21.272.727 đồng"


def test_a_rate_the_clause_does_not_print_is_refused(corpus):
    bad = EXAMPLES.replace("muc: 05 ngày lương cơ sở", "muc: 06 ngày lương cơ sở", 1)
    line = bad[:bad.index("06 ngày lương")].count("\n") + 1
    with pytest.raises(ProblemsFound) as e:
        trainer.parse_examples(bad, corpus.vanban["luat"])
    assert str(e.value.problems[0]).startswith(f"data/vi-du-tinh-tien.yml:{line}:8: muc '06 ngày lương cơ sở' is not a rate")


def case_answers() -> list[tuple[str, str]]:
    text = CASES.read_text(encoding="utf-8")
    out = []
    for case in re.split(r"^## ", text, flags=re.M)[1:]:
        title = case.splitlines()[0]
        facts = case.split("**Câu hỏi**", 1)[0]
        answers = case.split("**Gợi ý trả lời**", 1)[1]
        for item in re.split(r"^\d+\. ", answers, flags=re.M)[1:]:
            out.append((title, facts, item))
    return out


def test_at_least_five_case_studies_with_answers():
    titles = {t for t, _, _ in case_answers()}
    assert len(titles) >= 5
    assert len(case_answers()) >= 15


@pytest.mark.parametrize(("title", "facts", "answer"), case_answers(), ids=[f"answer-{i}" for i in range(len(case_answers()))])
def test_every_case_answer_is_cited_and_its_numbers_are_in_the_cited_text_or_the_facts(corpus, title, facts, answer):
    cites = re.findall(r"\[\[([^\]]+)\]\]", answer)
    assert cites, f"{title}: an answer without Căn cứ: {answer[:80]}"
    source = []
    for cite in cites:
        for t in citations.parse(cite).targets:
            vb = corpus.vanban[t.instrument]
            assert vb.has(t.dieu, t.khoan, t.diem), cite
            source.append(vb.unit_text(t.dieu, t.khoan, t.diem))
    text = "\n".join(source) + "\n" + facts
    prose = re.sub(r"\[\[[^\]]+\]\]|\]\([^)]*\)", " ", answer)
    missing = [n for n in RE_NUMBER.findall(prose) if not re.search(rf"(?<!\d){re.escape(n)}(?!\d)", text)]
    assert not missing, f"{title}: numbers {missing} are neither in {cites} nor in the facts"


def test_trainer_pages_are_published(built_site, corpus):
    table = (built_site / "tap-huan" / "thoi-han" / "index.html").read_text(encoding="utf-8")
    assert table.count("<tr>") >= len(thoi_han.load(ROOT, corpus.vanban))
    assert 'href="../../luat/dieu-43/#khoan-1"' in table
    examples = (built_site / "tap-huan" / "vi-du-tinh-tien" / "index.html").read_text(encoding="utf-8")
    assert "23.000.000 đồng" in examples and "Nghị định số 161/2026/NĐ-CP" in examples  # 5 × 40 × 2 530 000 ÷ 22
    assert (built_site / "tap-huan" / "tinh-huong" / "index.html").is_file()


def _answers_of(anchor: str) -> list[str]:
    text = CASES.read_text(encoding="utf-8")
    case = text.split(f"{{ #{anchor} }}", 1)[1].split("\n## ", 1)[0]
    return re.split(r"^\d+\. ", case.split("**Gợi ý trả lời**", 1)[1], flags=re.M)[1:]


def test_independent_review_findings_on_the_case_studies_stay_fixed():
    """The conditions a re-read found missing (court route, deadlines, force majeure) stay in the answers."""
    detained = _answers_of("tam-giam-dinh-chi")[1]
    assert "15 ngày" in detained and "[[khoản 2 Điều 52]]" in detained and "[[khoản 4 Điều 52]]" in detained
    fined = _answers_of("xu-phat-bi-huy")[2]
    assert "trước khi cơ quan tiến hành xác minh thiệt hại" in fined and "[[điểm a khoản 1 Điều 51]]" in fined
    paid = _answers_of("thuong-luong-nhan-tien")[2]
    assert "bất khả kháng" in paid
    heir = _answers_of("nguoi-thua-ke")[2]
    assert "đăng báo xin lỗi" in heir and "[[khoản 6 Điều 57]]" in heir
    table = {r.can_cu + r.thoi_han: r for r in thoi_han.parse(TABLE, _corpus().vanban)}
    assert "trước khi cơ quan tiến hành xác minh thiệt hại" in table["khoản 1 Điều 5203 năm"].viec
    assert "bất khả kháng" in table["khoản 6 Điều 6203 năm"].viec


def _corpus():
    from lawsite import site

    return site.load_corpus(ROOT)
