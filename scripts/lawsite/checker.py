"""Check every cross-reference before anything is published.

Reads the hand-written pages in ``docs/`` and the official texts, using the
one citation grammar (:mod:`lawsite.citations`) and the legal model, and
reports each problem as ``path:line:col: what — what to do``:

* a short link ``[[...]]`` that does not parse, cites another instrument, or
  names an article, clause or point that does not exist (with the nearest
  valid target: "Điều 6 chỉ có 4 khoản");
* a Markdown link to a law page whose article, clause or point does not
  exist, or whose link text is itself a citation naming another target, or
  names another instrument (a Bộ luật Dân sự article linked to our law);
* a citation of our instruments written in plain text, without a link
  (a warning, an error under ``strict_citations``);
* a citation inside an official text that resolves to nothing (the
  auto-linker would have nowhere to point).

Other links and anchors are left to MkDocs' own validation and to
:mod:`lawsite.htmlcheck` on the built site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import citations, faq, ids, synonyms
from .citations import Context, Target
from .corpus import Corpus, describe_missing
from .instruments import INSTRUMENTS
from .md_citations import RE_CODE_SPAN, RE_SHORT_LINK
from .priorities.model import is_letter
from .problems import ERROR, WARNING, Problem

RE_FENCE = re.compile(r"^(```|~~~)")
RE_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
RE_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DIRS = "|".join(re.escape(i.url_dir) for i in INSTRUMENTS.values())
RE_LAW_URL = re.compile(
    rf"""(?x)^(?:\.\./|\./|/)*(?:.*/)?(?P<dir>{_DIRS})/
    (?P<page>dieu-(?P<dieu>\d+)|chuong-(?P<chuong>\d+)|toan-van|index|nguon)?(?:\.md|/)?
    (?:\#(?P<frag>[^)\s]*))?$"""
)
DIR_TO_KEY = {i.url_dir: k for k, i in INSTRUMENTS.items()}


@dataclass
class Result:
    """Problems found and what was checked."""

    problems: list[Problem] = field(default_factory=list)
    links: int = 0
    citations: int = 0


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _mask(text: str, pattern: re.Pattern) -> str:
    """Blank the matches of ``pattern`` keeping offsets (and newlines) intact."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _mask_code(text: str) -> str:
    """Blank front matter, fenced code, code spans and HTML comments, keeping offsets."""
    lines = text.split("\n")
    in_fence = False
    if lines and lines[0] == "---":
        for i in range(1, len(lines)):
            if lines[i] == "---":
                for j in range(i + 1):
                    lines[j] = " " * len(lines[j])
                break
    for i, line in enumerate(lines):
        if RE_FENCE.match(line.lstrip()):
            in_fence = not in_fence
            lines[i] = " " * len(line)
        elif in_fence:
            lines[i] = " " * len(line)
    text = "\n".join(lines)
    return _mask(_mask(text, RE_CODE_SPAN), RE_HTML_COMMENT)


mask_code = _mask_code
"""Public name for the gate's raw-HTML check, which must skip the same code spans and fences."""


def target_of_url(url: str, corpus: Corpus) -> tuple[Target | None, str | None]:
    """(target, problem) for a link to an instrument page; (None, None) for any other link."""
    m = RE_LAW_URL.match(url)
    if not m:
        return None, None
    key = DIR_TO_KEY[m["dir"]]
    frag = m["frag"] or ""
    if m["dieu"]:
        dieu = int(m["dieu"])
        if not frag or frag == ids.dieu_id(dieu):
            return Target(key, dieu), None
        try:
            fd, khoan, diem = ids.parse_unit_id(frag)
        except ValueError:
            return None, f"'#{frag}' is not a clause or point anchor"
        if fd is not None:
            return None, f"'#{frag}' is a whole-text anchor; on an article page write '#{ids.unit_id(khoan, diem)}'"
        return Target(key, dieu, khoan, diem), None
    if m["chuong"]:
        muc = None
        if frag:
            mm = re.fullmatch(r"muc-(\d+)", frag)
            if not mm:
                return None, f"'#{frag}' is not an anchor of a chapter page"
            muc = int(mm[1])
        return Target(key, chuong=int(m["chuong"]), muc=muc), None
    if m["page"] == "toan-van" and frag:
        mm = re.fullmatch(r"chuong-(\d+)(?:-muc-(\d+))?", frag)
        if mm:
            return Target(key, chuong=int(mm[1]), muc=int(mm[2]) if mm[2] else None), None
        try:
            fd, khoan, diem = ids.parse_unit_id(frag)
        except ValueError:
            return None, f"'#{frag}' is not an anchor of the whole-text page"
        if fd is None:
            return None, f"on the whole-text page anchors start with the article: '#dieu-N-{frag}'"
        return Target(key, fd, khoan, diem), None
    return Target(key), None


def check_page(text: str, shown: str, corpus: Corpus, strict_citations: bool, result: Result) -> None:
    """Check one hand-written page; append problems to ``result``."""
    masked = _mask_code(text)
    ctx = Context(default_instrument="luat")

    def add(offset: int, message: str, hint: str, severity: str = ERROR) -> None:
        line, col = _line_col(text, offset)
        result.problems.append(Problem(shown, line, col, message, hint, severity))

    # 1. short links
    for m in RE_SHORT_LINK.finditer(masked):
        result.citations += 1
        cite = m["cite"]
        try:
            c = citations.parse(cite, ctx)
        except citations.CitationError as e:
            add(m.start(), f"[[{cite}]] is not a citation the site understands ({e})",
                "write it like [[điểm a khoản 1 Điều 7]] or [[Điều 3 Nghị định số 68/2018/NĐ-CP]]")
            continue
        if c.instrument is None:
            add(m.start(), f"[[{cite}]] cites another instrument ({c.external})",
                "only articles published on this site can be linked; name the other law in plain words")
            continue
        for t in c.targets:
            missing = describe_missing(corpus, t)
            if missing:
                add(m.start(), f"[[{cite}]]: {missing[0]}", missing[1])
    # 2. Markdown links to instrument pages
    for m in RE_MD_LINK.finditer(masked):
        target, problem = target_of_url(m["url"], corpus)
        if target is None and problem is None:
            continue
        result.links += 1
        if problem:
            add(m.start(), f"link '{m['url']}': {problem}", "see docs/gioi-thieu/quy-uoc.md for the anchor scheme")
            continue
        missing = describe_missing(corpus, target)
        if missing:
            add(m.start(), f"link '{m['url']}': {missing[0]}", missing[1])
            continue
        found = citations.find_citations(m["text"], ctx)
        if found:
            c = found[0]
            result.citations += 1
            if c.instrument is None:
                add(m.start(), f"link text '{m['text']}' cites {c.external}, but the link goes to "
                    f"{citations.format_target(target, with_instrument=True)}",
                    "do not link another law's articles to this site's pages")
            elif target not in c.targets:
                add(m.start(), f"link text '{m['text']}' names {citations.format_citation(c)}, but the link goes to "
                    f"{citations.format_target(target)}",
                    f"make text and target agree, e.g. [[{citations.format_target(target)}]]")
    # 3. plain-text citations (everything that is not a link)
    plain = _mask(_mask(masked, RE_SHORT_LINK), RE_MD_LINK)
    for c in citations.find_citations(plain, ctx):
        if c.instrument is None:
            continue
        result.citations += 1
        add(c.start, f"citation '{c.text}' is not linked",
            f"write [[{c.text}]] so readers can open it", ERROR if strict_citations else WARNING)


def check_sources(corpus: Corpus, result: Result) -> None:
    """Every citation inside the official texts must resolve (the auto-linker relies on it)."""
    for key, vb in corpus.vanban.items():
        shown = f"sources/{INSTRUMENTS[key].source}"
        for d in vb.dieu.values():
            for p in d.doan:
                ctx = Context(instrument=key, dieu=d.number, khoan=p.khoan, diem=p.diem, chuong=d.chuong, muc=d.muc)
                for c in citations.find_citations(p.text, ctx):
                    result.citations += 1
                    if c.instrument is None:
                        continue
                    for t in c.targets:
                        missing = describe_missing(corpus, t)
                        if missing:
                            col = c.start + 1
                            result.problems.append(Problem(shown, p.line, col, f"citation '{c.text}': {missing[0]}",
                                                           missing[1]))


def check_docs(root: Path, docs: Path, corpus: Corpus, strict_citations: bool = True) -> Result:
    """Check the official texts and every hand-written page under ``docs``."""
    result = Result()
    check_sources(corpus, result)
    faq_ids: dict[str, str] = {}
    site_text = [d.heading + "\n" + "\n".join(p.text for p in d.doan) for vb in corpus.vanban.values() for d in vb.dieu.values()]
    for path in sorted(docs.rglob("*.md")):
        try:
            shown = str(path.relative_to(root))
        except ValueError:
            shown = str(path)
        text = path.read_text(encoding="utf-8")
        site_text.append(faq.without_alternatives(text))
        if is_letter(str(path.relative_to(docs))):
            continue  # an official letter, verbatim: checked by lawsite.priorities, never rewritten
        check_page(text, shown, corpus, strict_citations, result)
        if faq.is_faq_page(str(path.relative_to(docs))):
            result.problems.extend(faq.check(text, shown, faq_ids))
    result.problems.extend(synonyms.check(root, "\n".join(site_text)))  # data/dong-nghia.yml: search query expansion
    return result


__all__ = ["Result", "check_docs", "check_page", "check_sources", "describe_missing", "target_of_url"]
