"""Turn whatever stops a build into a located message, never a traceback.

MkDocs reports configuration mistakes as log lines (``Config value 'theme': …``)
and stops with ``Abort``; pymdownx, Jinja, YAML and the operating system raise
exceptions from deep inside. :func:`config_problem` finds the line of
``mkdocs.yml`` a config message is about (from the YAML node positions);
:func:`exception_problem` finds the source line of an exception: the template
line (Jinja keeps it in the traceback), the Markdown page being converted
(the ``page`` the build was working on) and the line of the snippet it names.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

import yaml

from .problems import Problem

RE_CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']+)': (?P<msg>.*)", re.S)
RE_UNRECOGNISED = re.compile(r"Unrecognised configuration name: (?P<key>\S+)")
RE_QUOTED = re.compile(r"'([^']+)'|\"([^\"]+)\"")
RE_SUB_OPTION = re.compile(r"Sub-option '([^']+)': ")
ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO}


class Environment(Exception):
    """The machine, not the content, stopped the publish (exit 3)."""

    def __init__(self, error: OSError):
        self.error = error
        super().__init__(str(error))


def _rel(path: Path | str, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def yaml_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """``{key path: (line, col)}`` of every mapping key and sequence item of a YAML document."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    out: dict[tuple[str, ...], tuple[int, int]] = {}

    def walk(n, path: tuple[str, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = (*path, str(k.value))
                out.setdefault(key, (k.start_mark.line + 1, k.start_mark.column + 1))
                if isinstance(v, yaml.ScalarNode):  # the value itself (a theme name, a folder)
                    out.setdefault((*key, str(v.value)), (v.start_mark.line + 1, v.start_mark.column + 1))
                walk(v, key)
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                label = item.value if isinstance(item, yaml.ScalarNode) else (
                    str(item.value[0][0].value) if isinstance(item, yaml.MappingNode) and item.value else "")
                key = (*path, str(label))
                out.setdefault(key, (item.start_mark.line + 1, item.start_mark.column + 1))
                walk(item, key)

    walk(node, ())
    return out


def config_problem(message: str, config_file: Path, root: Path) -> Problem:
    """A MkDocs configuration message, at the line of ``mkdocs.yml`` it is about."""
    text = config_file.read_text(encoding="utf-8")
    positions = yaml_positions(text)
    rel = _rel(config_file, root)
    first = message.strip().split("\n")[0]
    key: tuple[str, ...] | None = None
    m = RE_CONFIG_VALUE.match(message.strip())
    if m:
        key = tuple(m["key"].split("."))
        detail = m["msg"]
        if ' File "' in detail:  # an extension's traceback inside the message: keep its first and last line
            lines = [ln.strip() for ln in detail.strip().split("\n") if ln.strip()]
            detail = detail.split(' File "')[0].split("\n")[0] + " " + lines[-1]
        detail = " ".join(detail.split())
        for sub in RE_SUB_OPTION.findall(detail):
            key = (*key, sub)
        detail = RE_SUB_OPTION.sub("", detail)
        setting = ".".join(key)
        # A name inside the message (an extension, plugin, option, file): the most specific position.
        best = None
        for a, b in RE_QUOTED.findall(detail):
            name = (a or b).rstrip("/")
            for p in positions:
                if p[: len(key)] == key and (p[-1] == name or name.endswith("/" + p[-1])):
                    if best is None or len(p) > len(best):
                        best = p
        key = best or key
        if detail.startswith("Unrecognised configuration name"):
            first = f"unknown setting '{setting}' in mkdocs.yml"
        else:
            first = f"mkdocs.yml setting '{setting}': {detail}"
    else:
        u = RE_UNRECOGNISED.search(message)
        if u:
            key = (u["key"],)
            first = f"unknown setting '{u['key']}' in mkdocs.yml"
    line, col = positions.get(key, (0, 0)) if key else (0, 0)
    if not line and key:  # a nested key (e.g. theme.nme): the closest enclosing one
        for n in range(len(key) - 1, 0, -1):
            if key[:n] in positions:
                line, col = positions[key[:n]]
                break
    if not line:
        line, col = 1, 1
    return Problem(rel, line, col, first, "fix this setting (see https://www.mkdocs.org/user-guide/configuration/)")


def _traceback_frames(exc: BaseException):
    tb = exc.__traceback__
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def _template_location(exc: BaseException, root: Path) -> tuple[str, int] | None:
    overrides = (root / "overrides").resolve()
    found = None
    for frame, lineno in _traceback_frames(exc):
        name = frame.f_code.co_filename
        if name.endswith(".html") and Path(name).resolve().is_relative_to(overrides):
            found = (_rel(name, root), lineno)
    return found


def _page_location(exc: BaseException, docs: Path, root: Path) -> Path | None:
    page = None
    for frame, _ in _traceback_frames(exc):
        cand = frame.f_locals.get("page")
        src = getattr(getattr(cand, "file", None), "abs_src_path", None)
        if src:
            page = Path(src)
    return page


def _line_of(path: Path, needle: str) -> tuple[int, int]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1, 1
    at = text.find(needle)
    if at < 0:
        return 1, 1
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def exception_problem(exc: BaseException, root: Path, config_file: Path) -> Problem:
    """The best source location for an exception raised while building; raises :class:`Environment` for OS errors."""
    import jinja2

    docs = root / "docs"
    if isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS:
        raise Environment(exc)
    if isinstance(exc, jinja2.TemplateError):
        loc = _template_location(exc, root)
        if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
            loc = (_rel(exc.filename, root), exc.lineno or 1)
        if loc:
            return Problem(loc[0], loc[1], 1, f"template error: {exc}", "fix the template at this line")
    if isinstance(exc, UnicodeDecodeError):
        return Problem(_rel(getattr(exc, "filename", "") or config_file, root), 1, 1, f"not valid UTF-8: {exc.reason}",
                       "save the file as UTF-8")
    page = _page_location(exc, docs, root)
    message = str(exc).split("\n")[0] or type(exc).__name__
    if type(exc).__name__ == "SnippetMissingError":
        m = RE_QUOTED.search(message)
        name = m.group(1) if m else ""
        if page is not None:
            line, col = _line_of(page, name)
            return Problem(_rel(page, root), line, col, f"snippet '{name}' does not exist",
                           "fix the path (relative to the project folder) or remove the --8<-- line")
        line, col = _line_of(config_file, name)
        return Problem(_rel(config_file, root), line, col, f"snippet '{name}' does not exist",
                       "restore the file or remove it from mkdocs.yml")
    if isinstance(exc, FileNotFoundError) and exc.filename:
        return Problem(_rel(exc.filename, root), 0, 0, "file is missing", "restore it (git checkout -- <file>)")
    if page is not None:
        return Problem(_rel(page, root), 1, 1, f"the build stopped on this page: {type(exc).__name__}: {message}",
                       "fix the page (or report the message if the page looks right)")
    return Problem(_rel(config_file, root), 1, 1, f"the build stopped: {type(exc).__name__}: {message}",
                   "fix the setting or file named in the message")
