"""Excel import: good files import in one go; a file with any problem changes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, text

from app.core.db.models import AuditEntry, InventoryTransaction, Product, Variant
from app.core.domain import TxnType
from app.core.export.importer import (
    ImportInvalid,
    ImportKind,
    import_file,
    validate_file,
    write_report,
    write_template,
)
from app.core.services import catalog, inventory, locations, stock_levels
from tests.helpers.factories import product

P, S = ImportKind.PRODUCTS, ImportKind.STOCK
PRODUCT_HEADER = ["Nama Produk", "SKU", "Variasi", "Harga", "HPP", "Berat", "Stok", "Lokasi"]


def xlsx(path: Path, rows: list[list]) -> Path:
    """A workbook whose first sheet holds ``rows``."""
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def snapshot(workspace) -> tuple[int, ...]:
    """Row counts that an import may change."""
    with workspace.sessions() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(t))
            for t in (Product, Variant, InventoryTransaction, AuditEntry)
        )


def ledger_ok(workspace) -> None:
    with workspace.sessions() as s:
        assert stock_levels.ledger_mismatches(s) == []


class TestProducts:
    def test_good_file_with_indonesian_headers(self, ctx, workspace, tmp_path):
        path = xlsx(
            tmp_path / "p.xlsx",
            [
                PRODUCT_HEADER,
                ["Kaos Polos", "KAOS-M", "Merah / M", 150000, 90000, 200, 5, "MAIN"],
                ["kaos polos", "KAOS-L", "Merah / L", "150000", 90000.0, None, None, None],
                ["Topi", 12345, None, 50000.5, 20000, 100, 3, "Gudang Utama"],
            ],
        )
        result = import_file(ctx, P, path)
        assert (result.products_created, result.variants_created, result.stock_rows) == (2, 3, 2)
        kaos = catalog.find_variant_by_sku(ctx, "kaos-l")
        assert (kaos.name, kaos.price, kaos.cost) == (
            "Merah / L",
            Decimal("150000.00"),
            Decimal("90000.00"),
        )
        topi = catalog.find_variant_by_sku(ctx, "12345")  # a numeric SKU stays text
        assert topi.price == Decimal("50000.50")
        assert catalog.get_product(ctx, 1).variants[1].sku == "KAOS-L"  # grouped by name
        levels = {lv.sku: lv.on_hand for lv in stock_levels.stock_levels(ctx)}
        assert levels == {"KAOS-M": 5, "12345": 3}
        assert {m.type for m in stock_levels.movements(ctx, topi.id)} == {TxnType.IMPORT}
        ledger_ok(workspace)
        (entry,) = [
            e
            for e in __import__("app.core.services.audit", fromlist=["history"]).history(
                ctx, "import"
            )
        ]
        assert entry.after["file"] == "p.xlsx" and entry.after["variants"] == 3

    @pytest.mark.parametrize(
        ("rows", "expected"),
        [
            (
                [["Nama Produk", "Harga"], ["Kaos", 1]],
                [(1, "SKU", "the required column 'SKU' is missing")],
            ),
            ([PRODUCT_HEADER, [None, "A-1"]], [(2, "Nama Produk", "required")]),
            (
                [PRODUCT_HEADER, ["Kaos", "A 1"]],
                [(2, "SKU", "SKU 'A 1' contains a space; use - or _ instead")],
            ),
            (
                [PRODUCT_HEADER, ["Kaos", "A-1"], ["Kaos", "a-1"]],
                [(3, "SKU", "SKU a-1 is also on row 2")],
            ),
            (
                [PRODUCT_HEADER, ["Kaos", "OLD-1"]],
                [(2, "SKU", "SKU OLD-1 already exists in the catalog")],
            ),
            (
                [PRODUCT_HEADER, ["Kaos", "A-1", "", "abc"]],
                [(2, "Harga", "'abc' is not an amount")],
            ),
            (
                [PRODUCT_HEADER, ["Kaos", "A-1", "", -5]],
                [(2, "Harga", "amount cannot be negative")],
            ),
            (
                [PRODUCT_HEADER, ["Kaos", "A-1", "", 1, 1, 2.5]],
                [(2, "Berat", "2.5 is not a whole number")],
            ),
            (
                [PRODUCT_HEADER, ["Kaos", "A-1", "", 1, 1, 1, -3]],
                [(2, "Stok", "cannot be negative")],
            ),
            (
                [PRODUCT_HEADER, ["Kaos", "A-1", "", 1, 1, 1, 2, "MARS"]],
                [(2, "Lokasi", "unknown location 'MARS'")],
            ),
            ([PRODUCT_HEADER], [(2, "", "the sheet has no rows to import")]),
        ],
        ids=[
            "missing-column",
            "required",
            "sku-rule",
            "duplicate-in-file",
            "duplicate-in-catalog",
            "not-a-number",
            "negative-money",
            "not-whole",
            "negative-stock",
            "unknown-location",
            "empty",
        ],
    )
    def test_each_problem_is_reported_and_nothing_changes(
        self, ctx, workspace, tmp_path, rows, expected
    ):
        product(ctx, "Lama", ("OLD-1",))
        before = snapshot(workspace)
        path = xlsx(tmp_path / "bad.xlsx", rows)
        report = validate_file(ctx, P, path)
        assert [(p.row, p.column, p.message) for p in report.problems] == expected
        with pytest.raises(ImportInvalid) as err:
            import_file(ctx, P, path)
        assert err.value.report.problems == report.problems
        assert snapshot(workspace) == before

    def test_the_marked_copy_flags_each_problem_cell(self, ctx, tmp_path):
        path = xlsx(tmp_path / "bad.xlsx", [PRODUCT_HEADER, ["Kaos", "A 1", "", "x"], ["", "B-1"]])
        report = validate_file(ctx, P, path)
        out = write_report(path, report, tmp_path / "marked.xlsx")
        ws = load_workbook(out).active
        marked = {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment}
        assert marked == {
            "B2": "SKU 'A 1' contains a space; use - or _ instead",
            "D2": "'x' is not an amount",
            "A3": "required",
        }
        assert ws["B2"].fill.fgColor.rgb.endswith("FFC7CE")
        assert load_workbook(path).active["B2"].comment is None  # the original is untouched


class TestStock:
    def test_counts_set_on_hand_with_import_ledger_rows(self, ctx, workspace, tmp_path):
        v = product(ctx, skus=("KAOS-01", "KAOS-02")).variants
        loc = locations.list_locations(ctx)[0].id
        inventory.receive(ctx, v[0].id, loc, 10)
        path = xlsx(
            tmp_path / "s.xlsx",
            [
                ["sku", "Lokasi", "Stok Fisik", "Catatan"],
                ["kaos-01", "main", 7, "opname"],
                ["KAOS-02", "Gudang Utama", 4],
            ],
        )
        result = import_file(ctx, S, path)
        assert (result.stock_rows, result.units_changed) == (2, 7)
        assert {lv.sku: lv.on_hand for lv in stock_levels.stock_levels(ctx)} == {
            "KAOS-01": 7,
            "KAOS-02": 4,
        }
        moves = stock_levels.movements(ctx, v[0].id)
        assert (moves[0].type, moves[0].delta_on_hand, moves[0].note) == (
            TxnType.IMPORT,
            -3,
            "opname",
        )
        ledger_ok(workspace)

    def test_unknown_sku_location_and_repeated_pair(self, ctx, workspace, tmp_path):
        product(ctx, skus=("KAOS-01",))
        before = snapshot(workspace)
        path = xlsx(
            tmp_path / "s.xlsx",
            [
                ["SKU", "Location", "Counted"],
                ["NOPE", "MAIN", 1],
                ["KAOS-01", "MARS", 1],
                ["KAOS-01", "MAIN", 1],
                ["KAOS-01", "main", 2],
                ["KAOS-01", "MAIN", None],
            ],
        )
        report = validate_file(ctx, S, path)
        assert [(p.row, p.column, p.message) for p in report.problems] == [
            (2, "SKU", "SKU NOPE is not in the catalog"),
            (3, "Location", "unknown location 'MARS'"),
            (5, "SKU", "SKU KAOS-01 at main is also counted on row 4"),
            (6, "SKU", "SKU KAOS-01 at MAIN is also counted on row 4"),
            (6, "Counted", "required"),
        ]
        with pytest.raises(ImportInvalid):
            import_file(ctx, S, path)
        assert snapshot(workspace) == before

    def test_template_headers_are_recognised(self, ctx, tmp_path):
        for kind in ImportKind:
            path = write_template(kind, tmp_path / f"{kind}.xlsx", ctx)
            wb = load_workbook(path)
            assert wb.sheetnames[1] == "Instructions"
            report = validate_file(ctx, kind, path)
            assert [p.message for p in report.problems] == ["the sheet has no rows to import"]

    def test_a_prefilled_stock_template_lists_every_sku_and_imports_as_a_no_op(
        self, ctx, workspace, tmp_path
    ):
        kaos = product(ctx, skus=("KAOS-01", "KAOS-02"))
        loc = locations.list_locations(ctx)[0].id
        inventory.receive(ctx, kaos.variants[0].id, loc, 7)
        inventory.receive(ctx, kaos.variants[1].id, loc, 3)
        path = write_template(S, tmp_path / "count.xlsx", ctx, prefill=True)
        rows = list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))
        assert [(r[0], r[2]) for r in rows] == [("KAOS-01", 7), ("KAOS-02", 3)]
        before = snapshot(workspace)
        import_file(ctx, S, path)  # counted as they are: no stock moves (the import is audited)
        assert snapshot(workspace)[:3] == before[:3]
        products = load_workbook(write_template(P, tmp_path / "p.xlsx", ctx, prefill=True))
        assert products.active.max_row == 1  # prefill is for stock takes only


def test_fifty_thousand_rows_import_in_one_transaction(ctx, workspace, tmp_path):
    """50,000 product rows with opening stock: checked, then imported at once."""
    path = tmp_path / "big.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Products")
    ws.append(["Product name", "SKU", "Variant name", "Price", "Cost", "Initial stock"])
    for i in range(50_000):
        ws.append([f"Produk {i // 2}", f"SKU-{i:06d}", f"V{i % 2}", 10000 + i, 5000, i % 7])
    wb.save(path)
    result = import_file(ctx, P, path)
    assert (result.products_created, result.variants_created) == (25_000, 50_000)
    assert result.stock_rows == sum(1 for i in range(50_000) if i % 7)
    ledger_ok(workspace)


def stock_file(path: Path, skus: list[str], *, bad_last: bool) -> Path:
    """A stock count written the way big files are (write-only: no sheet dimension)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Stock")
    ws.append(["SKU", "Location", "Counted"])
    for i, sku in enumerate(skus):
        ws.append([sku, "MAIN", i % 9 + 1])
    if bad_last:
        ws.append(["NOPE-1", "MAIN", 3])
    wb.save(path)
    return path


class TestProgressAndAllOrNothing:
    SKUS = [f"P-{i:05d}" for i in range(3000)]

    @pytest.fixture
    def catalog_rows(self, ctx, tmp_path):
        rows = [["Product name", "SKU"]] + [[f"Produk {s}", s] for s in self.SKUS]
        import_file(ctx, P, xlsx(tmp_path / "catalog.xlsx", rows))

    def test_a_bad_last_row_is_reported_with_its_message_and_nothing_changes(
        self, ctx, workspace, catalog_rows, tmp_path
    ):
        before = snapshot(workspace)
        seen: list[tuple[int, int]] = []
        path = stock_file(tmp_path / "bad.xlsx", self.SKUS, bad_last=True)
        with pytest.raises(ImportInvalid) as err:
            import_file(ctx, S, path, lambda done, total: seen.append((done, total)))
        (problem,) = err.value.report.problems
        assert (problem.row, problem.column, problem.message) == (
            3002,
            "SKU",
            "SKU NOPE-1 is not in the catalog",
        )
        assert snapshot(workspace) == before and stock_levels.stock_levels(ctx) == []
        done = [d for d, _t in seen]
        assert done == sorted(done) and done[0] == 0 and max(done) < 100  # nothing committed
        assert {t for _d, t in seen} == {100}

    def test_progress_moves_forward_to_100_once_committed(
        self, ctx, workspace, catalog_rows, tmp_path
    ):
        seen: list[int] = []
        committed_at_100: list[int] = []

        def progress(done, total):
            seen.append(done)
            if done == 100:  # another session already sees the counts
                committed_at_100.append(sum(lv.on_hand for lv in stock_levels.stock_levels(ctx)))

        path = stock_file(tmp_path / "good.xlsx", self.SKUS, bad_last=False)
        result = import_file(ctx, S, path, progress)
        assert result.stock_rows == 3000
        assert seen == sorted(seen) and seen[-1] == 100 and len(seen) > 10
        assert committed_at_100 == [sum(i % 9 + 1 for i in range(3000))]
        ledger_ok(workspace)
        checks: list[int] = []
        validate_file(ctx, S, path, lambda done, _total: checks.append(done))
        assert checks == sorted(checks) and checks[-1] == 100

    def test_existing_skus_are_each_reported(self, ctx, workspace, catalog_rows, tmp_path):
        rows = [["Product name", "SKU"]] + [[f"Produk {s}", s] for s in self.SKUS]
        report = validate_file(ctx, P, xlsx(tmp_path / "again.xlsx", rows))
        assert len(report.problems) == 3000
        assert report.problems[-1].row == 3001
        assert report.problems[-1].message == f"SKU {self.SKUS[-1]} already exists in the catalog"


class TestSearchIndexOfABigImport:
    """A big products import fills the catalog search index in one statement instead of a
    trigger per variant; what a seller searches for must be the same either way."""

    FTS = "select rowid, name, sku, variant_name, brand, category from catalog_fts order by 1"
    EXPECTED = (
        "select v.id, p.name, v.sku, v.name, p.brand, p.category "
        "from variants v join products p on p.id = v.product_id order by 1"
    )
    TRIGGER = "select sql from sqlite_master where type = 'trigger' and name = 'variants_fts_ai'"

    def rows(self, n: int) -> list[list]:
        head = ["Product name", "SKU", "Variant name", "Price", "Brand", "Category"]
        return [head] + [
            [f"Kopi Gayo {i // 3}", f"GAYO-{i:04d}", f"{i % 3} kg", 1000, "Bakan", "Minuman"]
            for i in range(n)
        ]

    def test_every_new_variant_is_searchable_and_the_trigger_is_back(
        self, ctx, workspace, tmp_path
    ):
        product(ctx, "Teh Hijau", skus=("TEH-1",))  # indexed by the trigger, left alone
        with workspace.sessions() as s:
            trigger = s.execute(text(self.TRIGGER)).scalar()
        import_file(ctx, P, xlsx(tmp_path / "big.xlsx", self.rows(1200)))
        with workspace.sessions() as s:
            assert s.execute(text(self.FTS)).all() == s.execute(text(self.EXPECTED)).all()
            assert s.execute(text(self.TRIGGER)).scalar() == trigger
        assert len(catalog.variant_ids(ctx, "gayo")) == 1200
        assert len(catalog.variant_ids(ctx, "GAYO-11")) == 100  # SKU prefix
        product(ctx, "Kopi Toraja", skus=("TORAJA-1",))  # the trigger indexes new ones again
        assert len(catalog.variant_ids(ctx, "toraja")) == 1

    def test_a_failure_after_the_insert_rolls_the_trigger_back_too(
        self, ctx, workspace, tmp_path, monkeypatch
    ):
        import app.core.export.importer as importer

        def fail(*_a, **_k):
            raise RuntimeError("disk full")

        monkeypatch.setattr(importer, "_apply_counts", fail)
        rows = [r + ([5] if i else ["Initial stock"]) for i, r in enumerate(self.rows(600))]
        with workspace.sessions() as s:
            trigger = s.execute(text(self.TRIGGER)).scalar()
        before = snapshot(workspace)
        with pytest.raises(RuntimeError):
            import_file(ctx, P, xlsx(tmp_path / "big.xlsx", rows))
        assert snapshot(workspace) == before
        with workspace.sessions() as s:
            assert s.execute(text(self.TRIGGER)).scalar() == trigger
            assert s.execute(text("select count(*) from catalog_fts")).scalar() == 0
        product(ctx, "Kopi Toraja", skus=("TORAJA-1",))
        assert len(catalog.variant_ids(ctx, "toraja")) == 1
