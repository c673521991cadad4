"""The gate's checks that wrap the existing readers and checkers (one function each, one job each).

They only adapt :mod:`lawsite.corpus`, :mod:`lawsite.frontmatter`,
:mod:`lawsite.glossary`, :mod:`lawsite.relations`, :mod:`lawsite.priorities`,
:mod:`lawsite.checker`, :mod:`lawsite.thoi_han`, :mod:`lawsite.trainer`,
:mod:`lawsite.luong_co_so` and :mod:`lawsite.htmlcheck` to the gate's
``run(ctx) -> list[Problem]`` shape; the logic stays in those modules.
"""

from __future__ import annotations

from .. import changes_check, checker, frontmatter, htmlcheck, luong_co_so, thoi_han, trainer, truong_hop
from .. import corpus as corpus_mod
from .. import glossary as glossary_mod
from .. import priorities as priorities_mod
from .. import relations as relations_mod
from ..problems import Problem, ProblemsFound
from .base import Context, read_text


def load_corpus(ctx: Context) -> list[Problem]:
    try:
        ctx.corpus = corpus_mod.load_corpus(ctx.root)
    except ProblemsFound as e:
        return e.problems
    return []


def front_matter(ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted(ctx.docs.rglob("*.md")):
        if read_text(path) is None:
            continue  # not UTF-8: the text check says where
        problems.extend(frontmatter.check_page(path, str(path.relative_to(ctx.docs)), ctx.shown(path)))
    return problems


def glossary(ctx: Context) -> list[Problem]:
    return glossary_mod.check_abbreviations_file(ctx.root, ctx.corpus.vanban["luat"])


def relations(ctx: Context) -> list[Problem]:
    try:
        relations_mod.load(ctx.root, ctx.corpus)
    except ProblemsFound as e:
        return e.problems
    return []


def priorities(ctx: Context) -> list[Problem]:
    return priorities_mod.check(ctx.docs, ctx.corpus)


def citations(ctx: Context) -> list[Problem]:
    result = checker.check_docs(ctx.root, ctx.docs, ctx.corpus, strict_citations=ctx.strict_citations)
    ctx.links += result.links
    ctx.citations += result.citations
    return result.problems


def time_limits(ctx: Context) -> list[Problem]:
    """The trainers' table of time limits is complete against the texts (lawsite.thoi_han)."""
    return thoi_han.check(ctx.root, ctx.corpus.vanban)


def worked_examples(ctx: Context) -> list[Problem]:
    """Worked examples in đồng follow the law and the sourced base salary (lawsite.trainer)."""
    return trainer.check_examples(ctx.root, ctx.corpus.vanban["luat"])


def base_salary(ctx: Context) -> list[Problem]:
    """data/luong-co-so.yml: every record quoted and sourced (lawsite.luong_co_so)."""
    return luong_co_so.check(ctx.root)


def case_rules(ctx: Context) -> list[Problem]:
    """data/truong-hop.yml: every rule of the "Trường hợp của tôi" helper checked against its clause."""
    return truong_hop.check(ctx.root, ctx.corpus)


def later_changes(ctx: Context) -> list[Problem]:
    """data/thay-doi.yml: every later change quoted, sourced and pointing at existing units (lawsite.changes_check)."""
    return changes_check.check(ctx.root, ctx.corpus)


def output_links(ctx: Context) -> list[Problem]:
    problems, links = htmlcheck.check_site(ctx.site_dir, ctx.site_url, ctx.built.pages, ctx.built.files)
    ctx.links += links
    return problems
