"""The fast id finder of the output checks returns exactly what the id pattern finds."""

from __future__ import annotations

import pytest

from lawsite import htmlcheck

CASES = [
    '<h2 id="dieu-7">', "<p id=x>", "<p\tid='q'>", "id=start", '<a data-id="no" id="yes">', 'x xid="a id=b"',
    '<div class="grid=3" id="k1"> <span id="k1">', "<p id=>", '<p\nid="line">', "<p\u00a0id=nbsp>",
    '<p id="a b">', "  id=1 id=2 id=3", "<p class=id=x>", '<svg><g id="s1"/></svg>', "",
]


@pytest.mark.parametrize("text", CASES)
def test_find_ids_is_the_pattern(text):
    assert htmlcheck.find_ids(text) == htmlcheck.RE_ID.findall(text)


def test_find_ids_on_a_built_page(tmp_path):
    text = "".join(f'<h3 id="k{i}">x</h3>\n<p data-md-id="m{i}" title="id=t{i}"> id={i}</p>' for i in range(200))
    assert htmlcheck.find_ids(text) == htmlcheck.RE_ID.findall(text) and len(htmlcheck.find_ids(text)) == 400
