"""The 2024 priorities (Công văn 628/BTP-BTNN): the letter verbatim, its 8 tasks linked to the law, one file per year."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

import publish
from lawsite import frontmatter, priorities
from lawsite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "sources" / "cong-van-628-BTP-BTNN-2024.md"
LETTER = ROOT / "docs" / "nhiem-vu-trong-tam" / "2024.md"
IDS = ["bo-1", "bo-2", "bo-3", "ubnd-tinh-1", "ubnd-tinh-2", "ubnd-tinh-3", "ubnd-tinh-4", "ubnd-tinh-5"]
SITE_URL = re.search(r"^\s+public_url:\s*(\S+)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
"""Printed and structured-data addresses are the public ones (mkdocs.yml extra.public_url), also from a
local build (publish's default site URL is http://127.0.0.1:8000/)."""
IGNORE = shutil.ignore_patterns(".venv", ".git", "site", "node_modules", ".pytest_cache", ".ruff_cache",
                                ".hypothesis", "__pycache__", "*.egg-info")


# --------------------------------------------------------------------------
# Helpers, written independently of lawsite.priorities
# --------------------------------------------------------------------------


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def source_paragraphs() -> list[str]:
    """Every paragraph of the letter as received: blank-line blocks, list items one by one, Markdown marks dropped."""
    out = []
    for block in re.split(r"\n[ \t]*\n", SOURCE.read_text(encoding="utf-8")):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if all(ln.startswith("- ") for ln in lines):
            out += [ln[2:] for ln in lines]
            continue
        text = " ".join(re.sub(r"^#+\s*", "", ln) for ln in lines).replace("**", "")
        out.append(text)
    return out


def source_tasks() -> dict[str, str]:
    """Task id → numbered paragraph, read from the source: parts I (Bộ) and II (UBND cấp tỉnh)."""
    tasks, prefix = {}, None
    for p in source_paragraphs():
        if p.startswith("I. ĐỐI VỚI CÁC BỘ"):
            prefix = "bo"
        elif p.startswith("II. ĐỐI VỚI ỦY BAN NHÂN DÂN CẤP TỈNH"):
            prefix = "ubnd-tinh"
        elif prefix and (m := re.match(r"(\d+)\. ", p)):
            tasks[f"{prefix}-{m[1]}"] = p
        elif prefix and tasks:
            prefix = None  # closing text
    return tasks


class _Text(HTMLParser):
    """Visible text of the article, without heading permalinks and without the [nguyên văn] markers."""

    SKIP = frozenset({"headerlink", "sic"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "hr"):
            self.out.append(" ")
            return
        cls = set((dict(attrs).get("class") or "").split())
        skipping = bool(cls & self.SKIP) or tag in ("script", "style")
        self.stack.append(skipping)
        self.skip += skipping
        self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in ("br", "img", "input", "hr") or not self.stack:
            return
        self.skip -= self.stack.pop()
        self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def article(page_html: str) -> str:
    start = page_html.index("<article")
    return page_html[start:page_html.index("</article>", start)]


def text_of(fragment: str) -> str:
    p = _Text()
    p.feed(fragment)
    return norm("".join(p.out))


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def sections(page_html: str) -> dict[str, str]:
    """Task id → HTML from its ``<h3 id=...>`` to the next heading."""
    out = {}
    for m in re.finditer(r'<h3 id="([^"]+)"', page_html):
        end = re.compile(r"<h[23][ >]|</article>").search(page_html, m.end())
        out[m[1]] = page_html[m.start():end.start() if end else len(page_html)]
    return out


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """Built file and fragment a relative href of a page points to."""
    url = urlsplit(urljoin(page_url, href))
    path = unquote(url.path)
    root = urlsplit(SITE_URL).path  # the public address may have a sub-path
    path = (path[len(root):] if path.startswith(root) else path).lstrip("/")
    target = site / path / "index.html" if not path.endswith(".html") else site / path
    return target, url.fragment


# --------------------------------------------------------------------------
# The committed letter file
# --------------------------------------------------------------------------


def test_letter_file_body_is_the_source_verbatim():
    text = LETTER.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    body = text.split("\n---\n", 1)[1]
    assert body.strip("\n") == unicodedata.normalize("NFC", SOURCE.read_text(encoding="utf-8")).strip("\n")


def test_letter_file_is_what_the_importer_writes():
    """Regenerate and compare: the front matter read from the letter, plus what people wrote, and the body."""
    assert priorities.import_letter(SOURCE, ROOT, existing=LETTER) == LETTER.read_text(encoding="utf-8")


def test_importer_drafts_a_new_letter_file(tmp_path):
    """A letter without an earlier file: metadata read from it, addressees guessed, căn cứ left for people."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "docs" / "nhiem-vu-trong-tam").mkdir(parents=True)
    src = tmp_path / "sources" / SOURCE.name
    shutil.copy(SOURCE, src)
    text = priorities.import_letter(src, tmp_path)
    for line in ("nam: 2024", 'so_hieu: "628/BTP-BTNN"', "ngay: 2024-02-02", 'co_quan: "Bộ Tư pháp"',
                 'nguoi_ky: "Trần Tiến Dũng"', '  - "Lưu: VT, Cục BTNN."', 'nguon: "sources/cong-van-628-BTP-BTNN-2024.md"',
                 '  "I": bo', '  "II": ubnd-tinh', *(f"  {i}: []" for i in IDS)):
        assert line in text.split("\n"), line
    draft = tmp_path / "docs" / "nhiem-vu-trong-tam" / "2024.md"
    draft.write_text(text, encoding="utf-8")
    found = problems_of(draft)
    assert [p.split(": ", 1)[1] for p in found] == [
        f"can_cu of '{i}' is empty — list at least one clause of the law that gives this body the task" for i in IDS]


def test_parsed_letter():
    (cv,) = [c for c in priorities.load_letters(ROOT / "docs") if c.stem == "2024"]
    assert (cv.nam, cv.so_hieu, cv.ngay, cv.co_quan, cv.nguoi_ky) == (
        2024, "628/BTP-BTNN", dt.date(2024, 2, 2), "Bộ Tư pháp", "Trần Tiến Dũng")
    assert [d.text for d in cv.co_quan_dong] == ["BỘ TƯ PHÁP"]
    assert cv.so.text == "Số: 628 /BTP-BTNN"
    assert cv.trich_yeu.lines == ["V/v thực hiện các nhiệm vụ trọng tâm", "công tác bồi thường nhà nước năm 2024"]
    assert [d.text for d in cv.kinh_gui_items] == [
        "Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.",
    ]
    assert cv.chuc_vu_ky == "KT. BỘ TRƯỞNG THỨ TRƯỞNG"
    assert len(cv.noi_nhan_items) == 7 and cv.noi_nhan_items[-1].text == "Lưu: VT, Cục BTNN."
    assert [p.roman for p in cv.phan] == ["I", "II"]
    assert [t.id for t in cv.tasks] == IDS
    assert [len(cv.tasks_of(d)) for d in cv.doi_tuong_list()] == [3, 5]
    assert {t.id: t.text for t in cv.tasks} == source_tasks()
    assert all(t.can_cu for t in cv.tasks)
    assert cv.nguyen_van == {"tổ tụng": "tố tụng"}


def test_every_can_cu_exists_in_the_law(corpus):
    for cv in priorities.load_letters(ROOT / "docs"):
        for t in cv.tasks:
            for c in t.can_cu:
                vb = corpus.vanban[c.target.instrument]
                assert vb.has(c.target.dieu, c.target.khoan, c.target.diem), (t.id, c.text)


def test_can_cu_are_the_responsibility_clauses():
    """The mapping the issue asks for: Chương VIII for management duties, plus settling bodies and deadlines."""
    (cv,) = [c for c in priorities.load_letters(ROOT / "docs") if c.stem == "2024"]
    cited = {t.id: [c.text for c in t.can_cu] for t in cv.tasks}
    assert "khoản 1 Điều 75" in cited["bo-1"]                   # ministries coordinate with the Ministry of Justice
    assert "khoản 3 Điều 73" in cited["ubnd-tinh-1"]            # provincial People's Committees manage locally
    assert "khoản 4 Điều 73" in cited["ubnd-tinh-2"]            # the Sở Tư pháp helps them
    assert "khoản 6 Điều 74" in cited["ubnd-tinh-4"]            # courts and procuracies coordinate
    assert {"khoản 1 Điều 33", "khoản 1 Điều 43"} <= set(cited["bo-3"])          # settling bodies, deadline
    assert {"khoản 2 Điều 33", "khoản 1 Điều 43"} <= set(cited["ubnd-tinh-5"])


def test_can_cu_follow_the_legal_review():
    """Issue 11 §1: bo-2 on reporting and answering the manager; ubnd-tinh-2 on guidance, with a plain note that
    legal education has its basis outside this law; bo-3 also on the criminal-justice and enforcement bodies."""
    (cv,) = [c for c in priorities.load_letters(ROOT / "docs") if c.stem == "2024"]
    tasks = {t.id: t for t in cv.tasks}
    cited = {tid: [c.text for c in t.can_cu] for tid, t in tasks.items()}
    assert {"khoản 5 Điều 75", "khoản 6 Điều 75", "điểm d khoản 3 Điều 73", "điểm đ khoản 3 Điều 73",
            "điểm e khoản 3 Điều 73"} <= set(cited["bo-2"])
    assert "khoản 3 Điều 75" not in cited["bo-2"] and "khoản 3 Điều 73" not in cited["bo-2"]
    assert "điểm c khoản 3 Điều 73" in cited["ubnd-tinh-2"] and "khoản 3 Điều 73" not in cited["ubnd-tinh-2"]
    assert "nằm ngoài Luật này" in (tasks["ubnd-tinh-2"].ghi_chu or "")
    # Điều 38 and 39 only where they name bodies a Bộ directs (not khoản 4 Điều 38 / khoản 3 Điều 39: courts)
    assert {"Điều 34", "khoản 1 Điều 38", "khoản 2 Điều 38", "khoản 3 Điều 38", "khoản 1 Điều 39",
            "khoản 2 Điều 39"} <= set(cited["bo-3"])
    assert not {"Điều 38", "Điều 39", "khoản 4 Điều 38", "khoản 3 Điều 39"} & set(cited["bo-3"])
    assert "Luật Trách nhiệm bồi thường của Nhà nước không giao riêng" in (tasks["bo-1"].ghi_chu or "")


def test_task_note_is_shown_under_its_can_cu(built_site):
    page = article(read(built_site, "nhiem-vu-trong-tam/2024/nhiem-vu"))
    frag = sections(page)["ubnd-tinh-2"]
    assert "Ghi chú:" in text_of(frag) and "nằm ngoài Luật này" in text_of(frag)
    assert "Ghi chú:" not in text_of(sections(page)["bo-2"])


# --------------------------------------------------------------------------
# The built pages
# --------------------------------------------------------------------------


def test_letter_page_has_every_paragraph_of_the_source(built_site):
    text = text_of(article(read(built_site, "nhiem-vu-trong-tam/2024")))
    paragraphs = source_paragraphs()
    assert len(paragraphs) == 32  # heading 6, Kính gửi 3, opening, 2 parts + 8 tasks, closing 2, Nơi nhận 8, signature 2
    missing = [p for p in paragraphs if norm(p) not in text]
    assert not missing, missing
    typo = [p for p in paragraphs if "tổ tụng" in p]
    assert len(typo) == 1 and norm(typo[0]) in text


def test_letter_page_marks_the_typo_and_explains_it(built_site):
    page = read(built_site, "nhiem-vu-trong-tam/2024")
    marker = re.search(r'tổ tụng <a class="sic" href="#nguyen-van" title="([^"]*)">\[nguyên văn\]</a> và thi hành án', page)
    assert marker and "“tố tụng”" in html.unescape(marker[1])
    note = page[page.index('id="nguyen-van"'):]
    assert "Bản gốc ghi “tổ tụng”" in note and 'href="#ubnd-tinh-1"' in note
    assert "tố tụng và thi hành án tại địa phương" not in page  # the letter is not corrected


def test_letter_page_header_and_metadata(built_site):
    page = read(built_site, "nhiem-vu-trong-tam/2024")
    body = article(page)
    for needle in ('<p class="cv-issuer">BỘ TƯ PHÁP</p>', '<p class="cv-so">Số: 628 /BTP-BTNN</p>',
                   '<p class="cv-ngay">Hà Nội, ngày 02 tháng 02 năm 2024</p>', '<p class="cv-label">Kính gửi:</p>',
                   '<p class="cv-label">Nơi nhận:</p>', '<p class="cv-nguoi-ky">Trần Tiến Dũng</p>',
                   "<strong>Số hiệu:</strong> 628/BTP-BTNN", "<strong>Ngày ban hành:</strong> 02/02/2024",
                   "<strong>Người ký:</strong> Trần Tiến Dũng"):
        assert needle in body, needle
    assert re.findall(r'<p class="cv-task" id="([^"]+)"', body) == IDS
    assert f"Bản trực tuyến: {SITE_URL}nhiem-vu-trong-tam/2024/" in body


def test_letter_json_ld(built_site):
    page = read(built_site, "nhiem-vu-trong-tam/2024")
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ld = json.loads(raw)
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Legislation"
    assert ld["legislationIdentifier"] == "628/BTP-BTNN"
    assert ld["legislationDate"] == "2024-02-02"
    assert ld["legislationType"] == "Công văn"
    assert ld["inLanguage"] == "vi"
    assert ld["author"] == {"@type": "GovernmentOrganization", "name": "Bộ Tư pháp"}
    assert ld["url"] == f"{SITE_URL}nhiem-vu-trong-tam/2024/"


def test_tasks_page_every_task_with_who_text_and_resolving_can_cu(built_site):
    page_url = f"{SITE_URL}nhiem-vu-trong-tam/2024/nhiem-vu/"
    page = article(read(built_site, "nhiem-vu-trong-tam/2024/nhiem-vu"))
    found = sections(page)
    assert list(found) == IDS
    expected = source_tasks()
    for tid, frag in found.items():
        text = text_of(frag)
        assert norm(expected[tid]) in text, tid
        assert f"Mã: {tid}" in text
        assert "Cơ quan thực hiện: " + ("Các Bộ" if tid.startswith("bo") else "Ủy ban nhân dân tỉnh") in text
        links = re.findall(r'<a class="can-cu" data-url="([^"]+)" href="([^"]+)">([^<]+)</a>', frag)
        assert links, f"{tid}: no căn cứ link"
        for data_url, href, label in links:
            target, fragment = resolve(built_site, page_url, href)
            assert target.is_file(), (tid, href)
            assert fragment == "" or re.match(r"(khoan|dieu)-", fragment), (tid, href)  # "" = a whole article
            assert not fragment or f'id="{fragment}"' in target.read_text(encoding="utf-8"), (tid, label, href)
            assert data_url == urljoin(page_url, href), "printed URL is the absolute form of the link"


@pytest.mark.parametrize(("view", "ids"), [("bo-nganh", IDS[:3]), ("ubnd-tinh", IDS[3:])])
def test_checklist_views(built_site, view, ids):
    page_url = f"{SITE_URL}nhiem-vu-trong-tam/2024/{view}/"
    page = article(read(built_site, f"nhiem-vu-trong-tam/2024/{view}"))
    table = page[page.index('<div class="nv-checklist">'):page.index("</table>")]
    headers = [text_of(h) for h in re.findall(r"<th>(.*?)</th>", table, re.S)]
    assert headers == ["Mã", "Nhiệm vụ (nguyên văn Công văn)", "Căn cứ pháp lý", "Đơn vị chủ trì", "Thời hạn",
                       "Tình trạng"]
    rows = re.findall(r"<tr>\s*(<td>.*?)</tr>", table, re.S)
    assert len(rows) == len(ids)
    expected = source_tasks()
    for tid, row in zip(ids, rows, strict=True):
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        assert len(cells) == 6
        assert text_of(cells[0]) == tid
        assert text_of(cells[1]) == norm(expected[tid])
        links = re.findall(r'href="([^"]+)"', cells[2])
        assert links
        for href in links:
            target, fragment = resolve(built_site, page_url, href)
            assert not fragment or f'id="{fragment}"' in target.read_text(encoding="utf-8")
        assert text_of(cells[3]) == ""            # the unit in charge: left blank to fill in
        assert text_of(cells[4]) == "Không ghi trong Công văn"
        assert text_of(cells[5]).count("☐") == 3
    assert f'<p class="print-only print-url">Bản trực tuyến: {page_url}</p>' in page


def test_section_index_and_nav(built_site):
    index = article(read(built_site, "nhiem-vu-trong-tam"))
    assert 'id="nam-2024"' in index
    for href in ('href="2024/"', 'href="2024/nhiem-vu/"', 'href="2024/bo-nganh/"', 'href="2024/ubnd-tinh/"'):
        assert href in index
    home = read(built_site, "")
    assert re.search(r'href="nhiem-vu-trong-tam/"[^>]*>\s*(<span[^>]*>\s*)?Nhiệm vụ trọng tâm', home)
    inside = read(built_site, "nhiem-vu-trong-tam/2024/nhiem-vu")
    nav = inside[:inside.index("<article")]
    for href, label in (('href="../"', "Công văn 628/BTP-BTNN"), ('href="../bo-nganh/"', "Dành cho Bộ, ngành"),
                        ('href="../ubnd-tinh/"', "Dành cho UBND cấp tỉnh / Sở Tư pháp")):
        assert href in nav and label in nav, label


# --------------------------------------------------------------------------
# Problems in letter files
# --------------------------------------------------------------------------


@pytest.fixture
def letter_copy(tmp_path) -> Path:
    """A project root with the 2024 letter and its source, to break."""
    (tmp_path / "docs" / "nhiem-vu-trong-tam").mkdir(parents=True)
    (tmp_path / "sources").mkdir()
    shutil.copy(SOURCE, tmp_path / "sources" / SOURCE.name)
    shutil.copy(LETTER, tmp_path / "docs" / "nhiem-vu-trong-tam" / "2024.md")
    return tmp_path / "docs" / "nhiem-vu-trong-tam" / "2024.md"


def problems_of(path: Path) -> list[str]:
    root = path.parents[2]
    _, found = priorities.parse_letter(path, "nhiem-vu-trong-tam/2024.md", "docs/nhiem-vu-trong-tam/2024.md", root)
    return [str(p) for p in found]


def line_of(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(needle) + 1


def line_of_prefix(path: Path, prefix: str) -> int:
    return next(i for i, ln in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if ln.startswith(prefix))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_copy_has_no_problems(letter_copy):
    assert problems_of(letter_copy) == []


def test_task_without_can_cu(letter_copy):
    text = letter_copy.read_text(encoding="utf-8")
    block = re.search(r"^  bo-2:\n(?:    - .*\n)+", text, re.M).group(0)
    edit(letter_copy, block, "  bo-2: []\n")
    assert problems_of(letter_copy) == [
        f"docs/nhiem-vu-trong-tam/2024.md:{line_of(letter_copy, '  bo-2: []')}:9: can_cu of 'bo-2' is empty"
        " — list at least one clause of the law that gives this body the task"]


def test_can_cu_for_a_task_the_letter_does_not_have(letter_copy):
    edit(letter_copy, "  bo-3:\n", '  bo-4:\n    - "Điều 75"\n  bo-3:\n')
    found = problems_of(letter_copy)
    assert found == [f"docs/nhiem-vu-trong-tam/2024.md:{line_of(letter_copy, '  bo-4:')}:3: can_cu: no task 'bo-4' "
                     f"in the letter — tasks are: {', '.join(IDS)}"]


def test_note_for_a_task_the_letter_does_not_have(letter_copy):
    edit(letter_copy, "  ubnd-tinh-2: \"Luật", "  ubnd-tinh-9: \"Luật")
    found = problems_of(letter_copy)
    assert found == [f"docs/nhiem-vu-trong-tam/2024.md:{line_of_prefix(letter_copy, '  ubnd-tinh-9:')}:3: ghi_chu: no task "
                     f"'ubnd-tinh-9' in the letter — tasks are: {', '.join(IDS)}"]


def test_can_cu_of_another_instrument_is_accepted_and_checked(letter_copy, corpus):
    edit(letter_copy, '    - "khoản 1 Điều 75"\n', '    - "khoản 2 Điều 32 Nghị định số 68/2018/NĐ-CP"\n'
                                                  '    - "khoản 9 Điều 32 Nghị định số 68/2018/NĐ-CP"\n')
    assert problems_of(letter_copy) == []
    (found,) = [str(p) for p in priorities.check(letter_copy.parents[1], corpus)]
    line = line_of(letter_copy, '    - "khoản 9 Điều 32 Nghị định số 68/2018/NĐ-CP"')
    assert found.startswith(f"docs/nhiem-vu-trong-tam/2024.md:{line}:7: căn cứ 'khoản 9 Điều 32 Nghị định số "
                            "68/2018/NĐ-CP' of 'bo-1': Điều 32 has no khoản 9")


def test_can_cu_that_is_not_a_citation(letter_copy):
    edit(letter_copy, '    - "khoản 1 Điều 75"\n', '    - "Luật 75"\n')
    (found,) = problems_of(letter_copy)
    line = line_of(letter_copy, '    - "Luật 75"')
    assert found.startswith(f"docs/nhiem-vu-trong-tam/2024.md:{line}:7: căn cứ 'Luật 75' of 'bo-1' is not a citation")


def test_metadata_must_agree_with_the_letter(letter_copy):
    edit(letter_copy, 'so_hieu: "628/BTP-BTNN"', 'so_hieu: "682/BTP-BTNN"')
    edit(letter_copy, "ngay: 2024-02-02", "ngay: 2024-02-20")
    found = problems_of(letter_copy)
    line = line_of(letter_copy, 'so_hieu: "682/BTP-BTNN"')
    assert any(p.startswith(f"docs/nhiem-vu-trong-tam/2024.md:{line}:")
               and "differs from the letter's 'Số: 628 /BTP-BTNN'" in p for p in found), found
    assert any("ngay 2024-02-20 differs" in p and "write ngay: 2024-02-02" in p for p in found), found


def test_body_must_stay_verbatim(letter_copy):
    edit(letter_copy, "5. Chỉ đạo các cơ quan giải quyết", "5. Chỉ đạo các cơ quan giải quyêt")
    line = next(i for i, ln in enumerate(letter_copy.read_text(encoding="utf-8").split("\n"), 1)
                if ln.startswith("5. Chỉ đạo các cơ quan giải quyêt"))
    (found,) = problems_of(letter_copy)
    assert found.startswith(f"docs/nhiem-vu-trong-tam/2024.md:{line}:1: the letter differs from its source "
                            "sources/cong-van-628-BTP-BTNN-2024.md here")


def test_unknown_addressee(letter_copy):
    edit(letter_copy, '  "II": ubnd-tinh', '  "II": tinh')
    found = problems_of(letter_copy)
    line = line_of(letter_copy, '  "II": tinh')
    assert found[0].startswith(f"docs/nhiem-vu-trong-tam/2024.md:{line}:9: part II "
                               "('II. ĐỐI VỚI ỦY BAN NHÂN DÂN CẤP TỈNH') has no known addressee in 'doi_tuong' (got 'tinh')")


def test_front_matter_field_typo_is_rejected(letter_copy):
    edit(letter_copy, "nguoi_ky:", "nguoi_kyy:")
    found = [str(p) for p in frontmatter.check_page(letter_copy, "nhiem-vu-trong-tam/2024.md", "docs/x.md")]
    line = line_of(letter_copy, 'nguoi_kyy: "Trần Tiến Dũng"')
    assert found == [f"docs/x.md:{line}:1: unknown front-matter field "
                     "'nguoi_kyy' — did you mean 'nguoi_ky'?"]


def test_malformed_body_is_located(tmp_path):
    path = tmp_path / "docs" / "nhiem-vu-trong-tam" / "2030.md"
    path.parent.mkdir(parents=True)
    path.write_text('---\ntitle: "x"\ndescription: "y"\nnam: 2030\nso_hieu: "1/BTP"\nngay: 2030-01-02\n'
                    'co_quan: "Bộ Tư pháp"\nnguoi_ky: "A"\nnoi_nhan: []\ndoi_tuong: {}\ncan_cu: {}\n---\n\n'
                    "## BỘ TƯ PHÁP\n\nSố: 1/BTP\n\nV/v thử\n\nHà Nội, ngày 02 tháng 01 năm 2030\n\n"
                    "Kính gửi: Các Bộ.\n\nĐoạn mở đầu.\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as e:
        priorities.load_letters(tmp_path / "docs")
    assert [str(p) for p in e.value.problems] == [
        "docs/nhiem-vu-trong-tam/2030.md:13:1: no part heading such as '### **I. ĐỐI VỚI CÁC BỘ**' found — "
        "each group of tasks starts with a heading line 'I. ...', 'II. ...'"]


def test_markdown_escaping_keeps_text_verbatim():
    import markdown

    for text in ("1. Phối hợp", "- gạch đầu dòng", "a *b* _c_ [d](e) <f> & g | h # i {: .j }", "Điều 5 \\ k"):
        rendered = markdown.markdown(priorities.md(text), extensions=["attr_list", "tables"])
        assert html.unescape(re.sub(r"</?p>", "", rendered)) == text


# --------------------------------------------------------------------------
# Next year's letter: one file in a copy of the project
# --------------------------------------------------------------------------


def letter_2099() -> str:
    """The 2024 letter as if it were a 2099 letter: number, date and year changed; no source file."""
    text = LETTER.read_text(encoding="utf-8")
    for old, new in (("nam: 2024", "nam: 2099"), ('so_hieu: "628/BTP-BTNN"', 'so_hieu: "99/BTP-BTNN"'),
                     ("ngay: 2024-02-02", "ngay: 2099-01-15"), ("Số: 628 /BTP-BTNN", "Số: 99/BTP-BTNN"),
                     ("Hà Nội, ngày 02 tháng 02 năm 2024", "Hà Nội, ngày 15 tháng 01 năm 2099"),
                     ("628/BTP-BTNN: nhiệm vụ trọng tâm công tác bồi thường nhà nước năm 2024",
                      "99/BTP-BTNN: nhiệm vụ trọng tâm công tác bồi thường nhà nước năm 2099")):
        assert old in text, old
        text = text.replace(old, new)
    return re.sub(r'^nguon: ".*"\n', "", text, flags=re.M)


@pytest.fixture(scope="module")
def project_2099(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("p2099") / "project"
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    (dest / "docs" / "nhiem-vu-trong-tam" / "2099.md").write_text(letter_2099(), encoding="utf-8")
    return dest


def test_second_letter_is_one_file_and_appears_newest_first(project_2099, tmp_path, capsys):
    out = tmp_path / "site"
    code = publish.main(["--root", str(project_2099), "--out", str(out)])
    output = capsys.readouterr()
    assert code == 0, output.err
    index = article(read(out, "nhiem-vu-trong-tam"))
    assert index.index('id="nam-2099"') < index.index('id="nam-2024"')
    assert "Công văn số 99/BTP-BTNN" in index
    for path in ("2099", "2099/nhiem-vu", "2099/bo-nganh", "2099/ubnd-tinh"):
        assert (out / "nhiem-vu-trong-tam" / path / "index.html").is_file(), path
    nav = read(out, "nhiem-vu-trong-tam")
    assert nav.index("Năm 2099") < nav.index("Năm 2024")
    assert sections(article(read(out, "nhiem-vu-trong-tam/2099/nhiem-vu"))).keys() == set(IDS)


def test_wrong_can_cu_stops_publish_with_its_location(project_2099, tmp_path, capsys):
    path = project_2099 / "docs" / "nhiem-vu-trong-tam" / "2099.md"
    good = path.read_text(encoding="utf-8")
    try:
        path.write_text(good.replace('    - "khoản 1 Điều 75"\n', '    - "khoản 9 Điều 73"\n', 1), encoding="utf-8")
        line = line_of(path, '    - "khoản 9 Điều 73"')
        out = tmp_path / "site"
        code = publish.main(["--root", str(project_2099), "--out", str(out)])
        output = capsys.readouterr()
    finally:
        path.write_text(good, encoding="utf-8")
    assert code == 1
    assert (f"docs/nhiem-vu-trong-tam/2099.md:{line}:7: căn cứ 'khoản 9 Điều 73' of 'bo-1': "
            "Điều 73 has no khoản 9 — Điều 73 has only 4 khoản") in output.err
    assert not out.exists()
