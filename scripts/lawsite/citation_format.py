"""Canonical text of targets and citations (parsing it back gives the same targets), and the compact
``luat:52.1.b`` form for data files."""

from __future__ import annotations

from .citation_types import Citation, CitationError, Target
from .ids import int_to_roman
from .instruments import INSTRUMENTS

# Formatting -----------------------------------------------------------------


def instrument_name(key: str) -> str:
    """Name used after a citation: the registry's standard citation form, or an external name as is."""
    inst = INSTRUMENTS.get(key)
    return inst.citation_name if inst else key


def format_target(t: Target, with_instrument: bool = False) -> str:
    """Canonical Vietnamese for one unit: "điểm đ khoản 2 Điều 3", "Mục 2 Chương V"."""
    parts = []
    if t.diem is not None:
        parts.append(f"điểm {t.diem}")
    if t.khoan is not None:
        parts.append(f"khoản {t.khoan}")
    if t.dieu is not None:
        parts.append(f"Điều {t.dieu}")
    if t.muc is not None:
        parts.append(f"Mục {t.muc}")
    if t.chuong is not None:
        parts.append(f"Chương {int_to_roman(t.chuong)}")
    if with_instrument or not parts:
        parts.append(instrument_name(t.instrument))
    return " ".join(parts)


def _join(items: list[str]) -> str:
    """Vietnamese enumeration: "a", "a và b", "a, b và c"."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " và " + items[-1]


def _runs(items: list, key) -> list[tuple[object, list]]:
    """Consecutive items grouped by ``key`` (order kept)."""
    out: list[tuple[object, list]] = []
    for it in items:
        k = key(it)
        if out and out[-1][0] == k:
            out[-1][1].append(it)
        else:
            out.append((k, [it]))
    return out


def _plural(word: str, values: list[str], last: bool = True) -> str:
    """"khoản 1", "các khoản 1, 2 và 3"; commas only when more items follow ("các khoản 1, 2, 3 và điểm a ...")."""
    if len(values) == 1:
        return f"{word} {values[0]}"
    return f"các {word} {_join(values) if last else ', '.join(values)}"


def _format_article(dieu: int, ts: list[Target]) -> list[str]:
    """Pieces for the targets inside one article (whole article first, then its clauses and points)."""
    pieces = [f"Điều {dieu}"] if any(t.khoan is None and t.diem is None for t in ts) else []
    direct = [t.diem for t in ts if t.khoan is None and t.diem is not None]
    if direct:  # "điểm b Điều 9": points directly under the article
        pieces.append(f"{_plural('điểm', direct)} Điều {dieu}")
    inner = [t for t in ts if t.khoan is not None]
    if not inner:
        return pieces
    clause_pieces: list[str] = []
    runs = _runs(inner, lambda t: ("whole", None) if t.diem is None else ("points", t.khoan))
    for i, ((kind, _), group) in enumerate(runs):
        if kind == "whole":
            clause_pieces.append(_plural("khoản", [str(t.khoan) for t in group], last=i == len(runs) - 1))
        else:
            clause_pieces.append(f"{_plural('điểm', [t.diem for t in group])} khoản {group[0].khoan}")
    pieces.append(f"{_join(clause_pieces)} Điều {dieu}")
    return pieces


def _format_chapter(chuong: int, ts: list[Target]) -> list[str]:
    roman = int_to_roman(chuong)
    pieces = [f"Chương {roman}"] if any(t.muc is None for t in ts) else []
    sections = [f"Mục {t.muc}" for t in ts if t.muc is not None]
    if sections:
        pieces.append(f"{_join(sections)} Chương {roman}")
    return pieces


def format_units(targets: tuple[Target, ...] | list[Target]) -> str:
    """Canonical Vietnamese for units of one instrument, without the instrument's name."""
    ts = sorted(set(targets), key=Target.sort_key)
    pieces: list[str] = []
    for (kind, number), group in _runs(ts, lambda t: ("dieu", t.dieu) if t.dieu is not None else ("chuong", t.chuong)):
        if kind == "dieu":
            pieces.extend(_format_article(number, group))
        else:
            pieces.extend(_format_chapter(number, group))
    # Runs of whole articles read better as "các điều 17, 18 và 19".
    merged: list[str] = []
    run: list[str] = []
    for p in [*pieces, None]:
        if p is not None and p.startswith("Điều ") and p[5:].isdigit():
            run.append(p[5:])
            continue
        if run:
            merged.append(f"Điều {run[0]}" if len(run) == 1 else _plural("điều", run, last=p is None))
            run = []
        if p is not None:
            merged.append(p)
    return _join(merged)


def format_citation(c: Citation) -> str:
    """Canonical text for a citation's targets, grouped the Vietnamese way.

    The instrument's name is written when the citation named one (or is
    external) and left out when it came from the context, so
    ``parse(format_citation(c), ctx).targets == c.targets`` in the context
    ``c`` was found in, and formatting is idempotent.
    """
    if not c.targets:
        raise CitationError("a citation without targets cannot be formatted")
    text = format_units(c.targets)
    if c.external is not None:
        return f"{text} {c.external}"
    if c.basis == "named" and c.instrument is not None:
        return f"{text} {instrument_name(c.instrument)}"
    return text


# Compact target strings (data files, reports) ----------------------------------


def target_str(t: Target) -> str:
    """Compact form for data files: ``luat:52.1.b``, ``luat:9.b``, ``luat:C5.M1``, ``Bộ luật Dân sự:589``."""
    if t.dieu is not None:
        parts = [str(t.dieu)] + ([str(t.khoan)] if t.khoan is not None else []) + ([t.diem] if t.diem else [])
    else:
        parts = ([f"C{t.chuong}"] if t.chuong is not None else []) + ([f"M{t.muc}"] if t.muc is not None else [])
    return f"{t.instrument}:{'.'.join(parts)}"


def target_from_str(s: str) -> Target:
    """Inverse of :func:`target_str`."""
    instrument, _, rest = s.strip().rpartition(":")
    if not instrument:
        raise ValueError(f"not a target string: {s!r}")
    parts = rest.split(".") if rest else []
    if parts and parts[0].startswith("C"):
        chuong = int(parts[0][1:])
        muc = int(parts[1][1:]) if len(parts) > 1 else None
        return Target(instrument, chuong=chuong, muc=muc)
    dieu = int(parts[0]) if parts else None
    khoan = diem = None
    for p in parts[1:]:
        if p.isdigit():
            khoan = int(p)
        else:
            diem = p
    return Target(instrument, dieu, khoan, diem)
