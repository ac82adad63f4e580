"""Code 128 (ISO/IEC 15417), the symbology couriers' hand scanners read on a packing slip.

Our own small encoder rather than a library: an order number needs code sets B (printable
ASCII) and C (digit pairs, half the width for the long numeric TikTok order ids), the
whole symbology is one table of 107 patterns and a modulo-103 check, and the renderer
needs the bars as numbers to draw them as vector rectangles in Qt (python-barcode would
hand us an SVG or image to convert back). The table and the code-set choice are checked
against python-barcode's output in tests/unit/printing/test_code128.py.

Code set choice (the usual minimal rule): start in C when the data begins with four or
more digits (or is exactly two digits); switch to C for a run of at least six digits
inside the data, or four at its end; an odd run leaves its first digit in B.
"""

from __future__ import annotations

# bar/space widths of values 0..106 (106 = stop, 7 elements); modules per element 1..4
PATTERNS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312",
    "132212", "221213", "221312", "231212", "112232", "122132", "122231", "113222",
    "123122", "123221", "223211", "221132", "221231", "213212", "223112", "312131",
    "311222", "321122", "321221", "312212", "322112", "322211", "212123", "212321",
    "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121",
    "313121", "211331", "231131", "213113", "213311", "213131", "311123", "311321",
    "331121", "312113", "312311", "332111", "314111", "221411", "431111", "111224",
    "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112",
    "421211", "212141", "214121", "412121", "111143", "111341", "131141", "114113",
    "114311", "411113", "411311", "113141", "114131", "311141", "411131", "211412",
    "211214", "211232", "2331112",
)  # fmt: skip

CODE_C = 99  # switch to code set C (from B)
CODE_B = 100  # switch to code set B (from C)
START_B = 104
START_C = 105
STOP = 106
QUIET_MODULES = 10  # the blank margin a scanner needs on each side


def _digit_run(text: str, i: int) -> int:
    n = 0
    while i + n < len(text) and text[i + n].isascii() and text[i + n].isdigit():
        n += 1
    return n


def encode_values(text: str) -> list[int]:
    """The symbol values of ``text``: start, data, check (the stop is not included).

    Raises ValueError for an empty text or a character outside printable ASCII.
    """
    if not text:
        raise ValueError("nothing to encode")
    bad = [c for c in text if not (32 <= ord(c) <= 126)]
    if bad:
        raise ValueError(f"Code 128 B/C cannot encode {bad[0]!r}")
    values: list[int] = []
    run = _digit_run(text, 0)
    in_c = run == len(text) == 2 or run >= 4
    values.append(START_C if in_c else START_B)
    i = 0
    if in_c and run % 2:  # odd run at the start: all but its last digit in C
        values += [int(text[j : j + 2]) for j in range(0, run - 1, 2)]
        values.append(CODE_B)
        in_c = False
        i = run - 1
    while i < len(text):
        if in_c:
            if _digit_run(text, i) >= 2:
                values.append(int(text[i : i + 2]))
                i += 2
                continue
            values.append(CODE_B)
            in_c = False
        run = _digit_run(text, i)
        at_end = i + run == len(text)
        if run >= 6 or (at_end and run >= 4):
            if run % 2:  # the odd digit first, in B
                values.append(ord(text[i]) - 32)
                i += 1
            values.append(CODE_C)
            in_c = True
            continue
        values.append(ord(text[i]) - 32)
        i += 1
    values.append(checksum(values))
    return values


def checksum(values: list[int]) -> int:
    """The check value: start value plus each value times its position, modulo 103."""
    return (values[0] + sum(pos * v for pos, v in enumerate(values[1:], start=1))) % 103


def modules(text: str) -> str:
    """The symbol as modules, '1' bar and '0' space, start to stop (no quiet zones)."""
    out = []
    for v in [*encode_values(text), STOP]:
        bar = True
        for w in PATTERNS[v]:
            out.append(("1" if bar else "0") * int(w))
            bar = not bar
    return "".join(out)


def bars(text: str) -> list[tuple[int, int]]:
    """The bars to draw: (first module, width in modules), left to right."""
    out: list[tuple[int, int]] = []
    pattern = modules(text)
    i = 0
    while i < len(pattern):
        if pattern[i] == "1":
            j = i
            while j < len(pattern) and pattern[j] == "1":
                j += 1
            out.append((i, j - i))
            i = j
        else:
            i += 1
    return out


def decode_modules(pattern: str) -> str:
    """Read a module string back (start to stop): the text, after checking the check value.

    The inverse of :func:`modules`, used by the tests to read the bars a slip drew.
    """
    widths = {p: v for v, p in enumerate(PATTERNS)}
    values = []
    i = 0
    while i < len(pattern):
        size = 13 if pattern[i:].startswith("11000111010") else 11
        chunk = pattern[i : i + size]
        runs, j = [], 0
        while j < len(chunk):
            k = j
            while k < len(chunk) and chunk[k] == chunk[j]:
                k += 1
            runs.append(str(k - j))
            j = k
        v = widths.get("".join(runs))
        if v is None:
            raise ValueError(f"no Code 128 symbol at module {i}")
        values.append(v)
        i += size
        if v == STOP:
            break
    if len(values) < 3 or values[-1] != STOP or values[0] not in (START_B, START_C):
        raise ValueError("not a Code 128 B/C symbol")
    data, check = values[:-2], values[-2]
    if checksum(data) != check:
        raise ValueError("check value does not match")
    text, in_c = [], data[0] == START_C
    for v in data[1:]:
        if v == CODE_C and not in_c:
            in_c = True
        elif v == CODE_B and in_c:
            in_c = False
        elif in_c:
            text.append(f"{v:02d}")
        else:
            text.append(chr(v + 32))
    return "".join(text)
