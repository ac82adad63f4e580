"""The bundle rules the stock code applies (docs/ARCHITECTURE.md, bundles and kits).

A bundle (or kit) is a master variant made of components: ``quantity`` units of each
component variant go into one bundle (``bundle_components``, migration 0014). A bundle
may contain another bundle; what counts is always its *leaf* components, with the
quantities multiplied along the way and summed where one leaf is reached twice.

- **no stock of its own**: a bundle never has an inventory item; every stock change
  made for it by an order line is booked on its leaf components, one ledger row per
  component carrying the order line's reference (booked by ``ledger.py`` from
  :func:`leaf_components`);
  any other change (adjust, receive, count, import) is refused with a message naming the
  components to adjust instead (:func:`refuse_direct`);
- **available** = the minimum over its leaf components of ``available // quantity``, at
  the location a store draws from (:func:`bundle_available`, called by
  ``stock_levels.available_by_variant``);
- **pushes**: a change to a component queues a push to every listing of every bundle
  that contains it, at any depth (:func:`with_containing_bundles`, called by the outbox).

Nothing here writes; editing the components (with the cycle check) is
:mod:`app.core.services.bundles`. This module imports only the models, so the ledger and
the stock reads can call it without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import BundleComponent, Variant
from app.core.services.errors import ValidationError
from app.core.text import msg

CHUNK = 500  # ids per IN (...) list
MAX_DEPTH = 16  # bundles of bundles deeper than this are refused when edited

Components = dict[int, dict[int, int]]  # bundle id -> {component id: quantity}


def _none_defined(session: Session) -> bool:
    """No bundle in the database: a 50,000-row import then skips its chunked lookups."""
    return session.scalar(select(BundleComponent.id).limit(1)) is None


def direct_components(session: Session, variant_ids: Iterable[int]) -> Components:
    """The direct components of those of ``variant_ids`` that are bundles."""
    ids = sorted(set(variant_ids))
    out: Components = {}
    if len(ids) > CHUNK and _none_defined(session):
        return out
    for i in range(0, len(ids), CHUNK):
        for bid, cid, qty in session.execute(
            select(
                BundleComponent.bundle_id, BundleComponent.component_id, BundleComponent.quantity
            ).where(BundleComponent.bundle_id.in_(ids[i : i + CHUNK]))
        ):
            out.setdefault(int(bid), {})[int(cid)] = int(qty)
    return out


def leaf_components(session: Session, variant_ids: Iterable[int]) -> Components:
    """Each bundle among ``variant_ids`` flattened to its leaf components (bundles of
    bundles multiplied out, a leaf reached twice summed). Variants that are not bundles
    are absent from the answer."""
    tree: Components = {}
    todo = set(variant_ids)
    for _ in range(MAX_DEPTH + 1):  # one query per level of nesting
        found = direct_components(session, todo - set(tree))
        if not found:
            break
        tree.update(found)
        todo = {c for comps in found.values() for c in comps}

    def flatten(bid: int, depth: int) -> dict[int, int]:
        leaves: dict[int, int] = {}
        for cid, qty in tree[bid].items():
            if cid in tree and depth < MAX_DEPTH:
                for leaf, q in flatten(cid, depth + 1).items():
                    leaves[leaf] = leaves.get(leaf, 0) + q * qty
            else:
                leaves[cid] = leaves.get(cid, 0) + qty
        return leaves

    return {bid: flatten(bid, 0) for bid in set(variant_ids) if bid in tree}


def bundle_available(
    session: Session,
    variant_ids: Iterable[int],
    available_of: Callable[[set[int]], dict[int, int]],
) -> dict[int, int]:
    """Available stock of the bundles among ``variant_ids``: the minimum over their leaf
    components of ``available // quantity``; ``available_of`` gives the components'
    available stock (at the location in question). Floor division keeps a negative
    (oversold) component negative, so the bundle shows 0 through the policy."""
    leaves = leaf_components(session, variant_ids)
    if not leaves:
        return {}
    comp = available_of({c for parts in leaves.values() for c in parts})
    return {
        bid: min(comp.get(cid, 0) // qty for cid, qty in parts.items())
        for bid, parts in leaves.items()
    }


def with_containing_bundles(session: Session, variant_ids: Iterable[int]) -> set[int]:
    """``variant_ids`` plus every bundle that contains any of them, at any depth: the
    variants whose listings a stock change of ``variant_ids`` must be pushed to."""
    out = set(variant_ids)
    if len(out) > CHUNK and _none_defined(session):
        return out
    todo = set(out)
    for _ in range(MAX_DEPTH + 1):
        ids = sorted(todo)
        found: set[int] = set()
        for i in range(0, len(ids), CHUNK):
            found.update(
                int(b)
                for b in session.scalars(
                    select(BundleComponent.bundle_id).where(
                        BundleComponent.component_id.in_(ids[i : i + CHUNK])
                    )
                )
            )
        todo = found - out
        if not todo:
            break
        out |= todo
    return out


def is_bundle(session: Session, variant_id: int) -> bool:
    return (
        session.scalar(
            select(BundleComponent.id).where(BundleComponent.bundle_id == variant_id).limit(1)
        )
        is not None
    )


def refuse_direct(session: Session, variant_ids: Iterable[int]) -> None:
    """Refuse a stock change made directly to a bundle (it has no stock of its own),
    naming the components to change instead."""
    direct = direct_components(session, variant_ids)
    if not direct:
        return
    bid, parts = min(direct.items())
    skus = {
        int(v): sku
        for v, sku in session.execute(
            select(Variant.id, Variant.sku).where(Variant.id.in_([bid, *parts]))
        )
    }
    raise ValidationError(
        msg(
            "{sku} is a bundle and has no stock of its own: adjust its components: {parts}",
            sku=skus.get(bid, f"#{bid}"),
            parts=", ".join(sorted(skus.get(c, f"#{c}") for c in parts)),
        ),
        field="variant",
    )


def picked_components(
    session: Session, sums: dict[tuple[int, int], list]
) -> dict[tuple[int, int], list]:
    """A picking list's ``(variant, location) -> [units, order ids]`` with each bundle's
    units turned into its leaf components' (what the picker takes off the shelves)."""
    leaves = leaf_components(session, {v for v, _l in sums})
    if not leaves:
        return sums
    out: dict[tuple[int, int], list] = {}
    for (vid, loc), (qty, orders) in sums.items():
        for cid, n in sorted(leaves.get(vid, {vid: 1}).items()):
            entry = out.setdefault((cid, loc), [0, set()])
            entry[0] += qty * n
            entry[1] |= orders
    return out
