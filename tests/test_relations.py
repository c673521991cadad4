"""Law ↔ detailing instruments: every mapping entry is backed by the sources, every link resolves."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_publish import IGNORE, assert_untouched, run

import update_manifest
from lawsite import relations
from lawsite.problems import ProblemsFound

ROOT = Path(__file__).resolve().parents[1]


def test_every_detailing_article_is_published_verbatim_count(corpus):
    assert len(corpus.vanban["nd68"].dieu) == 37 and len(corpus.vanban["tt04"].dieu) == 5


def test_mapping_is_backed_by_citations(corpus):
    rels = relations.load(ROOT, corpus)
    assert len(rels) >= 30
    for r in rels:
        if r.basis in ("tieu_de", "noi_dung"):
            cited = relations.cited_in(corpus, r.instrument, r.dieu, in_title=r.basis == "tieu_de")
            assert set(r.targets) <= cited, (r.instrument, r.dieu)
        else:
            assert r.note.strip()


def test_title_mapping_is_complete(corpus):
    """Every article whose title cites the law is in the data file (nothing silently dropped)."""
    mapped = {(r.instrument, r.dieu) for r in relations.load(ROOT, corpus)}
    derived = {(k, n) for k, arts in relations.derive(corpus).items() for n in arts}
    assert derived <= mapped


@pytest.fixture
def project(tmp_path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    return dest


def test_unbacked_mapping_entry_fails(project, corpus):
    path = project / relations.MAP_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  3:\n    luat: [Điều 23]", "  3:\n    luat: [Điều 24]", 1), encoding="utf-8")
    with pytest.raises(ProblemsFound) as exc:
        relations.load(project, corpus)
    msg = [str(p) for p in exc.value.problems]
    line = text.split("\n").index("  3:") + 1
    assert msg == [f"data/van-ban-huong-dan.yml:{line}:1: nd68 Điều 3: Điều 24 is not cited in the article's title "
                   "(sources/nd-68-2018.md) — map only what the article cites, or give can_cu: ghi_chu with a source note"]


def test_note_entry_needs_a_note(project, corpus):
    path = project / relations.MAP_FILE
    path.write_text(path.read_text(encoding="utf-8") + "tt04:\n  3:\n    luat: [Điều 41]\n    can_cu: ghi_chu\n",
                    encoding="utf-8")
    with pytest.raises(ProblemsFound) as exc:
        relations.load(project, corpus)
    assert "tt04 Điều 3: can_cu ghi_chu needs a 'ghi_chu' source note" in str(exc.value)


def test_decree_citation_to_missing_law_clause_stops_publish(project, tmp_path, capsys):
    src = project / "sources" / "nd-68-2018.md"
    text = src.read_text(encoding="utf-8")
    old = "quy định tại khoản 1 Điều 23 của Luật là"
    assert old in text
    src.write_text(text.replace(old, "quy định tại khoản 9 Điều 23 của Luật là", 1), encoding="utf-8")
    assert update_manifest.main(["--root", str(project)]) == 0  # recorded on purpose: the citation check must still stop it
    capsys.readouterr()
    line = text[: text.index(old)].count("\n") + 1
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old site", encoding="utf-8")
    (out / ".lawsite-published").write_text("published by an older publish.py\n", encoding="utf-8")  # else --out is refused
    code, output = run(project, out, capsys)
    assert code == 1
    assert re.search(rf"^sources/nd-68-2018.md:{line}:\d+: citation 'khoản 9 Điều 23 của Luật': "
                     r"Điều 23 has no khoản 9 — Điều 23 has only 7 khoản$", output, re.M), output
    assert_untouched(out)


def test_links_both_ways_in_built_site(built_site, corpus):
    law45 = (built_site / "luat/dieu-45/index.html").read_text(encoding="utf-8")
    section = law45[law45.index('id="van-ban-huong-dan"'):]
    for n in (14, 15, 16, 17, 18, 19, 20):
        assert f'href="../../nghi-dinh-68-2018/dieu-{n}/"' in section
    nd4 = (built_site / "nghi-dinh-68-2018/dieu-4/index.html").read_text(encoding="utf-8")
    section = nd4[nd4.index('id="huong-dan-luat"'):]
    for k in (3, 4, 5):
        assert f'href="../../luat/dieu-23/#khoan-{k}"' in section
    tt1 = (built_site / "thong-tu-04-2018/dieu-1/index.html").read_text(encoding="utf-8")
    assert "không dẫn chiếu một điều cụ thể nào của Luật" in tt1


def test_new_circulars_detail_what_their_texts_say(corpus):
    """Derived from the texts: Thông tư 02/2023 guides Điều 55 (its Điều 1); Thông tư 08/2019 carries out
    the reporting and document duties it cites; Thông tư 09/2019 cites no law article it carries out."""
    rels = {(r.instrument, r.dieu): {(t.dieu, t.khoan, t.diem) for t in r.targets} for r in relations.load(ROOT, corpus)}
    assert {n for k, n in rels if k == "tt02"} == {1, 3, 4, 5, 6, 7, 8}
    assert all(rels[("tt02", n)] == {(55, None, None)} for n in (1, 3, 4, 5, 6, 7, 8))
    assert rels[("tt08", 29)] == {(48, 1, None), (48, 3, "a")}
    assert rels[("tt08", 11)] == {(73, 2, "h"), (73, 3, "e")}
    assert not [k for k, _ in rels if k == "tt09"]
