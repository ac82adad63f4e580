"""Catalog rules: SKUs, products with variants, search, id snapshots, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.core.domain import ProductStatus
from app.core.services import audit, catalog
from app.core.services.catalog import ProductInput, VariantInput
from app.core.services.errors import ConflictError, ValidationError
from tests.helpers.factories import product


class TestSkuRules:
    def test_sku_is_trimmed(self, ctx):
        p = product(ctx, skus=("  KAOS-01  ",))
        assert p.variants[0].sku == "KAOS-01"

    @pytest.mark.parametrize(
        ("sku", "fragment"),
        [
            ("", "required"),
            ("KAOS 01", "contains a space"),
            ("X" * 65, "at most 64"),
            ("KAOS*01", "characters other than"),
        ],
    )
    def test_bad_skus_are_refused_with_the_reason_at_the_field(self, ctx, sku, fragment):
        with pytest.raises(ValidationError) as err:
            product(ctx, skus=(sku,))
        assert fragment in err.value.message
        assert err.value.field == "variants[0].sku"
        assert catalog.variant_ids(ctx).tolist() == []

    def test_skus_are_unique_case_insensitively_across_the_workspace(self, ctx):
        product(ctx, skus=("KAOS-01",))
        with pytest.raises(ConflictError, match="already used"):
            product(ctx, name="Lain", skus=("kaos-01",))

    def test_duplicate_sku_inside_one_product_names_both_rows(self, ctx):
        with pytest.raises(ValidationError, match="rows 1 and 2"):
            product(ctx, skus=("A-1", "a-1"))


class TestProducts:
    def test_product_needs_a_variant(self, ctx):
        with pytest.raises(ValidationError, match="at least one variant"):
            catalog.create_product(ctx, ProductInput(name="Kosong", variants=()))

    def test_money_is_exact_decimal(self, ctx):
        p = catalog.create_product(
            ctx,
            ProductInput(
                name="Madu", variants=(VariantInput(sku="MADU", price="150000.50", cost=99999),)
            ),
        )
        got = catalog.get_product(ctx, p.id).variants[0]
        assert got.price == Decimal("150000.50") and got.cost == Decimal("99999.00")

    def test_float_money_with_too_many_decimals_is_refused(self, ctx):
        with pytest.raises(ValidationError, match="two decimals"):
            catalog.create_product(
                ctx, ProductInput(name="X", variants=(VariantInput(sku="X1", price="1.005"),))
            )

    def test_edit_updates_adds_and_archives_left_out_variants(self, ctx):
        p = product(ctx, skus=("K-1", "K-2"))
        k1, k2 = p.variants
        updated = catalog.update_product(
            ctx,
            p.id,
            ProductInput(
                name="Kaos Baru",
                brand="Lokal",
                variants=(
                    VariantInput(id=k1.id, sku="K-1", name="Hitam", price=50000),
                    VariantInput(sku="K-3", name="Putih"),
                ),
            ),
        )
        by_sku = {v.sku: v for v in updated.variants}
        assert updated.name == "Kaos Baru"
        assert by_sku["K-1"].price == Decimal(50000) and by_sku["K-1"].name == "Hitam"
        assert by_sku["K-2"].status == ProductStatus.ARCHIVED
        assert by_sku["K-3"].status == ProductStatus.ACTIVE
        assert k2.id in {v.id for v in updated.variants}

    def test_archive_hides_from_the_default_snapshot(self, ctx):
        p = product(ctx, skus=("A-1",))
        product(ctx, name="Lain", skus=("B-1",))
        catalog.set_status(ctx, [p.id], ProductStatus.ARCHIVED)
        assert [catalog.variant_rows(ctx, [i])[i].sku for i in catalog.variant_ids(ctx)] == ["B-1"]
        assert len(catalog.variant_ids(ctx, include_archived=True)) == 2

    def test_changes_are_audited_with_before_and_after(self, ctx):
        p = product(ctx, skus=("A-1",), price=1000)
        v = p.variants[0]
        catalog.update_product(
            ctx,
            p.id,
            ProductInput(name=p.name, variants=(VariantInput(id=v.id, sku="A-1", price=2000),)),
        )
        entry = audit.history(ctx, "variant", v.id)[0]
        assert entry.before["price"] == "1000.00" and entry.after["price"] == "2000.00"
        assert entry.actor == "owner"

    def test_bulk_update_sets_category_brand_and_cost(self, ctx):
        a = product(ctx, name="A", skus=("A-1",))
        b = product(ctx, name="B", skus=("B-1", "B-2"))
        catalog.bulk_update(ctx, [a.id, b.id], category="Fashion", cost="12500")
        for pid in (a.id, b.id):
            got = catalog.get_product(ctx, pid)
            assert got.category == "Fashion"
            assert {v.cost for v in got.variants} == {Decimal(12500)}


class TestSearch:
    def test_full_text_finds_by_name_sku_brand_and_category(self, ctx):
        product(
            ctx,
            name="Kopi Arabika Gayo",
            skus=("KOPI-250",),
            brand="Gayo Mountain",
            category="Minuman",
        )
        product(ctx, name="Sambal Bawang", skus=("SMBL-01",), category="Makanan")

        def skus(q):
            return sorted(
                r.sku for r in catalog.variant_rows(ctx, catalog.variant_ids(ctx, q)).values()
            )

        assert skus("arabika") == ["KOPI-250"]
        assert skus("kop") == ["KOPI-250"]  # prefix as you type
        assert skus("KOPI-250") == ["KOPI-250"]
        assert skus("mountain") == ["KOPI-250"]
        assert skus("makanan") == ["SMBL-01"]
        assert skus("tidak ada") == []

    def test_search_follows_renames(self, ctx):
        p = product(ctx, name="Kaos Lama", skus=("K-1",))
        catalog.update_product(
            ctx,
            p.id,
            ProductInput(
                name="Kemeja Batik", variants=(VariantInput(id=p.variants[0].id, sku="K-1"),)
            ),
        )
        assert len(catalog.variant_ids(ctx, "batik")) == 1
        assert len(catalog.variant_ids(ctx, "lama")) == 0

    def test_snapshot_sorts_in_sql_both_ways(self, ctx):
        product(ctx, name="B", skus=("S-2",), price=300)
        product(ctx, name="A", skus=("S-3",), price=100)
        product(ctx, name="C", skus=("S-1",), price=200)
        rows = lambda ids: [catalog.variant_rows(ctx, [i])[i].sku for i in ids]  # noqa: E731
        assert rows(catalog.variant_ids(ctx, sort="sku")) == ["S-1", "S-2", "S-3"]
        assert rows(catalog.variant_ids(ctx, sort="name")) == ["S-3", "S-2", "S-1"]
        assert rows(catalog.variant_ids(ctx, sort="price", descending=True)) == [
            "S-2",
            "S-1",
            "S-3",
        ]
        with pytest.raises(ValidationError):
            catalog.variant_ids(ctx, sort="nope")
