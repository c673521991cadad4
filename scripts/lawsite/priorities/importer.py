"""The letter file written from the letter as received (``scripts/import_letter.py``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .. import frontmatter
from ..problems import ProblemsFound
from .model import DOI_TUONG, CongVan
from .pages import vn_date
from .reader import RE_NGAY, RE_SO, LetterReader, nfc

# --------------------------------------------------------------------------
# Importer: the letter file from the letter as received
# --------------------------------------------------------------------------

KNOWN_ISSUERS = {"BỘ TƯ PHÁP": "Bộ Tư pháp"}
"""How an issuer printed in capitals is written in running text (the importer's guess otherwise: capitalised)."""


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def import_letter(source: Path, root: Path, nam: int | None = None, existing: Path | None = None) -> str:
    """Text of the letter file for ``source`` (a letter as received, in ``sources/``).

    The body is the source itself. The front matter is read from the letter
    (number, date, issuer, signer, recipients) and, when ``existing`` is an
    earlier version of the file, keeps what only people can write: title,
    description, ``nguyen_van``, ``doi_tuong``, ``can_cu`` and ``ghi_chu``. New tasks get
    an empty ``can_cu`` list, which publish refuses until someone fills it.
    """
    text = nfc(source.read_text(encoding="utf-8"))
    old: dict = {}
    if existing is not None and existing.is_file():
        old, _, _ = frontmatter.read(existing)
    doi_tuong = {str(k): v for k, v in (old.get("doi_tuong") or {}).items()}

    def read(mapping: dict) -> tuple[CongVan, LetterReader]:
        cv = CongVan(path=source, rel="", shown=str(source), meta={"doi_tuong": mapping}, body=text, body_line=1)
        reader = LetterReader(cv, [])
        reader._read()
        return cv, reader

    probe, reader = read(doi_tuong)
    if reader.problems:
        raise ProblemsFound(reader.problems)
    for part in probe.phan:  # guess the addressee of new parts from their heading; '?' for people to fix
        if part.roman not in doi_tuong:
            heading = part.heading.text.upper()
            guess = next((k for k, v in DOI_TUONG.items() if any(w in heading for w in v.nhan_dang)), None)
            doi_tuong[part.roman] = guess or "?"
    probe, _ = read(doi_tuong)
    so_hieu = re.sub(r"\s*/\s*", "/", RE_SO.match(probe.so.text)["so"]).strip()
    d = RE_NGAY.search(probe.dia_danh_ngay.text)
    ngay = dt.date(int(d["y"]), int(d["m"]), int(d["d"]))
    if nam is None:
        y = re.search(r"năm\s+([0-9]{4})", probe.trich_yeu_text)
        nam = int(y[1]) if y else ngay.year
    issuer = " ".join(x.text for x in probe.co_quan_dong)
    co_quan = old.get("co_quan") or KNOWN_ISSUERS.get(issuer, issuer.capitalize())
    old_can_cu = old.get("can_cu") or {}
    title = old.get("title") or f"Công văn {so_hieu} về nhiệm vụ trọng tâm công tác bồi thường nhà nước năm {nam}"
    description = old.get("description") or (
        f"Nguyên văn Công văn số {so_hieu} ngày {vn_date(ngay)} của {co_quan} "
        + re.sub(r"^V/v\s+", "về việc ", probe.trich_yeu_text) + ".")
    try:
        nguon = source.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        nguon = str(source)
    lines = [
        "---",
        "# Công văn nhiệm vụ trọng tâm. Cách sửa tệp này: CONTRIBUTING.md,",
        "# mục \"Thêm công văn nhiệm vụ trọng tâm năm mới\". Phần dưới dòng '---' thứ hai",
        "# là nguyên văn công văn, giữ đúng từng chữ như bản nhận được.",
        f"title: {_yaml_str(title)}",
        f"description: {_yaml_str(description)}",
        f"nam: {nam}",
        f"so_hieu: {_yaml_str(so_hieu)}",
        f"ngay: {ngay.isoformat()}",
        f"co_quan: {_yaml_str(co_quan)}",
        f"nguoi_ky: {_yaml_str(probe.chu_ky[-1].text if probe.chu_ky else '')}",
        "noi_nhan:",
        *(f"  - {_yaml_str(x.text)}" for x in probe.noi_nhan_items),
        f"nguon: {_yaml_str(nguon)}",
    ]
    nguyen_van = old.get("nguyen_van") or {}
    if nguyen_van:
        lines.append("# Chữ giữ nguyên như bản gốc dù có vẻ sai chính tả: \"chữ in trong công văn\": \"chữ đúng\"")
        lines.append("nguyen_van:")
        lines += [f"  {_yaml_str(str(k))}: {_yaml_str(str(v))}" for k, v in nguyen_van.items()]
    lines.append("# Phần I, II... của công văn gửi cho ai (bo = các Bộ, ngành; ubnd-tinh = UBND cấp tỉnh)")
    lines.append("doi_tuong:")
    lines += [f"  {_yaml_str(k)}: {v}" for k, v in doi_tuong.items()]
    lines.append("# Căn cứ pháp lý của từng nhiệm vụ: mỗi dòng một điều, khoản hoặc điểm của Luật số 10/2017/QH14")
    lines.append("# (của văn bản khác thì ghi cả tên văn bản, ví dụ \"khoản 2 Điều 32 Nghị định số 68/2018/NĐ-CP\")")
    lines.append("can_cu:")
    for t in probe.tasks:
        entries = old_can_cu.get(t.id) or []
        if entries:
            lines.append(f"  {t.id}:")
            lines += [f"    - {_yaml_str(str(e))}" for e in entries]
        else:
            lines.append(f"  {t.id}: []")
    ghi_chu = {str(k): str(v) for k, v in (old.get("ghi_chu") or {}).items()}
    if ghi_chu:
        lines.append("# Ghi chú về căn cứ của từng nhiệm vụ (không bắt buộc), hiện dưới căn cứ trên trang nhiệm vụ")
        lines.append("ghi_chu:")
        lines += [f"  {k}: {_yaml_str(v)}" for k, v in ghi_chu.items()]
    lines.append("---")
    return "\n".join(lines) + "\n\n" + text.strip("\n") + "\n"
