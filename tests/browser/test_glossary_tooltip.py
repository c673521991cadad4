"""Glossary tooltips after lawsite.md_tooltips: still shown by Material on a term's first use, and few.

Material mounts a tooltip component per element with a ``title`` in the content at load; the guide
keeps one per term and section (issue 13: main-thread time on phones).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_glossary_term_shows_its_definition_on_hover_and_focus_of_permalinks_reads_a_name(open_page, server):
    page, watch = open_page()
    page.goto(server.url("huong-dan/"), wait_until="load")
    term = page.locator("article abbr[title]").first
    definition = term.get_attribute("title")
    assert definition and "Điều 3)" in definition
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert " ".join(tooltip.inner_text().split()) == " ".join(definition.split())
    # the heading permalinks have an accessible name of their own, and no tooltip to mount
    permalinks = page.locator("article a.headerlink")
    assert permalinks.count() >= 10
    assert permalinks.evaluate_all("as => as.filter(a => a.title || a.getAttribute('aria-label') !== 'Liên kết đến mục này').length") == 0
    watch.assert_clean()
