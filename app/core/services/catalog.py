"""The master catalog: products, variants, SKU rules, search and id snapshots.

For very large catalogs the GUI asks :func:`variant_ids` for the ids matching a filter
and sort (an id snapshot), then :func:`variant_rows` for the page it shows.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.core.db.dialects.search import CatalogMatch, fetch_ids, match_sql, text_order
from app.core.db.models import SKU_MAX_LENGTH, Product, Variant
from app.core.domain import ProductStatus
from app.core.domain.bounds import MAX_PRICE, MAX_WEIGHT_GRAMS, quantity_ok
from app.core.services import audit, bundle_rules, order_items
from app.core.services.bounds import check_amount, range_message
from app.core.services.cancel import CancelToken, cancellable
from app.core.services.context import ServiceContext
from app.core.services.errors import ConflictError, NotFoundError, ValidationError
from app.core.services.permissions import Permission, require
from app.core.text import msg

_SKU_ALLOWED = re.compile(r"^[\w\-./#+]+$")


def normalize_sku(raw: str) -> str:
    """Trim a SKU as typed; internal whitespace stays so validation can refuse it."""
    return (raw or "").strip()


def sku_key(sku: str) -> str:
    """The case-insensitive uniqueness key of a valid SKU."""
    return sku.lower()


def loose_sku_key(raw: str) -> str:
    """Case- and space-insensitive form, for matching platform SKUs to ours."""
    return re.sub(r"\s+", "", raw or "").lower()


def validate_sku(raw: str, field_name: str = "sku") -> str:
    """Return the trimmed SKU or raise a :class:`ValidationError` saying what is wrong."""
    sku = normalize_sku(raw)
    if not sku:
        raise ValidationError(msg("SKU is required"), field=field_name)
    if any(c.isspace() for c in sku):
        raise ValidationError(
            msg("SKU {sku!r} contains a space; use - or _ instead", sku=sku), field=field_name
        )
    if len(sku) > SKU_MAX_LENGTH:
        raise ValidationError(
            msg(
                "SKU is {length} characters; at most {limit} allowed",
                length=len(sku),
                limit=SKU_MAX_LENGTH,
            ),
            field=field_name,
        )
    if not _SKU_ALLOWED.match(sku):
        raise ValidationError(
            msg("SKU {sku!r} has characters other than letters, digits and - _ . / # +", sku=sku),
            field=field_name,
        )
    return sku


def parse_money(value: Any, field_name: str) -> Decimal:
    """A non-negative amount as Decimal, from Decimal, int or a string like "150000"."""
    if isinstance(value, float):
        value = str(value)
    try:
        dec = (
            Decimal(str(value).strip().replace(",", "")) if value not in (None, "") else Decimal(0)
        )
    except InvalidOperation:
        raise ValidationError(
            msg("{value!r} is not an amount", value=value), field=field_name
        ) from None
    if not dec.is_finite():
        raise ValidationError(msg("{value!r} is not an amount", value=value), field=field_name)
    if dec < 0:
        raise ValidationError(msg("amount cannot be negative"), field=field_name)
    check_amount(dec, field_name, high=MAX_PRICE)  # docs/ARCHITECTURE.md, "Bounds"
    if dec != dec.quantize(Decimal("0.01")):
        raise ValidationError(msg("amount has more than two decimals"), field=field_name)
    return dec.quantize(Decimal("0.01"))


# --------------------------------------------------------------------------- inputs, DTOs


@dataclass(frozen=True)
class VariantInput:
    """A variant as the editor or an import gives it. ``id`` None means new."""

    sku: str
    name: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    price: Decimal | int | str = 0
    cost: Decimal | int | str = 0
    weight_grams: int = 0
    barcode: str = ""
    images: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class ProductInput:
    """A product with its variants (at least one)."""

    name: str
    variants: tuple[VariantInput, ...]
    description: str = ""
    brand: str = ""
    category: str = ""


@dataclass(frozen=True)
class VariantDTO:
    """A variant as read back."""

    id: int
    sku: str
    name: str
    attributes: dict[str, str]
    price: Decimal
    cost: Decimal
    weight_grams: int
    barcode: str
    images: tuple[str, ...]
    status: ProductStatus
    # the last-units rule's per-variant override (services/channel_stock.py): None follows
    # the workspace setting; set through channel_stock.set_last_units
    last_units_threshold: int | None = None
    last_units_store_id: int | None = None


@dataclass(frozen=True)
class ProductDTO:
    """A product with its variants."""

    id: int
    name: str
    description: str
    brand: str
    category: str
    status: ProductStatus
    variants: tuple[VariantDTO, ...]


def _variant_dto(v: Variant) -> VariantDTO:
    return VariantDTO(
        v.id,
        v.sku,
        v.name,
        dict(v.attributes or {}),
        v.price,
        v.cost,
        v.weight_grams,
        v.barcode,
        tuple(v.images or ()),
        v.status,
        v.last_units_threshold,
        v.last_units_store_id,
    )


def _product_dto(p: Product) -> ProductDTO:
    return ProductDTO(
        p.id,
        p.name,
        p.description,
        p.brand,
        p.category,
        p.status,
        tuple(_variant_dto(v) for v in p.variants),
    )


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class _CleanVariant:
    id: int | None
    sku: str
    name: str
    attributes: dict[str, str]
    price: Decimal
    cost: Decimal
    weight_grams: int
    barcode: str
    images: list[str]


_TOO_LONG = {  # by field: a whole sentence each, so a translation reads naturally
    "brand": msg("brand is longer than 80 characters"),
    "category": msg("category is longer than 80 characters"),
}


def _clean_product(data: ProductInput) -> tuple[dict[str, str], list[_CleanVariant]]:
    name = (data.name or "").strip()
    if not name:
        raise ValidationError(msg("product name is required"), field="name")
    if len(name) > 255:
        raise ValidationError(msg("product name is longer than 255 characters"), field="name")
    for label, value in (("brand", data.brand), ("category", data.category)):
        if len((value or "").strip()) > 80:
            raise ValidationError(_TOO_LONG[label], field=label)
    if not data.variants:
        raise ValidationError(msg("a product needs at least one variant"), field="variants")
    cleaned: list[_CleanVariant] = []
    seen: dict[str, int] = {}
    for i, v in enumerate(data.variants):
        prefix = f"variants[{i}]."
        sku = validate_sku(v.sku, prefix + "sku")
        if sku_key(sku) in seen:
            raise ValidationError(
                msg(
                    "SKU {sku} is used twice in this product (rows {first} and {second})",
                    sku=sku,
                    first=seen[sku_key(sku)] + 1,
                    second=i + 1,
                ),
                field=prefix + "sku",
            )
        seen[sku_key(sku)] = i
        if not quantity_ok(v.weight_grams, high=MAX_WEIGHT_GRAMS):
            raise ValidationError(
                range_message("weight (g)", 0, MAX_WEIGHT_GRAMS),
                field=prefix + "weight_grams",
            )
        images = [str(x).strip() for x in v.images if str(x).strip()]
        cleaned.append(
            _CleanVariant(
                v.id,
                sku,
                (v.name or "").strip(),
                {str(k): str(val) for k, val in (v.attributes or {}).items()},
                parse_money(v.price, prefix + "price"),
                parse_money(v.cost, prefix + "cost"),
                v.weight_grams,
                (v.barcode or "").strip(),
                images,
            )
        )
    head = {
        "name": name,
        "description": (data.description or "").strip(),
        "brand": (data.brand or "").strip(),
        "category": (data.category or "").strip(),
    }
    return head, cleaned


def _check_sku_free(s: Session, ctx: ServiceContext, variants: Sequence[_CleanVariant]) -> None:
    keys = {sku_key(v.sku): v for v in variants}
    rows = s.execute(
        select(Variant.id, Variant.sku, Variant.sku_key).where(
            Variant.workspace_id == ctx.workspace_id, Variant.sku_key.in_(list(keys))
        )
    ).all()
    for vid, existing_sku, key in rows:
        if keys[key].id != vid:
            raise ConflictError(
                msg(
                    "SKU {sku} is already used by another variant ({existing})",
                    sku=keys[key].sku,
                    existing=existing_sku,
                )
            )


# --------------------------------------------------------------------------- writes


def create_product(ctx: ServiceContext, data: ProductInput) -> ProductDTO:
    """Add a product with its variants; SKUs must be new in the workspace."""
    require(ctx, Permission.EDIT_CATALOG)
    with ctx.write() as s:
        return create_product_in(s, ctx, data)


def create_product_in(s: Session, ctx: ServiceContext, data: ProductInput) -> ProductDTO:
    """:func:`create_product` inside the caller's unit of work."""
    head, variants = _clean_product(data)
    if any(v.id is not None for v in variants):
        raise ValidationError(msg("new products cannot reference existing variants"), "variants")
    _check_sku_free(s, ctx, variants)
    product = Product(workspace_id=ctx.workspace_id, **head)
    for v in variants:
        product.variants.append(_new_variant(ctx, v))
    s.add(product)
    s.flush()
    audit.record(
        s, ctx, "product", product.id, "create", None, {**head, "skus": [v.sku for v in variants]}
    )
    return _product_dto(product)


def add_variants_in(
    s: Session, ctx: ServiceContext, product_id: int, variants: tuple[VariantInput, ...]
) -> ProductDTO:
    """Add new variants to an existing product, in the caller's unit of work."""
    product = _get_product(s, ctx, product_id)
    _head, cleaned = _clean_product(ProductInput(name=product.name, variants=variants))
    _check_sku_free(s, ctx, cleaned)
    for v in cleaned:
        product.variants.append(_new_variant(ctx, v))
    s.flush()
    audit.record(
        s, ctx, "product", product.id, "add_variants", None, {"skus": [v.sku for v in cleaned]}
    )
    return _product_dto(product)


def _new_variant(ctx: ServiceContext, v: _CleanVariant) -> Variant:
    return Variant(
        workspace_id=ctx.workspace_id,
        sku=v.sku,
        sku_key=sku_key(v.sku),
        name=v.name,
        attributes=v.attributes,
        price=v.price,
        cost=v.cost,
        weight_grams=v.weight_grams,
        barcode=v.barcode,
        images=v.images,
    )


def update_product(ctx: ServiceContext, product_id: int, data: ProductInput) -> ProductDTO:
    """Edit a product: variants with an id are updated, without one are added.

    Variants left out are archived (not deleted): orders and ledger rows point at them.
    """
    require(ctx, Permission.EDIT_CATALOG)
    head, variants = _clean_product(data)
    with ctx.write() as s:
        product = _get_product(s, ctx, product_id)
        known = {v.id: v for v in product.variants}
        for v in variants:
            if v.id is not None and v.id not in known:
                raise ValidationError(
                    msg("variant {variant} does not belong to this product", variant=v.id),
                    "variants",
                )
        _check_sku_free(s, ctx, variants)
        before = {
            "name": product.name,
            "description": product.description,
            "brand": product.brand,
            "category": product.category,
        }
        for k, val in head.items():
            setattr(product, k, val)
        kept: set[int] = set()
        for v in variants:
            if v.id is None:
                product.variants.append(_new_variant(ctx, v))
                continue
            kept.add(v.id)
            _update_variant(s, ctx, known[v.id], v)
        for vid, var in known.items():
            if vid not in kept and var.status != ProductStatus.ARCHIVED:
                var.status = ProductStatus.ARCHIVED
                audit.record(s, ctx, "variant", vid, "archive", None, None)
        s.flush()
        audit.record(s, ctx, "product", product.id, "update", before, head)
        return _product_dto(product)


_AUDITED_VARIANT_FIELDS = (
    "sku",
    "name",
    "price",
    "cost",
    "weight_grams",
    "barcode",
    "attributes",
    "images",
    "status",
)


def _update_variant(s: Session, ctx: ServiceContext, var: Variant, v: _CleanVariant) -> None:
    before = {f: getattr(var, f) for f in _AUDITED_VARIANT_FIELDS}
    var.sku, var.sku_key, var.name = v.sku, sku_key(v.sku), v.name
    var.attributes, var.price, var.cost = v.attributes, v.price, v.cost
    var.weight_grams, var.barcode, var.images = v.weight_grams, v.barcode, v.images
    var.status = ProductStatus.ACTIVE
    after = {f: getattr(var, f) for f in _AUDITED_VARIANT_FIELDS}
    if before["cost"] != after["cost"]:
        require(ctx, Permission.EDIT_COSTS)
    if before != after:
        audit.record(s, ctx, "variant", var.id, "update", before, after)
    if not before["cost"] and var.cost:  # its first cost: past sales without one take it
        order_items.cost_uncosted_sales(s, {var.id: var.cost})


def set_status(ctx: ServiceContext, product_ids: Sequence[int], status: ProductStatus) -> int:
    """Archive or restore products (and their variants); returns how many changed."""
    require(ctx, Permission.EDIT_CATALOG)
    with ctx.write() as s:
        changed = 0
        for pid in product_ids:
            product = _get_product(s, ctx, pid)
            if product.status == status:
                continue
            audit.record(
                s, ctx, "product", pid, status.value, {"status": product.status}, {"status": status}
            )
            product.status = status
            for v in product.variants:
                v.status = status
            changed += 1
        return changed


def bulk_update(
    ctx: ServiceContext,
    product_ids: Sequence[int],
    *,
    category: str | None = None,
    brand: str | None = None,
    cost: Decimal | str | None = None,
) -> int:
    """Set category, brand and/or every variant's cost on several products at once."""
    require(ctx, Permission.EDIT_CATALOG)
    new_cost = None if cost is None else parse_money(cost, "cost")
    if new_cost is not None:
        require(ctx, Permission.EDIT_COSTS)
    with ctx.write() as s:
        for pid in product_ids:
            p = _get_product(s, ctx, pid)
            before = {"category": p.category, "brand": p.brand}
            if category is not None:
                p.category = category.strip()[:80]
            if brand is not None:
                p.brand = brand.strip()[:80]
            audit.record(
                s,
                ctx,
                "product",
                pid,
                "bulk_update",
                before,
                {"category": p.category, "brand": p.brand},
            )
            if new_cost is not None:
                first = {v.id: new_cost for v in p.variants if not v.cost}
                for v in p.variants:
                    audit.record(
                        s, ctx, "variant", v.id, "update", {"cost": v.cost}, {"cost": new_cost}
                    )
                    v.cost = new_cost
                # a first cost: past sales without one take it (order_items)
                order_items.cost_uncosted_sales(s, first)
        return len(product_ids)


# --------------------------------------------------------------------------- reads


def _get_product(s: Session, ctx: ServiceContext, product_id: int) -> Product:
    p = s.get(Product, product_id)
    if p is None or p.workspace_id != ctx.workspace_id:
        raise NotFoundError(msg("product {product} does not exist", product=product_id))
    return p


def get_product(ctx: ServiceContext, product_id: int) -> ProductDTO:
    """A product with its variants."""
    with ctx.read() as s:
        return _product_dto(_get_product(s, ctx, product_id))


def find_variant_by_sku(ctx: ServiceContext, sku: str) -> VariantDTO | None:
    """The variant with this SKU (case-insensitive), if any."""
    with ctx.read() as s:
        v = s.scalars(
            select(Variant).where(
                Variant.workspace_id == ctx.workspace_id,
                Variant.sku_key == sku_key(normalize_sku(sku)),
            )
        ).first()
        return None if v is None else _variant_dto(v)


def fts_query(text_in: str, *, any_word: bool = False) -> CatalogMatch | None:
    """Typed text as a catalog match: every word (or any word) matches as a prefix; the
    engine's SQL for it comes from :func:`app.core.db.dialects.search.match_sql`."""
    return CatalogMatch.parse(text_in, any_word=any_word)


SORTABLE = {
    "sku": Variant.sku,
    "name": Product.name,
    "price": Variant.price,
    "id": Variant.id,
}
# the same sorts in the typed-search SQL below (aliases v = variants, p = products)
_SEARCH_SORT_SQL = {"sku": "v.sku", "name": "p.name", "price": "v.price", "id": "v.id"}


def variant_ids(
    ctx: ServiceContext,
    search: str = "",
    *,
    sort: str = "sku",
    descending: bool = False,
    include_archived: bool = False,
    category: str | None = None,
    limit: int | None = None,
    cancel: CancelToken | None = None,
) -> array:
    """The id snapshot for a filter and sort, as a compact ``array('q')``.

    ``limit`` keeps only the first ids (a first page shown before the whole list);
    ``cancel`` stops the query from another thread (it then raises
    :class:`~app.core.services.cancel.Cancelled`).
    """
    col = SORTABLE.get(sort)
    if col is None:
        raise ValidationError(msg("cannot sort by {sort}", sort=sort), field="sort")
    q = fts_query(search)
    if search.strip() and q is None:
        return array("q")
    if q is not None:
        with ctx.read() as s, cancellable(s, cancel):
            dialect = s.get_bind().dialect.name
            sql, params = _search_ids_sql(
                ctx, dialect, q, sort, descending, include_archived, category, limit
            )
            return fetch_ids(s, sql, params)
    stmt = select(Variant.id).where(Variant.workspace_id == ctx.workspace_id)
    if sort == "name" or category:
        stmt = stmt.join(Product, Product.id == Variant.product_id)
    if not include_archived:
        stmt = stmt.where(Variant.status == ProductStatus.ACTIVE)
    if category:
        stmt = stmt.where(Product.category == category)
    order = col.desc() if descending else col.asc()
    tiebreak = Variant.id.desc() if descending else Variant.id.asc()
    stmt = stmt.order_by(order, tiebreak).limit(limit)
    with ctx.read() as s, cancellable(s, cancel):
        return collect_ids(s, stmt)


def _search_ids_sql(
    ctx: ServiceContext,
    dialect: str,
    q: CatalogMatch,
    sort: str,
    descending: bool,
    include_archived: bool,
    category: str | None,
    limit: int | None,
) -> tuple[str, dict[str, Any]]:
    """The SQL (named style) and parameters of the ids a typed search matches, filtered
    and sorted, driven by the engine's catalog index (app/core/db/dialects/).

    The matches are found first and only they are read from ``variants`` (by id) and
    ``products`` (by id), then sorted (``MatchSql.lookup``): on SQLite ``CROSS JOIN`` fixes
    that order (on PostgreSQL a ``LATERAL`` lookup, see app/core/db/dialects/search.py), because
    SQLite would otherwise walk a sort index over the whole catalog and test each variant
    against the match list (225-778 ms at 1,000,000 variants instead of a few ms; see
    tests/perf/bench_catalog.py).
    """
    direction = "DESC" if descending else "ASC"
    m = match_sql(dialect, q, category=category)
    join = m.lookup("products", "p", "v.product_id") if sort == "name" or category else ""
    where = [m.where, "v.workspace_id = :ws"]
    params: dict[str, Any] = {**m.params, "ws": ctx.workspace_id}
    if not include_archived:
        where.append("v.status = :active")
        params["active"] = ProductStatus.ACTIVE.value
    if category:
        where.append("p.category = :category")
        params["category"] = category
    tail = ""
    if limit is not None:
        tail = " LIMIT :limit"
        params["limit"] = limit
    col = _SEARCH_SORT_SQL[sort]
    order = col if sort in ("price", "id") else text_order(dialect, col)
    sql = (
        f"SELECT v.id FROM {m.source} {m.lookup('variants', 'v', m.id_col)} "
        f"{join} WHERE {' AND '.join(where)} "
        f"ORDER BY {order} {direction}, v.id {direction}{tail}"
    )
    return sql, params


def fts_variant_ids(session: Session, q: CatalogMatch):
    """A selectable of the variant ids a catalog match (from :func:`fts_query`) matches."""
    m = match_sql(session.get_bind().dialect.name, q)
    return (
        text(f"SELECT {m.id_col} AS vid FROM {m.source} WHERE {m.where}")
        .bindparams(**{k: v for k, v in m.params.items() if k != "rank_q"})
        .columns(vid=Variant.id.type)
    )


def collect_ids(session: Session, stmt) -> array:
    """Run an id query into a compact ``array('q')`` (an id snapshot), in chunks."""
    ids = array("q")
    result = session.execute(stmt).scalars()
    for chunk in iter(lambda: result.fetchmany(50_000), []):
        ids.extend(chunk)
    return ids


@dataclass(frozen=True)
class VariantRow:
    """A catalog table row."""

    id: int
    product_id: int
    sku: str
    product_name: str
    variant_name: str
    brand: str
    category: str
    price: Decimal
    cost: Decimal
    status: ProductStatus
    on_hand: int
    available: int


def variant_rows(ctx: ServiceContext, ids: Sequence[int]) -> dict[int, VariantRow]:
    """Rows for a page of ids (missing ids are simply absent)."""
    if not ids:
        return {}
    from app.core.db.models import InventoryItem

    stock = (
        select(
            InventoryItem.variant_id.label("vid"),
            func.sum(InventoryItem.on_hand).label("oh"),
            func.sum(InventoryItem.on_hand - InventoryItem.reserved).label("av"),
        )
        .where(InventoryItem.variant_id.in_(list(ids)))
        .group_by(InventoryItem.variant_id)
        .subquery()
    )
    stmt = (
        select(
            Variant.id,
            Variant.product_id,
            Variant.sku,
            Product.name,
            Variant.name,
            Product.brand,
            Product.category,
            Variant.price,
            Variant.cost,
            Variant.status,
            func.coalesce(stock.c.oh, 0),
            func.coalesce(stock.c.av, 0),
        )
        .join(Product, Product.id == Variant.product_id)
        .outerjoin(stock, stock.c.vid == Variant.id)
        # "+ 0" keeps SQLite off the workspace indexes: with one workspace they cover the
        # whole catalog, and walking them took 220-300 ms per page at 1,000,000 variants
        # (on the GUI thread); the page's ids are read by primary key instead
        .where(Variant.id.in_(list(ids)), Variant.workspace_id + 0 == ctx.workspace_id)
    )
    with ctx.read() as s:
        rows = {r[0]: VariantRow(*tuple(r)) for r in s.execute(stmt)}
        # a bundle shows what its components allow (docs/ARCHITECTURE.md, bundles and kits)
        kits = bundle_rules.bundle_available(s, rows, lambda parts: _available(s, parts))
    for vid, qty in kits.items():
        rows[vid] = replace(rows[vid], on_hand=max(0, qty), available=qty)
    return rows


def _available(s: Session, variant_ids: set[int]) -> dict[int, int]:
    from app.core.db.models import InventoryItem

    found = dict(
        s.execute(
            select(
                InventoryItem.variant_id, func.sum(InventoryItem.on_hand - InventoryItem.reserved)
            )
            .where(InventoryItem.variant_id.in_(variant_ids))
            .group_by(InventoryItem.variant_id)
        ).all()
    )
    return {v: int(found.get(v) or 0) for v in variant_ids}


def categories(ctx: ServiceContext) -> list[str]:
    """Distinct categories in use."""
    with ctx.read() as s:
        return [
            c
            for c in s.scalars(
                select(Product.category)
                .distinct()
                .where(Product.workspace_id == ctx.workspace_id, Product.category != "")
                .order_by(Product.category)
            )
        ]
