"""Which elements get a tooltip (lawsite.md_tooltips): a term's definition on its first use per section,
headings' ¶ links labelled for screen readers instead of titled.

Material mounts one tooltip component per ``[title]`` in the content when a page loads; the guide had
36 of them (20 glossary terms, 16 ¶ links), which cost main-thread time on a phone (issue 13).
"""

from __future__ import annotations

import re

import markdown

from lawsite import glossary

ABBRS = "*[người bị thiệt hại]: Người bị thiệt hại là X (khoản 1 Điều 3)\n*[Người bị thiệt hại]: Người bị thiệt hại là X (khoản 1 Điều 3)\n"


def render(text: str) -> str:
    md = markdown.Markdown(extensions=["abbr", "toc", "lawsite.md_tooltips"],
                           extension_configs={"toc": {"permalink": True, "permalink_title": "Liên kết đến mục này"}})
    return md.convert(text + "\n\n" + ABBRS)


def test_first_use_per_section_keeps_the_definition_later_uses_are_plain_text():
    html = render("# Tiêu đề\n\nNgười bị thiệt hại nộp đơn; người bị thiệt hại ký.\n\n"
                  "- Một: người bị thiệt hại **ở đây**, rồi người bị thiệt hại.\n\n"
                  "## Bước 1\n\nNgười bị thiệt hại đi nộp, người bị thiệt hại chờ.\n\n"
                  "## Bước 2\n\nKhông có từ nào.\n\n### Bước 2a\n\nvẫn là người bị thiệt hại\n")
    titled = re.findall(r'<abbr title="Người bị thiệt hại là X \(khoản 1 Điều 3\)">([^<]*)</abbr>', html)
    # page start (h1 section): the capitalised form first; "## Bước 1": again; "## Bước 2" / h3: once
    assert titled == ["Người bị thiệt hại", "Người bị thiệt hại", "người bị thiệt hại"]
    assert html.count("<abbr") == 3
    text = re.sub(r"<[^>]+>", "", html)
    # no word lost or moved when a repeat is unwrapped (text before, inside and after the abbr)
    assert "Người bị thiệt hại nộp đơn; người bị thiệt hại ký." in text
    assert "Một: người bị thiệt hại ở đây, rồi người bị thiệt hại." in text
    assert "Người bị thiệt hại đi nộp, người bị thiệt hại chờ." in text
    assert "vẫn là người bị thiệt hại" in text


def test_permalinks_are_labelled_not_titled():
    html = render("# Tiêu đề\n\n## Bước 1\n\nchữ\n")
    links = re.findall(r'<a [^>]*class="headerlink"[^>]*>', html)
    assert len(links) == 2
    for a in links:
        assert 'aria-label="Liên kết đến mục này"' in a and "title=" not in a


def test_built_guidance_pages_mount_few_tooltips(built_site, corpus):
    """Every defined term used on a page still carries its definition once per section; ¶ links carry none."""
    definitions = {f"{t.definition} (khoản {t.khoan} Điều {glossary.DEFINITIONS_ARTICLE})" for t in glossary.terms(corpus.vanban["luat"])}
    for path in ("huong-dan/index.html", "huong-dan/ho-so/index.html", "hoi-dap/thoi-hieu/index.html",
                 "truong-hop-cua-toi/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        permalinks = re.findall(r'<a [^>]*class="headerlink"[^>]*>', article)
        assert permalinks and not [a for a in permalinks if " title=" in a], path
        titles = re.findall(r'<abbr title="([^"]*)"', article)
        assert titles and set(titles) <= definitions, path
        sections = re.split(r"<h[12][ >]", article)
        for section in sections:
            section_titles = re.findall(r'<abbr title="([^"]*)"', section)
            assert len(section_titles) == len(set(section_titles)), f"{path}: a definition repeated in one section"
    guide = (built_site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    article = guide[guide.index("<article"):guide.index("</article>")]
    assert len(re.findall(r'\stitle="', article)) <= 20, "Material mounts a tooltip per [title] at load (issue 13)"
