"""Mermaid flowcharts rendered at build time as an accessible HTML/CSS flow: no page downloads Mermaid.

Authors keep writing diagrams as Mermaid in the Markdown (```` ```mermaid ````); this module is the
pymdownx.superfences custom-fence formatter for that fence (``mkdocs.yml``). It reads the subset of
the flowchart syntax our pages use and renders an ordered list of the nodes, in the order they first
appear, each with its outgoing arrows (label and target, the target linked to its box). A screen
reader reads it as a list of steps; on screen CSS draws boxes, decisions and arrows.

Supported: ``flowchart TD|TB|LR|BT|RL`` (or ``graph``); nodes ``A``, ``A[..]``, ``A(..)``,
``A([..])``, ``A{..}`` with optional quotes and ``<br>``; edges ``-->``, ``-.->``, ``==>``, ``---``
with ``|label|`` or ``-- label -->``; chains ``A --> B --> C``; ``%%`` comments. Anything else
raises :class:`FlowchartError` naming the line, so the strict build fails instead of showing a
wrong diagram.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

SHAPES = [("([", "])", "stadium"), ("[", "]", "box"), ("(", ")", "round"), ("{", "}", "decision")]
NODE = re.compile(r"\s*(?P<id>[A-Za-z_][\w-]*)")
ARROW = re.compile(r"\s*(?:(?P<long>--|==|-\.)\s*(?P<text>[^|>-][^>]*?)\s*)?(?P<arrow>-->|-\.->|==>|---|-\.-)"
                   r"(?:\s*\|(?P<label>[^|]*)\|)?")
HEADER = re.compile(r"^(?:flowchart|graph)\s+(TD|TB|LR|BT|RL)\s*;?$")


class FlowchartError(ValueError):
    """The diagram uses syntax this renderer does not read."""


@dataclass
class Node:
    id: str
    label: str
    shape: str = "box"
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # (target, label, style)


def _label(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        raw = raw[1:-1]
    return re.sub(r"\s+", " ", re.sub(r"<br\s*/?>", " ", raw)).strip()


def _node(text: str, pos: int, nodes: dict[str, Node], order: list[str], lineno: int) -> tuple[str, int]:
    m = NODE.match(text, pos)
    if not m:
        raise FlowchartError(f"flowchart line {lineno}: expected a node id at '{text[pos:].strip()}'")
    nid, pos = m["id"], m.end()
    for start, end, shape in SHAPES:
        if text.startswith(start, pos):
            close = text.find(end, pos + len(start))
            if close < 0:
                raise FlowchartError(f"flowchart line {lineno}: '{start}' of node {nid} is not closed with '{end}'")
            label = _label(text[pos + len(start):close])
            if nid in nodes and nodes[nid].label != nid and nodes[nid].label != label:
                raise FlowchartError(f"flowchart line {lineno}: node {nid} has two labels")
            nodes.setdefault(nid, Node(nid, label, shape))
            nodes[nid].label, nodes[nid].shape = label, shape
            pos = close + len(end)
            break
    else:
        nodes.setdefault(nid, Node(nid, nid))
    if nid not in order:
        order.append(nid)
    return nid, pos


def parse(source: str) -> tuple[str, list[Node]]:
    """Direction and nodes (in order of first appearance) of a flowchart."""
    lines = source.split("\n")
    nodes: dict[str, Node] = {}
    order: list[str] = []
    direction = None
    for lineno, raw in enumerate(lines, 1):
        line = raw.split("%%", 1)[0].strip()
        if not line:
            continue
        if direction is None:
            m = HEADER.match(line)
            if not m:
                raise FlowchartError(f"flowchart line {lineno}: only 'flowchart TD' (or LR, ...) diagrams are rendered; "
                                     f"got '{line}'")
            direction = m[1]
            continue
        line = line.rstrip(";")
        src, pos = _node(line, 0, nodes, order, lineno)
        while pos < len(line):
            m = ARROW.match(line, pos)
            if not m:
                raise FlowchartError(f"flowchart line {lineno}: cannot read '{line[pos:].strip()}' "
                                     "(supported: A --> B, A -.-> B, A -->|label| B, A -- label --> B)")
            label = _label(m["label"] or m["text"] or "")
            style = "dotted" if "." in m["arrow"] else "thick" if m["arrow"] == "==>" else "solid"
            dst, pos = _node(line, m.end(), nodes, order, lineno)
            nodes[src].edges.append((dst, label, style))
            src = dst
    if direction is None:
        raise FlowchartError("flowchart: empty diagram")
    return direction, [nodes[n] for n in order]


def render(source: str, prefix: str) -> str:
    """HTML for one diagram; ``prefix`` keeps ids unique on the page."""
    _, nodes = parse(source)
    index = {n.id: i for i, n in enumerate(nodes)}
    out = [f'<figure class="flow" aria-labelledby="{prefix}-cap">',
           f'<figcaption id="{prefix}-cap" class="flow__caption">Sơ đồ gồm {len(nodes)} bước; '
           "mỗi bước ghi bước tiếp theo.</figcaption>", '<ol class="flow__steps">']
    for i, n in enumerate(nodes):
        label = html.escape(n.label)
        out.append(f'<li class="flow__node flow__node--{n.shape}" id="{prefix}-{n.id.lower()}">'
                   f'<span class="flow__box">{label}</span>')
        if n.edges:
            out.append('<ul class="flow__edges">')
            for dst, elabel, style in n.edges:
                target = nodes[index[dst]]
                nxt = index[dst] == i + 1 and style != "dotted"
                lab = f'<span class="flow__edge-label">{html.escape(elabel)}</span> ' if elabel else ""
                out.append(f'<li class="flow__edge flow__edge--{style}{" flow__edge--next" if nxt else ""}">'
                           f'<span class="flow__arrow" aria-hidden="true">{"↓" if nxt else "→"}</span> {lab}'
                           f'<a href="#{prefix}-{dst.lower()}">{html.escape(target.label)}</a></li>')
            out.append("</ul>")
        out.append("</li>")
    out.append("</ol></figure>")
    return "\n".join(out)


def fence_format(source, language, css_class, options, md, **kwargs):
    """pymdownx.superfences custom-fence formatter for ```` ```mermaid ````."""
    count = getattr(md, "_lawsite_flowcharts", 0) + 1  # MkDocs makes one Markdown instance per page
    md._lawsite_flowcharts = count
    return render(source, f"so-do-{count}")
