"""The address readers copy and print is the public one, whatever build this is (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import publish
from lawsite.instruments import INSTRUMENTS

ROOT = Path(__file__).resolve().parents[1]


def configured_public_url() -> str:
    m = re.search(r"^\s+public_url:\s*(\S+)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert m, "mkdocs.yml sets extra.public_url"
    return m[1]


@pytest.mark.parametrize(("site_url", "given", "expected"), [
    ("http://127.0.0.1:8000/", None, None),                       # local preview: mkdocs.yml's extra.public_url
    ("http://localhost:8000/btnn/", None, None),
    ("https://portal.gov.vn/btnn/", None, "https://portal.gov.vn/btnn/"),
    ("http://127.0.0.1:8000/", "https://portal.gov.vn/btnn", "https://portal.gov.vn/btnn/"),
])
def test_public_url_rule(site_url, given, expected):
    assert publish.public_url(site_url, given) == expected


def test_default_build_gives_the_public_address_not_the_local_one(built_site):
    """`publish.py` with the default (local) site URL: every page names the configured public root."""
    public = configured_public_url()
    assert public.startswith("https://") and public.endswith("/")
    for page in ("index.html", "luat/dieu-6/index.html", "hoi-dap/thoi-hieu/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert f'<meta name="lawsite:public-root" content="{public}">' in html, page
    letter = next((built_site / "nhiem-vu-trong-tam").rglob("index.html")).read_text(encoding="utf-8")
    assert "127.0.0.1" not in re.sub(r'<link rel="canonical"[^>]*>', "", letter.split("<article", 1)[1])


@pytest.mark.parametrize("key", list(INSTRUMENTS))
def test_citation_name_is_the_standard_form(key):
    """Citations copied by readers end with the instrument's standard name (Nghị định số …)."""
    name = INSTRUMENTS[key].citation_name
    assert re.fullmatch(r"Luật .+ năm \d{4}|(Nghị định|Thông tư) số \d+/\d{4}/[A-ZĐ-]+", name), name
