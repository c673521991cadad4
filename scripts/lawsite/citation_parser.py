"""Parsing and resolving one citation: the recursive-descent parser over the grammar's tokens, and the
resolver that turns its tree into targets (see :mod:`lawsite.citations` for the grammar and its meaning)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .citation_grammar import (
    _CUA,
    _DEN,
    _NAMES,
    _NAY,
    _QUALIFIER,
    _SEP,
    _TOKENS,
    _TU,
    _UNKNOWN_QUALIFIER,
    BARE_NAMES,
    LOWER,
    VALUE_NAME,
    WORD,
    _norm_name,
)
from .citation_types import Citation, CitationError, Context, Link, Target
from .ids import POINT_LETTERS, roman_to_int
from .instruments import INSTRUMENTS

# --------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------


@dataclass
class _Val:
    value: int | str | None  # None: "này"
    start: int
    end: int


@dataclass
class _Node:
    level: str
    vals: list[_Val]
    start: int
    end: int
    link_start: int
    is_range: bool = False
    subs: list[_Node] = field(default_factory=list)
    implied: bool = False  # container not written: a lower "này" unit closed the citation
    closed: bool = False  # a "này" unit: nothing may follow


@dataclass
class _Parsed:
    nodes: list[_Node]
    start: int
    end: int
    qualifier: re.Match[str] | None
    unknown: re.Match[str] | None


class _Parser:
    """Recursive descent over the token fragments; every method returns None on failure.

    Failures are recorded at the furthest position reached, so :func:`parse`
    can say what was expected where.
    """

    def __init__(self, text: str):
        self.text = text
        self.fail_at = -1
        self.fail_msg = ""

    def fail(self, pos: int, msg: str, override: bool = False) -> None:
        if pos > self.fail_at or (override and pos == self.fail_at):
            self.fail_at, self.fail_msg = pos, msg

    def _value(self, level: str, pos: int, more: bool = False) -> re.Match[str] | None:
        m = _TOKENS["value_more" if more else "value"][level].match(self.text, pos)
        if m and level == "chuong":
            try:
                roman_to_int(m["value"])
            except ValueError:
                return None
        return m

    def _found(self, pos: int) -> str:
        """", found 'xyz'" naming the word at ``pos`` (for messages)."""
        words = self.text[pos:pos + 16].split()
        return f", found {words[0]!r}" if words else ""

    def _keyword(self, level: str, pos: int, plural_ok: bool = True) -> re.Match[str] | None:
        m = _TOKENS["cac_kw"][level].match(self.text, pos)
        if not m:
            return None
        if m["cac"] and not plural_ok:
            return None
        if level == "dieu" and m["kw"] == "điều" and not m["cac"]:
            # "điều" in lower case only in "các điều 23, 24"
            return self.fail(m.start("kw"), "a single article is written 'Điều' with a capital; lower case "
                                            "'điều' only in lists ('các điều 17, 18 và 19')", override=True)
        if m["cac"] and level in ("muc", "chuong"):
            return None
        return m

    def _conv(self, level: str, raw: str) -> int | str:
        if level == "diem":
            return raw
        if level == "chuong":
            return roman_to_int(raw)
        return int(raw)

    def head(self, level: str, pos: int, many: bool) -> _Node | None:
        """``head(K)`` of the grammar; ``many`` allows lists and ranges."""
        text = self.text
        if many and (tu := _TU.match(text, pos)):
            k1 = self._keyword(level, tu.end(), plural_ok=False)
            if not k1:
                return None
            v1 = self._value(level, k1.end())
            if not v1:
                return self.fail(k1.end(), f"expected {VALUE_NAME[level]} after {k1['kw']!r}")
            return self._range_tail(level, tu.start("tu"), k1.start("kw"), k1.start("kw"), v1, need_kw=True)
        k = self._keyword(level, pos)
        if not k:
            return self.fail(pos, f"expected Điều, khoản, điểm, Mục or Chương{self._found(pos)}")
        start = k.start("cac") if k["cac"] else k.start("kw")
        kw_start = k.start("kw")
        if nay := _NAY.match(text, k.end()):
            if k["cac"]:
                return self.fail(k.end(), f"'các {k['kw']} này' is not a unit")
            return _Node(level, [_Val(None, kw_start, nay.end())], start, nay.end(), kw_start, closed=True)
        if many and k["cac"] and (tu := _TU.match(text, k.end())):
            v1 = self._value(level, tu.end())
            if not v1:
                return self.fail(tu.end(), f"expected {VALUE_NAME[level]} after 'từ'")
            return self._range_tail(level, start, kw_start, v1.start("value"), v1, need_kw=False)
        v = self._value(level, k.end())
        if not v:
            return self.fail(k.end(), f"expected {VALUE_NAME[level]} or 'này' after {k['kw']!r}{self._found(k.end())}")
        node = _Node(level, [_Val(self._conv(level, v["value"]), kw_start, v.end())], start, v.end(), kw_start)
        if not many:
            return node
        if not k["cac"] and (den := _DEN.match(text, v.end())):
            r = self._range_tail(level, start, kw_start, kw_start, v, need_kw=True, den=den)
            if r is not None:
                return r
        pos = v.end()
        while (s := _SEP.match(text, pos)) and (v2 := self._value(level, s.end(), more=True)):
            node.vals.append(_Val(self._conv(level, v2["value"]), v2.start("value"), v2.end()))
            pos = node.end = v2.end()
        return node

    def _range_tail(self, level: str, start: int, kw_start: int, first_link: int, v1: re.Match[str],
                    need_kw: bool, den: re.Match[str] | None = None) -> _Node | None:
        """After the first value of a range: "đến [K] VALUE"."""
        den = den or _DEN.match(self.text, v1.end())
        if not den:
            return self.fail(v1.end(), "expected 'đến' to close the range")
        pos = den.end()
        second_link = None
        if need_kw:
            k2 = self._keyword(level, pos, plural_ok=False)
            if not k2:
                return self.fail(pos, f"expected {WORD[level]!r} after 'đến'")
            pos, second_link = k2.end(), k2.start("kw")
        v2 = self._value(level, pos)
        if not v2:
            return self.fail(pos, f"expected {VALUE_NAME[level]} to close the range")
        second_link = v2.start("value") if second_link is None else second_link
        vals = [_Val(self._conv(level, v1["value"]), first_link, v1.end()),
                _Val(self._conv(level, v2["value"]), second_link, v2.end())]
        return _Node(level, vals, start, v2.end(), kw_start, is_range=True)

    def items(self, level: str, pos: int) -> list[_Node] | None:
        """``items`` at one level: ``item {SEP item}``; stops before a separator that leads nowhere."""
        first = self.item(level, pos)
        if first is None:
            return None
        nodes = [first]
        while not nodes[-1].closed:
            s = _SEP.match(self.text, nodes[-1].end)
            if not s:
                break
            nxt = self.item(level, s.end())
            if nxt is None:
                break
            nodes.append(nxt)
        return nodes

    def item(self, level: str, pos: int) -> _Node | None:
        """A unit at ``level`` with the lower units it carries ("điểm b khoản 1" at clause level)."""
        for lower in LOWER[level]:
            subs = self.items(lower, pos)
            if subs is None:
                continue
            end = subs[-1].end
            if subs[-1].closed:
                # "điểm b khoản này": the containers are the ones being read.
                return _Node(level, [_Val(None, -1, -1)], subs[0].start, end, subs[0].link_start,
                             subs=subs, implied=True, closed=True)
            h = self.head(level, end, many=False)
            if h is None and (cua := _CUA.match(self.text, end)):
                h = self.head(level, cua.end(), many=False)  # "khoản 2 của Điều này"
            if h is None:
                written = self.text[subs[0].link_start:end]
                self.fail(end, f"{written!r} must be followed by the {WORD[level]} it belongs to "
                               f"(e.g. '{written} {WORD[level]} {'7' if level != 'chuong' else 'IV'}' "
                               f"or '{written} {WORD[level]} này')", override=True)
                continue
            if (s := _SEP.match(self.text, h.end)) and self._value(level, s.end(), more=True):
                written = self.text[subs[0].link_start:h.end]
                self.fail(s.end() + 1, f"'{written}, ...' is ambiguous: a {WORD[level]} that carries "
                                       f"{WORD[subs[0].level]} takes one number; repeat the units instead")
            h.subs, h.start, h.link_start = subs, subs[0].start, subs[0].link_start
            return h
        return self.head(level, pos, many=True)

    def citation(self, pos: int) -> _Parsed | None:
        """A whole citation at ``pos``: items and their qualifier."""
        nodes: list[_Node] = []
        p = pos
        while True:
            node = self.item("dieu", p) or self.item("chuong", p)
            if node is None:
                break
            nodes.append(node)
            if node.closed:
                break
            s = _SEP.match(self.text, node.end)
            if not s:
                break
            p = s.end()
        if not nodes:
            return None
        end = nodes[-1].end
        qual = unknown = None
        if not nodes[-1].closed:
            qual = _QUALIFIER.match(self.text, end)
            if qual is None:
                unknown = _UNKNOWN_QUALIFIER.match(self.text, end)
        return _Parsed(nodes, nodes[0].start, qual.end() if qual else end, qual, unknown)


# --------------------------------------------------------------------------
# Meaning
# --------------------------------------------------------------------------

def _expand(node: _Node) -> list[int | str]:
    if not node.is_range:
        return [v.value for v in node.vals]
    a, b = node.vals[0].value, node.vals[1].value
    if node.level == "diem":
        i, j = POINT_LETTERS.index(a), POINT_LETTERS.index(b)
        if i >= j:
            raise CitationError(f"range 'từ điểm {a} đến điểm {b}' runs backwards or is empty")
        return list(POINT_LETTERS[i:j + 1])
    if a >= b:
        raise CitationError(f"range 'từ {WORD[node.level]} {a} đến {WORD[node.level]} {b}' runs backwards or is empty")
    if b - a > 500:
        raise CitationError(f"range {a}..{b} is implausibly long")
    return list(range(a, b + 1))


class _Resolver:
    """Turns parsed nodes into targets and links for one instrument."""

    def __init__(self, ctx: Context, instrument: str):
        self.ctx = ctx
        self.instrument = instrument

    def here(self, level: str, implied: bool) -> int | str | None:
        value = getattr(self.ctx, level)
        if value is None and not (implied and level == "khoan"):
            raise CitationError(f"'{WORD[level]} này' needs the {WORD[level]} being read (Context.{level} is not set)")
        return value

    def values(self, node: _Node) -> list[int | str | None]:
        if node.vals[0].value is None:
            return [self.here(node.level, node.implied)]
        return _expand(node)

    def target(self, path: dict) -> Target:
        return Target(self.instrument, **path)

    def targets(self, node: _Node, path: dict) -> list[Target]:
        out: list[Target] = []
        for value in self.values(node):
            sub_path = {**path, node.level: value}
            if node.subs:
                for sub in node.subs:
                    out.extend(self.targets(sub, sub_path))
            else:
                out.append(self.target(sub_path))
        return out

    def links(self, node: _Node, path: dict) -> list[Link]:
        own = self.targets(node, path)
        if len(set(own)) == 1:
            return [Link(node.link_start, node.end, own[0])]
        if node.subs:
            value = self.values(node)[0]
            sub_path = {**path, node.level: value}
            out = [lk for sub in node.subs for lk in self.links(sub, sub_path)]
            if not node.implied:
                v = node.vals[0]
                out.append(Link(v.start, v.end, self.target(sub_path)))
            return out
        values = self.values(node)
        # A range links its two written ends; a list links every written value.
        if node.is_range:
            pairs = [(node.vals[0], values[0]), (node.vals[1], values[-1])]
        else:
            pairs = list(zip(node.vals, values, strict=True))
        return [Link(v.start, v.end, self.target({**path, node.level: value})) for v, value in pairs]


def _dedupe_sorted(targets: list[Target]) -> tuple[Target, ...]:
    return tuple(sorted(set(targets), key=Target.sort_key))


def _instrument_of(parsed: _Parsed, ctx: Context) -> tuple[str | None, str | None, str]:
    """(registry key, external name, basis) of a parsed citation."""
    q = parsed.qualifier
    if q is None:
        if parsed.unknown is not None:
            raise CitationError(f"the citation is followed by {_norm_name(parsed.unknown['name'])!r} but not by a "
                                "name the grammar can read; write the instrument's name with a capital or its "
                                "number (e.g. 'Luật Tố tụng hành chính', 'Nghị định số 68/2018/NĐ-CP')")
        return ctx.home, None, "here" if all(_uses_here(n) for n in parsed.nodes) else "default"
    name = _norm_name(q["name"])
    if q["self"]:
        owners = [k for k, i in INSTRUMENTS.items() if any(_norm_name(r).casefold() == name.casefold()
                                                             for r in i.self_refs)]
        if ctx.instrument in owners:
            return ctx.instrument, None, "named"
        if len(owners) == 1:
            return owners[0], None, "named"
        raise CitationError(f"{name!r} is ambiguous here: set Context.instrument")
    if q["bare"]:
        key = BARE_NAMES.get(name.casefold())
        if key is None:
            raise CitationError(f"{name!r} alone does not say which instrument; name it in full "
                                f"(e.g. 'Nghị định số 68/2018/NĐ-CP') or write '{name} này'")
        return key, None, "named"
    key = _NAMES.get(name.casefold())
    if key is not None:
        return key, None, "named"
    return None, name, "named"


def _build(text: str, parsed: _Parsed, ctx: Context) -> Citation:
    try:
        instrument, external, basis = _instrument_of(parsed, ctx)
        resolver = _Resolver(ctx, instrument or external or "")
        targets: list[Target] = []
        for node in parsed.nodes:
            targets.extend(resolver.targets(node, {}))
        final = _dedupe_sorted(targets)
        if external is not None:
            links: tuple[Link, ...] = ()
        elif len(final) == 1:
            links = (Link(parsed.start, parsed.end, final[0]),)
        else:
            links = tuple(sorted((lk for n in parsed.nodes for lk in resolver.links(n, {})), key=lambda k: k.start))
    except CitationError as e:
        raise CitationError(str(e), parsed.start, parsed.end) from None
    return Citation(parsed.start, parsed.end, text[parsed.start:parsed.end], final, links,
                    instrument, external, basis)


def _uses_here(node: _Node) -> bool:
    """True when every unit of the node is resolved through "này"."""
    return node.vals[0].value is None
