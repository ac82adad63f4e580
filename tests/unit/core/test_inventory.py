"""Inventory rules: every change atomic, in the ledger, and never silently negative."""

from __future__ import annotations

import threading

import pytest

from app.core.domain import TxnType
from app.core.services import inventory, locations, stock_levels
from app.core.services.errors import NegativeStockError, ValidationError
from app.core.settings import ALLOW_NEGATIVE_STOCK, set_setting
from tests.helpers.factories import product


@pytest.fixture
def kaos(ctx):
    """One variant and the main location id."""
    v = product(ctx, skus=("KAOS-01",)).variants[0]
    return v.id, locations.list_locations(ctx)[0].id


def level(ctx, vid, loc):
    (lv,) = stock_levels.stock_levels(ctx, vid, loc)
    return lv


def assert_ledger_consistent(workspace):
    with workspace.sessions() as s:
        assert stock_levels.ledger_mismatches(s) == []


def test_adjust_needs_a_reason_and_writes_the_ledger(ctx, workspace, kaos):
    vid, loc = kaos
    with pytest.raises(ValidationError, match="say why"):
        inventory.adjust(ctx, vid, loc, 5, "  ")
    inventory.adjust(ctx, vid, loc, 10, "opening stock")
    inventory.adjust(ctx, vid, loc, -3, "damaged")
    assert level(ctx, vid, loc).on_hand == 7
    moves = stock_levels.movements(ctx, vid)
    assert [(m.type, m.delta_on_hand, m.note) for m in moves] == [
        (TxnType.ADJUSTMENT, -3, "damaged"),
        (TxnType.ADJUSTMENT, 10, "opening stock"),
    ]
    assert moves[0].actor == "owner"
    assert_ledger_consistent(workspace)


def test_going_negative_is_refused_and_changes_nothing(ctx, workspace, kaos):
    vid, loc = kaos
    inventory.receive(ctx, vid, loc, 2)
    with pytest.raises(NegativeStockError):
        inventory.adjust(ctx, vid, loc, -3, "oops")
    assert level(ctx, vid, loc).on_hand == 2
    assert len(stock_levels.movements(ctx, vid)) == 1
    set_setting(ctx, ALLOW_NEGATIVE_STOCK, True)
    inventory.adjust(ctx, vid, loc, -3, "seller allows it")
    assert level(ctx, vid, loc).on_hand == -1
    assert_ledger_consistent(workspace)


def test_transfer_moves_both_legs_or_neither(ctx, workspace, kaos):
    vid, main = kaos
    toko = locations.create_location(ctx, "toko", "Toko Depan")
    inventory.receive(ctx, vid, main, 5)
    inventory.transfer(ctx, vid, main, toko, 4)
    assert (level(ctx, vid, main).on_hand, level(ctx, vid, toko).on_hand) == (1, 4)
    with pytest.raises(NegativeStockError):
        inventory.transfer(ctx, vid, main, toko, 2)
    assert (level(ctx, vid, main).on_hand, level(ctx, vid, toko).on_hand) == (1, 4)
    assert_ledger_consistent(workspace)


def test_stocktake_books_the_difference(ctx, workspace, kaos):
    vid, loc = kaos
    inventory.receive(ctx, vid, loc, 10)
    assert inventory.stocktake(ctx, vid, loc, 7, "count Nov") == -3
    assert inventory.stocktake(ctx, vid, loc, 7) == 0
    assert level(ctx, vid, loc).on_hand == 7
    assert stock_levels.movements(ctx, vid)[0].type == TxnType.STOCKTAKE
    assert_ledger_consistent(workspace)


def test_low_stock_uses_reorder_point_or_the_default(ctx, kaos):
    vid, loc = kaos
    other = product(ctx, name="Madu", skus=("MADU",)).variants[0].id
    inventory.receive(ctx, vid, loc, 8)
    inventory.receive(ctx, other, loc, 8)
    inventory.set_reorder(ctx, vid, loc, 10, 20)
    assert [lv.sku for lv in stock_levels.low_stock(ctx)] == ["KAOS-01"]  # 8 <= 10; MADU 8 > 5
    inventory.adjust(ctx, other, loc, -8, "sold offline")
    assert [lv.sku for lv in stock_levels.low_stock(ctx, out_only=True)] == ["MADU"]


def test_duplicate_location_code_is_refused(ctx):
    from app.core.services.errors import ConflictError

    with pytest.raises(ConflictError):
        locations.create_location(ctx, "main", "Another main")


def test_concurrent_writers_never_lose_a_change(workspace, kaos):
    """The GUI and the engine write at once: atomic SQL keeps every delta."""
    vid, loc = kaos
    ctx = workspace.ctx
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for _ in range(25):
                inventory.adjust(ctx.as_actor(f"w{n}"), vid, loc, 1, "tick")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert level(ctx, vid, loc).on_hand == 100
    assert_ledger_consistent(workspace)
