"""The house rules of scripts/lawsite: no import circle, no module over 500 lines, dependencies one way.

Every ``import`` counts, including those inside functions and under
``TYPE_CHECKING``: a circle hidden in a function is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "scripts" / "lawsite"
MAX_LINES = 500
KNOWN_OVERSIZE: dict[str, int] = {}
"""Modules allowed over the limit, with their ceiling; each entry is a debt noted in reports/QUALITY.md (none today)."""
LOWER_LAYERS = ("lawsite.problems", "lawsite.ids", "lawsite.instruments", "lawsite.model", "lawsite.citations",
                "lawsite.citation_types", "lawsite.citation_grammar", "lawsite.citation_parser", "lawsite.citation_format",
                "lawsite.corpus", "lawsite.importer", "lawsite.priorities.model", "lawsite.priorities.reader")
"""Model and reader modules: they never import pages, checks, the gate or the site assembly."""
UPPER = ("lawsite.site", "lawsite.pages", "lawsite.checker", "lawsite.gate", "lawsite.priorities.pages",
         "lawsite.priorities.checks", "lawsite.search", "lawsite.relations")


def _name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """lawsite modules imported by ``name`` (``from .x import y`` names module x.y when that is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "lawsite")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "lawsite":
                continue
            subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in MODULES]
            if subs:
                out.update(subs)
            if len(subs) < len(node.names):
                out.add(mod)
    out.discard(name)
    return {m for m in out if m in MODULES}


GRAPH = {n: _imports(n, p) for n, p in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_relative_imports_resolve_to_modules():
    assert "lawsite.corpus" in GRAPH["lawsite.site"]
    assert "lawsite.priorities.model" in GRAPH["lawsite.priorities.pages"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_size(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    limit = KNOWN_OVERSIZE.get(name, MAX_LINES)
    assert lines <= limit, f"{MODULES[name]} has {lines} lines (limit {limit}): split it by job"


def test_lower_layers_do_not_import_upper_ones():
    for low in LOWER_LAYERS:
        bad = sorted(m for m in GRAPH.get(low, ()) if m.startswith(UPPER))
        assert not bad, f"{low} imports {bad}"
