"""A demo-like first sync leaves no ledger reference that is not an order item id.

The demo shops have orders before they are connected, so the first order fetch creates
their listings unmapped and the product sync that follows maps them: the path that once
stored ``<OrderItem object at 0x…>`` as the reference.
"""

from __future__ import annotations

from sqlalchemy import select

from app.core.db.models import InventoryTransaction, OrderItem
from app.core.services import stock_levels
from app.core.services.ledger import RefType
from app.core.sync.engine import EngineOptions, SyncEngine
from app.demo import connect_requests, seed_orders
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY, World


def test_first_sync_of_shops_with_orders_references_order_items_by_id(workspace):
    sandbox = build_sandbox(seed=11)
    sandbox.start()
    engine = SyncEngine(workspace, lambda _e: None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        seed_orders(sandbox, 40, seed=11)
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        World(workspace, sandbox, engine, []).sync_all()  # each store's first full sync
    finally:
        engine.stop()
        sandbox.stop()
    with workspace.sessions() as s:
        refs = s.execute(
            select(InventoryTransaction.reference_id, InventoryTransaction.note).where(
                InventoryTransaction.reference_type == RefType.ORDER_ITEM
            )
        ).all()
        item_ids = {str(i) for i in s.scalars(select(OrderItem.id))}
        assert stock_levels.ledger_mismatches(s) == []
    assert any(note.endswith("(listing mapped)") for _r, note in refs)  # the path was taken
    assert [r for r, _n in refs if r not in item_ids] == []
