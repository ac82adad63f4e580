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

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db.bulk import formats, insert_rows
from app.core.db.models import (
    Location,
    Product,
    Variant,
)
from app.core.db.types import utcnow
from app.core.domain import ProductStatus, TxnType
from app.core.export import bundle_sheet
from app.core.export.import_fields import (
    FIELDS,
    PRODUCT_FIELDS,
    SHEET_NAMES,
    STOCK_FIELDS,
    Field,
    ImportKind,
    Problem,
)
from app.core.export.import_read import (
    READ_SHARE,
    Meter,
    Parsed,
    ProductRow,
    Progress,
    Sheet,
    StockRow,
    read,
)
from app.core.services import audit, catalog, ledger
from app.core.services.context import ServiceContext
from app.core.services.errors import ServiceError
from app.core.services.locations import default_location_id, list_locations
from app.core.services.permissions import Permission, require
from app.core.services.stock_levels import stock_levels
from app.core.text import msg

CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit
_KNOWN_KEY = "storesync.import_known_skus"  # session.info: the check's SKU lookup
_PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")


# --------------------------------------------------------------------------- results


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


def write_template(
    kind: ImportKind, path: Path, ctx: ServiceContext | None = None, prefill: bool = False
) -> Path:
    """A workbook with the expected headers, and a sheet explaining each column.

    With ``ctx`` the instructions also list the workspace's location codes. ``prefill``
    (stock only) fills one row per SKU and location with today's count, so a stock take
    starts from the catalog instead of typing SKUs; an unchanged row changes nothing.
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
    if prefill and ctx is not None and kind is ImportKind.STOCK:
        for level in stock_levels(ctx):
            ws.append([level.sku, level.location_name, level.on_hand, ""])
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


# --------------------------------------------------------------------------- checks


def _col(sheet: Sheet, key: str, kind: ImportKind) -> tuple[str, int | None]:
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
    s: Session, ctx: ServiceContext, sheet: Sheet, rows: list[ProductRow]
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
    sku_on_row = {r.row: r.sku for r in rows} if taken else {}  # not a scan per SKU
    for key, row in seen.items():
        if key in taken:
            sku = sku_on_row[row]
            problems.append(
                Problem(
                    row,
                    sku_col[0],
                    msg("SKU {sku} already exists in the catalog", sku=sku),
                    sku_col[1],
                )
            )
    problems += bundle_sheet.check(s, ctx, rows, _col(sheet, "components", k))
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
    s: Session, ctx: ServiceContext, sheet: Sheet, rows: list[StockRow]
) -> list[Problem]:
    problems: list[Problem] = []
    k = ImportKind.STOCK
    sku_col, loc_col = _col(sheet, "sku", k), _col(sheet, "location", k)
    known = _existing_skus(s, ctx, [catalog.sku_key(r.sku) for r in rows if r.sku])
    s.info[_KNOWN_KEY] = known  # the import, next in this transaction, reads them again
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


def _check(s: Session, ctx: ServiceContext, kind: ImportKind, parsed: Parsed) -> ImportReport:
    problems = list(parsed.problems)
    if not any(p.row == 1 for p in problems):  # without the columns, row checks mean little
        check = _check_products if kind is ImportKind.PRODUCTS else _check_stock
        problems += check(s, ctx, parsed.sheet, parsed.rows)
    if not parsed.rows and not problems:
        problems.append(Problem(2, "", msg("the sheet has no rows to import")))
    return ImportReport(kind, parsed.sheet.name, len(parsed.rows), _sorted(problems))


def validate_file(
    ctx: ServiceContext, kind: ImportKind, path: Path, progress: Progress | None = None
) -> ImportReport:
    """Check every row of the file; changes nothing. ``progress(percent, 100)`` as it goes."""
    meter = Meter(progress)
    parsed = read(kind, Path(path), _scaled(meter, 95))
    with ctx.read() as s:
        report = _check(s, ctx, kind, parsed)
    meter.at(100)
    return report


def _scaled(meter: Meter, share: int) -> Meter:
    """A meter whose reading phase fills ``share`` percent of ``meter``'s bar."""
    inner = Meter(lambda done, _total: meter.at(done * share / READ_SHARE))
    return inner


# --------------------------------------------------------------------------- import


def import_file(
    ctx: ServiceContext, kind: ImportKind, path: Path, progress: Progress | None = None
) -> ImportResult:
    """Validate, then import the whole file in one transaction, or nothing.

    Raises :class:`ImportInvalid` (with the report) when any row has a problem. The check
    against the catalog runs again inside the write transaction, so a SKU created in the
    meantime cannot slip through. ``progress(percent, 100)`` is called as it goes; 100
    only once the transaction has committed.
    """
    # who may import: the catalog's or the stock's writers (services/permissions.py)
    products = kind is ImportKind.PRODUCTS
    require(ctx, Permission.EDIT_CATALOG if products else Permission.ADJUST_STOCK)
    path = Path(path)
    meter = Meter(progress)
    parsed = read(kind, path, meter)  # 0-80 %: most of the time, outside the write lock
    with ctx.write() as s:
        report = _check(s, ctx, kind, parsed)
        if not report.ok:
            raise ImportInvalid(report)
        meter.at(READ_SHARE + 5)
        if kind is ImportKind.PRODUCTS:
            result = _import_products(s, ctx, report, parsed.rows)
        else:
            result = _import_stock(s, ctx, report, parsed.rows)
        meter.at(READ_SHARE + 12)
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
    meter.at(100)  # committed (the outbox hook ran before the commit)
    return result


def _reference(kind: ImportKind) -> str:
    return f"{kind.value}-{utcnow():%Y%m%d%H%M%S}"


def _insert_ids(s: Session, table: Any, columns: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """Insert ``rows`` with one ``executemany`` and return their ids in row order.

    Core, not the ORM: SQLAlchemy's per-value processing and RETURNING batches were most
    of a 50,000-row import. The ids are the rows above the table's largest id before the
    insert: the import holds SQLite's write lock (BEGIN IMMEDIATE, docs/ARCHITECTURE.md)
    and a table without AUTOINCREMENT gives each new row the largest rowid plus one.
    """
    conn = s.connection()
    before = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    insert_rows(conn, table, columns, rows)
    ids = list(
        conn.execute(select(table.c.id).where(table.c.id > before).order_by(table.c.id)).scalars()
    )
    if len(ids) != len(rows):  # cannot happen under the write lock; never guess ids
        raise RuntimeError(f"{table.name}: inserted {len(rows)} rows but found {len(ids)}")
    return ids


_FTS_TRIGGER = "variants_fts_ai"  # fills the catalog search index per inserted variant
_FTS_ONE_ROW = re.compile(r"\bBEGIN\s+(.*?=\s*new\.id)\s*;\s*END\s*$", re.S | re.I)


def _insert_variants(s: Session, rows: list[tuple]) -> list[int]:
    """:func:`_insert_ids` for variants, filling the search index once for all of them.

    On SQLite a trigger indexes each new variant (catalog_fts, migration 0001); run once
    per row it was a third of a 50,000-row import's write time. Here the trigger's own
    statement runs once over all the new rows instead, in the same transaction: the
    trigger is dropped and re-created from its stored text, so a rollback restores it
    and the index ends exactly as the trigger would leave it. Any other engine, or a
    trigger of another shape, takes the plain path.
    """
    conn = s.connection()
    sql = None
    if conn.dialect.name == "sqlite" and len(rows) > CHUNK:
        sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_FTS_TRIGGER,)
        ).scalar()
    body = _FTS_ONE_ROW.search(sql) if sql else None
    if sql is None or body is None or body.group(1).count("new.") != 1:
        return _insert_ids(s, Variant.__table__, _VARIANT_COLUMNS, rows)
    conn.exec_driver_sql(f"DROP TRIGGER {_FTS_TRIGGER}")
    ids = _insert_ids(s, Variant.__table__, _VARIANT_COLUMNS, rows)
    every_new = re.sub(r"=\s*new\.id$", ">= ?", body.group(1))  # ids are one run
    conn.exec_driver_sql(every_new, (ids[0],))
    conn.exec_driver_sql(sql)
    return ids


_PRODUCT_COLUMNS = (
    "workspace_id",
    "name",
    "description",
    "brand",
    "category",
    "status",
    "created_at",
    "updated_at",
)
_VARIANT_COLUMNS = (
    "workspace_id",
    "product_id",
    "sku",
    "sku_key",
    "name",
    "attributes",
    "barcode",
    "price",
    "cost",
    "weight_grams",
    "images",
    "status",
    "created_at",
    "updated_at",
)


def _import_products(
    s: Session, ctx: ServiceContext, report: ImportReport, rows: list[ProductRow]
) -> ImportResult:
    """Insert products and variants in bulk (hundreds of thousands stay quick)."""
    groups: dict[str, list[ProductRow]] = {}
    for r in rows:
        groups.setdefault(r.product.lower(), []).append(r)
    fmt = formats(s.connection().dialect)
    now = fmt.time(utcnow())
    ws_id, active = ctx.workspace_id, ProductStatus.ACTIVE.value
    heads = [
        (
            ws_id,
            members[0].product,
            next((m.description for m in members if m.description), ""),
            next((m.brand for m in members if m.brand), ""),
            next((m.category for m in members if m.category), ""),
            active,
            now,
            now,
        )
        for members in groups.values()
    ]
    ids = _insert_ids(s, Product.__table__, _PRODUCT_COLUMNS, heads)
    money = fmt.money
    variants = [
        (
            ws_id,
            pid,
            m.sku,
            catalog.sku_key(m.sku),
            m.variant,
            "{}",  # JSON, as the ORM writes an empty dict / list
            m.barcode,
            money(m.price),
            money(m.cost),
            m.weight,
            "[]",
            active,
            now,
            now,
        )
        for pid, members in zip(ids, groups.values(), strict=True)
        for m in members
    ]
    vids = _insert_variants(s, variants)
    del variants
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
    bundle_sheet.book(s, ctx, zip(vids, rows_in_groups(groups), strict=True))
    return ImportResult(
        report,
        products_created=len(ids),
        variants_created=len(vids),
        stock_rows=booked,
        units_changed=sum(r.stock for _, r in stocked),
    )


def rows_in_groups(groups: dict[str, list[ProductRow]]) -> Iterator[ProductRow]:
    """Rows in the order their variants were inserted."""
    for members in groups.values():
        yield from members


def _import_stock(
    s: Session, ctx: ServiceContext, report: ImportReport, rows: list[StockRow]
) -> ImportResult:
    known = s.info.pop(_KNOWN_KEY, None) or _existing_skus(
        s, ctx, [catalog.sku_key(r.sku) for r in rows]
    )
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
    "FIELDS",
    "PRODUCT_FIELDS",
    "SHEET_NAMES",
    "STOCK_FIELDS",
    "Field",
    "ImportInvalid",
    "ImportKind",
    "ImportReport",
    "ImportResult",
    "Problem",
    "Progress",
    "import_file",
    "validate_file",
    "write_report",
    "write_template",
]
