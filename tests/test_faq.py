"""The FAQ: enough questions, stable ids, every answer cited, every number found in what it cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lawsite import citations, faq
from lawsite.citations import Context

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FAQ_PAGES = sorted(p for p in (DOCS / "hoi-dap").glob("*.md") if faq.is_faq_page(f"hoi-dap/{p.name}"))
GUIDE_PAGES = sorted((DOCS / "huong-dan").glob("*.md"))
RE_NUMBER = re.compile(r"(?<![\w/.-])\d+(?:[.,]\d+)*(?![\w/])")
RE_LINKS = re.compile(r"\[\[[^\]]+\]\]|\]\([^)]*\)|\{\s*#[^}]*\}|`[^`]*`|^\s*\d+\.\s", re.M)
"""Links, ids, code and list numbering: not statements of the law."""


def entries():
    for path in FAQ_PAGES:
        for e in faq.parse(path.read_text(encoding="utf-8")):
            yield path, e


ALL = list(entries())


def test_at_least_40_questions_with_unique_ids():
    ids = [e.id for _, e in ALL]
    assert len(ids) >= 40
    assert all(ids) and len(set(ids)) == len(ids)
    assert all(faq.RE_ID.match(i) for i in ids)


def test_every_topic_is_listed_in_the_hub():
    hub = (DOCS / "hoi-dap" / "index.md").read_text(encoding="utf-8")
    for path, e in ALL:
        assert f"{path.name}#{e.id})" in hub, f"{path.name}#{e.id} is not linked from hoi-dap/index.md"


def _targets(cite: str) -> list[citations.Target]:
    c = citations.parse(cite, Context(default_instrument="luat"))
    assert c.instrument is not None, cite
    return list(c.targets)


@pytest.mark.parametrize(("path", "entry"), ALL, ids=[e.id for _, e in ALL])
def test_answer_is_cited_and_its_numbers_are_in_the_cited_text(corpus, path, entry):
    assert entry.can_cu, "no **Căn cứ:** line"
    cited_text = []
    for cite in entry.cited:
        for t in _targets(cite):
            vb = corpus.vanban[t.instrument]
            assert vb.has(t.dieu, t.khoan, t.diem, t.chuong, t.muc), f"{cite} does not exist"
            if t.dieu is not None:
                cited_text.append(vb.unit_text(t.dieu, t.khoan, t.diem))
    source = "\n".join(cited_text)
    prose = RE_LINKS.sub(" ", entry.question + "\n" + entry.answer)
    missing = [n for n in RE_NUMBER.findall(prose) if not re.search(rf"(?<!\d){re.escape(n)}(?!\d)", source)]
    assert not missing, f"{path.name}#{entry.id}: numbers {missing} are not in the cited clauses {entry.cited}"


def test_number_check_catches_an_invented_deadline(corpus):
    """The check above must be able to fail: an answer saying 07 ngày for Điều 6 is caught."""
    e = faq.parse("## Q { #q }\n\nBạn có 07 ngày.\n\n**Căn cứ:** [[khoản 1 Điều 6]].\n")[0]
    source = corpus.vanban["luat"].unit_text(6, 1)
    assert "07" not in source
    assert RE_NUMBER.findall(e.answer) == ["07"]


def test_faq_shape_errors_are_located():
    text = "## Hỏi không mã?\n\nTrả lời.\n\n## Hỏi { #a }\n\nTrả lời.\n\n**Căn cứ:** [[Điều 6]].\n\n## Lặp { #a }\n\nX.\n"
    problems = [str(p) for p in faq.check(text, "docs/hoi-dap/x.md", {})]
    assert problems == [
        "docs/hoi-dap/x.md:1:1: question 'Hỏi không mã?' has no stable id — end the heading with { #short-id }"
        " (lowercase, hyphens), and never change it",
        "docs/hoi-dap/x.md:1:1: question 'Hỏi không mã?' has no '**Căn cứ:**' line with a citation"
        " — end the answer with: **Căn cứ:** [[khoản 1 Điều 6]].",
        "docs/hoi-dap/x.md:11:1: id 'a' is already used in docs/hoi-dap/x.md — choose another id; ids are unique"
        " across the FAQ",
        "docs/hoi-dap/x.md:11:1: question 'Lặp' has no '**Căn cứ:**' line with a citation"
        " — end the answer with: **Căn cứ:** [[khoản 1 Điều 6]].",
    ]


def test_faq_pages_publish_with_question_anchors(built_site):
    for path, e in ALL:
        html = (built_site / "hoi-dap" / path.stem / "index.html").read_text(encoding="utf-8")
        assert f'id="{e.id}"' in html


def test_guide_steps_are_cited_and_numbers_checked(corpus):
    """Each step of the guide cites its clauses and every number is in the text they cite."""
    text = (DOCS / "huong-dan" / "index.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    checked = 0
    for sec in sections:
        cites = [m.group(1) for m in re.finditer(r"\[\[([^\]]+)\]\]", sec)]
        prose = RE_LINKS.sub(" ", re.sub(r"```.*?```", " ", sec, flags=re.S))
        nums = RE_NUMBER.findall(prose.split("\n", 1)[1] if "\n" in prose else "")
        if not nums:
            continue
        assert cites, f"section '{sec.splitlines()[0]}' states numbers without citations"
        source = "\n".join(corpus.vanban[t.instrument].unit_text(t.dieu, t.khoan, t.diem)
                           for c in cites for t in _targets(c) if t.dieu is not None)
        missing = [n for n in nums if not re.search(rf"(?<!\d){re.escape(n)}(?!\d)", source)]
        assert not missing, f"section '{sec.splitlines()[0]}': {missing}"
        checked += 1
    assert checked >= 5


def test_claim_file_checklist_follows_article_41(corpus):
    page = (DOCS / "huong-dan" / "ho-so.md").read_text(encoding="utf-8")
    items = [ln for ln in page.splitlines() if ln.startswith("- [ ]")]
    assert len(items) >= 5
    assert all("[[" in ln for ln in items)
    assert "[[" in page and "Điều 41" in page


def test_guide_has_a_diagram_and_a_text_alternative():
    page = (DOCS / "huong-dan" / "index.md").read_text(encoding="utf-8")
    assert "```mermaid" in page and "flowchart TD" in page
    assert "Sơ đồ dạng chữ" in page
