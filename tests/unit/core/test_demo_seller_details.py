"""Demo data a seller recognises (issue 15 item 9): after the first sync the demo fills
each product's brand, category and cost, so profit and the category filter are real; a
product the seller already edited is left alone."""

from __future__ import annotations

from decimal import Decimal

from app.core.services import catalog
from app.core.services.catalog import ProductInput, VariantInput
from app.demo import fill_seller_details
from app.sandbox.catalog import demo_catalog


def test_demo_products_get_brand_category_and_cost(ctx):
    demo = demo_catalog(0)
    # the first sync imported them from the listings: names, SKUs and prices only
    ids = {}
    for p in demo:
        made = catalog.create_product(
            ctx,
            ProductInput(
                name=p.name,
                variants=tuple(
                    VariantInput(sku=v.sku, name=v.name, price=v.price) for v in p.variants
                ),
            ),
        )
        ids[p.name] = made.id
    kept = demo[0]
    catalog.bulk_update(ctx, [ids[kept.name]], cost=Decimal(1234))  # the seller's own figure

    assert fill_seller_details(ctx, 0) == len(demo) - 1
    madu = catalog.get_product(ctx, ids["Madu Hutan Murni 500ml"])
    assert (madu.brand, madu.category) == ("Lebah Rimba", "Makanan & Minuman")
    assert all(Decimal(0) < v.cost < v.price for v in madu.variants)
    assert catalog.get_product(ctx, ids[kept.name]).variants[0].cost == Decimal(1234)
    assert catalog.get_product(ctx, ids[kept.name]).brand == ""
    assert len(catalog.variant_ids(ctx, category="Fashion")) > 0
    assert fill_seller_details(ctx, 0) == 0  # a second run (a resumed demo) changes nothing


def test_a_variant_imported_after_its_product_was_filled_gets_its_cost(ctx):
    """A shop listing only some variants: the rest arrive a sync later and are costed too
    (TAS-02 stayed at cost 0 and Analytics warned of it on a fresh demo)."""
    tas = next(p for p in demo_catalog(0) if len(p.variants) > 1)
    first, *later = tas.variants
    made = catalog.create_product(
        ctx,
        ProductInput(name=tas.name, variants=(VariantInput(sku=first.sku, price=first.price),)),
    )
    assert fill_seller_details(ctx, 0) == 1
    product = catalog.get_product(ctx, made.id)
    variants = [
        VariantInput(sku=v.sku, name=v.name, price=v.price, cost=v.cost, id=v.id)
        for v in product.variants
    ] + [VariantInput(sku=v.sku, name=v.name, price=v.price) for v in later]
    catalog.update_product(
        ctx,
        made.id,
        ProductInput(
            name=product.name,
            brand=product.brand,
            category=product.category,
            variants=tuple(variants),
        ),
    )
    assert fill_seller_details(ctx, 0) == 1
    assert all(v.cost == first.cost for v in catalog.get_product(ctx, made.id).variants)
