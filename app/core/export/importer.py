"""Excel bulk import of products (with variants) and of stock counts.

The flow a seller sees: download a template, fill it in, import. Every row is checked
first (types, required fields, SKU rules, duplicates in the file and against the catalog,
unknown locations) and every problem is reported with its row and column, also as a copy
of the file with the problem cells marked. Only a file without problems is imported, in
one transaction, with ledger rows for every stock change and one audit entry.

Columns are found by their header, case- and space-insensitively, in English or Bahasa
Indonesia ("Nama Produk", "Stok", ...), in any order.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.core.db.models import (
    Location,
    Product,
    Variant,
)
from app.core.db.types import utcnow
from app.core.domain import TxnType
from app.core.domain.bounds import MAX_QUANTITY, MAX_WEIGHT_GRAMS
from app.core.services import audit, catalog, ledger
from app.core.services.bounds import range_message
from app.core.services.context import ServiceContext
from app.core.services.errors import ServiceError, ValidationError
from app.core.services.locations import default_location_id, list_locations
from app.core.text import msg

CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit
_PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")


class ImportKind(enum.StrEnum):
    """What a file imports (the values are the command-line names)."""

    PRODUCTS = "products"
    STOCK = "stock"


@dataclass(frozen=True)
class Field:
    """A column the importer understands."""

    key: str
    header: str  # as the template writes it
    required: bool
    synonyms: tuple[str, ...]
    hint: str


def _norm(text: Any) -> str:
    """Header matching key: lower case, no spaces, underscores, dots or brackets."""
    return re.sub(r"[\s_\-./()*:]+", "", str(text or "")).lower()


PRODUCT_FIELDS = (
    Field("product", "Product name", True, ("product", "namaproduk", "produk"), "required"),
    Field("sku", "SKU", True, ("kodesku", "skuvariasi", "kodebarang"), "required, unique"),
    Field("variant", "Variant name", False, ("variant", "variasi", "namavariasi", "varian"), ""),
    Field("price", "Price", False, ("harga", "hargajual"), "Rupiah, e.g. 150000"),
    Field("cost", "Cost", False, ("hpp", "modal", "hargamodal", "costprice"), "Rupiah"),
    Field("weight", "Weight (g)", False, ("weight", "berat", "beratgram", "beratg"), "grams"),
    Field("barcode", "Barcode", False, ("ean", "kodebarcode"), ""),
    Field("brand", "Brand", False, ("merek", "merk"), ""),
    Field("category", "Category", False, ("kategori",), ""),
    Field("description", "Description", False, ("deskripsi",), ""),
    Field("stock", "Initial stock", False, ("stock", "stok", "stokawal", "qty", "jumlah"), ""),
    Field("location", "Location", False, ("lokasi", "gudang", "locationcode"), "code or name"),
)
STOCK_FIELDS = (
    Field("sku", "SKU", True, ("kodesku", "kodebarang"), "required"),
    Field("location", "Location", True, ("lokasi", "gudang", "locationcode"), "code or name"),
    Field(
        "counted",
        "Counted",
        True,
        ("count", "stock", "stok", "stokfisik", "jumlah", "qty", "quantity", "onhand"),
        f"whole number, 0 to {MAX_QUANTITY:,}",
    ),
    Field("note", "Note", False, ("notes", "catatan", "keterangan"), ""),
)
FIELDS = {ImportKind.PRODUCTS: PRODUCT_FIELDS, ImportKind.STOCK: STOCK_FIELDS}
SHEET_NAMES = {ImportKind.PRODUCTS: "Products", ImportKind.STOCK: "Stock"}


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, where a person can find it."""

    row: int  # the spreadsheet's row number (1 is the header)
    column: str  # the header as written in the file, or the expected header if missing
    message: str
    col_index: int | None = None  # 1-based column in the sheet, when there is one


@dataclass(frozen=True)
class ImportReport:
    """What validation found."""

    kind: ImportKind
    sheet: str
    rows: int  # data rows read
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when the file can be imported."""
        return not self.problems


@dataclass(frozen=True)
class ImportResult:
    """What an import changed."""

    report: ImportReport
    products_created: int = 0
    variants_created: int = 0
    stock_rows: int = 0  # ledger rows written
    units_changed: int = 0  # sum of the absolute on-hand changes


class ImportInvalid(ServiceError):
    """The file has problems; nothing was imported. ``report`` lists them."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            msg(
                "{count} problem(s) in the file; nothing was imported",
                count=len(report.problems),
            )
        )
        self.report = report


# --------------------------------------------------------------------------- templates


def write_template(kind: ImportKind, path: Path, ctx: ServiceContext | None = None) -> Path:
    """A workbook with the expected headers, and a sheet explaining each column.

    With ``ctx`` the instructions also list the workspace's location codes.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAMES[kind]
    fields = FIELDS[kind]
    ws.append([f.header for f in fields])
    for i, f in enumerate(fields, 1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = max(14, len(f.header) + 4)
    ws.freeze_panes = "A2"
    info = wb.create_sheet("Instructions")
    info.append(["Column", "Required", "What to enter", "Also recognised as"])
    for c in info[1]:
        c.font = Font(bold=True)
    for f in fields:
        info.append([f.header, "yes" if f.required else "", f.hint, ", ".join(f.synonyms)])
    info.append([])
    if kind is ImportKind.PRODUCTS:
        info.append(["Rows with the same product name become variants of one product."])
        info.append(["Initial stock goes to the Location given, else the default location."])
    else:
        info.append(["Counted sets the stock on hand to that number (a stock count)."])
    if ctx is not None:
        info.append([])
        info.append(["Location codes"])
        for loc in list_locations(ctx):
            info.append([loc.code, loc.name])
    for col, width in zip("ABCD", (18, 10, 40, 48), strict=True):
        info.column_dimensions[col].width = width
    wb.save(path)
    return Path(path)


# --------------------------------------------------------------------------- reading


@dataclass
class _Sheet:
    """The data rows of the sheet that holds the import, with its column mapping."""

    name: str
    columns: dict[str, int]  # field key -> 0-based column
    headers: list[str]
    rows: list[tuple[int, tuple[Any, ...]]]  # (spreadsheet row, values)
    problems: list[Problem] = field(default_factory=list)


def _match_columns(kind: ImportKind, header: Sequence[Any]) -> tuple[dict[str, int], list[Problem]]:
    lookup: dict[str, str] = {}
    for f in FIELDS[kind]:
        for name in (f.key, f.header, *f.synonyms):
            lookup.setdefault(_norm(name), f.key)
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for i, text in enumerate(header):
        key = lookup.get(_norm(text))
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


def _read(kind: ImportKind, path: Path) -> _Sheet:
    """The sheet whose header names our columns best (the first one on a tie)."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValidationError(
            msg("cannot read {file}: {error}", file=Path(path).name, error=str(exc)),
            field="file",
        ) from None
    try:
        best: _Sheet | None = None
        for ws in wb.worksheets:
            it = ws.iter_rows(values_only=True)
            header = list(next(it, ()) or ())
            columns, problems = _match_columns(kind, header)
            if best is not None and len(columns) <= len(best.columns):
                continue
            rows = [
                (n, tuple(values))
                for n, values in enumerate(it, 2)
                if any(v not in (None, "") for v in values)
            ]
            best = _Sheet(ws.title, columns, [str(h or "") for h in header], rows, problems)
        if best is None:
            raise ValidationError(msg("the workbook has no sheets"), field="file")
        return best
    finally:
        wb.close()


# --------------------------------------------------------------------------- cell parsing


class _Row:
    """One data row with its column mapping; parse errors collect as problems."""

    def __init__(self, sheet: _Sheet, number: int, values: tuple[Any, ...], kind: ImportKind):
        self.sheet, self.number, self.values = sheet, number, values
        self.fields = {f.key: f for f in FIELDS[kind]}
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


@dataclass(frozen=True)
class _ProductRow:
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


@dataclass(frozen=True)
class _StockRow:
    row: int
    sku: str
    location: str
    counted: int
    note: str


def _parse_products(sheet: _Sheet) -> tuple[list[_ProductRow], list[Problem]]:
    out, problems = [], []
    for number, values in sheet.rows:
        r = _Row(sheet, number, values, ImportKind.PRODUCTS)
        parsed = _ProductRow(
            number,
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
        )
        out.append(parsed)
        problems += r.problems
    return out, problems


def _parse_stock(sheet: _Sheet) -> tuple[list[_StockRow], list[Problem]]:
    out, problems = [], []
    for number, values in sheet.rows:
        r = _Row(sheet, number, values, ImportKind.STOCK)
        counted = r.whole("counted", default=None)
        out.append(_StockRow(number, r.sku(), r.text("location"), counted or 0, r.text("note")))
        problems += r.problems
    return out, problems


# --------------------------------------------------------------------------- checks


def _col(sheet: _Sheet, key: str, kind: ImportKind) -> tuple[str, int | None]:
    col = sheet.columns.get(key)
    if col is not None:
        return sheet.headers[col], col + 1
    return next(f.header for f in FIELDS[kind] if f.key == key), None


def _existing_skus(s: Session, ctx: ServiceContext, keys: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    unique = list(dict.fromkeys(keys))
    for i in range(0, len(unique), CHUNK):
        found.update(
            (k, vid)
            for k, vid in s.execute(
                select(Variant.sku_key, Variant.id).where(
                    Variant.workspace_id == ctx.workspace_id,
                    Variant.sku_key.in_(unique[i : i + CHUNK]),
                )
            )
        )
    return found


def _locations(s: Session, ctx: ServiceContext) -> dict[str, int]:
    """Active locations by lower-cased code and by lower-cased name."""
    out: dict[str, int] = {}
    for lid, code, name in s.execute(
        select(Location.id, Location.code, Location.name).where(
            Location.workspace_id == ctx.workspace_id, Location.active.is_(True)
        )
    ):
        out.setdefault(name.strip().lower(), lid)
        out[code.strip().lower()] = lid  # a code wins over another location's name
    return out


def _check_products(
    s: Session, ctx: ServiceContext, sheet: _Sheet, rows: list[_ProductRow]
) -> list[Problem]:
    problems: list[Problem] = []
    k = ImportKind.PRODUCTS
    sku_col, loc_col = _col(sheet, "sku", k), _col(sheet, "location", k)
    seen: dict[str, int] = {}
    for r in rows:
        if not r.sku:
            continue
        key = catalog.sku_key(r.sku)
        if key in seen:
            problems.append(
                Problem(
                    r.row,
                    sku_col[0],
                    msg("SKU {sku} is also on row {row}", sku=r.sku, row=seen[key]),
                    sku_col[1],
                )
            )
        else:
            seen[key] = r.row
    taken = _existing_skus(s, ctx, list(seen))
    for key, row in seen.items():
        if key in taken:
            sku = next(r.sku for r in rows if r.row == row)
            problems.append(
                Problem(
                    row,
                    sku_col[0],
                    msg("SKU {sku} already exists in the catalog", sku=sku),
                    sku_col[1],
                )
            )
    locations = _locations(s, ctx)
    for r in rows:
        if r.location and r.location.lower() not in locations:
            problems.append(
                Problem(
                    r.row,
                    loc_col[0],
                    msg("unknown location {location!r}", location=r.location),
                    loc_col[1],
                )
            )
    return problems


def _check_stock(
    s: Session, ctx: ServiceContext, sheet: _Sheet, rows: list[_StockRow]
) -> list[Problem]:
    problems: list[Problem] = []
    k = ImportKind.STOCK
    sku_col, loc_col = _col(sheet, "sku", k), _col(sheet, "location", k)
    known = _existing_skus(s, ctx, [catalog.sku_key(r.sku) for r in rows if r.sku])
    locations = _locations(s, ctx)
    seen: dict[tuple[str, int], int] = {}
    for r in rows:
        loc = locations.get(r.location.lower()) if r.location else None
        if r.location and loc is None:
            problems.append(
                Problem(
                    r.row,
                    loc_col[0],
                    msg("unknown location {location!r}", location=r.location),
                    loc_col[1],
                )
            )
        if not r.sku:
            continue
        key = catalog.sku_key(r.sku)
        if key not in known:
            problems.append(
                Problem(
                    r.row,
                    sku_col[0],
                    msg("SKU {sku} is not in the catalog", sku=r.sku),
                    sku_col[1],
                )
            )
        if loc is not None:
            if (key, loc) in seen:
                problems.append(
                    Problem(
                        r.row,
                        sku_col[0],
                        msg(
                            "SKU {sku} at {location} is also counted on row {row}",
                            sku=r.sku,
                            location=r.location,
                            row=seen[key, loc],
                        ),
                        sku_col[1],
                    )
                )
            else:
                seen[key, loc] = r.row
    return problems


def _sorted(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.row, p.col_index or 0, p.message)))


@dataclass
class _Parsed:
    sheet: _Sheet
    rows: list[Any]
    problems: list[Problem]


def _parse(kind: ImportKind, path: Path) -> _Parsed:
    sheet = _read(kind, path)
    if kind is ImportKind.PRODUCTS:
        rows, problems = _parse_products(sheet)
    else:
        rows, problems = _parse_stock(sheet)
    return _Parsed(sheet, rows, sheet.problems + problems)


def _check(s: Session, ctx: ServiceContext, kind: ImportKind, parsed: _Parsed) -> ImportReport:
    problems = list(parsed.problems)
    if not any(p.row == 1 for p in problems):  # without the columns, row checks mean little
        check = _check_products if kind is ImportKind.PRODUCTS else _check_stock
        problems += check(s, ctx, parsed.sheet, parsed.rows)
    if not parsed.rows and not problems:
        problems.append(Problem(2, "", msg("the sheet has no rows to import")))
    return ImportReport(kind, parsed.sheet.name, len(parsed.rows), _sorted(problems))


def validate_file(ctx: ServiceContext, kind: ImportKind, path: Path) -> ImportReport:
    """Check every row of the file; changes nothing."""
    parsed = _parse(kind, Path(path))
    with ctx.read() as s:
        return _check(s, ctx, kind, parsed)


# --------------------------------------------------------------------------- import


def import_file(ctx: ServiceContext, kind: ImportKind, path: Path) -> ImportResult:
    """Validate, then import the whole file in one transaction, or nothing.

    Raises :class:`ImportInvalid` (with the report) when any row has a problem. The check
    against the catalog runs again inside the write transaction, so a SKU created in the
    meantime cannot slip through.
    """
    path = Path(path)
    parsed = _parse(kind, path)
    with ctx.write() as s:
        report = _check(s, ctx, kind, parsed)
        if not report.ok:
            raise ImportInvalid(report)
        if kind is ImportKind.PRODUCTS:
            result = _import_products(s, ctx, report, parsed.rows)
        else:
            result = _import_stock(s, ctx, report, parsed.rows)
        audit.record(
            s,
            ctx,
            "import",
            f"{kind.value}:{utcnow():%Y%m%dT%H%M%S}",
            "import",
            None,
            {
                "file": path.name,
                "rows": report.rows,
                "products": result.products_created,
                "variants": result.variants_created,
                "ledger_rows": result.stock_rows,
            },
            note=f"Excel import of {kind.value} from {path.name}",
        )
        return result


def _reference(kind: ImportKind) -> str:
    return f"{kind.value}-{utcnow():%Y%m%d%H%M%S}"


def _import_products(
    s: Session, ctx: ServiceContext, report: ImportReport, rows: list[_ProductRow]
) -> ImportResult:
    """Insert products and variants in bulk (hundreds of thousands stay quick)."""
    groups: dict[str, list[_ProductRow]] = {}
    for r in rows:
        groups.setdefault(r.product.lower(), []).append(r)
    now = utcnow()
    heads = []
    for members in groups.values():
        first = members[0]
        heads.append(
            dict(
                workspace_id=ctx.workspace_id,
                name=first.product,
                description=next((m.description for m in members if m.description), ""),
                brand=next((m.brand for m in members if m.brand), ""),
                category=next((m.category for m in members if m.category), ""),
                status="active",
                created_at=now,
                updated_at=now,
            )
        )
    ids = s.scalars(
        insert(Product).returning(Product.id, sort_by_parameter_order=True), heads
    ).all()
    variants = []
    for pid, members in zip(ids, groups.values(), strict=True):
        for m in members:
            variants.append(
                dict(
                    workspace_id=ctx.workspace_id,
                    product_id=pid,
                    sku=m.sku,
                    sku_key=catalog.sku_key(m.sku),
                    name=m.variant,
                    attributes={},
                    barcode=m.barcode,
                    price=m.price,
                    cost=m.cost,
                    weight_grams=m.weight,
                    images=[],
                    status="active",
                    created_at=now,
                    updated_at=now,
                )
            )
    vids = s.scalars(
        insert(Variant).returning(Variant.id, sort_by_parameter_order=True), variants
    ).all()
    stocked = [(vid, r) for vid, r in zip(vids, rows_in_groups(groups), strict=True) if r.stock]
    booked = 0
    if stocked:
        locations = _locations(s, ctx)
        default = default_location_id(s, ctx.workspace_id)
        counts = [
            (vid, locations[r.location.lower()] if r.location else default, r.stock, "")
            for vid, r in stocked
        ]
        booked = _apply_counts(s, ctx, counts, _reference(ImportKind.PRODUCTS)).rows
    return ImportResult(
        report,
        products_created=len(ids),
        variants_created=len(vids),
        stock_rows=booked,
        units_changed=sum(r.stock for _, r in stocked),
    )


def rows_in_groups(groups: dict[str, list[_ProductRow]]) -> Iterator[_ProductRow]:
    """Rows in the order their variants were inserted."""
    for members in groups.values():
        yield from members


def _import_stock(
    s: Session, ctx: ServiceContext, report: ImportReport, rows: list[_StockRow]
) -> ImportResult:
    known = _existing_skus(s, ctx, [catalog.sku_key(r.sku) for r in rows])
    locations = _locations(s, ctx)
    counts = [
        (known[catalog.sku_key(r.sku)], locations[r.location.lower()], r.counted, r.note)
        for r in rows
    ]
    applied = _apply_counts(s, ctx, counts, _reference(ImportKind.STOCK))
    return ImportResult(report, stock_rows=applied.rows, units_changed=applied.units)


def _apply_counts(
    s: Session, ctx: ServiceContext, counts: list[tuple[int, int, int, str]], reference: str
) -> ledger.CountsApplied:
    """Book counted quantities (stocktake semantics) through the ledger's bulk path."""
    return ledger.set_counts(
        s,
        counts,
        txn_type=TxnType.IMPORT,
        actor=ctx.actor,
        reference_type=ledger.RefType.IMPORT,
        reference_id=reference,
        default_note="Excel import",
    )


# --------------------------------------------------------------------------- the marked copy


def write_report(source: Path, report: ImportReport, out: Path) -> Path:
    """A copy of ``source`` with every problem cell filled red and commented.

    Problems without a cell (a missing column) are noted on the header's first cell.
    """
    wb = load_workbook(source)
    ws = wb[report.sheet] if report.sheet in wb.sheetnames else wb.worksheets[0]
    notes: dict[tuple[int, int], list[str]] = {}
    for p in report.problems:
        notes.setdefault((p.row, p.col_index or 1), []).append(
            p.message if p.col_index else f"{p.column}: {p.message}"
        )
    for (row, col), messages in notes.items():
        cell = ws.cell(row=row, column=col)
        cell.fill = _PROBLEM_FILL
        cell.comment = Comment("\n".join(messages), "StoreSync")
    wb.save(out)
    return Path(out)


__all__ = [
    "ImportInvalid",
    "ImportKind",
    "ImportReport",
    "ImportResult",
    "Problem",
    "import_file",
    "validate_file",
    "write_report",
    "write_template",
]
