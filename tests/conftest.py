"""Shared fixtures: the project on sys.path, the imported corpus and one built site per run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from lawsite import site  # noqa: E402

SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus() -> site.Corpus:
    return site.load_corpus(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `scripts/publish.py` publishes it (all checks on), built once per run."""
    import publish

    out = tmp_path_factory.mktemp("published") / "site"
    code = publish.main(["--out", str(out)])
    assert code == 0, "publish failed; run `python scripts/publish.py` to see the problems"
    return out


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say plainly what the sources lack, so no run pretends the text is complete."""
    try:
        corpus = site.load_corpus(ROOT)
    except Exception:  # the importer tests report this case themselves
        return
    terminalreporter.section("source completeness")
    for key, vb in corpus.vanban.items():
        missing_articles = [d.number for d in vb.dieu.values() if d.missing is not None]
        terminalreporter.write_line(
            f"{key}: {len(vb.dieu)} articles, {len(missing_articles)} marked missing {missing_articles}; "
            f"{len(vb.missing)} parts missing from the source: " + "; ".join(m.text for m in vb.missing)
        )
