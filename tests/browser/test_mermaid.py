"""Diagrams are rendered at build time: no page downloads Mermaid, the guide's flow reads as steps.

The guide's Markdown keeps the diagram as a ```mermaid fence (authors edit it there);
scripts/lawsite/flowchart.py renders it into an HTML list of steps with linked arrows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


def test_no_page_ships_or_loads_mermaid(server):
    assert not list(server.site_dir.rglob("mermaid*.js")), "Mermaid is no longer vendored"
    for f in server.site_dir.rglob("*.html"):
        html = f.read_text(encoding="utf-8")
        assert '<pre class="mermaid"' not in html and 'class="mermaid"' not in html, f


def test_guide_renders_its_flow_without_javascript_and_without_requests(open_page, server):
    src = (REPO / "docs" / "huong-dan" / "index.md").read_text(encoding="utf-8")
    assert "```mermaid" in src
    labels = [re.sub(r"\s+", " ", m.replace("<br>", " ")).strip() for m in re.findall(r'\["([^"]+)"\]', src)]
    page, watch = open_page(mobile=True, java_script_enabled=False)
    page.goto(server.url("huong-dan/"), wait_until="load")
    flow = page.locator("article figure.flow")
    assert flow.count() == 1 and flow.is_visible()
    text = flow.inner_text()
    for label in labels:
        assert label in text, label
    # every arrow links to the box it points at
    for href in flow.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, href
    watch.assert_clean()


def test_guide_page_weight_and_requests(open_page, server):
    page, watch = open_page(mobile=True)
    done: list = []
    page.on("requestfinished", lambda r: done.append(r))
    page.goto(server.url("huong-dan/"), wait_until="networkidle")
    sizes = [r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in done]  # as transferred (gzip)
    assert not [u for u in watch.requests if "mermaid" in u]
    total = sum(sizes)
    print(f"guide page, first load: {len(sizes)} requests, {total} B transferred")
    assert total <= 100 * 1024, total
    watch.assert_clean()
