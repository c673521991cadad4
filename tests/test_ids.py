"""The anchor scheme is a published promise: pin it with tables (like bluebell's test_clean_num)."""

import pytest

from lawsite import ids


@pytest.mark.parametrize(
    ("printed", "letter", "slug"),
    [("a)", "a", "a"), ("đ)", "đ", "dd"), ("d", "d", "d"), (" Đ ", "đ", "dd"), ("y)", "y", "y")],
)
def test_point_letters(printed, letter, slug):
    assert ids.clean_letter(printed) == letter
    assert ids.letter_slug(printed) == slug
    assert ids.letter_from_slug(slug) == letter


@pytest.mark.parametrize("bad", ["f", "1", "ab", "", "j)"])
def test_not_point_letters(bad):
    with pytest.raises(ValueError):
        ids.clean_letter(bad)


def test_d_and_dd_never_collide():
    assert ids.unit_id(2, "d") != ids.unit_id(2, "đ")
    assert ids.next_letter("d") == "đ" and ids.next_letter("đ") == "e"


@pytest.mark.parametrize(
    ("khoan", "diem", "dieu", "expected"),
    [
        (1, None, None, "khoan-1"),
        (1, "a", None, "khoan-1-diem-a"),
        (2, "đ", None, "khoan-2-diem-dd"),
        (None, "b", None, "diem-b"),
        (1, None, 7, "dieu-7-khoan-1"),
        (1, "a", 7, "dieu-7-khoan-1-diem-a"),
        (None, "b", 9, "dieu-9-diem-b"),
        (None, None, 78, "dieu-78"),
    ],
)
def test_unit_ids_round_trip(khoan, diem, dieu, expected):
    assert ids.unit_id(khoan, diem, dieu) == expected
    assert ids.parse_unit_id(expected) == (dieu, khoan, diem)


@pytest.mark.parametrize("bad", ["khoan-", "dieu-7-", "khoan-1-diem-đ", "khoan-01", "diem-dd-khoan-1", "muc-1", ""])
def test_malformed_anchors_are_rejected(bad):
    with pytest.raises(ValueError):
        ids.parse_unit_id(bad)


@pytest.mark.parametrize(("roman", "n"), [("I", 1), ("IV", 4), ("V", 5), ("IX", 9), ("XIV", 14)])
def test_roman(roman, n):
    assert ids.roman_to_int(roman) == n
    assert ids.int_to_roman(n) == roman
    assert ids.chuong_page(roman) == f"chuong-{n}.md"


@pytest.mark.parametrize("bad", ["IIII", "VX", "", "A"])
def test_bad_roman(bad):
    with pytest.raises(ValueError):
        ids.roman_to_int(bad)
