"""``storesync orders picklist|slips|shelf`` in a real process over a real data folder."""

from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader

from app.core.paths import resolve_paths
from app.core.workspace import open_workspace
from tests.unit.printing.test_picking import Batch
from tests.unit.test_cli import run


def text(path) -> list[str]:
    return [
        " ".join(unicodedata.normalize("NFKC", p.extract_text()).split())
        for p in PdfReader(path).pages
    ]


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "data"
    ws = open_workspace(resolve_paths(d))
    try:
        Batch(ws.ctx)
    finally:
        ws.close()
    return d


def test_picklist_of_the_orders_to_ship(folder, tmp_path):
    out = tmp_path / "pick.pdf"
    done = run("orders", "picklist", "--data-dir", str(folder), "--out", str(out))
    assert done.returncode == 0, done.stderr
    # A-001 (2 + 1), A-002 (1 + an unmapped 4) and B-001 (1 + 2)
    assert "3 orders, 11 units" in done.stdout and "1 unmapped lines" in done.stdout
    (page,) = text(out)
    assert "3 orders · 11 units" in page and "NOPE-9" in page
    assert "KOPI-250" in page and "TEH-01" not in page  # A-003 was shipped already


def test_shelf_codes_order_the_walk(folder, tmp_path):
    for sku, shelf in (("KOPI-250", "A-1"), ("KAOS-M", "B-7")):
        done = run("orders", "shelf", sku, shelf, "--data-dir", str(folder))
        assert done.returncode == 0, done.stderr
        assert f"{sku} at MAIN: shelf {shelf}" in done.stdout
    out = tmp_path / "pick.pdf"
    done = run(
        "orders", "picklist", "--data-dir", str(folder), "--out", str(out),
        "--order", "A-001", "--order", "A-002",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (page,) = text(out)
    assert page.index("MAIN A-1 KOPI-250") < page.index("MAIN B-7 KAOS-M")
    bad = run(
        "orders", "shelf", "KOPI-250", "X", "--location", "NOWHERE", "--data-dir", str(folder)
    )
    assert bad.returncode == 2 and "no location NOWHERE (locations: MAIN, TOKO)" in bad.stderr


def test_slips_in_the_order_named(folder, tmp_path):
    out = tmp_path / "slips.pdf"
    numbers = ["B-001", "A-003", "A-001"]
    args = [a for n in numbers for a in ("--order", n)]
    done = run("orders", "slips", "--data-dir", str(folder), "--out", str(out), *args)
    assert done.returncode == 0, done.stderr
    assert "3 packing slips on 3 page(s)" in done.stdout
    pages = text(out)
    assert [next(n for n in numbers if n in p) for p in pages] == numbers


def test_bad_input_is_one_line_and_writes_nothing(folder, tmp_path):
    out = tmp_path / "x.pdf"
    base = ("orders", "picklist", "--data-dir", str(folder), "--out", str(out))
    for extra, says in (
        (("--order", "A-404"), "no order number A-404"),
        (("--store", "99"), "store 99 does not exist"),
        (("--status", "returned"), "no returned orders to print"),
        (("--order", "A-004"), "every chosen order is cancelled"),
    ):
        done = run(*base, *extra)
        assert done.returncode == 2, done.stdout + done.stderr
        assert done.stderr.strip() == f"error: {done.stderr.strip()[7:]}"
        assert says in done.stderr and "Traceback" not in done.stderr
        assert not out.exists()
    done = run("orders", "picklist", "--data-dir", str(folder), "--out", str(tmp_path / "x.txt"))
    assert done.returncode == 2 and "should end in .pdf" in done.stderr
