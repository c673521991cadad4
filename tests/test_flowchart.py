"""The build-time flowchart renderer: the guide's diagram source becomes an accessible list of steps."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from lawsite import flowchart

ROOT = Path(__file__).resolve().parents[1]


def guide_sources() -> list[str]:
    text = (ROOT / "docs" / "huong-dan" / "index.md").read_text(encoding="utf-8")
    return re.findall(r"```mermaid\n(.*?)```", text, re.S)


def test_the_guide_keeps_its_mermaid_source_and_every_node_and_edge_is_rendered():
    sources = guide_sources()
    assert sources, "the guide's diagram is written as a ```mermaid fence"
    for src in sources:
        _, nodes = flowchart.parse(src)
        out = flowchart.render(src, "so-do-1")
        edges = [line for line in src.split("\n") if re.search(r"-->|-\.->", line)]
        assert out.count('class="flow__edge ') == sum(len(n.edges) for n in nodes) == sum(
            len(re.findall(r"-->|-\.->", e)) for e in edges)
        for n in nodes:
            assert f'id="so-do-1-{n.id.lower()}"' in out
            assert f"<span class=\"flow__box\">{n.label}</span>" in out
        assert "<br>" not in out and "mermaid" not in out


def test_shapes_labels_and_styles():
    src = ('flowchart TD\n  A["Bước<br>một"] --> B{"Còn?"}\n  B -->|Còn| C(Tiếp)\n'
           '  B -.->|Không| D([Hết])\n  C -- nhãn --> A\n  %% comment\n')
    direction, nodes = flowchart.parse(src)
    assert direction == "TD"
    assert [(n.id, n.label, n.shape) for n in nodes] == [
        ("A", "Bước một", "box"), ("B", "Còn?", "decision"), ("C", "Tiếp", "round"), ("D", "Hết", "stadium")]
    assert nodes[1].edges == [("C", "Còn", "solid"), ("D", "Không", "dotted")]
    assert nodes[2].edges == [("A", "nhãn", "solid")]
    html = flowchart.render(src, "x")
    assert '<a href="#x-c">Tiếp</a>' in html and "flow__edge--dotted" in html and "flow__node--decision" in html


def test_chains():
    _, nodes = flowchart.parse("graph LR\nA --> B --> C\n")
    assert [n.edges for n in nodes] == [[("B", "", "solid")], [("C", "", "solid")], []]


@pytest.mark.parametrize(("src", "message"), [
    ("sequenceDiagram\n A->>B: x\n", "line 1: only 'flowchart TD'"),
    ("flowchart TD\n A[x --> B\n", "line 2: '[' of node A is not closed"),
    ("flowchart TD\n A ~~> B\n", "line 2: cannot read '~~> B'"),
    ("flowchart TD\n A[x] --> B[y]\n A[z] --> B\n", "line 3: node A has two labels"),
])
def test_unsupported_syntax_names_the_line(src, message):
    with pytest.raises(flowchart.FlowchartError, match=re.escape(message)):
        flowchart.parse(src)


def test_fence_format_through_superfences_numbers_diagrams_per_page():
    md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": {
        "custom_fences": [{"name": "mermaid", "class": "flow", "format": flowchart.fence_format}]}})
    html = md.convert("```mermaid\nflowchart TD\nA --> B\n```\n\n```mermaid\nflowchart TD\nC --> D\n```\n")
    assert 'id="so-do-1-a"' in html and 'id="so-do-2-c"' in html and "<pre" not in html
    md2 = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": {
        "custom_fences": [{"name": "mermaid", "class": "flow", "format": flowchart.fence_format}]}})
    assert 'id="so-do-1-a"' in md2.convert("```mermaid\nflowchart TD\nA --> B\n```\n")
