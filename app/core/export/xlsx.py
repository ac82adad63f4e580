"""Streaming spreadsheet writing: typed columns, a styled header, totals, safe text.

Built on openpyxl's write-only mode, so memory stays flat however many rows stream
through. Each column declares its kind once; the cells are created once per column and
reused for every row (openpyxl writes a row out synchronously inside ``append``), which
keeps the cost per cell close to a bare ``ws.append(values)``.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.core.export.xlsx_rows import (
    Encoder,
    datetime_encoder,
    inline_text,
    number_encoder,
    render_row,
)

RUPIAH_FORMAT = '"Rp" #,##0'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONTH_FORMAT = "mmm yyyy"
INT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0"
# A text cell starting with one of these could be read as a formula by a spreadsheet
# (formula injection through buyer names, notes, SKUs typed on a marketplace).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


class Kind(enum.Enum):
    """What a column holds, which decides its cell type and number format."""

    TEXT = "text"  # any text: written as a string, never as a formula
    INT = "int"
    MONEY = "money"  # Decimal or int, shown as Rupiah
    DATE = "date"
    DATETIME = "datetime"  # naive local time (Excel has no time zones)
    MONTH = "month"  # a date shown as "Nov 2026"
    DECIMAL = "decimal"  # e.g. a percentage or days of cover


# INT cells stay "General" (a count reads the same either way, and unstyled cells stream
# cheaper); their totals get the grouped format.
_FORMATS = {
    Kind.MONEY: RUPIAH_FORMAT,
    Kind.DATE: DATE_FORMAT,
    Kind.DATETIME: DATETIME_FORMAT,
    Kind.MONTH: MONTH_FORMAT,
    Kind.DECIMAL: PERCENT_FORMAT,
}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, kind, width and whether it gets a total."""

    header: str
    kind: Kind = Kind.TEXT
    width: float = 14
    total: bool = False


def safe_text(value: str) -> str:
    """Drop control characters XML cannot carry (a platform may send them).

    A carriage return becomes a line feed: XML readers turn it into one anyway, so the
    file then reads back exactly as written.
    """
    if value.isprintable():  # no control characters at all: the common case, kept cheap
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


class _StyledCell(Cell):
    """A cell reused for every row of its column, with a style that never changes.

    openpyxl looks a cell's style up in the workbook's style table for every cell it
    writes; a column's style is fixed, so it is looked up once (:meth:`freeze`).
    """

    __slots__ = ("_sid",)
    has_style = True  # shadows the per-cell check, which scans the style array

    @property
    def style_id(self) -> int:  # type: ignore[override]
        """The style's index, found once."""
        return self._sid

    def freeze(self) -> _StyledCell:
        """Fix the style as it is now."""
        self._sid = self.parent.parent._cell_styles.add(self._style)
        return self


class _Raw:
    """A data row already rendered as XML (:mod:`app.core.export.xlsx_rows`)."""

    __slots__ = ("xml",)

    def __init__(self, xml: str) -> None:
        self.xml = xml


class StreamSheet(WriteOnlyWorksheet):
    """A write-only sheet that takes prepared cells without openpyxl's per-cell detours.

    The stock ``append`` tries each value as a plain value first, catches the ValueError a
    Cell raises, and replaces a styled cell by a new one after writing it: per styled
    cell an exception and an allocation. Here a Cell is used as given and plain values
    share one cell. Data rows of a :class:`SheetWriter` skip cells altogether: they are
    rendered as the XML openpyxl would write (:meth:`append_encoded`), when the XML writer
    is et_xmlfile's, whose output function takes that text as is.
    """

    _raw: Callable[[str], Any] | None = None
    _next_row = 1

    def _write_rows(self) -> Iterator[None]:  # type: ignore[override]
        # openpyxl's loop (worksheet/_write_only.py) plus the rendered rows
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        raw = getattr(xf, "_file", None)  # et_xmlfile's text output; lxml's writer has none
        self._raw = raw if callable(raw) else None
        with xf.element("sheetData"):
            try:
                while True:
                    row = yield
                    if type(row) is _Raw:
                        self._raw(row.xml)  # type: ignore[misc]
                    else:
                        cells = self._values_to_row(row, self._next_row)
                        self._writer.write_row(xf, cells, self._next_row)
                    self._next_row += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)

    def append_encoded(
        self,
        values: Sequence[Any],
        encoders: Sequence[Encoder],
        letters: Sequence[str],
        cells: Callable[[Sequence[Any]], list[Any]],
    ) -> None:
        """Append one row rendered by ``encoders``; ``cells(values)`` is the same row as
        openpyxl cells, used when a value needs openpyxl's own path."""
        self._get_writer()
        if self._rows is None:
            self._rows = self._write_rows()
            next(self._rows)
        xml = None
        if self._raw is not None:
            xml = render_row(self._next_row, values, encoders, letters)
        self._rows.send(cells(values) if xml is None else _Raw(xml))

    def _values_to_row(self, values: Sequence[Any], row_idx: int) -> Iterator[Cell]:
        plain: Cell | None = None
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                if plain is None or plain.has_style:  # e.g. a datetime set a format on it
                    plain = WriteOnlyCell(self)
                plain.value = value
                cell = plain
            cell.column = col_idx
            cell.row = row_idx
            yield cell


def stream_sheet(wb: Workbook, title: str) -> StreamSheet:
    """Add a :class:`StreamSheet` to a write-only workbook."""
    ws = StreamSheet(parent=wb, title=title)
    wb._add_sheet(ws)
    return ws


class SheetWriter:
    """Write one typed table to a write-only sheet: header, rows, a totals row."""

    def __init__(self, ws: WriteOnlyWorksheet, columns: Sequence[Column]) -> None:
        self._ws = ws
        self._columns = tuple(columns)
        self.rows = 0
        for i, col in enumerate(self._columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.freeze_panes = "A2"  # must be set before the first row streams out
        self._cells = [self._template(col) for col in self._columns]
        self._quoted = [self._quoted_cell() for _ in self._columns]
        self._fill = [self._filler(i, col) for i, col in enumerate(self._columns)]
        self._letters = [get_column_letter(i) for i in range(1, len(self._columns) + 1)]
        self._encoders = [self._encoder(i, col) for i, col in enumerate(self._columns)]
        # ISO dates are rare and written differently: those workbooks keep openpyxl's path
        self._encoded = isinstance(ws, StreamSheet) and not ws.parent.iso_dates
        self._write_header()

    # ---------------------------------------------------------------- cells

    def _template(self, col: Column) -> Cell:
        fmt = _FORMATS.get(col.kind)
        if fmt is None:
            return WriteOnlyCell(self._ws)
        cell = _StyledCell(self._ws, row=1, column=1)
        cell.number_format = fmt
        return cell.freeze()

    def _quoted_cell(self) -> Cell:
        cell = _StyledCell(self._ws, row=1, column=1)
        # quotePrefix keeps the text a text when someone edits the cell in Excel
        cell.quotePrefix = True
        return cell.freeze()

    def _filler(self, i: int, col: Column) -> Callable[[Any], Any]:
        cell, quoted = self._cells[i], self._quoted[i]
        if col.kind is Kind.TEXT:

            def text(value: Any) -> Any:
                if value is None or value == "":
                    return None
                raw = value if isinstance(value, str) else str(value)
                s = safe_text(raw)
                if s.startswith(FORMULA_TRIGGERS) or raw.startswith(FORMULA_TRIGGERS):
                    quoted.value = s
                    quoted.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
                    return quoted
                return s

            return text
        if col.kind in (Kind.DATE, Kind.MONTH):

            def day(value: Any) -> Any:
                if value is None:
                    return None
                # a date is written as midnight so Excel sees a date serial, not text
                cell.value = datetime(value.year, value.month, value.day)
                return cell

            return day

        def styled(value: Any) -> Any:
            if value is None:
                return None
            cell.value = value
            return cell

        return styled

    def _encoder(self, i: int, col: Column) -> Encoder:
        """The column's cell as XML, the same as its filler's cell written by openpyxl."""
        style = f' s="{self._cells[i].style_id}"' if _FORMATS.get(col.kind) else ""
        if col.kind is Kind.TEXT:
            quoted = f' s="{self._quoted[i].style_id}"'

            def text(value: Any, coordinate: str) -> str | None:
                if value is None or value == "":
                    return ""
                raw = value if isinstance(value, str) else str(value)
                s = safe_text(raw)
                if not s:
                    return None  # openpyxl writes an empty text cell its own way
                if s.startswith(FORMULA_TRIGGERS) or raw.startswith(FORMULA_TRIGGERS):
                    return inline_text(s, coordinate, quoted)
                return inline_text(s, coordinate, "")

            return text
        epoch = self._ws.parent.epoch
        if col.kind in (Kind.DATE, Kind.MONTH):
            return datetime_encoder(style, epoch, whole_days=True)
        if col.kind is Kind.DATETIME:
            return datetime_encoder(style, epoch, whole_days=False)
        return number_encoder(style)

    def _cells_of(self, values: Sequence[Any]) -> list[Any]:
        return [fill(v) for fill, v in zip(self._fill, values, strict=True)]

    # ---------------------------------------------------------------- rows

    def _write_header(self) -> None:
        row = []
        for col in self._columns:
            cell = WriteOnlyCell(self._ws, value=col.header)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            row.append(cell)
        self._ws.append(row)

    def append(self, values: Sequence[Any]) -> None:
        """Write one data row; values in column order (None leaves a cell empty)."""
        if len(values) != len(self._fill):
            raise ValueError(f"{len(values)} values for {len(self._fill)} columns")
        if self._encoded:
            ws: StreamSheet = self._ws  # type: ignore[assignment]
            ws.append_encoded(values, self._encoders, self._letters, self._cells_of)
        else:
            self._ws.append(self._cells_of(values))
        self.rows += 1

    def finish(self, total_label: str = "Total") -> None:
        """Add the totals row (SUM formulas over the data) and the header's autofilter."""
        last = self.rows + 1
        ref_end = get_column_letter(len(self._columns))
        self._ws.auto_filter.ref = f"A1:{ref_end}{max(last, 1)}"
        if not any(c.total for c in self._columns) or self.rows == 0:
            return
        row: list[Any] = []
        for i, col in enumerate(self._columns, 1):
            if i == 1:
                value: Any = total_label
            elif col.total:
                letter = get_column_letter(i)
                value = f"=SUM({letter}2:{letter}{last})"
            else:
                value = None
            cell = WriteOnlyCell(self._ws, value=value)
            cell.font = Font(bold=True)
            fmt = INT_FORMAT if col.kind is Kind.INT else _FORMATS.get(col.kind)
            if col.total and fmt is not None:
                cell.number_format = fmt
            row.append(cell)
        self._ws.append(row)


def write_cover(wb: Workbook, title: str, items: Sequence[tuple[str, Any]]) -> None:
    """A small first sheet saying what the file holds and with which parameters."""
    ws = wb.create_sheet("Cover")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 48
    head = WriteOnlyCell(ws, value=title)
    head.font = Font(bold=True, size=14)
    ws.append([head])
    ws.append([])
    for label, value in items:
        key = WriteOnlyCell(ws, value=label)
        key.font = Font(bold=True)
        cell = WriteOnlyCell(ws)
        if isinstance(value, datetime):
            cell.value, cell.number_format = value, DATETIME_FORMAT
        elif isinstance(value, date):
            cell.value = datetime(value.year, value.month, value.day)
            cell.number_format = DATE_FORMAT
        elif isinstance(value, str):
            cell.value = safe_text(value)
            cell.data_type = "s"  # store and user names are typed by people: never a formula
        else:
            cell.value = value
        ws.append([key, cell])
    # the cover is written last (it knows the row counts) but shown first
    wb.move_sheet(ws.title, offset=-(len(wb.sheetnames) - 1))
    wb.active = 0


@contextmanager
def atomic_workbook(path: Path) -> Iterator[Workbook]:
    """A write-only workbook saved to ``path`` only if the block completes.

    It is saved under a temporary name and renamed, so a cancelled or failed export never
    leaves a half-written file where the user expects a good one.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.partial")
    wb = Workbook(write_only=True)
    try:
        yield wb
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        _discard(wb)
        raise
    finally:
        tmp.unlink(missing_ok=True)


def _discard(wb: Workbook) -> None:
    """Delete the sheets' streaming temp files now rather than at interpreter exit."""
    for ws in wb.worksheets:
        try:
            if not ws.closed:
                ws.close()  # ends the row stream cleanly, so nothing complains at exit
            writer = getattr(ws, "_writer", None)
            if writer is not None:
                writer.cleanup()
        except (OSError, ValueError):
            pass  # already gone: nothing left to clean
