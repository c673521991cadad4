"""Markdown extension: FAQ "cách hỏi khác" blocks render as nothing.

An FAQ entry may list other ways citizens ask its question right under the
heading (format and checks: :mod:`lawsite.faq`)::

    /// cach-hoi-khac
    - co duoc ung truoc tien boi thuong khong
    ///

They are for the site search only (:mod:`lawsite.search` indexes them from
the Markdown source), so this preprocessor drops the block's lines before
anything else reads the page. Fenced code is left alone, so the format can be
shown in documentation.
"""

from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .faq import without_alternatives


class DropAlternatives(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return without_alternatives("\n".join(lines)).split("\n")


class FaqExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown API)
        md.preprocessors.register(DropAlternatives(md), "lawsite_faq_alternatives", 40)


def makeExtension(**kwargs):  # noqa: N802 (Markdown API)
    return FaqExtension(**kwargs)
