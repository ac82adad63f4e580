"""Rows rendered straight as XML (app/core/export/xlsx_rows.py) are byte for byte what
openpyxl's own cell path writes: every export, and a sheet of awkward values."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.export import ExportKind, ExportRequest, reports, run_export, xlsx
from app.core.export.xlsx import Column, Kind, SheetWriter, atomic_workbook, stream_sheet
from tests.unit.export.test_exports import NOV, data  # noqa: F401 (the fixture)

FIXED_NOW = datetime(2026, 12, 1, 3, 4, 5)


def sheets_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")}


@pytest.fixture
def openpyxl_path(monkeypatch):
    """Within the block, every row goes through openpyxl's cells, as before."""

    def use_cells():
        monkeypatch.setattr(xlsx, "render_row", lambda *a: None)

    return use_cells


@pytest.mark.parametrize("kind", list(ExportKind))
def test_every_export_is_written_as_openpyxl_writes_it(
    kind,
    ctx,
    data,  # noqa: F811 (the fixture imported above)
    tmp_path,
    monkeypatch,
    openpyxl_path,
):
    monkeypatch.setattr(reports, "utcnow", lambda: FIXED_NOW.replace(tzinfo=None))
    fast = run_export(ctx, ExportRequest(kind, *NOV), tmp_path / "fast.xlsx")
    openpyxl_path()
    slow = run_export(ctx, ExportRequest(kind, *NOV), tmp_path / "slow.xlsx")
    assert fast.rows == slow.rows
    a, b = sheets_of(fast.path), sheets_of(slow.path)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name


AWKWARD = [
    ("plain", 1, Decimal("12.34"), datetime(2026, 11, 1, 10, 30), date(2026, 11, 1)),
    ("  padded  ", 10**17, Decimal("-0.01"), datetime(1900, 2, 1), date(1900, 1, 1)),
    ("a & b < c > d", 0, Decimal(5), None, None),
    ("#N/A", None, 3.25, datetime(2026, 1, 1, 23, 59, 59, 999999), date(2099, 12, 31)),
    ("=1+1", -7, 1e20, None, None),
    ("-5", 2, float("nan"), None, None),
    ("\x01ctrl\r\nline", 3, None, None, None),
    ("\x01", 4, 0, None, None),
    ("x" * 40_000, 5, 1, None, None),
    ("Ĝëñérõuş 😀 \t tab", 6, Decimal("1E+3"), None, None),
    ("", 7, 2, None, None),
    (12345, 8, 3, None, None),
    (None, None, None, None, None),
]


def test_awkward_values_are_written_as_openpyxl_writes_them(tmp_path, openpyxl_path):
    columns = (
        Column("Text"),
        Column("Count", Kind.INT, total=True),
        Column("Money", Kind.MONEY, total=True),
        Column("At", Kind.DATETIME),
        Column("Day", Kind.DATE),
    )

    def write(path: Path) -> dict[str, bytes]:
        with atomic_workbook(path) as wb:
            sheet = SheetWriter(stream_sheet(wb, "Data"), columns)
            for row in AWKWARD:
                sheet.append(row)
            sheet.finish()
        return sheets_of(path)

    fast = write(tmp_path / "fast.xlsx")
    openpyxl_path()
    assert fast == write(tmp_path / "slow.xlsx")


def test_a_row_of_the_wrong_length_is_refused(tmp_path):
    with pytest.raises(ValueError), atomic_workbook(tmp_path / "x.xlsx") as wb:
        SheetWriter(stream_sheet(wb, "Data"), (Column("A"), Column("B"))).append(("one",))
    assert not (tmp_path / "x.xlsx").exists()
