"""Prices per store: the rule, the review, the seller's confirmation (docs/ARCHITECTURE.md,
"Prices").

- **the rule** — :func:`rule_price`: a listing's price is its variant's master price
  (``variants.price``) plus the store's percentage (negative: a markdown), rounded to the
  nearest Rp 100, 500 or 1,000 (or whole rupiah), never below the variant's cost unless
  the store allows it; a listing's fixed price (:func:`set_fixed_price`) replaces the rule.
- **the review** — :func:`preview`: every listing whose price would change, old → new,
  per store. Nothing is sent by a rule change: a price goes out only through
  :func:`confirm`, with the changes the seller saw and accepted.
- **held refusals** — :func:`waiting`, :func:`retry`, :func:`dismiss`: what the platform
  refused (a price locked by a promotion, under its minimum) stays per listing until the
  seller sends it again or drops it.

Sending and recording results is :mod:`app.core.services.price_outbox`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import ChannelListing, ListingPrice, PricePush, Store, Variant
from app.core.db.types import utcnow
from app.core.domain import PricePushStatus
from app.core.domain.bounds import MAX_PRICE
from app.core.services import audit
from app.core.services.bounds import check_amount
from app.core.services.channel_stock import QUEUED_KEY
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.permissions import Permission, require
from app.core.settings import StoreSettings
from app.core.text import msg

# --------------------------------------------------------------------------- the rule


def _round(value: Decimal, step: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """To the nearest ``step`` rupiah (0: whole rupiah; IDR prices take no sen on Shopee)."""
    unit = Decimal(step or 1)
    return (value / unit).quantize(Decimal(1), rounding=rounding) * unit


def rule_price(master: Decimal, cost: Decimal, settings: StoreSettings) -> Decimal | None:
    """What the store's rule makes of a master price; None when there is no master price.

    Rounded half up to the store's step; when that lands under the cost (and the store
    does not allow selling below cost), the cost rounded *up* to the step."""
    if master <= 0:
        return None
    raw = master * (Decimal(100) + settings.price_adjust_percent) / Decimal(100)
    price = _round(raw, settings.price_rounding)
    if not settings.price_below_cost and cost > 0 and price < cost:
        price = _round(cost, settings.price_rounding, ROUND_CEILING)
    return price if price > 0 else None


# --------------------------------------------------------------------------- the review


@dataclass(frozen=True)
class PriceChange:
    """One listing whose price would change (``source``: "rule" or "fixed")."""

    listing_id: int
    store_id: int
    store_name: str
    sku: str
    title: str
    old: Decimal
    new: Decimal
    source: str
    note: str = ""  # e.g. the platform's earlier refusal of this price


@dataclass(frozen=True)
class _Row:
    listing_id: int
    store_id: int
    store_name: str
    sku: str
    title: str
    old: Decimal
    master: Decimal
    cost: Decimal
    fixed: Decimal | None
    settings: StoreSettings
    push: PricePush | None


def _rows(session: Session, workspace_id: int, where) -> list[_Row]:
    q = (
        select(
            ChannelListing.id,
            Store.id,
            Store.name,
            Variant.sku,
            ChannelListing.title,
            ChannelListing.variant_name,
            ChannelListing.price,
            Variant.price,
            Variant.cost,
            ListingPrice.price,
            Store.settings,
        )
        .join(Store, Store.id == ChannelListing.store_id)
        .join(Variant, Variant.id == ChannelListing.variant_id)
        .outerjoin(ListingPrice, ListingPrice.listing_id == ChannelListing.id)
        .where(Store.workspace_id == workspace_id, where)
        .order_by(Store.name, Store.id, Variant.sku, ChannelListing.id)
    )
    raw = session.execute(q).all()
    pushes = {
        p.listing_id: p
        for start in range(0, len(raw), 500)
        for p in session.scalars(
            select(PricePush).where(
                PricePush.listing_id.in_([r[0] for r in raw[start : start + 500]])
            )
        )
    }
    policies: dict[int, StoreSettings] = {}
    out = []
    for lid, sid, sname, sku, title, vname, old, master, cost, fixed, settings in raw:
        if sid not in policies:
            policies[sid] = StoreSettings.from_json(settings)
        label = f"{title} ({vname})" if vname else title
        out.append(
            _Row(lid, sid, sname, sku, label, old, master, cost, fixed, policies[sid],
                 pushes.get(lid))
        )  # fmt: skip
    return out


def _wanted(row: _Row) -> tuple[Decimal | None, str]:
    if row.fixed is not None:
        return row.fixed, "fixed"
    return rule_price(row.master, row.cost, row.settings), "rule"


def _change(row: _Row) -> PriceChange | None:
    new, source = _wanted(row)
    if new is None or new == row.old:
        return None
    push = row.push
    note = ""
    if push is not None and push.wanted_price == new:
        if push.status in (PricePushStatus.PENDING, PricePushStatus.FAILED):
            return None  # confirmed already, on its way
        if push.status == PricePushStatus.DISMISSED:
            return None  # the seller dropped this very price; a new one shows again
        if push.status == PricePushStatus.HELD:
            note = push.last_error
    return PriceChange(
        row.listing_id, row.store_id, row.store_name, row.sku, row.title, row.old, new,
        source, note,
    )  # fmt: skip


def _store_filter(store_ids: Iterable[int] | None):
    ids = None if store_ids is None else list(store_ids)
    return ChannelListing.variant_id.is_not(None) & (
        Store.id.in_(ids) if ids is not None else Store.id.is_not(None)
    )


def preview(ctx: ServiceContext, store_ids: Iterable[int] | None = None) -> list[PriceChange]:
    """Every mapped listing whose price would change now, by store then SKU. Reads only."""
    with ctx.read() as s:
        rows = _rows(s, ctx.workspace_id, _store_filter(store_ids))
    return [c for r in rows if (c := _change(r)) is not None]


def confirm(ctx: ServiceContext, changes: Sequence[PriceChange]) -> tuple[int, int]:
    """Queue the changes the seller accepted; returns (queued, skipped).

    A change is queued only if the rule still gives the price the seller saw (a rule or
    master price changed since the review skips it: review again). The store's push job
    sends it; the engine is woken after the commit (the stock outbox's after-commit
    listeners, :class:`app.core.services.channel_stock.OutboxHooks`)."""
    require(ctx, Permission.MANAGE_STORES)  # prices are the store's terms
    if not changes:
        return 0, 0
    seen = {c.listing_id: c for c in changes}
    now = utcnow()
    queued = skipped = 0
    by_store: dict[int, dict[str, str]] = {}
    with ctx.write() as s:
        for row in _rows(s, ctx.workspace_id, ChannelListing.id.in_(list(seen))):
            change = seen[row.listing_id]
            new, _source = _wanted(row)
            if new != change.new or row.store_id != change.store_id:
                skipped += 1
                continue
            push = row.push
            if push is None:
                push = PricePush(store_id=row.store_id, listing_id=row.listing_id)
                s.add(push)
            push.wanted_price, push.old_price = new, row.old
            push.status, push.attempts = PricePushStatus.PENDING, 0
            push.next_attempt_at, push.enqueued_at, push.last_error = now, now, ""
            by_store.setdefault(row.store_id, {})[row.sku] = f"{row.old} -> {new}"
            queued += 1
        skipped += len(seen) - queued - skipped
        for sid, lines in by_store.items():
            audit.record(s, ctx, "store", sid, "prices_confirmed", None, {"prices": lines})
        if by_store:
            s.info.setdefault(QUEUED_KEY, set()).update(by_store)
    return queued, skipped


# --------------------------------------------------------------------------- fixed prices


def set_fixed_price(ctx: ServiceContext, listing_id: int, price: Decimal | None) -> None:
    """A listing's fixed price (None: follow the store's rule again). Queues nothing: the
    change shows in the review like a rule change. Below the cost only where the store
    allows it."""
    require(ctx, Permission.MANAGE_STORES)  # prices are the store's terms
    with ctx.write() as s:
        found = s.execute(
            select(ChannelListing, Store.settings, Variant.cost)
            .join(Store, Store.id == ChannelListing.store_id)
            .outerjoin(Variant, Variant.id == ChannelListing.variant_id)
            .where(ChannelListing.id == listing_id, Store.workspace_id == ctx.workspace_id)
        ).first()
        if found is None:
            raise NotFoundError(msg("listing {id} not found", id=listing_id))
        _listing, settings, cost = found
        row = s.get(ListingPrice, listing_id)
        before = None if row is None else {"price": str(row.price)}
        if price is None:
            if row is not None:
                s.delete(row)
        else:
            price = check_amount(Decimal(price), "price", high=MAX_PRICE)
            if price != price.to_integral_value() or price <= 0:
                raise ValidationError(
                    msg("a fixed price must be a whole number of rupiah above 0"), "price"
                )
            if cost and price < cost and not StoreSettings.from_json(settings).price_below_cost:
                raise ValidationError(
                    msg(
                        "price {price} is below the cost {cost}: lower the cost, or allow "
                        "prices below cost in the store's settings",
                        price=price,
                        cost=cost,
                    ),
                    "price",
                )
            if row is None:
                s.add(ListingPrice(listing_id=listing_id, price=price))
            else:
                row.price = price
        after = None if price is None else {"price": str(price)}
        audit.record(s, ctx, "listing", listing_id, "fixed_price", before, after)


# --------------------------------------------------------------------------- held refusals


@dataclass(frozen=True)
class WaitingPrice:
    """A confirmed price not landed yet: on its way, retrying, or held for the seller."""

    listing_id: int
    store_id: int
    store_name: str
    sku: str
    old: Decimal
    new: Decimal
    status: PricePushStatus
    attempts: int
    error: str


def waiting(
    ctx: ServiceContext,
    store_ids: Iterable[int] | None = None,
    statuses: Sequence[PricePushStatus] = (
        PricePushStatus.PENDING,
        PricePushStatus.FAILED,
        PricePushStatus.HELD,
    ),
) -> list[WaitingPrice]:
    """Confirmed prices that have not landed, by store then SKU (held ones with the
    platform's reason)."""
    q = (
        select(
            PricePush.listing_id,
            Store.id,
            Store.name,
            Variant.sku,
            ChannelListing.platform_sku,
            PricePush.old_price,
            PricePush.wanted_price,
            PricePush.status,
            PricePush.attempts,
            PricePush.last_error,
        )
        .join(ChannelListing, ChannelListing.id == PricePush.listing_id)
        .join(Store, Store.id == PricePush.store_id)
        .outerjoin(Variant, Variant.id == ChannelListing.variant_id)
        .where(Store.workspace_id == ctx.workspace_id, PricePush.status.in_(list(statuses)))
        .order_by(Store.name, Store.id, Variant.sku, PricePush.listing_id)
    )
    if store_ids is not None:
        q = q.where(Store.id.in_(list(store_ids)))
    with ctx.read() as s:
        return [
            WaitingPrice(lid, sid, sname, sku or psku, old, new, st, att, err)
            for lid, sid, sname, sku, psku, old, new, st, att, err in s.execute(q)
        ]


def _held_rows(s: Session, ctx: ServiceContext, listing_ids: Iterable[int]) -> list[PricePush]:
    ids = list(listing_ids)
    return list(
        s.scalars(
            select(PricePush)
            .join(Store, Store.id == PricePush.store_id)
            .where(
                PricePush.listing_id.in_(ids),
                Store.workspace_id == ctx.workspace_id,
                PricePush.status.in_([PricePushStatus.HELD, PricePushStatus.FAILED]),
            )
        )
    )


def retry(ctx: ServiceContext, listing_ids: Iterable[int]) -> int:
    """Send held prices again (the promotion ended); returns how many were queued."""
    require(ctx, Permission.MANAGE_STORES)  # prices are the store's terms
    now = utcnow()
    with ctx.write() as s:
        rows = _held_rows(s, ctx, listing_ids)
        for p in rows:
            p.status, p.attempts, p.next_attempt_at, p.last_error = (
                PricePushStatus.PENDING, 0, now, "",
            )  # fmt: skip
            audit.record(s, ctx, "listing", p.listing_id, "price_retry", None,
                         {"price": str(p.wanted_price)})  # fmt: skip
        if rows:
            s.info.setdefault(QUEUED_KEY, set()).update({p.store_id for p in rows})
        return len(rows)


def dismiss(ctx: ServiceContext, listing_ids: Iterable[int]) -> int:
    """Drop held prices: not sent, and not proposed again until the wanted price changes;
    returns how many were dropped."""
    require(ctx, Permission.MANAGE_STORES)  # prices are the store's terms
    with ctx.write() as s:
        rows = _held_rows(s, ctx, listing_ids)
        for p in rows:
            p.status = PricePushStatus.DISMISSED
            audit.record(s, ctx, "listing", p.listing_id, "price_dismissed", None,
                         {"price": str(p.wanted_price), "reason": p.last_error})  # fmt: skip
        return len(rows)
