"""The publish gate: one registry of checks, run in a fixed order by ``scripts/publish.py``.

Each check is a small module with one job and the same shape: a function
``run(ctx) -> list[Problem]``. ``source`` checks read the project before
anything is built (they are cheap and point at ``path:line:col`` of the file
an author edits); ``output`` checks read the built site in a temporary
folder before it replaces the published one.

========  =================  ====================================================
stage     check              job
========  =================  ====================================================
source    manifest           the official texts are the ones recorded in sources/MANIFEST.json
source    encoding           every page and data file is UTF-8 (later checks read them as text)
source    corpus             every registered instrument parses (articles, clauses, points)
source    text               no invisible characters (zero-width space...) in pages or data
source    front-matter       every hand-written page has valid front matter
source    raw-html           raw HTML in Markdown is on the allow-list (lawsite.gate.rawhtml)
source    anchors            no explicit { #id } twice on a page
source    glossary           the tooltip file matches Điều 3 of the law
source    relations          data/van-ban-huong-dan.yml is backed by the texts
source    priorities         the priorities letters: metadata, verbatim body, căn cứ
source    time-limits        the trainers' table of time limits is complete against the texts
source    worked-examples    worked examples in đồng follow the law and the base salary
source    base-salary        data/luong-co-so.yml records are quoted and sourced
source    case-rules         the helper's rules (data/truong-hop.yml) match their clauses
source    later-changes      data/thay-doi.yml records are quoted, sourced and point at real units
source    citations          every link and citation resolves (lawsite.checker)
source    faq-numbers        every number in an FAQ answer is in the clauses it cites
output    links              internal links and anchors of the built site (lawsite.htmlcheck)
output    ids                no id twice on a built page
output    origins            everything the site can load is same-origin, under its sub-path
========  =================  ====================================================

A check marked ``blocking`` stops the gate when it fails: a changed law
text or a corpus that does not parse makes every later finding noise.
"""

from __future__ import annotations

from ..problems import ERROR, Problem
from .base import Check, Context, pages, read_text
from .built import Built


def _registry() -> tuple[Check, ...]:
    from . import anchors, content, faq_numbers, manifest, origins, rawhtml, text

    return (
        Check("manifest", "source", manifest.run, blocking=True, needs_corpus=False),
        Check("encoding", "source", text.encoding, blocking=True, needs_corpus=False),
        Check("corpus", "source", content.load_corpus, needs_corpus=False),
        Check("text", "source", text.run, needs_corpus=False),
        Check("front-matter", "source", content.front_matter, needs_corpus=False),
        Check("raw-html", "source", rawhtml.run, needs_corpus=False),
        Check("anchors", "source", anchors.run, needs_corpus=False),
        Check("glossary", "source", content.glossary),
        Check("relations", "source", content.relations),
        Check("priorities", "source", content.priorities),
        Check("time-limits", "source", content.time_limits),
        Check("worked-examples", "source", content.worked_examples),
        Check("base-salary", "source", content.base_salary, needs_corpus=False),
        Check("case-rules", "source", content.case_rules),
        Check("later-changes", "source", content.later_changes),
        Check("citations", "source", content.citations),
        Check("faq-numbers", "source", faq_numbers.run),
        Check("links", "output", content.output_links, needs_corpus=False),
        Check("ids", "output", origins.duplicate_ids, needs_corpus=False),
        Check("origins", "output", origins.run, needs_corpus=False),
    )


CHECKS: tuple[Check, ...] = ()


def checks(stage: str | None = None) -> tuple[Check, ...]:
    global CHECKS
    if not CHECKS:
        CHECKS = _registry()
    return tuple(c for c in CHECKS if stage is None or c.stage == stage)


def run(stage: str, ctx: Context, only: set[str] | None = None) -> list[Problem]:
    """Run the checks of ``stage`` in registry order; stop after a failing blocking check.

    The output stage reads the built site once for all its checks (``ctx.built``, made here
    unless the caller made it, and then closed by the caller)."""
    own = stage == "output" and ctx.built is None
    if own:
        ctx.built = Built(ctx.root, ctx.site_dir)
    if ctx.built is not None and stage == "output":
        ctx.built.prefetch()
    problems: list[Problem] = []
    try:
        for c in checks(stage):
            if only is not None and c.name not in only:
                continue
            if c.needs_corpus and ctx.corpus is None:
                continue
            found = c.run(ctx)
            problems.extend(found)
            if c.blocking and any(p.severity == ERROR for p in found):
                break
    finally:
        if own:
            ctx.built.close()
            ctx.built = None
    return problems


__all__ = ["CHECKS", "Built", "Check", "Context", "checks", "pages", "read_text", "run"]
