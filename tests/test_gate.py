"""The gate itself: the registry's fixed order, and what the allow-lists let through (no false alarms)."""

from __future__ import annotations

import pytest

from lawsite import gate
from lawsite.gate import anchors, faq_numbers, origins, rawhtml, text


def test_registry_runs_the_manifest_first_and_the_output_checks_after_the_build():
    names = [c.name for c in gate.checks()]
    assert names[0] == "manifest" and gate.checks()[0].blocking
    assert names.index("encoding") < names.index("front-matter") < names.index("citations")
    assert names.index("citations") < names.index("faq-numbers")
    assert [c.name for c in gate.checks("output")] == ["links", "ids", "origins"]
    assert len(set(names)) == len(names)


ALLOWED = [
    "Xem <abbr title=\"Ủy ban nhân dân\">UBND</abbr> tỉnh.",
    "<details class=\"note\"><summary>Chi tiết</summary>\n\nNội dung.\n\n</details>",
    "<div class=\"grid\" markdown>\n\n[Điều 6](../luat/dieu-6.md)\n\n</div>",
    "Dòng một<br>dòng hai",
    "<table><thead><tr><th scope=\"col\" colspan=\"2\">A</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
    "<form name=\"th\" novalidate><fieldset><legend>Bạn là ai?</legend><label for=\"x\">Tuổi</label>"
    "<input id=\"x\" type=\"number\" name=\"tuoi\" min=\"0\" required><select name=\"s\"><option value=\"a\" selected>A</option>"
    "</select><textarea name=\"t\" rows=\"3\"></textarea><button type=\"button\" aria-controls=\"kq\">Xem</button>"
    "<output for=\"x\" id=\"kq\"></output></fieldset></form>",
    "[Cổng pháp luật](https://vbpl.vn/) và <https://phapdien.moj.gov.vn/> và <a href=\"mailto:a@b.vn\">thư</a>",
    "[Điều 6](/luat/dieu-6.md#khoan-1) viết theo thư mục docs/",
    "Đoạn có mã.\n{ #ma-rieng .lop data-x=\"1\" }",
    "`<script>` trong mã không chạy, và\n\n```html\n<img src=x onerror=alert(1)>\n```\n",
    "<!-- <script>ghi chú</script> -->",
    "Số 5 < 7 và a<b không phải thẻ.",
]


@pytest.mark.parametrize("snippet", ALLOWED)
def test_content_html_passes(snippet, tmp_path):
    assert rawhtml.check_text(snippet, "p.md", tmp_path) == []


def test_raw_html_refusal_is_located_at_the_tag():
    problems = rawhtml.check_text("Dòng một.\n\nChữ <img src=x onerror=alert(1)> cuối.\n", "docs/x.md")
    assert [(p.line, p.col) for p in problems] == [(3, 5)]


def test_vietnamese_text_has_no_invisible_characters():
    assert text.check_bytes("Người bị thiệt hại được bồi thường.".encode(), "p") == []
    (p,) = text.check_bytes("bồi\u200bthường".encode(), "p")
    assert (p.line, p.col) == (1, 4) and "ZERO WIDTH SPACE" in p.message


def test_duplicate_explicit_id_is_reported_at_the_second():
    (p,) = anchors.check_text("## A { #x }\n\n## B { #y }\n\n## C { #x }\n", "p.md")
    assert (p.line, p.col) == (5, 9) and "line 1" in p.message


def test_numbers_in_links_ids_and_phrasings_are_not_statements(corpus):
    page = ("## Hỏi thời hiệu? { #hoi-2024 }\n\n/// cach-hoi-khac\n- 45 ngay co duoc khong\n///\n\n"
            "Bạn có 03 năm, xem [khoản 1 Điều 6](../luat/dieu-6.md#khoan-1).\n\n**Căn cứ:** [[khoản 1 Điều 6]].\n")
    assert faq_numbers.check_page(page, "p.md", corpus) == []
    (p,) = faq_numbers.check_page(page.replace("03 năm", "04 năm"), "p.md", corpus)
    assert (p.line, p.col) == (7, 8)


@pytest.mark.parametrize(("url", "base", "bad"), [
    ("../assets/x.css", "https://a.vn/sub/luat/dieu-6/index.html", False),
    ("../../../x.css", "https://a.vn/sub/luat/dieu-6/index.html", True),
    ("/sub/assets/x.css", "https://a.vn/sub/index.html", False),
    ("/other/x.css", "https://a.vn/sub/index.html", True),
    ("https://a.vn/sub/x.png", "https://a.vn/sub/index.html", False),
    ("https://b.vn/x.png", "https://a.vn/sub/index.html", True),
    ("//b.vn/x.png", "https://a.vn/sub/index.html", True),
    ("data:image/svg+xml,<svg/>", "https://a.vn/sub/index.html", False),
    ("java\nscript:alert(1)", "https://a.vn/sub/index.html", True),
])
def test_origin_and_sub_path(url, base, bad):
    assert (origins.Origin("https://a.vn/sub/").problem(url, base) is not None) == bad


def test_css_urls_see_escapes_and_imports():
    css = '@import "https://e.vn/a.css";\n.x { background: \\75 rl(https://e.vn/b.png) }\n/* url(https://e.vn/c) */'
    assert [u for u, _, _ in origins.css_urls(css)] == ["https://e.vn/a.css", "https://e.vn/b.png"]


def test_js_urls_skip_comments_and_namespaces():
    js = ('// fetch("https://e.vn/in-a-comment")\nvar ns = "http://www.w3.org/2000/svg";\n'
          'fetch("https://e.vn/x"); fetch("/api"); fetch("search/index.json");\n')
    assert [u for u, _ in origins.js_urls(js)] == ["https://e.vn/x", "/api"]
