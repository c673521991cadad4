"""Search terms, FAQ "cách hỏi khác" and the synonym file: what the engine is fed, and its publish checks.

The JavaScript tokenizer (search-engine.js) is run on the same inputs in
tests/browser/test_search_engine.py and must equal :mod:`lawsite.tokens`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from lawsite import faq, synonyms, tokens

# Inputs shared with the JavaScript twin (tests/browser/test_search_engine.py imports this list).
SAMPLES = [
    "Thời hiệu yêu cầu bồi thường",
    "ĐIỀU 6. THỜI HIỆU",
    "Điều 6, khoản 2: đ) đình chỉ",
    unicodedata.normalize("NFD", "Người bị thiệt hại được bồi thường"),
    "dieu 41 khoan 3",
    "Nghị định 68/2018/NĐ-CP",
    "Tiền bồi thường oan sai lấy từ đâu?",
    "người thi hành công vụ (cán bộ) gây thiệt hại; đền bù...",
    "  nhiều   khoảng trắng\tvà\ndòng  ",
    "Ủy ban nhân dân cấp xã, Sở Tư pháp – Bộ Tư pháp",
    "",
]


def test_fold_removes_tones_and_maps_dd_to_d():
    assert tokens.fold("Đình chỉ điều tra") == "Dinh chi dieu tra"
    assert tokens.fold("đ") == "d" and tokens.fold("Đ") == "D"
    assert tokens.fold("thưởng thương thường") == "thuong thuong thuong"
    assert tokens.fold(unicodedata.normalize("NFD", "Hỏi đáp")) == "Hoi dap"


def test_nfd_and_upper_case_input_give_the_same_terms_as_nfc_lower_case():
    nfc = "bồi thường thiệt hại"
    assert tokens.terms(unicodedata.normalize("NFD", nfc)) == tokens.terms(nfc)
    assert tokens.terms(nfc.upper()) == tokens.terms(nfc)
    assert tokens.terms("BỒI THƯỜNG") == ["bồi", "boi", "bồi_thường", "boi_thuong", "thường", "thuong"]


def test_terms_are_unigrams_and_bigrams_accented_and_folded():
    assert tokens.terms("thời hiệu") == ["thời", "thoi", "thời_hiệu", "thoi_hieu", "hiệu", "hieu"]
    assert tokens.terms("dieu 41") == ["dieu", "dieu_41", "41"]  # no accents: one form each


def test_body_text_is_indexed_folded_only():
    assert tokens.folded_terms("Thời hiệu, đình chỉ") == ["thoi", "thoi_hieu", "hieu", "dinh", "dinh_chi", "chi"]


def test_no_bigram_across_punctuation():
    assert tokens.tokens("khoản 2, điều 6") == ["khoản", "khoản_2", "2", "điều", "điều_6", "6"]
    assert tokens.tokens("68/2018/NĐ-CP") == ["68", "2018", "nđ", "cp"]
    assert "thiệt_đền" not in tokens.tokens("thiệt hại; đền bù")
    assert tokens.runs("a.b c") == [["a"], ["b", "c"]]


def test_alternatives_are_parsed_and_not_part_of_the_answer():
    text = ("## Tôi có bao lâu? { #bao-lau }\n\n/// cach-hoi-khac\n- thoi han la bao lau\n"
            "- bao nhiêu năm thì hết quyền?\n///\n\nBạn có 03 năm.\n\n**Căn cứ:** [[khoản 1 Điều 6]].\n")
    (e,) = faq.parse(text)
    assert [a.text for a in e.alternatives] == ["thoi han la bao lau", "bao nhiêu năm thì hết quyền?"]
    assert (e.alternatives[0].line, e.alternatives[0].col) == (4, 3)
    assert e.answer == "Bạn có 03 năm."
    assert faq.check(text, "x.md", {}) == []
    assert "cach-hoi-khac" not in faq.without_alternatives(text) and "thoi han" not in faq.without_alternatives(text)


def test_alternatives_problems_are_located():
    text = ("## Hỏi? { #hoi }\n\n/// cach-hoi-khac\n- chỉ một cách hỏi\nkhông có gạch đầu dòng\n///\n\n"
            "Đáp.\n\n**Căn cứ:** [[Điều 6]].\n\n## Hỏi hai? { #hai }\n\n/// cach-hoi-khac\n- hỏi hai?\n- hoi\n")
    got = [str(p) for p in faq.check(text, "docs/hoi-dap/x.md", {})]
    assert got[0].startswith("docs/hoi-dap/x.md:5:1: 'không có gạch đầu dòng' is not a list item")
    assert got[1].startswith("docs/hoi-dap/x.md:3:1: question 'Hỏi?' has 1 cách hỏi khác — write 2 to 5")
    assert any(p.startswith("docs/hoi-dap/x.md:14:1: the cach-hoi-khac block is not closed") for p in got), got
    assert any(p.startswith("docs/hoi-dap/x.md:15:3: cách hỏi khác 'hỏi hai?' repeats the question") for p in got), got
    assert any(p.startswith("docs/hoi-dap/x.md:16:3: cách hỏi khác 'hoi' is too short") for p in got), got


def test_alternatives_render_as_nothing():
    import markdown

    html = markdown.markdown("## Q\n\n/// cach-hoi-khac\n- di tu oan\n- boi thuong\n///\n\nĐáp.\n\n"
                             "```\n/// cach-hoi-khac\n```\n", extensions=["lawsite.md_faq", "fenced_code"])
    assert "di tu oan" not in html and "Đáp." in html
    assert "/// cach-hoi-khac" in html  # in a code block it is shown, as written


def test_every_faq_entry_has_alternatives(root):
    for path in sorted((root / "docs" / "hoi-dap").glob("*.md")):
        if faq.is_faq_page(f"hoi-dap/{path.name}"):
            for e in faq.parse(path.read_text(encoding="utf-8")):
                assert faq.ALT_MIN <= len(e.alternatives) <= faq.ALT_MAX, f"{path.name}#{e.id}"


def test_synonym_file_is_valid_and_every_legal_term_occurs(root, corpus):
    records, problems = synonyms.load(root)
    assert problems == [] and len(records) >= 30
    assert all(r.ly_do and r.thuat_ngu for r in records)


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "dong-nghia.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_unknown_legal_term_is_reported_at_its_line_and_column(tmp_path):
    root = _write(tmp_path, "- cach_noi: đền bù\n  thuat_ngu: [bồi thường, bồi thường xuyên quốc gia]\n  ly_do: x\n"
                            "- cach_noi: kiện\n  ly_do: y\n")
    got = [str(p) for p in synonyms.check(root, "Nhà nước bồi thường thiệt hại.")]
    assert got == [
        "data/dong-nghia.yml:4:3: record: missing thuat_ngu — each record has exactly cach_noi, thuat_ngu, ly_do",
        "data/dong-nghia.yml:2:27: legal term 'bồi thường xuyên quốc gia' does not occur in the site's text — "
        "use the law's exact words (with diacritics), or remove it",
    ]


def test_legal_terms_match_whole_syllables_with_accents(tmp_path):
    root = _write(tmp_path, "- cach_noi: đền bù\n  thuat_ngu: [bồi thường, thương]\n  ly_do: x\n")
    assert [p.col for p in synonyms.check(root, "được bồi thường")] == [27]  # "thương" ≠ "thường"
    assert synonyms.check(root, "bồi thường; thương lượng") == []


def test_broken_yaml_is_a_located_problem(tmp_path):
    root = _write(tmp_path, "- cach_noi: a\n  thuat_ngu: [b\n")
    (p,) = synonyms.check(root, "")
    assert p.path == "data/dong-nghia.yml" and p.line >= 2 and "not valid YAML" in p.message
