"""``storesync bundles list|set|clear`` and the product export, as a script uses them."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from tests.unit.test_cli import run


def test_bundles_from_the_command_line(tmp_path):
    d = str(tmp_path / "data")
    wb = Workbook()
    for row in (
        ["Product name", "SKU", "Initial stock"],
        ["Kaos", "TEE-RED-M", 9],
        ["Mug", "MUG-01", 3],
        ["Gift set", "GIFT-SET", None],
    ):
        wb.active.append(row)
    wb.save(tmp_path / "p.xlsx")
    out = run("import", "products", str(tmp_path / "p.xlsx"), "--data-dir", d)
    assert out.returncode == 0, out.stderr

    out = run("bundles", "set", "gift-set", "TEE-RED-M x2, MUG-01*1", "--data-dir", d)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "gift-set = MUG-01×1, TEE-RED-M×2"

    out = run("bundles", "list", "--data-dir", d)
    assert out.stdout.splitlines() == ["GIFT-SET\tavailable 3\tMUG-01×1, TEE-RED-M×2"]

    out = run("bundles", "set", "MUG-01", "GIFT-SET×1", "--data-dir", d)
    assert out.returncode == 2
    assert "MUG-01 cannot contain GIFT-SET" in out.stderr or "count it to 0" in out.stderr

    out = run("bundles", "set", "GIFT-SET", "NOPE×1", "--data-dir", d)
    assert out.returncode == 2 and "unknown component SKU NOPE" in out.stderr

    out = run(
        "template", "products", "--prefill", "--out", str(tmp_path / "c.xlsx"), "--data-dir", d
    )
    assert out.returncode == 0, out.stderr
    sheet = load_workbook(tmp_path / "c.xlsx")["Products"]
    header = [c.value for c in sheet[1]]
    got = {
        r[1]: r[header.index("Components")] for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert got["GIFT-SET"] == "MUG-01×1, TEE-RED-M×2"

    out = run("bundles", "clear", "GIFT-SET", "--data-dir", d)
    assert out.returncode == 0
    out = run("bundles", "list", "--data-dir", d)
    assert out.stdout.startswith("no bundles")
