"""Vietnamese search terms: the Python twin of ``docs/assets/javascripts/search-engine.js``.

The browser builds the search index and reads queries with the JavaScript
tokenizer; Python needs the same terms to validate what feeds it (the
synonym file's legal terms must occur in the site's text, see
:mod:`lawsite.synonyms`). ``tests/browser/test_search_engine.py`` runs both on
the inputs of ``tests/test_search_tokens.py`` and requires identical output,
so the two cannot drift.

* A *run* is a sequence of syllables between punctuation marks (lower case,
  NFC); a syllable is a maximal sequence of letters, combining marks and digits.
* Tokens are the syllables and the adjacent-syllable bigrams of each run
  (``thời_hiệu``); no bigram is formed across punctuation.
* Each token is stored accented and folded (tones removed, ``đ`` → ``d``).
"""

from __future__ import annotations

import unicodedata


def lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def fold(text: str) -> str:
    """Remove tones and other diacritics; ``đ`` → ``d`` (the same rule as :func:`lawsite.ids.fold`, case kept)."""
    nfd = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in nfd if not 0x300 <= ord(ch) <= 0x36F)
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def runs(text: str) -> list[list[str]]:
    """Runs of syllables between punctuation."""
    out: list[list[str]] = []
    run: list[str] = []
    word: list[str] = []

    def end_word() -> None:
        if word:
            run.append("".join(word))
            word.clear()

    def end_run() -> None:
        end_word()
        if run:
            out.append(run.copy())
            run.clear()

    for ch in lower(text):
        if unicodedata.category(ch)[0] in "LMN":
            word.append(ch)
        elif ch.isspace():
            end_word()
        else:
            end_run()
    end_run()
    return out


def tokens(text: str) -> list[str]:
    """Unigrams and bigrams, accented, in order."""
    out = []
    for run in runs(text):
        for i, w in enumerate(run):
            out.append(w)
            if i + 1 < len(run):
                out.append(f"{w}_{run[i + 1]}")
    return out


def forms(token: str) -> list[str]:
    folded = fold(token)
    return [token] if folded == token else [token, folded]


def terms(text: str) -> list[str]:
    """Every index term of ``text``, in order (what the JavaScript ``terms`` returns)."""
    return [f for t in tokens(text) for f in forms(t)]


def syllables(text: str) -> list[str]:
    """All syllables of ``text`` in order, punctuation ignored (for phrase look-ups)."""
    return [w for run in runs(text) for w in run]


def folded_terms(text: str) -> list[str]:
    """Folded unigrams and bigrams only: how the engine indexes body text (JavaScript ``foldedTerms``)."""
    out = []
    for run in runs(text):
        f = [fold(w) for w in run]
        for i, w in enumerate(f):
            out.append(w)
            if i + 1 < len(f):
                out.append(f"{w}_{f[i + 1]}")
    return out
