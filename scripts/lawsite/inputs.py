"""The project's files can be read at all: the first gate, before any reader parses them.

Every later step assumes readable input; here a broken file becomes a located
problem instead of a traceback deep in a reader:

* every text input is UTF-8 (the line and column of the first bad byte);
* ``mkdocs.yml`` and ``data/*.yml`` are valid YAML (the line of the error);
* every ``--8<--`` snippet a page or ``mkdocs.yml`` names exists;
* every template in ``overrides/`` is valid Jinja (the template's line).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import located_yaml
from .problems import Problem

TEXT_GLOBS = ("mkdocs.yml", "docs/**/*.md", "sources/*.md", "data/**/*.yml", "includes/**/*.md",
              "overrides/**/*.html")
RE_SNIPPET_LINE = re.compile(r"""^(?P<indent>\s*)-{1,}8<-{1,}\s+(?P<q>["'])(?P<path>[^"']+)(?P=q)\s*$""")
RE_SNIPPET_BLOCK = re.compile(r"^\s*-{1,}8<-{1,}\s*$")


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _decode_problem(path: Path, data: bytes, err: UnicodeDecodeError, root: Path) -> Problem:
    line_start = data.rfind(b"\n", 0, err.start) + 1
    line = data.count(b"\n", 0, err.start) + 1
    col = len(data[line_start:err.start].decode("utf-8", errors="replace")) + 1
    return Problem(_rel(path, root), line, col, f"not valid UTF-8 (byte 0x{data[err.start]:02x})",
                   "save the file as UTF-8 (in an editor: 'Save with encoding → UTF-8')")


def read_texts(root: Path) -> tuple[dict[Path, str], list[Problem]]:
    """Decode every text input once; return ``{path: text}`` and the files that are not UTF-8."""
    texts: dict[Path, str] = {}
    problems: list[Problem] = []
    for pattern in TEXT_GLOBS:
        for path in sorted(root.glob(pattern)):
            if not path.is_file():
                continue
            try:
                data = path.read_bytes()
            except OSError as e:
                problems.append(Problem(_rel(path, root), 0, 0, f"cannot be read: {e.strerror}",
                                        "check the file's permissions"))
                continue
            try:
                texts[path] = data.decode("utf-8")
            except UnicodeDecodeError as e:
                problems.append(_decode_problem(path, data, e, root))
    return texts, problems


def yaml_problem(rel: str, err: yaml.YAMLError, what: str) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    detail = getattr(err, "problem", None) or str(err).split("\n")[0]
    context = getattr(err, "context", None) or ""
    if "end of stream" in detail and getattr(err, "context_mark", None) is not None:
        mark = err.context_mark  # an unclosed quote or bracket: where it was opened, not the end of the file
        detail = f"{context} that is never closed" if context else detail
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem(rel, line, col, f"{what} is not valid YAML: {detail}",
                   "fix the indentation or quoting at this line (values with ':' or '#' need quotes)")


class _AnyTagLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: 5x faster
    """Parses mkdocs.yml's ``!ENV`` / ``!!python/name:`` / ``!relative`` tags as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def check_yaml(root: Path, texts: dict[Path, str]) -> list[Problem]:
    problems = []
    config = root / "mkdocs.yml"
    for path, text in texts.items():
        if path == config or (path.suffix == ".yml" and (root / "data") in path.parents):
            try:
                yaml.load(text, Loader=_AnyTagLoader)
            except yaml.YAMLError as e:
                problems.append(yaml_problem(_rel(path, root), e, "mkdocs.yml" if path == config else "this data file"))
    return problems


def _snippet_refs(text: str) -> list[tuple[int, int, str]]:
    """``(line, col, path)`` of every snippet a page includes (single-line and block forms)."""
    refs = []
    block = False
    for n, line in enumerate(text.split("\n"), 1):
        if RE_SNIPPET_BLOCK.match(line):
            block = not block
            continue
        m = RE_SNIPPET_LINE.match(line)
        if m and not block:
            refs.append((n, m.start("path") + 1, m["path"]))
        elif block and line.strip() and not line.strip().startswith(";"):
            refs.append((n, len(line) - len(line.lstrip()) + 1, line.strip()))
    return refs


def _auto_append(config_text: str) -> list[tuple[int, int, str]]:
    """``(line, col, path)`` of each ``auto_append`` entry of pymdownx.snippets in mkdocs.yml."""
    try:
        node = located_yaml.compose(config_text)
    except yaml.YAMLError:
        return []
    found = []

    def walk(n) -> None:
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                if k.value == "auto_append" and isinstance(v, yaml.SequenceNode):
                    found.extend((i.start_mark.line + 1, i.start_mark.column + 1, str(i.value))
                                 for i in v.value if isinstance(i, yaml.ScalarNode))
                walk(v)
        elif isinstance(n, yaml.SequenceNode):
            for i in n.value:
                walk(i)

    walk(node)
    return found


def check_snippets(root: Path, texts: dict[Path, str]) -> list[Problem]:
    """Snippet paths are relative to the project folder (``base_path: !relative $config_dir``)."""
    problems = []
    for path, text in texts.items():
        if path.suffix != ".md" or "--8<--" not in text:
            continue
        for line, col, ref in _snippet_refs(text):
            target = ref.split(":")[0] if not (root / ref).exists() else ref
            if not (root / target).is_file():
                problems.append(Problem(_rel(path, root), line, col, f"snippet '{ref}' does not exist",
                                        "fix the path (relative to the project folder) or remove the --8<-- line"))
    for line, col, ref in _auto_append(texts.get(root / "mkdocs.yml", "")):
        if not (root / ref).is_file():
            problems.append(Problem("mkdocs.yml", line, col, f"pymdownx.snippets auto_append: '{ref}' does not exist",
                                    "restore the file or remove it from auto_append"))
    return problems


def check_templates(root: Path, texts: dict[Path, str]) -> list[Problem]:
    """Parse every template of ``overrides/`` (syntax only; names are resolved by the build)."""
    import jinja2

    env = jinja2.Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.loopcontrols"])
    problems = []
    for path, text in texts.items():
        if path.suffix != ".html" or (root / "overrides") not in path.parents:
            continue
        try:
            env.parse(text)
        except jinja2.TemplateSyntaxError as e:
            problems.append(Problem(_rel(path, root), e.lineno or 1, 1, f"template syntax error: {e.message}",
                                    "fix the {% %} / {{ }} tag at this line (every block needs its end tag)"))
    return problems


def check(root: Path) -> tuple[dict[Path, str], list[Problem]]:
    """Every check above; stops after the UTF-8 step if a file cannot be decoded."""
    texts, problems = read_texts(root)
    # A missing source text is the gate's manifest check (lawsite.gate.manifest): it says which one.
    if not (root / "mkdocs.yml").is_file():
        problems.append(Problem("mkdocs.yml", 0, 0, "the site configuration is missing",
                                "restore it: git checkout -- mkdocs.yml"))
    problems += check_yaml(root, texts)
    problems += check_snippets(root, texts)
    problems += check_templates(root, texts)
    return texts, problems
