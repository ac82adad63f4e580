"""The product workbook's Components column: a bundle defined by import, checked like
every other column (all or nothing), and written back by the product export."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.core.db.models import BundleComponent, Variant
from app.core.export.importer import ImportInvalid, ImportKind, import_file
from app.core.export.products_sheet import export_products
from app.core.services import bundles, catalog, stock_levels
from tests.helpers.factories import product

HEADER = ["Product name", "SKU", "Initial stock", "Components"]


def xlsx(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def counts(workspace) -> tuple[int, int]:
    with workspace.sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(Variant)),
            s.scalar(select(func.count()).select_from(BundleComponent)),
        )


def test_a_bundle_of_two_components_imports_and_shows_the_minimum(ctx, workspace, tmp_path):
    product(ctx, name="Mug", skus=("MUG-01",))  # a component already in the catalog
    path = xlsx(
        tmp_path / "p.xlsx",
        [
            HEADER,
            ["Kaos", "TEE-RED-M", 9, ""],
            ["Gift set", "GIFT-SET", None, "tee-red-m×2, MUG-01 x 1"],
            ["Twin pack", "TWIN-TEE", None, "TEE-RED-M*2"],
        ],
    )
    import_file(ctx, ImportKind.PRODUCTS, path)
    gift = catalog.find_variant_by_sku(ctx, "GIFT-SET").id
    twin = catalog.find_variant_by_sku(ctx, "TWIN-TEE").id
    assert [(c.sku, c.quantity) for c in bundles.components(ctx, gift)] == [
        ("MUG-01", 1),
        ("TEE-RED-M", 2),
    ]
    with ctx.read() as s:
        got = stock_levels.available_by_variant(s, [gift, twin], 1)
    assert got == {gift: 0, twin: 4}  # no mugs yet; 9 tees // 2


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Set", "SET-1", None, "NOPE×2"]], "unknown component SKU NOPE"),
        ([["Set", "SET-1", 5, "TEE-RED-M×2"]], "leave Initial stock empty"),
        ([["Set", "SET-1", None, "TEE-RED-M×0"]], "from 1 to 1000"),
        ([["Set", "SET-1", None, "SET-1×1"]], "component of itself"),
        (
            [["A", "SET-A", None, "SET-B×1"], ["B", "SET-B", None, "SET-A×2"]],
            "a bundle cannot contain itself: SET-A → SET-B → SET-A",
        ),
    ],
)
def test_a_bad_components_cell_imports_nothing(ctx, workspace, tmp_path, rows, message):
    path = xlsx(tmp_path / "p.xlsx", [HEADER, ["Kaos", "TEE-RED-M", 9, ""], *rows])
    before = counts(workspace)
    with pytest.raises(ImportInvalid) as exc:
        import_file(ctx, ImportKind.PRODUCTS, path)
    problems = exc.value.report.problems
    assert any(message in str(p.message) and p.column == "Components" for p in problems)
    assert counts(workspace) == before


def test_the_product_export_writes_components(ctx, tmp_path):
    product(ctx, name="Kit", skus=("TEE-RED-M", "MUG-01", "GIFT-SET"))
    bundles.set_components_by_sku(ctx, "GIFT-SET", "TEE-RED-M×2, MUG-01×1")
    assert export_products(ctx, tmp_path / "catalog.xlsx") == 3
    sheet = load_workbook(tmp_path / "catalog.xlsx")["Products"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("SKU")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["GIFT-SET"][header.index("Components")] == "MUG-01×1, TEE-RED-M×2"
    assert rows["MUG-01"][header.index("Components")] in (None, "")
