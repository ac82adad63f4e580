"""Prices per store over loopback to the sandbox (docs/ARCHITECTURE.md, "Prices").

A new markup is previewed without sending anything; only what the seller confirms is
pushed; a price a promotion locks is held per listing, not retried, and can be dismissed
or retried once the promotion ends.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sqlalchemy import select

from app.core.db.models import PricePush
from app.core.domain import JobKind, PricePushStatus
from app.core.services import prices
from app.core.services import stores as store_service


def _store(world, platform: str):
    return next(s for s in world.stores() if s.platform == platform)


def _set_rule(world, store, percent: str, rounding: int = 0, below_cost: bool = False):
    settings = replace(
        store.settings,
        price_adjust_percent=Decimal(percent),
        price_rounding=rounding,
        price_below_cost=below_cost,
    )
    store_service.update_settings(world.ws.ctx, store.id, settings)


def _sandbox_prices(world, store, skus) -> dict[str, Decimal]:
    sim = world.sandbox.sim(store.platform)
    return {sku: sim.price_of(store.external_shop_id, sku) for sku in skus}


def _push(world, store) -> None:
    world.engine.sync_now(store.id, (JobKind.STOCK_PUSH,)).result(timeout=60)


def _outbox(world, listing_id: int) -> PricePush:
    with world.ws.sessions() as s:
        row = s.scalar(select(PricePush).where(PricePush.listing_id == listing_id))
        s.expunge(row)
        return row


def test_preview_then_push_only_what_the_seller_confirmed(world):
    store = _store(world, "shopee")
    ctx = world.ws.ctx
    _set_rule(world, store, "12.5", rounding=500)
    changes = prices.preview(ctx, [store.id])
    assert changes, "a 12.5 % markup changes prices"
    assert {c.store_id for c in changes} == {store.id}
    for c in changes:
        assert c.new % 500 == 0 and c.new > c.old and c.source == "rule"
    before = _sandbox_prices(world, store, [c.sku for c in changes])
    # a rule change and a preview send nothing, even after a push pass
    _push(world, store)
    assert _sandbox_prices(world, store, before) == before
    assert {c.old for c in changes} == {before[c.sku] for c in changes}

    confirmed, left = changes[:2], changes[2:]
    assert prices.confirm(ctx, confirmed) == (2, 0)
    _push(world, store)
    after = _sandbox_prices(world, store, before)
    for c in confirmed:
        assert after[c.sku] == c.new
    for c in left:
        assert after[c.sku] == before[c.sku]
    # what landed is no longer a change; the rest still is
    again = {c.listing_id for c in prices.preview(ctx, [store.id])}
    assert again == {c.listing_id for c in left}
    assert prices.waiting(ctx) == []


def test_a_confirmation_made_stale_by_a_new_rule_is_skipped(world):
    store = _store(world, "tiktok_shop")
    ctx = world.ws.ctx
    _set_rule(world, store, "10")
    changes = prices.preview(ctx, [store.id])
    _set_rule(world, _store(world, "tiktok_shop"), "20")
    assert prices.confirm(ctx, changes) == (0, len(changes))


def test_a_promotion_locked_price_is_held_not_retried_and_can_be_dismissed(world):
    store = _store(world, "tiktok_shop")
    ctx = world.ws.ctx
    _set_rule(world, store, "-10", rounding=100, below_cost=True)
    changes = prices.preview(ctx, [store.id])
    locked, others = changes[0], changes[1:3]
    sim = world.sandbox.sim(store.platform)
    sim.set_promotion(store.external_shop_id, locked.sku)
    before = _sandbox_prices(world, store, [locked.sku])
    prices.confirm(ctx, [locked, *others])
    _push(world, store)

    held = prices.waiting(ctx, [store.id])
    assert [(h.listing_id, h.status) for h in held] == [(locked.listing_id, PricePushStatus.HELD)]
    assert "12052038" in held[0].error and "promotion" in held[0].error
    assert _sandbox_prices(world, store, [locked.sku]) == before
    for c in others:
        assert sim.price_of(store.external_shop_id, c.sku) == c.new
    # not retried: more push passes leave it held, sent once
    _push(world, store)
    _push(world, store)
    row = _outbox(world, locked.listing_id)
    assert (row.status, row.attempts) == (PricePushStatus.HELD, 1)
    # the review still shows it, with the platform's reason
    shown = {c.listing_id: c for c in prices.preview(ctx, [store.id])}
    assert "12052038" in shown[locked.listing_id].note

    assert prices.dismiss(ctx, [locked.listing_id]) == 1
    assert prices.waiting(ctx, [store.id]) == []
    assert locked.listing_id not in {c.listing_id for c in prices.preview(ctx, [store.id])}
    _push(world, store)
    assert _sandbox_prices(world, store, [locked.sku]) == before


def test_retry_after_the_promotion_ended_lands(world):
    store = _store(world, "shopee")
    ctx = world.ws.ctx
    _set_rule(world, store, "5", rounding=1000)
    change = prices.preview(ctx, [store.id])[0]
    sim = world.sandbox.sim(store.platform)
    sim.set_promotion(store.external_shop_id, change.sku, 777)
    prices.confirm(ctx, [change])
    _push(world, store)
    [held] = prices.waiting(ctx, [store.id])
    assert held.status == PricePushStatus.HELD and "promotion" in held.error
    sim.set_promotion(store.external_shop_id, change.sku, 0)
    assert prices.retry(ctx, [change.listing_id]) == 1
    _push(world, store)
    assert sim.price_of(store.external_shop_id, change.sku) == change.new
    assert prices.waiting(ctx, [store.id]) == []


def test_a_markdown_never_goes_below_cost_unless_allowed(world):
    from sqlalchemy import update

    from app.core.db.models import ChannelListing, Variant

    store = _store(world, "tiktok_shop")
    ctx = world.ws.ctx
    _set_rule(world, store, "-50", rounding=500)
    change = prices.preview(ctx, [store.id])[0]
    cost = (change.old * Decimal("0.8")).quantize(Decimal(1)) + 1  # above half the price
    with world.ws.ctx.write() as s:
        vid = s.scalar(
            select(ChannelListing.variant_id).where(ChannelListing.id == change.listing_id)
        )
        s.execute(update(Variant).where(Variant.id == vid).values(cost=cost))
    floor = -(-int(cost) // 500) * 500  # the cost rounded up to the step
    [floored] = [c for c in prices.preview(ctx, [store.id]) if c.listing_id == change.listing_id]
    assert floored.new == floor >= cost
    _set_rule(world, _store(world, "tiktok_shop"), "-50", rounding=500, below_cost=True)
    [allowed] = [c for c in prices.preview(ctx, [store.id]) if c.listing_id == change.listing_id]
    assert allowed.new < cost
    _set_rule(world, _store(world, "tiktok_shop"), "-50", rounding=500)
    prices.confirm(ctx, [floored])
    _push(world, store)
    assert world.sandbox.sim(store.platform).price_of(store.external_shop_id, change.sku) == floor
