"""The yearly priorities letters (công văn nhiệm vụ trọng tâm) and the pages made from them.

The Ministry of Justice sends ministries and provincial People's Committees a
letter (công văn) naming the year's priority tasks for state compensation
work. Each letter is ONE Markdown file ``docs/nhiem-vu-trong-tam/<year>.md``:

* front matter: the metadata (``so_hieu``, ``ngay``, ``nguoi_ky``,
  ``noi_nhan``...), which part of the letter is addressed to whom
  (``doi_tuong``) and, per task, the clauses of the 2017 law that give that
  body the responsibility (``can_cu``: units of the law, or of a detailing
  instrument where that is the rule, e.g. Thông tư 08/2019/TT-BTP) and an
  optional plain note per task (``ghi_chu``), e.g. where a task's basis lies
  outside the published instruments;
* then the letter exactly as received, in the Markdown of ``sources/``
  (``## BỘ TƯ PHÁP``, ``Số: ...``, ``Kính gửi:``, ``### **I. ...**``,
  numbered tasks, ``**Nơi nhận:**``, the signature). When ``nguon`` names the
  source file, the body must equal it byte for byte (publish checks).

This module parses such a file into dataclasses (:class:`CongVan`,
:class:`NhiemVu`) and writes every derived page as Markdown, knowing nothing of
MkDocs:

==============================================  ===========================================
page (path under docs/)                         made by
==============================================  ===========================================
``nhiem-vu-trong-tam/index.md``                 :func:`index_page`, newest year first
``nhiem-vu-trong-tam/<year>.md`` (author file)  :func:`letter_markdown`, at build time
``nhiem-vu-trong-tam/<year>/nhiem-vu.md``       :func:`tasks_page`: id, who, text, căn cứ
``nhiem-vu-trong-tam/<year>/<view>.md``         :func:`checklist_page`, one per addressee
==============================================  ===========================================

Task ids are ``<addressee>-<number in its part>`` (``bo-1``, ``ubnd-tinh-5``):
stable, printed on checklists, used as anchors. Addressees are data
(:data:`DOI_TUONG`); a letter maps its parts to them (``doi_tuong: {I: bo}``).

Every problem is a :class:`~lawsite.problems.Problem` with the line of the
letter file (``docs/nhiem-vu-trong-tam/2024.md:57:7: ...``), raised together
as :class:`~lawsite.problems.ProblemsFound`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import frontmatter
from ..corpus import Corpus, load_corpus
from ..instruments import LUAT
from ..problems import Problem, ProblemsFound
from .checks import check_against_law, check_meta
from .importer import import_letter
from .model import DOI_TUONG, INDEX, RE_LETTER_FILE, SECTION, CanCu, CongVan, DoiTuong, NhiemVu, is_letter
from .pages import checklist_page, index_page, legislation_ld, letter_markdown, md, tasks_page
from .reader import POSITIONS, LetterReader, nfc, read_can_cu


def parse_letter(path: Path, rel: str, shown: str, root: Path) -> tuple[CongVan, list[Problem]]:
    """Read one letter file; return it with the problems found (front matter, structure, căn cứ syntax).

    ``root`` is the project folder (``nguon`` paths are relative to it).
    """
    problems: list[Problem] = []
    try:
        meta, body_line, body = frontmatter.read(path)
    except ValueError as e:
        line, _, msg = str(e).partition(":")
        raise ProblemsFound([Problem(shown, int(line), 1, msg, "fix the YAML between the two '---' lines")]) from None
    POSITIONS.pop(str(path), None)
    cv = CongVan(path=path, rel=rel, shown=shown, meta=meta, body=nfc(body), body_line=body_line)
    LetterReader(cv, problems).read()
    check_meta(cv, root, problems)
    read_can_cu(cv, problems)
    return cv, problems


def letter_files(docs_dir: Path) -> list[Path]:
    folder = docs_dir / SECTION
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if RE_LETTER_FILE.match(p.name))


@lru_cache(maxsize=8)
def _load(docs_dir: str, stamp: tuple) -> tuple[tuple[CongVan, ...], tuple[Problem, ...]]:
    docs = Path(docs_dir)
    letters, problems = [], []
    for path in letter_files(docs):
        rel = path.relative_to(docs).as_posix()
        cv, found = parse_letter(path, rel, f"{docs.name}/{rel}", docs.parent)
        letters.append(cv)
        problems.extend(found)
    letters.sort(key=CongVan.sort_key, reverse=True)
    return tuple(letters), tuple(problems)


def load_letters(docs_dir: Path) -> list[CongVan]:
    """Every letter of the section, newest first; raise ProblemsFound if any file is wrong."""
    docs = Path(docs_dir).resolve()
    files = letter_files(docs)
    sources = [docs.parent / "sources"]
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                  for p in [*files, *(f for s in sources if s.is_dir() for f in sorted(s.glob("cong-van-*.md")))])
    letters, problems = _load(str(docs), stamp)
    if problems:
        raise ProblemsFound(sorted(problems))
    return list(letters)


# --------------------------------------------------------------------------
# Entry points for the site (called by lawsite.site and hooks/lawsite.py)
# --------------------------------------------------------------------------


def check(docs_dir: Path, corpus: Corpus) -> list[Problem]:
    """Every problem of every letter file (front matter, text, căn cứ), without building: for ``publish --check-only``."""
    try:
        letters = load_letters(Path(docs_dir))
    except ProblemsFound as e:
        return e.problems
    return check_against_law(letters, corpus)


def generated_pages(docs_dir: Path, corpus: Corpus | None = None, site_url: str | None = None) -> dict[str, str]:
    """Every page derived from the letters: ``{path under docs/: Markdown}``.

    Raises :class:`ProblemsFound` (every problem of every letter) when a
    letter file is malformed or cites a unit the law does not have.
    """
    docs_dir = Path(docs_dir)
    if corpus is None:
        corpus = load_corpus(docs_dir.parent)
    letters = load_letters(docs_dir)
    problems = check_against_law(letters, corpus)
    if problems:
        raise ProblemsFound(problems)
    luat = corpus.vanban[LUAT.key]
    out = {INDEX: index_page(letters, site_url)}
    for cv in letters:
        out[cv.tasks_doc.lstrip("/")] = tasks_page(cv, corpus.vanban, site_url)
        for d in cv.doi_tuong_list():
            out[cv.view_doc(d).lstrip("/")] = checklist_page(cv, d, luat, site_url)
    return out


def page_markdown(rel: str, markdown: str, meta: dict, docs_dir: Path, site_url: str | None = None) -> str | None:
    """Markdown to render for a docs page: a letter file becomes its letter page (and gets JSON-LD); others unchanged."""
    if not is_letter(rel):
        return None
    cv = next((c for c in load_letters(Path(docs_dir)) if c.rel == rel.replace("\\", "/")), None)
    if cv is None:
        return None
    meta["json_ld"] = legislation_ld(cv, site_url)
    return letter_markdown(cv, site_url)


def nav(docs_dir: Path, label: str) -> dict:
    """Nav entry of the section: the index, then per letter (newest first) the letter and its pages."""
    children: list = [INDEX]
    for cv in load_letters(Path(docs_dir)):
        items: list = [{f"Công văn {cv.so_hieu}": cv.rel},
                       {"Nhiệm vụ và căn cứ pháp lý": cv.tasks_doc.lstrip("/")}]
        items += [{f"Dành cho {d.label}": cv.view_doc(d).lstrip("/")} for d in cv.doi_tuong_list()]
        children.append({f"Năm {cv.nam}" + ("" if cv.stem == str(cv.nam) else f" ({cv.stem})"): items})
    return {label: children}


__all__ = [
    "DOI_TUONG",
    "INDEX",
    "SECTION",
    "CanCu",
    "CongVan",
    "DoiTuong",
    "NhiemVu",
    "check",
    "check_against_law",
    "generated_pages",
    "import_letter",
    "is_letter",
    "letter_markdown",
    "load_letters",
    "md",
    "nav",
    "page_markdown",
    "parse_letter",
]
