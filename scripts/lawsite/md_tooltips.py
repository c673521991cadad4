"""Python-Markdown extension: which elements of a page get a tooltip.

Written when Material's ``content.tooltips`` was on; it is now off (mkdocs.yml),
and the browser shows each ``title`` itself, but fewer and shorter titles still
make the page lighter. Material's ``content.tooltips`` mounts one tooltip
component per element with a ``title`` in the content when the page loads (focus and hover listeners, an
observer each): on a phone with a 4x slower CPU that is main-thread time spent
before the reader can scroll (Lighthouse Total Blocking Time; the guide had 36
of them). Two sources put a ``title`` on almost every element that has one:

* glossary terms (``includes/thuat-ngu.md``, :mod:`lawsite.glossary`): the
  ``abbr`` extension wraps *every* occurrence of a term in
  ``<abbr title="definition">``. The definition is shown where the term first
  appears in each section (the page's start, then each ``h2``), as a
  dictionary or a statute defines a term on first use; later occurrences in
  the same section are plain text. A reader who lands on a section from a link
  still finds the definition in that section, and the page is lighter (the
  whole definition was repeated in the HTML at each occurrence).
* the ``¶`` permalink of each heading (``toc`` ``permalink_title``): its text
  moves to ``aria-label``, where screen readers read it as the link's name
  (instead of "¶"), without a tooltip to mount.

Processors (higher priority runs first):

==============  ====================  ========  ==========================================
kind            name                  priority  job
==============  ====================  ========  ==========================================
Treeprocessor   ``lawsite-tooltips``  4         after ``abbr`` (7) and ``toc`` (5): first
                                                glossary term per section, permalink labels
==============  ====================  ========  ==========================================
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SECTION_HEADINGS = frozenset({"h1", "h2"})


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace ``child`` by its content (text, children, tail) inside ``parent``."""
    index = list(parent).index(child)
    text = (child.text or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text
    grandchildren = list(child)
    parent.remove(child)
    for offset, grandchild in enumerate(grandchildren):
        parent.insert(index + offset, grandchild)
    tail = child.tail or ""
    if grandchildren:
        last = grandchildren[-1]
        last.tail = (last.tail or "") + tail
    elif index == 0:
        parent.text += tail
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + tail


def first_terms_only(root: etree.Element) -> int:
    """Keep the first ``<abbr title>`` of each definition per section; unwrap the others. Returns how many."""
    seen: set[str] = set()
    repeats: list[tuple[etree.Element, etree.Element]] = []
    for top in root:
        if top.tag in SECTION_HEADINGS:
            seen = set()
        for parent in top.iter():
            for child in parent:
                if child.tag != "abbr" or "title" not in child.attrib:
                    continue
                if child.attrib["title"] in seen:
                    repeats.append((parent, child))
                else:
                    seen.add(child.attrib["title"])
    for parent, child in repeats:
        _unwrap(parent, child)
    return len(repeats)


def label_permalinks(root: etree.Element) -> None:
    """``<a class="headerlink" title="…">¶</a>`` → ``aria-label="…"`` (no tooltip to mount)."""
    for a in root.iter("a"):
        if "headerlink" in (a.get("class") or "").split() and "title" in a.attrib:
            a.set("aria-label", a.attrib.pop("title"))


class TooltipTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        first_terms_only(root)
        label_permalinks(root)


class TooltipExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API name)
        md.treeprocessors.register(TooltipTreeprocessor(md), "lawsite-tooltips", 4)


def makeExtension(**kwargs) -> TooltipExtension:  # noqa: N802 (Markdown API name)
    return TooltipExtension(**kwargs)
