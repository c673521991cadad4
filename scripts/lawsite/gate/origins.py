"""No request leaves the origin, proven on the built output; no id twice on a page.

Every URL the built site can make a browser load is resolved against the
page (or stylesheet) that holds it and must be on the site's origin, under
its sub-path (``--site-url``):

* HTML (parsed with selectolax/Lexbor, an HTML5 parser): ``src``, ``srcset``,
  ``imagesrcset``, ``data``, ``poster``, ``background``, ``action``,
  ``formaction``, ``manifest``, ``<link href>`` (except navigation ``rel``s),
  SVG ``href``/``xlink:href`` outside ``<a>``, ``<meta http-equiv=refresh>``,
  ``style`` attributes and ``<style>`` elements, literal URLs in inline scripts;
* every built ``.css`` (tinycss2): ``url()`` and ``@import``;
* our own scripts (``docs/assets/javascripts``): literal absolute URLs in
  strings, root-relative URLs given to ``fetch``/``Worker``/``XMLHttpRequest``;
* ``.webmanifest`` files and built ``.svg`` files.

Links a reader clicks (``<a href>``) may go elsewhere: they are counted and
listed in the summary; ``javascript:``/``data:``/``vbscript:`` links, event
handler attributes and root-relative links outside the sub-path are refused.
Findings in a page built from a Markdown file are reported at the line of
that file (:mod:`lawsite.gate.locate`), else at the built file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import tinycss2

from ..htmlcheck import RE_ID
from ..problems import Problem
from .base import Context
from .built import PARSED

URL_ATTRS = {"src", "srcset", "imagesrcset", "data", "poster", "background", "action", "formaction", "manifest",
             "xlink:href", "ping", "lowsrc", "dynsrc", "longdesc", "codebase", "archive", "icon", "profile"}
NAV_RELS = {"canonical", "prev", "next", "alternate", "author", "license", "search", "help", "bookmark", "me"}
NAV_TAGS = {"a", "area"}
BAD_SCHEMES = ("javascript", "vbscript", "data")
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml", "http://www.w3.org/1999/xlink",
              "http://www.w3.org/1998/Math/MathML", "http://www.w3.org/XML/1998/namespace"}
"""Strings that look like URLs but are XML namespace names, never fetched."""
RE_JS_TOKEN = re.compile(r"""/\*.*?\*/|//[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""", re.S)
RE_ABS_URL = re.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*:)?//[^\s\"'`<>()\\]+")
RE_JS_CALL = re.compile(r"""\b(?:fetch|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon|open|import)"""
                        r"""\s*\(\s*(?:["'][A-Z]+["']\s*,\s*)?(?P<q>["'`])(?P<url>/[^"'`]*)(?P=q)""")
RE_REFRESH = re.compile(r"url\s*=\s*['\"]?(?P<url>[^'\";]+)", re.I)
FIX = "self-host it under docs/assets and use a relative URL (no third-party requests)"


class Origin:
    """The site's origin and sub-path; where a URL resolved against a base goes."""

    def __init__(self, site_url: str):
        s = urlsplit(site_url)
        self.origin = f"{s.scheme}://{s.netloc}"
        self.base = self.origin + (s.path if s.path.endswith("/") else s.path + "/")
        self.path = urlsplit(self.base).path

    def problem(self, url: str, base: str) -> str | None:
        """Why a loaded URL is not allowed (None: same origin, under the sub-path, or inline data)."""
        u = RE_SPACE.sub("", url)
        if not u or u.startswith("#") or self.inside(u, base):
            return None
        scheme = urlsplit(u).scheme.lower()
        if scheme == "data" or scheme == "blob":
            return None  # inline, not a request
        if scheme in ("javascript", "vbscript"):
            return f"'{scheme}:' URL"
        target = urljoin(base, u)
        t = urlsplit(target)
        if f"{t.scheme}://{t.netloc}" != self.origin:
            return f"another origin ({t.scheme}://{t.netloc})"
        if not t.path.startswith(self.path):
            return f"outside the site's sub-path {self.path}"
        return None


    def inside(self, u: str, base: str) -> bool:
        """Fast path: a relative URL without scheme that cannot climb above the sub-path (no urljoin needed)."""
        if u.startswith(("/", "\\")) or RE_SCHEME.match(u):
            return False
        ups = len(RE_UPS.match(u).group(0)) // 3
        return ups == 0 or ups <= base[len(self.base):].count("/")


RE_SPACE = re.compile(r"[\x00-\x20]")
RE_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
RE_UPS = re.compile(r"^(?:\.\./)*")


def _attr_kind(name: str) -> str:
    """What the scan does with an attribute: ``on`` (a handler), ``style``, ``srcset``, ``url`` (loads it),
    ``href`` (loads it, or a link on ``<a>``/``<area>``), ``""`` (nothing)."""
    lname = name.lower()
    if lname.startswith("on"):
        return "on"
    if lname == "style":
        return "style"
    if lname in ("srcset", "imagesrcset"):
        return "srcset"
    if lname in URL_ATTRS:
        return "url"
    return "href" if lname == "href" else ""


ATTR_KIND: dict[str, str] = {}
"""Attribute name (as written) -> :func:`_attr_kind`, worked out once per name."""


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_urls(css: str) -> list[tuple[str, int, int]]:
    """(url, line, col) of every ``url()`` and ``@import`` in a stylesheet or declaration list."""
    out: list[tuple[str, int, int]] = []

    def walk(tokens) -> None:
        for t in tokens or ():
            if t.type == "url":
                out.append((t.value, t.source_line, t.source_column))
            elif t.type == "function":
                if t.lower_name in ("url", "src") and t.arguments:
                    s = next((a for a in t.arguments if a.type == "string"), None)
                    if s is not None:
                        out.append((s.value, t.source_line, t.source_column))
                walk(t.arguments)
            elif t.type in ("() block", "[] block", "{} block"):
                walk(t.content)
            elif t.type == "at-rule":
                if t.lower_at_keyword == "import":
                    s = next((a for a in t.prelude if a.type in ("string", "url")), None)
                    if s is not None and s.type == "string":
                        out.append((s.value, t.source_line, t.source_column))
                walk(t.prelude)
                walk(t.content)
            elif t.type == "qualified-rule":
                walk(t.prelude)
                walk(t.content)
            elif t.type == "declaration":
                walk(t.value)

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return out


RE_CSS_URL = re.compile(r"""(?i)url\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^)\s]*))|@import\s+["'](?P<imp>[^"']*)""")
RE_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def theme_css_urls(css: str) -> list[tuple[str, int, int]]:
    """The theme's minified stylesheets (pinned, never edited, no escapes): a regex scan, 40x faster than tokenising."""
    css = RE_CSS_COMMENT.sub(lambda m: " " * len(m.group(0)), css)
    out = []
    for m in RE_CSS_URL.finditer(css):
        u = next(g for g in (m["dq"], m["sq"], m["bare"], m["imp"]) if g is not None)
        out.append((u, *_line_col(css, m.start())))
    return out


def js_urls(js: str) -> list[tuple[str, int]]:
    """(url, offset) of literal URLs a script could load: absolute ones in strings, root-relative ones in calls."""
    out = []
    for m in RE_JS_TOKEN.finditer(js):
        tok = m.group(0)
        if tok.startswith("/"):
            continue  # comment
        for u in RE_ABS_URL.finditer(tok[1:-1]):
            if u.group(0).rstrip("/") not in {n.rstrip("/") for n in NAMESPACES}:
                out.append((u.group(0), m.start() + 1 + u.start()))
    out += [(m["url"], m.start("url")) for m in RE_JS_CALL.finditer(js)]
    return out


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


class Scan:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.built = ctx.built
        self.site = ctx.built.site
        self.origin = Origin(ctx.site_url)
        self.locate = ctx.built.locate
        self.problems: list[Problem] = []
        self.offsite: Counter[str] = Counter()
        self.inside: dict[tuple[str, int], bool] = {}
        """(link, depth of the page below the sub-path) -> the link stays inside (Origin.inside)."""

    def url_of(self, path: Path) -> str:
        return self.origin.base + path.relative_to(self.site).as_posix()

    def add(self, path: Path, text: str, needle: str, message: str, hint: str, offset: int | None = None) -> None:
        self.problems.append(self.locate.problem(path, text, needle, message, hint, offset))

    def html(self, path: Path) -> None:
        text = self.built.text(path)
        base = self.url_of(path)
        tree = self.built.tree(path)
        base_el = tree.css_first("base[href]")
        if base_el is not None:
            self.add(path, text, "<base", "<base> changes where every relative URL goes", "remove it")
        depth = base[len(self.origin.base):].count("/")
        for el in tree.root.traverse(include_text=False) if tree.root else ():
            tag = el.tag
            attrs = el.attributes
            for name, value in attrs.items():
                kind = ATTR_KIND.get(name)
                if kind is None:
                    kind = ATTR_KIND[name] = _attr_kind(name)
                if not kind:
                    continue  # class, id, aria-*, ...: nothing to load, no handler
                value = value or ""
                if kind == "on":
                    self.add(path, text, f"{name}=", f"event-handler attribute '{name}' on <{tag}>",
                             "no inline handlers: behaviour belongs in docs/assets/javascripts")
                elif kind == "style":
                    for u, _, _ in css_urls(f"x{{{value}}}"):
                        why = self.origin.problem(u, base)
                        if why:
                            self.add(path, text, u, f"style on <{tag}> loads {u[:80]} from {why}", FIX)
                elif kind == "srcset":
                    for u in _srcset_urls(value):
                        why = self.origin.problem(u, base)
                        if why:
                            self.add(path, text, u, f"<{tag} {name.lower()}> loads {u[:80]} from {why}", FIX)
                elif kind == "url" or tag not in NAV_TAGS:  # (else kind is "href")
                    if kind == "href" and tag == "link":
                        rels = set((attrs.get("rel") or "").lower().split())
                        if rels and rels <= NAV_RELS:
                            continue
                    why = self.origin.problem(value, base)
                    if why:
                        self.add(path, text, value, f"<{tag} {name.lower()}> loads {value[:80]} from {why}", FIX)
                else:
                    self.link(path, text, base, depth, tag, value)
            if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
                m = RE_REFRESH.search(attrs.get("content") or "")
                why = self.origin.problem(m["url"].strip(), base) if m else None
                if why:
                    self.add(path, text, "http-equiv", f"<meta refresh> sends the reader to {why}",
                             "link to the page instead; no automatic redirects")
            elif tag == "style":
                for u, _, _ in css_urls(el.text(deep=True) or ""):
                    why = self.origin.problem(u, base)
                    if why:
                        self.add(path, text, u, f"<style> loads {u[:80]} from {why}", FIX)
            elif tag == "script" and not attrs.get("src"):
                kind = (attrs.get("type") or "").lower()
                if kind in ("application/json", "application/ld+json"):
                    continue
                for u, _ in js_urls(el.text(deep=True) or ""):
                    why = self.origin.problem(u, base)
                    if why:
                        self.add(path, text, u, f"inline script loads {u[:80]} from {why}", FIX)

    def link(self, path: Path, text: str, base: str, depth: int, tag: str, value: str) -> None:
        # The navigation repeats on every page: a relative link that stays inside is known by (link, depth).
        inside = self.inside.get((value, depth))
        if inside is None:
            u = RE_SPACE.sub("", value)
            inside = self.inside[value, depth] = not u or u.startswith("#") or self.origin.inside(u, base)
        if inside:
            return
        u = RE_SPACE.sub("", value)
        scheme = urlsplit(u).scheme.lower()
        if scheme in BAD_SCHEMES:
            self.add(path, text, value, f"link to a '{scheme}:' URL", "link to a page or to https://...")
            return
        if scheme in ("mailto", "tel") or not u:
            return
        target = urlsplit(urljoin(base, u))
        if f"{target.scheme}://{target.netloc}" != self.origin.origin:
            self.offsite[target.netloc or target.scheme] += 1
        elif not target.path.startswith(self.origin.path):
            self.add(path, text, value, f"link {value[:80]} leaves the site's sub-path {self.origin.path}",
                     "use a relative link (../page/) so the site works under the portal's sub-path")

    def css(self, path: Path) -> None:
        text = self.built.text(path)
        ours = self.locate.source_of(path) is not None
        for u, line, col in (css_urls(text) if ours else theme_css_urls(text)):
            why = self.origin.problem(u, self.url_of(path))
            if why:
                self.problems.append(self.locate.asset(path, line, col, f"stylesheet loads {u[:80]} from {why}", FIX))

    def js(self, path: Path) -> None:
        text = self.built.text(path)
        for u, offset in js_urls(text):
            why = self.origin.problem(u, self.url_of(path))
            if why:
                line, col = _line_col(text, offset)
                self.problems.append(self.locate.asset(path, line, col, f"script loads {u[:80]} from {why}", FIX))

    def manifest(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            self.problems.append(self.locate.asset(path, 1, 1, "web manifest is not valid JSON", "fix the JSON"))
            return
        urls = [data.get("start_url"), data.get("scope")] + [i.get("src") for i in data.get("icons", []) if isinstance(i, dict)]
        for u in filter(None, urls):
            why = self.origin.problem(str(u), self.url_of(path))
            if why:
                self.problems.append(self.locate.asset(path, 1, 1, f"web manifest points to {u} in {why}", FIX))


def our_scripts(ctx: Context, site: Path) -> list[Path]:
    """Built copies of the project's own scripts (vendored libraries and the theme's bundle are not ours)."""
    own = ctx.docs / "assets" / "javascripts"
    return sorted(site / "assets" / "javascripts" / p.relative_to(own) for p in own.rglob("*.js")) if own.is_dir() else []


def run(ctx: Context) -> list[Problem]:
    scan = Scan(ctx)
    site = scan.site
    for path in ctx.built.files:
        if path.suffix in PARSED:
            scan.html(path)
        elif path.suffix == ".css":
            scan.css(path)
        elif path.suffix == ".webmanifest" or path.name == "manifest.json":
            scan.manifest(path)
    for path in our_scripts(ctx, site):
        if path.is_file():
            scan.js(path)
    if scan.offsite:
        hosts = ", ".join(f"{h} ({n})" for h, n in scan.offsite.most_common())
        ctx.notes.append(f"off-origin links (navigation only): {sum(scan.offsite.values())} to "
                         f"{len(scan.offsite)} hosts: {hosts}")
    return sorted(set(scan.problems))


def duplicate_ids(ctx: Context) -> list[Problem]:
    """An id twice on a page makes links and copied citations land on the wrong unit."""
    loc = ctx.built.locate
    problems = []
    for path, page in ctx.built.pages.items():
        seen: Counter[str] = Counter(page.found_ids)
        for i, n in sorted(seen.items()):
            if n > 1:
                second = [m.start() for m in RE_ID.finditer(page.text) if m.group(1) == i][1]
                problems.append(loc.problem(path, page.text, f"#{i}", f"id '{i}' occurs {n} times on the page",
                                            "give each heading a distinct { #id }", second))
    return problems
