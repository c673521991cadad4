"""The synonym check's fast path (a term found as written) agrees with tokenising the whole site text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawsite import synonyms, tokens


def _root(tmp_path: Path, terms: str) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "dong-nghia.yml").write_text(f"- cach_noi: đền bù\n  thuat_ngu: [{terms}]\n  ly_do: x\n",
                                                     encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("site", "term", "found"), [
    ("Nhà nước bồi thường.", "bồi thường", True),          # as written
    ("NHÀ NƯỚC BỒI THƯỜNG", "bồi thường", True),           # case
    ("được bồi\nthường ngay", "bồi thường", True),        # across a line break: only the tokenised text has it
    ("bồi  thường", "bồi thường", True),                  # two spaces
    ("bồi-thường", "bồi thường", True),                   # punctuation between syllables
    ("bồi thườngx", "bồi thường", False),                 # not a whole syllable
    ("xbồi thường", "bồi thường", False),
    ("bồi thường", "thương", False),                      # accents exact
    ("thời hiệu2", "thời hiệu", False),                   # a digit is part of the syllable
])
def test_fast_path_and_tokenised_site_agree(tmp_path, site, term, found):
    root = _root(tmp_path, term)
    assert (synonyms.check(root, site) == []) is found
    slow = f" {' '.join(tokens.syllables(term))} " in f" {' '.join(tokens.syllables(site))} "
    assert slow is found
