"""Fixtures of the fault suite: one project copy, the live site, a release tarball (see harness.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawsite import release, tarball

from .harness import Project


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Project:
    return Project(tmp_path_factory.mktemp("fault-project") / "project")


@pytest.fixture(scope="session")
def live(built_site) -> Path:
    """The live site every fault must leave byte-identical (the suite's published site, a symlink)."""
    assert built_site.is_symlink()
    return built_site


@pytest.fixture(scope="session")
def release_tarball(tmp_path_factory) -> Path:
    """A small release written by the real tarball writer (faults in deploying it need no real site)."""
    site = tmp_path_factory.mktemp("small-release")
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (site / "luat").mkdir()
    (site / "luat" / "index.html").write_text("<p>luật</p>", encoding="utf-8")
    (site / release.MARKER).write_text(release.MARKER_TEXT, encoding="utf-8")
    path, _ = tarball.write(site, tmp_path_factory.mktemp("dist"), 0)
    return path
