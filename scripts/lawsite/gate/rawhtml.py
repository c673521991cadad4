"""Raw HTML in hand-written pages is an allow-list, reported at ``path:line:col`` of the Markdown.

Authors may write the HTML that content needs: what pymdownx, ``md_in_html``
and ``attr_list`` produce (``<div markdown>``, ``<span>``), ``<abbr>``,
``<details>``/``<summary>``, tables, line breaks, and the form controls of an
interactive page (``<label>``, ``<input>``, ``<select>``, ``<output>`` ...,
never with ``action``/``formaction``). Everything else is refused:

* an element not on the list, in particular any that loads or runs something
  (``<script>``, ``<style>``, ``<img>``, ``<iframe>``, ``<object>``, ``<svg>``,
  ``<link>``, ``<meta>``, ``<base>``...);
* an attribute not on the list, in particular event handlers (``on*``),
  ``src``/``srcset``/``data``/``action``, and ``style`` with ``url()``/``@import``;
* a link (raw ``href``, Markdown ``[...](...)``, ``<...>`` autolink or
  reference definition) to ``javascript:``/``data:``/``vbscript:``/``file:``,
  or root-relative (``/x``), which leaves the portal's sub-path (a Markdown
  link to ``/page.md`` or to a file under docs/ is docs-relative in this
  project and stays allowed: MkDocs rewrites it);
* an image (``![...](...)``) from another origin or a ``data:`` URL;
* the same attribute rules for ``attr_list`` blocks (``{ onclick=... }``).

The tokenizer is the standard library's :class:`html.parser.HTMLParser`, the
one Python-Markdown itself uses to find raw HTML, so the check sees tags where
the Markdown engine does; code (fences, spans) and comments are masked first.
The built output is checked again by :mod:`lawsite.gate.origins`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from ..checker import mask_code
from ..problems import Problem
from .base import Context, pages, read_text

GLOBAL_ATTRS = {"class", "id", "title", "lang", "dir", "markdown", "role", "hidden", "tabindex"}
"""Attributes any allowed element may carry (plus ``aria-*`` and ``data-*``)."""
TAGS: dict[str, set[str]] = {
    # text and structure (what Markdown, md_in_html, attr_list and pymdownx produce)
    **{t: set() for t in ("p", "div", "span", "br", "hr", "em", "strong", "b", "i", "u", "s", "small", "sub", "sup",
                          "mark", "q", "blockquote", "cite", "code", "kbd", "samp", "var", "pre", "h1", "h2", "h3",
                          "h4", "h5", "h6", "ul", "li", "dl", "dt", "dd", "figure", "figcaption", "section",
                          "article", "aside", "nav", "header", "footer", "caption", "thead", "tbody", "tfoot", "tr",
                          "colgroup", "summary", "wbr", "ins", "del", "dfn")},
    "a": {"href", "rel", "hreflang", "download"},
    "abbr": set(),
    "time": {"datetime"},
    "ol": {"start", "type", "reversed"},
    "table": set(),
    "col": {"span"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "align"},
    "details": {"open"},
    # form controls for interactive pages (issue 13); nothing is sent anywhere: no action/formaction
    "form": {"name", "autocomplete", "novalidate"},
    "fieldset": {"name", "disabled"},
    "legend": set(),
    "label": {"for"},
    "input": {"type", "name", "value", "placeholder", "checked", "disabled", "required", "readonly", "min", "max",
              "step", "pattern", "minlength", "maxlength", "size", "inputmode", "autocomplete", "list", "multiple"},
    "select": {"name", "multiple", "required", "disabled", "size", "autocomplete"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"},
    "datalist": set(),
    "textarea": {"name", "rows", "cols", "placeholder", "required", "disabled", "readonly", "maxlength", "minlength"},
    "button": {"type", "name", "value", "disabled"},
    "output": {"for", "name"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "progress": {"value", "max"},
}
INPUT_TYPES = {"text", "number", "date", "checkbox", "radio", "search", "hidden", "email", "tel", "range", "reset",
               "button", "month"}
"""``type=image`` loads a picture and ``submit`` sends the form: neither is needed by a static page."""
BUTTON_TYPES = {"button", "reset"}
BAD_SCHEMES = ("javascript", "data", "vbscript", "file")
RE_CSS_FETCH = re.compile(r"url\s*\(|@import|expression\s*\(|image-set\s*\(|-moz-binding|behavior\s*:", re.I)
RE_MD_LINK = re.compile(r"(?P<img>!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
RE_AUTOLINK = re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>")
RE_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.M)
RE_ATTR_LIST = re.compile(r"\{\s*:?(?P<body>[^{}\n]*)\}")
RE_ATTR = re.compile(r"""(?P<key>[^\s=#.{}'"]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s'"}]+))""")
RE_MASK_FOR_HTML = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>")
"""Autolinks (``<https://...>``, ``<a@b.vn>``) are Markdown, not tags: checked as links instead."""
HANDLERS = "event handlers run code in the reader's browser; use the site's own scripts (docs/assets/javascripts)"


def docs_relative(url: str, docs: Path | None) -> bool:
    """A Markdown link ``/x.md`` (or ``/assets/file``) that MkDocs resolves inside docs/ (``absolute_links: relative_to_docs``)."""
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if path.endswith(".md"):
        return True  # MkDocs validates it (generated pages included) and writes a relative link
    return docs is not None and path.startswith("/") and (docs / path.lstrip("/")).is_file()


def url_problem(url: str, image: bool = False) -> str | None:
    """What is wrong with a URL written in a page, or None."""
    u = re.sub(r"[\x00-\x20]", "", url)  # browsers ignore whitespace and controls inside a scheme
    scheme = u.split(":", 1)[0].lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", u) else ""
    if scheme in BAD_SCHEMES:
        return f"'{scheme}:' URL"
    if u.startswith("//") or (image and scheme):
        return "an image from another origin" if image else "a protocol-relative URL (another origin)"
    if u.startswith("/") or u.startswith("\\"):
        return "a root-relative URL, which leaves the portal's sub-path"
    return None


def attribute_problem(tag: str | None, name: str, value: str | None) -> tuple[str, str] | None:
    """(what, what to do) for an attribute, or None if allowed. ``tag`` None: an attr_list on Markdown."""
    name = name.lower()
    value = value or ""
    if name.startswith("on"):
        return f"event-handler attribute '{name}'", HANDLERS
    if name == "style":
        if RE_CSS_FETCH.search(value):
            return "style with url()/@import loads a resource", "put styles in docs/assets/stylesheets/site.css"
        return None
    if name in ("href",):
        bad = url_problem(value)
        return (f"link to {bad}", "link to a page of this site with a relative link, or to https://...") if bad else None
    if name.startswith(("aria-", "data-")) or name in GLOBAL_ATTRS:
        return None
    if tag is None:
        if name in {a for attrs in TAGS.values() for a in attrs} and name not in ("action", "formaction"):
            return None
        return f"attribute '{name}'", "attr_list may set ids, classes, titles and plain attributes only"
    if tag == "input" and name == "type" and value.lower() not in INPUT_TYPES:
        return f"<input type=\"{value}\">", f"use one of: {', '.join(sorted(INPUT_TYPES))}"
    if tag == "button" and name == "type" and value.lower() not in BUTTON_TYPES:
        return f"<button type=\"{value}\">", "use type=\"button\" (nothing is submitted from a static site)"
    if name in TAGS.get(tag, set()):
        return None
    return f"attribute '{name}' on <{tag}>", "remove it; see the allow-list in scripts/lawsite/gate/rawhtml.py"


class _Scanner(HTMLParser):
    def __init__(self, report) -> None:
        super().__init__(convert_charrefs=True)
        self.report = report

    def handle_starttag(self, tag, attrs):
        line, col = self.getpos()
        if tag not in TAGS:
            self.report(line, col + 1, f"raw HTML element <{tag}> is not allowed in a page",
                        "write it in Markdown; elements that load or run anything are refused "
                        "(allow-list: scripts/lawsite/gate/rawhtml.py)")
            return
        for name, value in attrs:
            bad = attribute_problem(tag, name, value)
            if bad:
                self.report(line, col + 1, f"<{tag}>: {bad[0]} is not allowed", bad[1])
        if tag == "button" and not any(n == "type" for n, _ in attrs):
            self.report(line, col + 1, "<button> without type=\"button\" would submit", "add type=\"button\"")

    handle_startendtag = handle_starttag


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_text(text: str, shown: str, docs: Path | None = None) -> list[Problem]:
    """Every raw-HTML, link and attr_list problem of one Markdown page."""
    problems: list[Problem] = []
    masked = mask_code(text)

    def at(line: int, col: int, message: str, hint: str) -> None:
        problems.append(Problem(shown, line, col, message, hint))

    scanner = _Scanner(at)
    scanner.feed(RE_MASK_FOR_HTML.sub(lambda m: " " * len(m.group(0)), masked))
    scanner.close()
    for m in RE_MD_LINK.finditer(masked):
        bad = None if docs_relative(m["url"], docs) else url_problem(m["url"], image=bool(m["img"]))
        if bad:
            kind = "image" if m["img"] else "link"
            at(*_line_col(text, m.start()), f"{kind} '{m['url'][:80]}' is {bad}",
               "self-host images under docs/assets and link with relative links" if m["img"]
               else "link to a page of this site with a relative link, or to https://...")
    for m in RE_AUTOLINK.finditer(masked):
        bad = url_problem(m["url"])
        if bad:
            at(*_line_col(text, m.start()), f"link '{m['url'][:80]}' is {bad}", "remove it")
    for m in RE_REF_DEF.finditer(masked):
        bad = None if docs_relative(m["url"], docs) else url_problem(m["url"])
        if bad:
            at(*_line_col(text, m.start("url")), f"link definition '{m['url'][:80]}' is {bad}",
               "link to a page of this site with a relative link, or to https://...")
    for m in RE_ATTR_LIST.finditer(masked):
        for a in RE_ATTR.finditer(m["body"]):
            value = a["dq"] if a["dq"] is not None else a["sq"] if a["sq"] is not None else a["bare"]
            bad = attribute_problem(None, a["key"], value)
            if bad:
                at(*_line_col(text, m.start("body") + a.start()), f"attribute list: {bad[0]} is not allowed", bad[1])
    return sorted(set(problems))


def run(ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for path in pages(ctx):
        text = read_text(path)
        if text is not None:
            problems.extend(check_text(text, ctx.shown(path), ctx.docs))
    return problems
