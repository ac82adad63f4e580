"""Reading an import file: the sheet whose header names our columns best, streamed row by
row (openpyxl read-only) and parsed as it is read, so only the parsed rows stay in memory.

Every cell rule (types, required, lengths, SKU rules, bounds) and its message lives here;
the checks against the catalog are in :mod:`app.core.export.importer`.
docs/ARCHITECTURE.md, "Stock and the ledger": the import is all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from app.core.domain.bounds import MAX_QUANTITY, MAX_WEIGHT_GRAMS
from app.core.export.import_fields import FIELDS, Field, ImportKind, Problem, norm
from app.core.services import catalog
from app.core.services.bounds import range_message
from app.core.services.errors import ValidationError
from app.core.text import msg

Progress = Callable[[int, int], bool | None]
"""Called as ``progress(done, total)`` with ``total`` 100: the percentage done (the same
shape as an export's progress)."""

READ_SHARE = 80  # of the bar: reading and parsing the rows is most of an import's time
_EVERY = 250  # rows between two progress reports
_FIELDS_BY_KEY: dict[ImportKind, dict[str, Field]] = {
    kind: {f.key: f for f in fields} for kind, fields in FIELDS.items()
}


class Meter:
    """A percentage that only moves forward, reported to an optional callback."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self.last = -1

    def at(self, percent: float) -> None:
        """Report ``percent`` (clamped to 0-100) if it moved by a whole point."""
        p = max(0, min(100, int(percent)))
        if self._progress is not None and p > self.last:
            self.last = p
            self._progress(p, 100)


def _count_rows(wb: Any, ws: Any) -> int:
    """Rows in a sheet without a dimension (files written by some tools, openpyxl's
    write-only mode among them): the ``<row`` tags of its XML, counted while streaming it
    through zlib (a fraction of the parse). 0 when there is no telling."""
    try:
        src = wb._archive.open(ws._worksheet_path)  # openpyxl's own handle on the zip
    except (AttributeError, KeyError, OSError):
        return 0
    count, tail = 0, b""
    with src:
        while chunk := src.read(1 << 20):
            data = tail + chunk
            count += data.count(b"<row") - tail.count(b"<row")
            tail = data[-4:]
    return count


# --------------------------------------------------------------------------- the sheet


@dataclass
class Sheet:
    """The sheet that holds the import: its column mapping and header problems."""

    kind: ImportKind
    name: str
    columns: dict[str, int]  # field key -> 0-based column
    headers: list[str]
    problems: list[Problem] = field(default_factory=list)


def _match_columns(kind: ImportKind, header: Sequence[Any]) -> tuple[dict[str, int], list[Problem]]:
    lookup: dict[str, str] = {}
    for f in FIELDS[kind]:
        for name in (f.key, f.header, *f.synonyms):
            lookup.setdefault(norm(name), f.key)
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for i, text in enumerate(header):
        key = lookup.get(norm(text))
        if key is None:
            continue
        if key in columns:
            problems.append(
                Problem(1, str(text), msg("this column appears twice; keep one"), col_index=i + 1)
            )
            continue
        columns[key] = i
    for f in FIELDS[kind]:
        if f.required and f.key not in columns:
            problems.append(
                Problem(
                    1, f.header, msg("the required column {column!r} is missing", column=f.header)
                )
            )
    return columns, problems


@dataclass
class Parsed:
    """A file read and parsed: its sheet, one parsed row per data row, cell problems."""

    sheet: Sheet
    rows: list[Any]  # ProductRow or StockRow, in file order
    problems: list[Problem]


def read(kind: ImportKind, path: Path, meter: Meter | None = None) -> Parsed:
    """Parse the sheet whose header names our columns best (the first one on a tie).

    Only the headers of the other sheets are read; the chosen sheet is streamed once.
    """
    meter = meter or Meter(None)
    meter.at(0)  # a bar shows at once, before the workbook opens
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValidationError(
            msg("cannot read {file}: {error}", file=Path(path).name, error=str(exc)),
            field="file",
        ) from None
    try:
        best: tuple[Any, Sheet] | None = None
        for ws in wb.worksheets:
            header = list(next(ws.iter_rows(max_row=1, values_only=True), ()) or ())
            columns, problems = _match_columns(kind, header)
            if best is None or len(columns) > len(best[1].columns):
                headers = [str(h or "") for h in header]
                best = (ws, Sheet(kind, ws.title, columns, headers, problems))
        if best is None:
            raise ValidationError(msg("the workbook has no sheets"), field="file")
        ws, sheet = best
        parse = _product_row if kind is ImportKind.PRODUCTS else _stock_row
        total = ws.max_row or _count_rows(wb, ws)  # the dimension, else a quick count
        rows: list[Any] = []
        problems = list(sheet.problems)
        for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), 2):
            if not any(v is not None and v != "" for v in values):
                continue
            r = Row(sheet, number, values)
            rows.append(parse(r))
            if r.problems:
                problems += r.problems
            if number % _EVERY == 0 and total:
                meter.at(READ_SHARE * number / total)
        meter.at(READ_SHARE)
        return Parsed(sheet, rows, problems)
    finally:
        wb.close()


# --------------------------------------------------------------------------- cell parsing


class Row:
    """One data row with its column mapping; parse errors collect as problems."""

    __slots__ = ("fields", "number", "problems", "sheet", "values")

    def __init__(self, sheet: Sheet, number: int, values: tuple[Any, ...]):
        self.sheet, self.number, self.values = sheet, number, values
        self.fields = _FIELDS_BY_KEY[sheet.kind]  # built once, not per row
        self.problems: list[Problem] = []

    def header(self, key: str) -> str:
        col = self.sheet.columns.get(key)
        return self.sheet.headers[col] if col is not None else self.fields[key].header

    def problem(self, key: str, message: str) -> None:
        col = self.sheet.columns.get(key)
        header = self.header(key)
        self.problems.append(
            Problem(self.number, header, message, None if col is None else col + 1)
        )

    def raw(self, key: str) -> Any:
        col = self.sheet.columns.get(key)
        if col is None or col >= len(self.values):
            return None
        value = self.values[col]
        return value.strip() if isinstance(value, str) else value

    def text(self, key: str, max_len: int | None = None) -> str:
        value = self.raw(key)
        if value is None:
            out = ""
        elif isinstance(value, float) and value.is_integer():
            out = str(int(value))  # a SKU typed as 12345 comes back as a number
        else:
            out = str(value).strip()
        if not out and self.fields[key].required and key in self.sheet.columns:
            self.problem(key, msg("required"))  # a missing column is reported once, on row 1
        if max_len is not None and len(out) > max_len:
            self.problem(key, msg("longer than {max_len} characters", max_len=max_len))
        return out

    def money(self, key: str) -> Decimal:
        value = self.raw(key)
        if isinstance(value, bool):
            self.problem(key, msg("{value!r} is not an amount", value=value))
            return Decimal(0)
        try:
            return catalog.parse_money(value, key)
        except ValidationError as exc:
            self.problem(key, exc.message)
            return Decimal(0)

    def whole(self, key: str, *, default: int | None = 0, high: int = MAX_QUANTITY) -> int | None:
        value = self.raw(key)
        if value in (None, ""):
            if self.fields[key].required and key in self.sheet.columns:
                self.problem(key, msg("required"))
            return default
        try:
            number = Decimal(str(value).replace(",", "")) if not isinstance(value, bool) else None
        except ArithmeticError:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            self.problem(key, msg("{value!r} is not a whole number", value=value))
            return default
        if number < 0:
            self.problem(key, msg("cannot be negative"))
            return default
        if number > high:  # docs/ARCHITECTURE.md, "Bounds": nothing may overflow later
            self.problem(key, range_message(self.header(key), 0, high))
            return default
        return int(number)

    def sku(self) -> str:
        text = self.text("sku")
        if not text:
            return ""
        try:
            return catalog.validate_sku(text)
        except ValidationError as exc:
            self.problem("sku", exc.message)
            return ""


# --------------------------------------------------------------------------- parsed rows


@dataclass(frozen=True, slots=True)
class ProductRow:
    row: int
    product: str
    sku: str
    variant: str
    price: Decimal
    cost: Decimal
    weight: int
    barcode: str
    brand: str
    category: str
    description: str
    stock: int
    location: str
    components: str = ""  # a bundle's "SKU×qty, ..." (checked by export/bundle_sheet.py)


@dataclass(frozen=True, slots=True)
class StockRow:
    row: int
    sku: str
    location: str
    counted: int
    note: str


def _product_row(r: Row) -> ProductRow:
    return ProductRow(
        r.number,
        r.text("product", 255),
        r.sku(),
        r.text("variant", 255),
        r.money("price"),
        r.money("cost"),
        r.whole("weight", high=MAX_WEIGHT_GRAMS) or 0,
        r.text("barcode", 80),
        r.text("brand", 80),
        r.text("category", 80),
        r.text("description"),
        r.whole("stock") or 0,
        r.text("location"),
        r.text("components"),
    )


def _stock_row(r: Row) -> StockRow:
    counted = r.whole("counted", default=None)
    return StockRow(r.number, r.sku(), r.text("location"), counted or 0, r.text("note"))
