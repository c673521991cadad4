"""MkDocs hook: the thin adaptor between MkDocs and :mod:`lawsite`.

It only (1) adds the generated law pages to the docs and (2) expands the nav
placeholders ``<instrument dir>/index.md`` into the instrument's chapters and
articles. All logic lives in ``scripts/lawsite`` so a move to another
MkDocs-compatible engine means rewriting this file only.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:  # works without `pip install -e .` too
    sys.path.insert(0, str(ROOT / "scripts"))

from lawsite import pages, site  # noqa: E402
from lawsite.instruments import INSTRUMENTS  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402


def _expand_nav(items: list, corpus: site.Corpus) -> list:
    by_index = {f"{i.url_dir}/index.md": k for k, i in INSTRUMENTS.items()}
    out = []
    for item in items:
        if isinstance(item, dict):
            (label, value), = item.items()
            if isinstance(value, str) and value in by_index:
                key = by_index[value]
                item = pages.nav(corpus.vanban[key], INSTRUMENTS[key], label)
            elif isinstance(value, list):
                item = {label: _expand_nav(value, corpus)}
        out.append(item)
    return out


def on_config(config, **kwargs):
    corpus = site.load_corpus(Path(config.config_file_path).parent)
    if config.nav:
        config.nav = _expand_nav(config.nav, corpus)
    return config


def on_files(files, config, **kwargs):
    corpus = site.load_corpus(Path(config.config_file_path).parent)
    for src_uri, content in site.generated_pages(corpus).items():
        if files.get_file_from_path(src_uri) is not None:
            raise RuntimeError(f"docs/{src_uri} would hide a generated page; remove the file from docs/")
        files.append(File.generated(config, src_uri, content=content))
    return files
