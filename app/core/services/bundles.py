"""Editing bundles and kits: which components (variant × quantity) make a bundle.

The stock rules a bundle follows are :mod:`app.core.services.bundle_rules`; this module
owns what the seller edits (product editor, Excel import, ``storesync bundles``) and its
checks (docs/ARCHITECTURE.md, bundles and kits):

- components are other variants of the workspace, each with a whole quantity 1-1000,
  each named once;
- no cycles: a bundle cannot contain itself, directly or through another bundle;
- a variant holding stock cannot become a bundle (its stock would be stranded: count it
  to 0 first), and a bundle's components cannot change while an open order line holds
  them (its release would give back different units);
- the text form is ``SKU×qty`` entries separated by commas (``TEE-RED-M×2, MUG-01×1``);
  ``x``, ``X`` and ``*`` are accepted for ``×``, a bare SKU means ×1.

Every change is audited and has the bundle's listings (and those of bundles containing
it) recomputed in the same unit of work.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.core.db.models import BundleComponent, InventoryItem, Location, OrderItem, Variant
from app.core.domain import InventoryState
from app.core.services import audit
from app.core.services.bundle_rules import (
    bundle_available,
    direct_components,
    with_containing_bundles,
)
from app.core.services.catalog import sku_key
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.ledger import touched_variants
from app.core.services.permissions import Permission, require
from app.core.text import msg

MAX_COMPONENT_QTY = 1000
MAX_COMPONENTS = 50
TIMES = "×"
# "SKU×2", "SKU x 2", "SKU*2": the last separator before a trailing whole number
ENTRY = re.compile(r"^(?P<sku>.+?)\s*[×xX*]\s*(?P<qty>\d+)$")


@dataclass(frozen=True)
class Component:
    """One component of a bundle, as the editor and the command line show it."""

    variant_id: int
    sku: str
    name: str
    quantity: int


@dataclass(frozen=True)
class BundleRow:
    """A bundle for ``storesync bundles list``."""

    variant_id: int
    sku: str
    name: str
    components: tuple[Component, ...]
    available: int  # summed over active locations, each by the minimum rule


# --------------------------------------------------------------------------- text form


def format_components(parts: Iterable[tuple[str, int]]) -> str:
    """``[("TEE-RED-M", 2), ("MUG-01", 1)]`` → ``"TEE-RED-M×2, MUG-01×1"``."""
    return ", ".join(f"{sku}{TIMES}{qty}" for sku, qty in parts)


def parse_components(text: str, known: Iterable[str]) -> list[tuple[str, int]]:
    """``"A×2, B x 1, C"`` → ``[("A", 2), ("B", 1), ("C", 1)]``, SKUs as written in
    ``known`` (matched case-insensitively). An entry is first read as ``SKU×qty``; when
    that SKU is unknown but the whole entry is a SKU (``BOX-X2``), it is that SKU ×1.
    Raises :class:`ValidationError` with a one-line message for anything else."""
    by_key = {sku_key(k): k for k in known}
    out: list[tuple[str, int]] = []
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        m = ENTRY.match(entry)
        if m and sku_key(m["sku"].strip()) in by_key:
            sku, qty = by_key[sku_key(m["sku"].strip())], int(m["qty"])
        elif sku_key(entry) in by_key:
            sku, qty = by_key[sku_key(entry)], 1
        else:
            name = m["sku"].strip() if m else entry
            raise ValidationError(
                msg(
                    "unknown component SKU {sku}: write components as SKU×qty, e.g. A-1×2, B-1×1",
                    sku=name,
                ),
                field="components",
            )
        out.append((sku, qty))
    return out


# --------------------------------------------------------------------------- reads


def components(ctx: ServiceContext, variant_id: int) -> list[Component]:
    """The direct components of a variant (empty: not a bundle)."""
    with ctx.read() as s:
        return components_in(s, [variant_id]).get(variant_id, [])


def components_in(session: Session, variant_ids: Iterable[int]) -> dict[int, list[Component]]:
    """Direct components of the bundles among ``variant_ids``, by SKU."""
    direct = direct_components(session, variant_ids)
    ids = {c for parts in direct.values() for c in parts}
    names = {
        int(vid): (sku, name)
        for vid, sku, name in session.execute(
            select(Variant.id, Variant.sku, Variant.name).where(Variant.id.in_(ids))
        )
    }
    return {
        bid: sorted(
            (Component(cid, *names.get(cid, (f"#{cid}", "")), qty) for cid, qty in parts.items()),
            key=lambda c: c.sku.lower(),
        )
        for bid, parts in direct.items()
    }


def components_text(session: Session, variant_ids: Iterable[int]) -> dict[int, str]:
    """``{bundle id: "A×2, B×1"}`` for the bundles among ``variant_ids`` (the export)."""
    return {
        bid: format_components((c.sku, c.quantity) for c in parts)
        for bid, parts in components_in(session, variant_ids).items()
    }


def list_bundles(ctx: ServiceContext) -> list[BundleRow]:
    """Every bundle of the workspace with its components and available stock."""
    from app.core.services.stock_levels import available_by_variant

    with ctx.read() as s:
        ids = set(
            s.scalars(
                select(BundleComponent.bundle_id)
                .join(Variant, Variant.id == BundleComponent.bundle_id)
                .where(Variant.workspace_id == ctx.workspace_id)
                .distinct()
            )
        )
        parts = components_in(s, ids)
        locs = s.scalars(
            select(Location.id).where(
                Location.workspace_id == ctx.workspace_id, Location.active.is_(True)
            )
        ).all()
        available = dict.fromkeys(ids, 0)
        for loc in locs:
            at = functools.partial(available_by_variant, s, location_id=loc)
            for bid, qty in bundle_available(s, ids, at).items():
                available[bid] += max(0, qty)
        rows = s.execute(
            select(Variant.id, Variant.sku, Variant.name).where(Variant.id.in_(ids))
        ).all()
        return sorted(
            (
                BundleRow(int(v), sku, name, tuple(parts.get(v, [])), available[v])
                for v, sku, name in rows
            ),
            key=lambda b: b.sku.lower(),
        )


# --------------------------------------------------------------------------- writes


def set_components(
    ctx: ServiceContext, variant_id: int, parts: Sequence[tuple[int, int]]
) -> list[Component]:
    """Make a variant a bundle of ``parts`` (component variant id, quantity), replacing
    any components it had; empty ``parts`` makes it a plain variant again."""
    with ctx.write() as s:
        set_components_in(s, ctx, variant_id, parts)
        return components_in(s, [variant_id]).get(variant_id, [])


def set_components_by_sku(ctx: ServiceContext, sku: str, text: str) -> list[Component]:
    """The command line's form: a bundle SKU and ``"A×2, B×1"`` (empty text clears)."""
    with ctx.write() as s:
        bundle = _variant_by_sku(s, ctx, sku)
        parts = resolve_text(s, ctx, text)
        set_components_in(s, ctx, bundle, parts)
        return components_in(s, [bundle]).get(bundle, [])


def resolve_text(session: Session, ctx: ServiceContext, text: str) -> list[tuple[int, int]]:
    """``"A×2, B×1"`` → ``[(variant id of A, 2), …]``; unknown SKUs refused."""
    candidates = set()
    for raw in text.split(","):
        entry = raw.strip()
        m = ENTRY.match(entry)
        candidates.update({sku_key(entry), sku_key(m["sku"].strip())} if m else {sku_key(entry)})
    candidates.discard("")
    ids = sku_ids(session, ctx, candidates)
    by_key = {k: k for k in ids}
    return [(ids[sku_key(sku)], qty) for sku, qty in parse_components(text, by_key)]


def sku_ids(session: Session, ctx: ServiceContext, keys: Iterable[str]) -> dict[str, int]:
    """Variant ids by lower-cased SKU, for those of ``keys`` that exist."""
    keys = sorted(set(keys))
    out: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        out.update(
            (k, int(v))
            for k, v in session.execute(
                select(Variant.sku_key, Variant.id).where(
                    Variant.workspace_id == ctx.workspace_id,
                    Variant.sku_key.in_(keys[i : i + 500]),
                )
            )
        )
    return out


def clear_by_sku(ctx: ServiceContext, sku: str) -> None:
    """Make a bundle a plain variant again."""
    require(ctx, Permission.EDIT_CATALOG)
    with ctx.write() as s:
        bundle = _variant_by_sku(s, ctx, sku)
        if not direct_components(s, [bundle]):
            raise ValidationError(msg("{sku} is not a bundle", sku=sku.strip()), field="sku")
        set_components_in(s, ctx, bundle, [])


def _variant_by_sku(session: Session, ctx: ServiceContext, sku: str) -> int:
    found = sku_ids(session, ctx, [sku_key(sku)])
    if not found:
        raise NotFoundError(msg("no variant has the SKU {sku}", sku=sku.strip()))
    return next(iter(found.values()))


def set_components_in(
    session: Session, ctx: ServiceContext, variant_id: int, parts: Sequence[tuple[int, int]]
) -> bool:
    """:func:`set_components` in the caller's unit of work (the product import books
    every row's components in its one transaction). Returns True when they changed."""
    require(ctx, Permission.EDIT_CATALOG)
    skus = _skus(session, ctx, [variant_id, *(c for c, _q in parts)])
    if variant_id not in skus:
        raise NotFoundError(msg("variant {id} not found", id=variant_id))
    name = skus[variant_id]
    wanted: dict[int, int] = {}
    for cid, qty in parts:
        if cid not in skus:
            raise NotFoundError(msg("variant {id} not found", id=cid))
        if cid in wanted:
            raise ValidationError(
                msg("{sku} is named twice: give each component once", sku=skus[cid]),
                field="components",
            )
        if not isinstance(qty, int) or isinstance(qty, bool) or not 1 <= qty <= MAX_COMPONENT_QTY:
            raise ValidationError(
                msg(
                    "quantity of {sku} must be a whole number from 1 to {high}",
                    sku=skus[cid],
                    high=MAX_COMPONENT_QTY,
                ),
                field="components",
            )
        wanted[cid] = qty
    if len(wanted) > MAX_COMPONENTS:
        raise ValidationError(
            msg("a bundle has at most {n} components", n=MAX_COMPONENTS), field="components"
        )
    before = direct_components(session, [variant_id]).get(variant_id, {})
    if wanted == before:
        return False
    _check_no_cycle(session, variant_id, wanted, skus)
    _check_no_stock(session, variant_id, name, becoming=not before)
    _check_no_open_lines(session, variant_id, name)
    session.execute(delete(BundleComponent).where(BundleComponent.bundle_id == variant_id))
    if wanted:
        session.execute(
            insert(BundleComponent),
            [
                {"bundle_id": variant_id, "component_id": c, "quantity": q}
                for c, q in sorted(wanted.items())
            ],
        )
    all_skus = _skus(session, ctx, [*before, *wanted])
    audit.record(
        session,
        ctx,
        "variant",
        variant_id,
        "bundle",
        {"components": format_components((all_skus[c], q) for c, q in before.items())},
        {"components": format_components((all_skus[c], q) for c, q in wanted.items())},
    )
    touched_variants(session).add(variant_id)  # its listings follow the new minimum
    return True


def _skus(session: Session, ctx: ServiceContext, ids: Iterable[int]) -> dict[int, str]:
    return {
        int(v): sku
        for v, sku in session.execute(
            select(Variant.id, Variant.sku).where(
                Variant.id.in_(set(ids)), Variant.workspace_id == ctx.workspace_id
            )
        )
    }


def _check_no_cycle(
    session: Session, variant_id: int, wanted: dict[int, int], skus: dict[int, str]
) -> None:
    """A component may not be the bundle itself nor any bundle that (through others)
    contains it: that bundle would contain itself."""
    above = with_containing_bundles(session, [variant_id])  # itself and its ancestors
    for cid in sorted(wanted, key=lambda c: skus[c].lower()):
        if cid in above:
            raise ValidationError(
                msg(
                    "{bundle} cannot contain {component}: {component} already contains "
                    "{bundle}, and a bundle cannot contain itself",
                    bundle=skus[variant_id],
                    component=skus[cid],
                )
                if cid != variant_id
                else msg("{bundle} cannot be a component of itself", bundle=skus[variant_id]),
                field="components",
            )


def _check_no_stock(session: Session, variant_id: int, sku: str, *, becoming: bool) -> None:
    if not becoming:
        return
    on_hand, reserved = session.execute(
        select(
            func.coalesce(func.sum(func.abs(InventoryItem.on_hand)), 0),
            func.coalesce(func.sum(InventoryItem.reserved), 0),
        ).where(InventoryItem.variant_id == variant_id)
    ).one()
    if on_hand or reserved:
        raise ValidationError(
            msg(
                "{sku} holds stock of its own ({n} units): count it to 0 before making it a bundle",
                sku=sku,
                n=int(on_hand) + int(reserved),
            ),
            field="components",
        )


def _check_no_open_lines(session: Session, variant_id: int, sku: str) -> None:
    # lines of this bundle and of every bundle containing it hold these components
    held = session.scalar(
        select(func.count(OrderItem.id)).where(
            OrderItem.variant_id.in_(with_containing_bundles(session, [variant_id])),
            OrderItem.inventory_state == InventoryState.RESERVED,
        )
    )
    if held:
        raise ValidationError(
            msg(
                "{sku} has {n} open order lines holding its stock: change it when they are "
                "shipped or cancelled",
                sku=sku,
                n=int(held),
            ),
            field="components",
        )
