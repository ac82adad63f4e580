"""Code 128: symbol values, check values and bars against an independent encoder.

The expected modules were produced once by python-barcode 0.15 (``Code128(text).build()``)
and by hand from ISO/IEC 15417's tables: a scanner reads what both agree on.
"""

from __future__ import annotations

import pytest

from app.printing import code128

# text -> (symbol values incl. check, modules start..stop) from python-barcode
KNOWN = {
    "PJJ123C": (
        [104, 48, 42, 42, 17, 18, 19, 35, 55],
        "1101001000011101110110101101110001011011100010011100110110011100101100101110010001"
        "000110111010001101100011101011",
    ),
    "240101ABCD03": (
        [105, 24, 1, 1, 100, 33, 34, 35, 36, 16, 19, 19],
        "1101001110011101001100110011011001100110110010111101110101000110001000101100010001"
        "000110101100010001001110110011001011100110010111001100011101011",
    ),
    "576461234567890123": (
        [105, 57, 64, 61, 23, 45, 67, 89, 1, 23, 73],
        "1101001110011101101000101000011001100100001011101101110101110110001000010110011011"
        "0111101100110110011101101110100001101001100011101011",
    ),
    "SS-0001": (
        [104, 51, 51, 13, 99, 0, 1, 80],
        "1101001000011011101000110111010001001101110010111011110110110011001100110110010100"
        "1111001100011101011",
    ),
    "12": ([105, 12, 14], "1101001110010110011100100110011101100011101011"),
}


@pytest.mark.parametrize("text", list(KNOWN))
def test_values_and_modules_match_python_barcode(text):
    values, modules = KNOWN[text]
    assert code128.encode_values(text) == values
    assert code128.modules(text) == modules
    assert code128.decode_modules(modules) == text


def test_check_value_is_the_weighted_sum_modulo_103():
    # the textbook example: Start B, P J J 1 2 3 C -> (104 + 1·48 + 2·42 + … + 7·35) % 103
    assert code128.checksum([104, 48, 42, 42, 17, 18, 19, 35]) == 879 % 103 == 55


def test_every_symbol_is_eleven_modules_with_three_bars_and_the_stop_thirteen():
    assert len(code128.PATTERNS) == 107
    for p in code128.PATTERNS[:106]:
        assert sum(map(int, p)) == 11 and len(p) == 6
    assert sum(map(int, code128.PATTERNS[106])) == 13
    assert len(set(code128.PATTERNS)) == 107


@pytest.mark.parametrize(
    "text", ["1234567", "12345ABC", "A1234567B", "ORD-2026-000001", "x", "00", "~ !"]
)
def test_round_trip_and_digit_runs_take_code_c(text):
    assert code128.decode_modules(code128.modules(text)) == text


def test_long_numeric_order_ids_are_half_width():
    tiktok = "576461234567890123"  # 18 digits: 9 pairs in code C
    assert len(code128.encode_values(tiktok)) == 1 + 9 + 1


def test_what_it_cannot_encode_is_refused():
    for bad in ("", "Pesanan ü", "a\nb"):
        with pytest.raises(ValueError):
            code128.encode_values(bad)


def test_a_damaged_symbol_does_not_decode():
    modules = code128.modules("240101ABCD03")
    flipped = modules[:30] + ("0" if modules[30] == "1" else "1") + modules[31:]
    with pytest.raises(ValueError):
        code128.decode_modules(flipped)
