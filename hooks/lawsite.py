"""MkDocs hook: the thin adaptor between MkDocs and :mod:`lawsite`.

It only (1) adds the generated law pages to the docs, (2) expands the nav
placeholders ``<instrument dir>/index.md`` into the instrument's chapters and
articles (and ``nhiem-vu-trong-tam/index.md`` into the priorities letters), (3) hands the built
search index to :mod:`lawsite.search` and (4) lays out each priorities letter page
(:mod:`lawsite.priorities`) and (5) shows the later changes on the home page and in the FAQ
(:mod:`lawsite.changes_render`). All logic lives in ``scripts/lawsite`` so a move to another
MkDocs-compatible engine means rewriting this file only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:  # works without `pip install -e .` too
    sys.path.insert(0, str(ROOT / "scripts"))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from lawsite import changes_check, changes_render, dates, pages, priorities, search, site  # noqa: E402
from lawsite.instruments import INSTRUMENTS  # noqa: E402
from lawsite.problems import ProblemsFound  # noqa: E402


def _expand_nav(items: list, corpus: site.Corpus) -> list:
    by_index = {f"{i.url_dir}/index.md": k for k, i in INSTRUMENTS.items()}
    out = []
    for item in items:
        if isinstance(item, dict):
            (label, value), = item.items()
            if isinstance(value, str) and value in by_index:
                key = by_index[value]
                item = pages.nav(corpus.vanban[key], INSTRUMENTS[key], label)
            elif value == priorities.INDEX:
                item = priorities.nav(corpus.root / "docs", label)
            elif isinstance(value, list):
                item = {label: _expand_nav(value, corpus)}
        out.append(item)
    return out


def on_config(config, **kwargs):
    # One storage scope for every page, derived from the public address (a portal sub-path).
    config.extra.setdefault("scope", urlsplit(config.site_url or "/").path or "/")
    corpus = site.load_corpus(Path(config.config_file_path).parent)
    if config.nav:
        config.nav = _expand_nav(config.nav, corpus)
    return config


def _public_url(config) -> str:
    """The address readers copy and print (mkdocs.yml ``extra.public_url``, else ``site_url``)."""
    return config.extra.get("public_url") or config.site_url


def on_files(files, config, **kwargs):
    root = Path(config.config_file_path).parent
    generated = site.generated_pages(site.load_corpus(root), site_url=_public_url(config))
    hiding = site.hiding_pages(root, (src for src in generated if files.get_file_from_path(src) is not None))
    if hiding:  # publish.py reports these at docs/<page>:1:1 (the only check of it when building)
        raise ProblemsFound(hiding)
    for src_uri, content in generated.items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    # "Cập nhật lần cuối" from the history of the page's sources (overrides/partials/source-file.html).
    root = Path(config.config_file_path).parent
    updated = dates.last_changed(root, dates.page_sources(root, page.file.src_uri, page.meta))
    if updated is not None:
        page.meta["revision_date"] = pages.vn_date(updated)
        page.meta["revision_iso"] = updated.isoformat()
    # A priorities letter file (front matter + the letter as received) is shown laid out, with JSON-LD.
    laid_out = priorities.page_markdown(page.file.src_uri, markdown, page.meta, Path(config.docs_dir), _public_url(config))
    markdown = markdown if laid_out is None else laid_out
    # Later changes: the home page's list and the notices in FAQ entries that cite an affected unit.
    corpus = site.load_corpus(Path(config.config_file_path).parent)
    return changes_render.page_markdown(page.file.src_uri, markdown, changes_check.load(corpus.root, corpus))


@event_priority(-50)  # after search (0) writes the index, before offline (-100) inlines it
def on_post_build(config, **kwargs):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    corpus = site.load_corpus(Path(config.config_file_path).parent)
    index = search.build_index(json.loads(path.read_text(encoding="utf-8")), corpus, Path(config.docs_dir),
                               config.use_directory_urls)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
