"""Mermaid diagrams render from the vendored copy, only where needed, never from a CDN.

The diagram page has two diagrams, so both are rendered while the library is still loading.

A throw-away two-page site (one page with a diagram) is built with the project's mkdocs.yml
(theme, extra_css, extra_javascript, plugins) but its own docs folder, into
``<site>/_mermaid-test/``, so it is served by the same nginx config and CSP as the real site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

MERMAID_PAGE = """# Sơ đồ thủ tục

```mermaid
flowchart LR
  A[Người bị thiệt hại] --> B{Cơ quan giải quyết bồi thường}
  B --> C[Quyết định giải quyết bồi thường]
```

```mermaid
sequenceDiagram
  Người yêu cầu->>Cơ quan: Hồ sơ yêu cầu bồi thường
  Cơ quan-->>Người yêu cầu: Thụ lý
```
"""
PLAIN_PAGE = "# Trang không có sơ đồ\n\n[Xem sơ đồ thủ tục](so-do.md)\n"


def build_mermaid_site(out_dir: Path, site_url: str, tmp: Path) -> None:
    import os

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from pymdownx.superfences import fence_code_format

    docs = tmp / "docs"
    shutil.copytree(REPO / "docs" / "assets", docs / "assets")
    (docs / "index.md").write_text(PLAIN_PAGE, encoding="utf-8")
    (docs / "so-do.md").write_text(MERMAID_PAGE, encoding="utf-8")
    fences = [{"name": "mermaid", "class": "mermaid", "format": fence_code_format}]
    cfg = load_config(
        str(REPO / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(out_dir), site_url=site_url,
        nav=[{"Trang chủ": "index.md"}, {"Sơ đồ": "so-do.md"}], hooks=[],
        markdown_extensions=["attr_list", {"pymdownx.superfences": {"custom_fences": fences}}],
    )
    build(cfg)


@pytest.fixture(scope="module")
def mermaid_site(server, tmp_path_factory) -> str:
    base = server.url("_mermaid-test/")
    build_mermaid_site(server.site_dir / "_mermaid-test", base, tmp_path_factory.mktemp("mermaid"))
    assert '<pre class="mermaid">' in (server.site_dir / "_mermaid-test" / "so-do" / "index.html").read_text()
    return base


def _rendered(page) -> dict:
    page.wait_for_function("() => document.querySelectorAll('article div.mermaid').length === 2", timeout=15000)
    return page.evaluate("""() => {
        const boxes = [...document.querySelectorAll('article div.mermaid')].map(d => d.getBoundingClientRect());
        return {width: Math.min(...boxes.map(r => r.width)), height: Math.min(...boxes.map(r => r.height)),
                pre: document.querySelectorAll('article pre').length};
    }""")


def _mermaid_requests(watch) -> list[str]:
    return [u for u in watch.requests if "/assets/vendor/mermaid/" in u]


def test_diagram_page_renders_from_vendored_copy(open_page, mermaid_site):
    page, watch = open_page()
    page.goto(mermaid_site + "so-do/", wait_until="load")
    box = _rendered(page)
    assert box["height"] > 40 and box["width"] > 100 and box["pre"] == 0, box
    loaded = _mermaid_requests(watch)
    assert len(loaded) == 1 and "/assets/vendor/mermaid/" in loaded[0], loaded
    watch.assert_clean()  # includes: nothing requested from unpkg or any other origin, no CSP violation


def test_no_mermaid_without_diagram_then_loaded_after_instant_navigation(open_page, mermaid_site):
    page, watch = open_page()
    page.goto(mermaid_site, wait_until="networkidle")
    assert _mermaid_requests(watch) == [], "Mermaid loaded on a page without a diagram"
    page.evaluate("window.__still_same_document = true")
    page.click("article a[href$='so-do/']")  # instant navigation makes hrefs absolute
    page.wait_for_url(mermaid_site + "so-do/")
    box = _rendered(page)
    assert box["height"] > 40, box
    assert page.evaluate("window.__still_same_document === true"), "expected Material's instant navigation"
    assert len(_mermaid_requests(watch)) == 1
    watch.assert_clean()


def test_site_pages_with_diagrams_render_them(open_page, server):
    pages = sorted(p for p in server.site_dir.rglob("*.html")
                   if "_mermaid-test" not in p.parts and '<pre class="mermaid">' in p.read_text(encoding="utf-8"))
    if not pages:
        pytest.skip("no page of the site has a Mermaid diagram")
    page, watch = open_page()
    for f in pages[:3]:
        expected = f.read_text(encoding="utf-8").count('<pre class="mermaid">')
        rel = f.relative_to(server.site_dir).as_posix().removesuffix("index.html")
        page.goto(server.url(rel), wait_until="load")
        page.wait_for_function(f"() => document.querySelectorAll('article div.mermaid').length === {expected}",
                               timeout=15000)
    assert _mermaid_requests(watch), "diagrams rendered but not from assets/vendor/mermaid/"
    watch.assert_clean()
