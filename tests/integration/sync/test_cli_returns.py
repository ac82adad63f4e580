"""``storesync orders cancel | returns | restock`` against the sandbox over loopback HTTP."""

from __future__ import annotations

from app.__main__ import main
from app.core.domain import JobKind, Platform
from tests.integration.sync.test_cancel_returns import _mapped_sku, _stock, _store


def _run(world, capsys, *argv: str) -> tuple[int, str]:
    rc = main(["orders", *argv, "--data-dir", str(world.ws.paths.data_dir)])
    out = capsys.readouterr()
    return rc, out.out + out.err


def test_cancel_lists_reasons_then_cancels_once(world, capsys):
    store = _store(world, Platform.SHOPEE)
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("shopee")
    with world.sandbox.lock:
        sim.seller_set_stock(store.external_shop_id, sku, 50)
        number = sim.place_order(store.external_shop_id, {sku: 1})
    world.engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
    _on_hand, reserved = _stock(world, sku)
    world.engine.stop()  # the CLI takes the folder's engine lock itself

    rc, text = _run(world, capsys, "cancel", "--order", number)
    assert rc == 2 and "CUSTOMER_REQUEST" in text and "--reason CODE" in text
    rc, text = _run(world, capsys, "cancel", "--order", number, "--reason", "CUSTOMER_REQUEST")
    assert (rc, text.strip().splitlines()[-1]) == (0, f"order {number}: cancelled")
    assert _stock(world, sku)[1] == reserved - 1
    rc, text = _run(world, capsys, "cancel", "--order", number, "--reason", "CUSTOMER_REQUEST")
    assert rc == 2 and "already cancelled" in text
    rc, text = _run(world, capsys, "show", "--order", number)
    assert rc == 0 and "cancelled by seller: CUSTOMER_REQUEST" in text
    assert _stock(world, sku)[1] == reserved - 1


def test_returns_listed_then_restocked_once(world, capsys):
    store = _store(world, Platform.TIKTOK_SHOP)
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("tiktok_shop")
    number = sim.place_order(store.external_shop_id, {sku: 2})
    sim.set_order_status(store.external_shop_id, number, "DELIVERED")
    sim.request_return(store.external_shop_id, number)
    sim.advance_return(store.external_shop_id, number)
    world.engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
    world.engine.stop()
    on_hand, _r = _stock(world, sku)

    rc, text = _run(world, capsys, "returns", "--fetch", "--store", str(store.id))
    assert rc == 0 and f"order {number}" in text and "refunded" in text
    assert "to restock or write off" in text
    rc, text = _run(world, capsys, "restock", "--order", number, "--line", f"{sku}=1")
    assert rc == 0 and "1 restocked into" in text and "1 written off" in text
    assert _stock(world, sku)[0] == on_hand + 1
    rc, text = _run(world, capsys, "restock", "--order", number)
    assert rc == 2 and "already restocked or written off" in text
    rc, text = _run(world, capsys, "restock", "--order", number, "--line", "nonsense")
    assert rc == 2 and "SKU=QTY" in text
    assert _stock(world, sku)[0] == on_hand + 1
