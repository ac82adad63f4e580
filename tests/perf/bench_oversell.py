"""The oversell window, measured: ``uv run python tests/perf/bench_oversell.py`` (a script).

A flash sale over loopback HTTP with the sandbox: four shops (two Shopee, two TikTok) list
one popular variant with 50 units (every other SKU is at 0, so buyers can only want this
one); buyers arrive at 100 orders/min (Poisson), each on a random shop, and buy 1-2 units
if that shop shows any. The engine runs as the app runs it: its own scheduler with the
default options (adaptive order polling: 12 s while orders flow or shared stock is low,
the store's interval, at most 30 s, otherwise), pushes on every stock change.

Prints, for the last-units rule off (default settings) and on:

- units oversold: units the four shops sold beyond the 50 there were;
- for each order, the time from it being placed until every other shop shows no more than
  what is truly left after it (by our push, or by selling down itself): p50 and p95. This
  is the oversell window of that order;
- API calls per store per minute while the sale ran (counted at the engine's HTTP client:
  retries and token refreshes included).

Run time: about 1.5 minutes per run. The sale lasts until the 50 units are gone (about
30 s at 100 orders/min) plus the last pushes; the sandbox clock is not sped up, since the
polling intervals are what is being measured.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import keyring

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers.memkeyring import MemoryKeyring

keyring.set_keyring(MemoryKeyring())

from app.core.domain import OutboxStatus  # noqa: E402
from app.core.paths import resolve_paths  # noqa: E402
from app.core.services import inventory, stock_levels  # noqa: E402
from app.core.services import stores as store_service  # noqa: E402
from app.core.services.catalog import find_variant_by_sku  # noqa: E402
from app.core.services.polling import PollingRules  # noqa: E402
from app.core.settings import LAST_UNITS_THRESHOLD, set_setting  # noqa: E402
from app.core.sync.engine import EngineOptions, SyncEngine  # noqa: E402
from app.core.sync.events import PollingChanged  # noqa: E402
from app.core.workspace import open_workspace  # noqa: E402
from app.demo import connect_requests  # noqa: E402
from app.sandbox.catalog import demo_catalog  # noqa: E402
from app.sandbox.demo import build_sandbox  # noqa: E402

UNITS = 50
ORDERS_PER_MINUTE = 100.0
SEED = 5


@dataclass
class Sale:
    """What happened on the shops, sampled from the sandbox itself."""

    orders: list[tuple[float, int, int]] = field(default_factory=list)  # (t, store, units)
    shown: dict[int, list[tuple[float, int]]] = field(default_factory=dict)  # store: changes


def place_one(sim, store, rng):
    """A buyer orders on this shop: one line of an in-stock listing, 1-2 units."""
    shops = sim.shops
    key = int(store.external_shop_id) if sim.name == "shopee" else store.external_shop_id
    saved = dict(shops)
    try:
        sim.shops = {key: shops[key]}
        return sim.place_random_order(rng, 1)
    finally:
        sim.shops = saved


def shown_now(sandbox, stores, sku) -> dict[int, int]:
    with sandbox.lock:
        return {
            s.id: sandbox.sim(s.platform.value).stock_of(s.external_shop_id, sku) for s in stores
        }


def popular_sku(sandbox) -> str:
    """A SKU every shop lists."""
    for product in demo_catalog(sandbox.seed):
        for v in product.variants:
            try:
                with sandbox.lock:
                    for sim in sandbox.sims:
                        for sid in sim.shops:
                            sim.stock_of(sid, v.sku)
            except (KeyError, ValueError, StopIteration):
                continue
            return v.sku
    raise RuntimeError("no SKU is listed on every shop")


def wait_for(cond, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}")


def run(threshold: int, max_seconds: float) -> dict:
    sandbox = build_sandbox(seed=SEED)
    sandbox.start()
    sku = popular_sku(sandbox)
    with sandbox.lock:  # the seller's stock before connecting: 50 of the popular variant
        for sim in sandbox.sims:
            for sid in list(sim.shops):
                for p in demo_catalog(sandbox.seed):
                    for v in p.variants:
                        with contextlib.suppress(KeyError, ValueError, StopIteration):
                            sim.seller_set_stock(sid, v.sku, UNITS if v.sku == sku else 0)
    ws = open_workspace(resolve_paths(tempfile.mkdtemp(prefix="bench-oversell-")))
    if threshold:
        set_setting(ws.ctx, LAST_UNITS_THRESHOLD, threshold)
    polls: dict[int, PollingChanged] = {}

    def listen(ev) -> None:
        if isinstance(ev, PollingChanged):
            polls[ev.store_id] = ev

    engine = SyncEngine(ws, listen, EngineOptions())
    engine.start()
    for req in connect_requests(sandbox, engine):
        engine.connect_store(req).result(timeout=120)
    stores = store_service.list_stores(ws.ctx)
    vid = None

    def ready() -> bool:
        nonlocal vid
        v = find_variant_by_sku(ws.ctx, sku)
        vid = v.id if v else None
        return vid is not None and len(polls) == len(stores)

    wait_for(ready, 120, "the first sync of every store")
    level = next(lv for lv in stock_levels.stock_levels(ws.ctx) if lv.variant_id == vid)
    if level.available != UNITS:  # the opening stock as the seller counted it
        inventory.adjust(ws.ctx, vid, level.location_id, UNITS - level.available, "count")
    wait_for(lambda: _outbox_empty(ws), 120, "the opening stock on every shop")
    before = {s.id: polls[s.id].reason for s in stores}

    sale = Sale()
    rng = random.Random(SEED)
    sold = 0
    calls0 = {s.id: engine.meter.total(s.id) for s in stores}
    t0 = time.monotonic()
    last = shown_now(sandbox, stores, sku)
    for sid, v in last.items():
        sale.shown[sid] = [(0.0, v)]
    next_order = t0 + rng.expovariate(ORDERS_PER_MINUTE / 60)
    stop = threading.Event()

    def sample() -> None:  # what each shop shows, every 10 ms
        nonlocal last
        while not stop.is_set():
            now = shown_now(sandbox, stores, sku)
            t = time.monotonic() - t0
            for sid, v in now.items():
                if v != last[sid]:
                    sale.shown[sid].append((t, v))
            last = now
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    while time.monotonic() - t0 < max_seconds:
        time.sleep(max(0.0, next_order - time.monotonic()))
        next_order += rng.expovariate(ORDERS_PER_MINUTE / 60)
        store = rng.choice(stores)
        sim = sandbox.sim(store.platform.value)
        with sandbox.lock:
            before_qty = sim.stock_of(store.external_shop_id, sku)
            if before_qty > 0 and place_one(sim, store, rng) is not None:
                units = before_qty - sim.stock_of(store.external_shop_id, sku)
                sold += units
                sale.orders.append((time.monotonic() - t0, store.id, units))
        if all(v == 0 for v in shown_now(sandbox, stores, sku).values()) and _outbox_empty(ws):
            break
    # the last orders reach us and the last pushes land
    wait_for(lambda: _outbox_empty(ws) and _all_seen(ws, vid, sold), 120, "the last pushes")
    stop.set()
    sampler.join()
    minutes = (time.monotonic() - t0) / 60
    calls = {s.name: (engine.meter.total(s.id) - calls0[s.id]) / minutes for s in stores}
    engine.stop()
    sandbox.stop()
    ws.close()
    return {
        "sku": sku,
        "oversold": max(0, sold - UNITS),
        "sold": sold,
        "orders": len(sale.orders),
        "windows": windows(sale),
        "calls": calls,
        "before": before,
        "minutes": minutes,
    }


def _outbox_empty(ws) -> bool:
    from sqlalchemy import func, select

    from app.core.db.models import StockPush

    with ws.sessions() as s:
        return not s.scalar(
            select(func.count()).select_from(StockPush).where(StockPush.status != OutboxStatus.DONE)
        )


def _all_seen(ws, vid, sold) -> bool:
    """Every unit the shops sold has reached our ledger (reserved or deducted)."""
    lv = next(lv for lv in stock_levels.stock_levels(ws.ctx) if lv.variant_id == vid)
    return UNITS - lv.available >= sold


def windows(sale: Sale) -> list[float]:
    """Per order: seconds until every other shop shows no more than what is truly left."""
    out = []
    cumulative = 0
    for t, store_id, units in sale.orders:
        cumulative += units
        left = max(0, UNITS - cumulative)
        worst = 0.0
        for sid, changes in sale.shown.items():
            if sid == store_id:
                continue
            shown = [v for ct, v in changes if ct <= t][-1]
            if shown <= left:
                continue
            after = [ct for ct, v in changes if ct > t and v <= left]
            worst = max(worst, (after[0] - t) if after else math.inf)
        out.append(worst)
    return out


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(len(s) * q) - 1))]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument(
        "--threshold",
        type=int,
        default=0,
        help="last-units threshold for the 'on' run (default: sized from the demand, see "
        "the printout)",
    )
    p.add_argument("--max-seconds", type=float, default=90.0, help="longest sale")
    a = p.parse_args()
    rules = PollingRules()
    # the rule must cover the units that can sell unseen in one round trip: at the start
    # of a sale that is one quiet poll plus a push (~2 s); capped at all the stock
    units_per_s = ORDERS_PER_MINUTE / 60 * 1.5
    needed = math.ceil(units_per_s * (rules.quiet_max_s + 2))
    threshold = a.threshold or min(UNITS, needed)
    print(
        f"flash sale: {UNITS} units of one variant on 4 shops, buyers {ORDERS_PER_MINUTE:.0f} "
        f"orders/min (1-2 units each), engine defaults (fast poll {rules.fast_s:g} s, quiet "
        f"poll {rules.quiet_max_s:g} s); units that can sell unseen in one quiet round trip: "
        f"~{needed}"
    )
    runs = (("rule off (default settings)", 0), (f"rule on, threshold {threshold}", threshold))
    for label, t in runs:
        r = run(t, a.max_seconds)
        w = r["windows"]
        calls = ", ".join(f"{name} {c:.0f}" for name, c in r["calls"].items())
        print(
            f"[{label}] {r['sku']}: {r['orders']} orders, {r['sold']} units sold, "
            f"oversold {r['oversold']} unit(s)\n"
            f"  oversell window per order (placed -> every other shop shows no more than is "
            f"left): p50 {statistics.median(w):.1f} s, p95 {pct(w, 0.95):.1f} s, "
            f"max {max(w):.1f} s\n"
            f"  API calls per store per minute during the sale ({r['minutes']:.1f} min): {calls}\n"
            f"  polling when the sale began: {sorted(set(r['before'].values()))}"
        )


if __name__ == "__main__":
    main()
