import threading, time
from datetime import UTC
from sqlalchemy import select
from app.core.db.models import InventoryTransaction, InventoryItem, Variant
from tests.integration.sync.test_end_to_end import test_buyers_on_four_shops_never_oversell as base


def test_probe(world):
    sb = world.sandbox
    keys = []
    for sim in sb.sims:
        for sid in sim.shops:
            keys.append((sim, sid))
    skus = sorted({v.sku for p in __import__("app.sandbox.catalog", fromlist=["x"]).demo_catalog(sb.seed) for v in p.variants})

    def snap():
        out = {}
        for sim, sid in keys:
            for sku in skus:
                try:
                    out[(sim.name[:2] + str(sid)[-3:], sku)] = sim.stock_of(sid, sku)
                except Exception:
                    pass
        return out

    sales = []
    for sim in sb.sims:
        orig = sim.place_random_order
        def wrapped(rng, lines=None, _o=orig, _s=sim):
            before = snap()
            r = _o(rng, lines)
            after = snap()
            t = time.time()
            for k, v in after.items():
                if v != before.get(k):
                    sales.append((t, k[0], k[1], before[k] - v, before))
            return r
        sim.place_random_order = wrapped
    timeline = []
    stop = threading.Event()
    def sampler():
        last = {}
        while not stop.is_set():
            with sb.lock:
                s = snap()
            t = time.time()
            for k, v in s.items():
                if last.get(k) != v:
                    timeline.append((t, k[0], k[1], v))
            last = s
            time.sleep(0.005)
    th = threading.Thread(target=sampler, daemon=True); th.start()
    try:
        base(world)
    except AssertionError as e:
        msg = str(e)
        sku = msg.split()[0]
        print("FAILED", msg[:200])
        t0 = min(s[0] for s in sales)
        with world.ws.sessions() as s:
            rows = s.execute(select(InventoryTransaction.created_at, InventoryTransaction.delta_on_hand, InventoryTransaction.delta_reserved, InventoryTransaction.reference_id, InventoryTransaction.type).join(InventoryItem, InventoryItem.id == InventoryTransaction.item_id).join(Variant, Variant.id == InventoryItem.variant_id).where(Variant.sku == sku)).all()
        ev = []
        for t, shop, k, q, before in sales:
            if k == sku:
                ev.append((t, f"SALE {shop} -{q}  shown before: " + " ".join(f"{kk[0]}={v}" for kk, v in before.items() if kk[1] == sku)))
        for t, shop, k, v in timeline:
            if k == sku:
                ev.append((t, f"   shows {shop}={v}"))
        for ca, don, dres, ref, typ in rows:
            ev.append((ca.replace(tzinfo=UTC).timestamp() if ca.tzinfo is None else ca.timestamp(), f"      LEDGER {typ} on_hand{don:+d} reserved{dres:+d} ref {ref}"))
        for t, line in sorted(ev):
            print(f"{t - t0:8.3f} {line}")
        raise
    finally:
        stop.set()
