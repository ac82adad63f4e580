"""Property: whatever sequence of stock operations happens, the ledger explains the counts.

Random sequences of adjustments, transfers, order status changes (including replays),
mappings and unmappings, returns and stocktakes. After every step: each item's on_hand and
reserved equal the sums of its ledger deltas; reserved is never negative; on_hand is only
negative where a platform sale took it there (a fact we record) or the seller allowed it;
and replaying the order statuses already seen changes nothing.

A bundle (``K-1`` = 2 × ``A-1`` + 1 × ``B-1``) takes part: its order lines move its
components (one ledger row per component, referencing the line), it can be mapped and
unmapped like any variant, and a direct adjustment of it is refused changing nothing.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import keyring
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select

from app.core.db.engine import make_engine, make_sessionmaker
from app.core.db.models import InventoryItem, InventoryTransaction, OrderItem, Store
from app.core.domain import OrderStatus, TxnType
from app.core.services import (
    bundles,
    inventory,
    listings,
    locations,
    order_items,
    orders,
    stock_levels,
)
from app.core.services.context import ServiceContext
from app.core.services.errors import NegativeStockError, ValidationError
from app.core.services.orders import upsert_orders_in
from tests.helpers.factories import order, product, store
from tests.helpers.memkeyring import MemoryKeyring

SKUS = ("A-1", "B-1", "C-1")
BUNDLE = "K-1"
KIT = {"A-1": 2, "B-1": 1}  # what one K-1 is made of
STATUSES = list(OrderStatus)
_TEMPLATE: dict[str, Path] = {}


def template_db() -> Path:
    """A migrated database with a catalog, two locations and a store, built once."""
    if "path" not in _TEMPLATE:
        from app.core.paths import resolve_paths
        from app.core.workspace import open_workspace

        keyring.set_keyring(MemoryKeyring())
        root = Path(tempfile.mkdtemp(prefix="ledger-template-"))
        ws = open_workspace(resolve_paths(root))
        for sku in (*SKUS, BUNDLE):
            product(ws.ctx, name=f"Produk {sku}", skus=(sku,))
        bundles.set_components_by_sku(ws.ctx, BUNDLE, "A-1×2, B-1×1")
        locations.create_location(ws.ctx, "TOKO", "Toko")
        store(ws.ctx)
        ws.close()  # the last connection closing checkpoints the WAL into the main file
        _TEMPLATE["path"] = ws.paths.database
    return _TEMPLATE["path"]


class LedgerMachine(RuleBasedStateMachine):
    """Drives the real services on a real SQLite file."""

    @initialize()
    def open_db(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="ledger-"))
        db = self.dir / "storesync.db"
        shutil.copy(template_db(), db)
        self.engine = make_engine(db)
        sessions = make_sessionmaker(self.engine)
        self.ctx = ServiceContext(sessions=sessions, workspace_id=1)
        self.locations = [loc.id for loc in locations.list_locations(self.ctx)]
        self.variants = {
            sku: product_id
            for sku, product_id in ((s, orders_variant(self.ctx, s)) for s in (*SKUS, BUNDLE))
        }
        self.store_id = 1
        self.seen: dict[str, object] = {}  # order id -> last ChannelOrder applied
        self.allow_negative = False

    def teardown(self) -> None:
        if hasattr(self, "engine"):
            self.engine.dispose()
            shutil.rmtree(self.dir, ignore_errors=True)

    # ------------------------------------------------------------------ helpers
    def snapshot(self) -> list[tuple[int, int, int]]:
        with self.ctx.read() as s:
            return sorted(
                tuple(r)
                for r in s.execute(
                    select(InventoryItem.id, InventoryItem.on_hand, InventoryItem.reserved)
                )
            )

    def ingest(self, *orders_) -> None:
        with self.ctx.write() as s:
            upsert_orders_in(s, s.get(Store, self.store_id), list(orders_))

    # ------------------------------------------------------------------ rules
    @rule(sku=st.sampled_from(SKUS), loc=st.integers(0, 1), delta=st.integers(-8, 12))
    def adjust(self, sku, loc, delta):
        with contextlib.suppress(NegativeStockError, ValidationError):
            inventory.adjust(self.ctx, self.variants[sku], self.locations[loc], delta, "prop")

    @rule(sku=st.sampled_from(SKUS), qty=st.integers(1, 6), forward=st.booleans())
    def transfer(self, sku, qty, forward):
        a, b = self.locations if forward else self.locations[::-1]
        with contextlib.suppress(NegativeStockError):
            inventory.transfer(self.ctx, self.variants[sku], a, b, qty)

    @rule(sku=st.sampled_from(SKUS), loc=st.integers(0, 1), counted=st.integers(0, 30))
    def stocktake(self, sku, loc, counted):
        inventory.stocktake(self.ctx, self.variants[sku], self.locations[loc], counted)

    @rule(
        n=st.integers(0, 5),
        status=st.sampled_from(STATUSES),
        lines=st.lists(
            st.tuples(st.sampled_from((*SKUS, BUNDLE, "UNKNOWN-9")), st.integers(1, 4)),
            min_size=1,
            max_size=2,
            unique_by=lambda t: t[0],
        ),
    )
    def order_status(self, n, status, lines):
        oid = f"O{n}"
        prev = self.seen.get(oid)
        if prev is not None:
            lines = [(i.platform_sku, i.quantity) for i in prev.items]  # lines never change
        o = order(oid, status, lines, minutes=len(self.seen) + 1)
        self.ingest(o)
        self.seen[oid] = o

    @rule()
    def replay_everything_seen(self):
        before = self.snapshot()
        with self.ctx.read() as s:
            n_ledger = len(s.scalars(select(InventoryTransaction.id)).all())
        self.ingest(*self.seen.values())
        with self.ctx.read() as s:
            assert len(s.scalars(select(InventoryTransaction.id)).all()) == n_ledger
        assert self.snapshot() == before

    @rule(loc=st.integers(0, 1), delta=st.integers(-8, 12))
    def adjust_the_bundle_is_refused(self, loc, delta):
        before = self.snapshot()
        with contextlib.suppress(ValidationError):
            inventory.adjust(self.ctx, self.variants[BUNDLE], self.locations[loc], delta, "p")
            raise AssertionError("a bundle was adjusted directly")
        assert self.snapshot() == before

    @rule(sku=st.sampled_from((*SKUS, BUNDLE)), pick=st.integers(0, 20))
    def map_a_listing(self, sku, pick):
        rows = listings.list_listings(self.ctx)
        if rows:
            listings.map_listing(self.ctx, rows[pick % len(rows)].id, self.variants[sku])

    @rule(pick=st.integers(0, 20))
    def unmap_a_listing(self, pick):
        rows = listings.list_listings(self.ctx)
        if rows:
            listings.unmap_listing(self.ctx, rows[pick % len(rows)].id)

    @rule(pick=st.integers(0, 5))
    def restock_a_return(self, pick):
        oid = orders.find_order_id(self.ctx, self.store_id, f"O{pick}")
        if oid is not None:
            order_items.restock_return(self.ctx, oid)

    # ------------------------------------------------------------------ invariants
    @invariant()
    def ledger_explains_every_count(self):
        if not hasattr(self, "ctx"):
            return
        with self.ctx.read() as s:
            assert stock_levels.ledger_mismatches(s) == []

    @invariant()
    def order_item_references_are_item_ids(self):
        if not hasattr(self, "ctx"):
            return
        with self.ctx.read() as s:
            refs = set(
                s.scalars(
                    select(InventoryTransaction.reference_id).where(
                        InventoryTransaction.reference_type == "order_item"
                    )
                )
            )
            assert refs <= {str(i) for i in s.scalars(select(OrderItem.id))}

    @invariant()
    def order_effects_match_item_states(self):
        """Reserved = units of items now reserved; order-driven on-hand moves = minus the
        units now deducted (a return or an unmapping puts them back)."""
        if not hasattr(self, "ctx"):
            return
        from sqlalchemy import func

        from app.core.db.models import OrderItem
        from app.core.domain import InventoryState

        with self.ctx.read() as s:
            held: dict[tuple[int, int, object], int] = {}
            for v, loc, st, q in s.execute(
                select(
                    OrderItem.variant_id,
                    OrderItem.location_id,
                    OrderItem.inventory_state,
                    func.sum(OrderItem.quantity),
                )
                .where(OrderItem.variant_id.is_not(None))
                .group_by(OrderItem.variant_id, OrderItem.location_id, OrderItem.inventory_state)
            ):  # a bundle's line holds its components (KIT units each)
                parts = (
                    [(self.variants[c], n) for c, n in KIT.items()]
                    if v == self.variants[BUNDLE]
                    else [(v, 1)]
                )
                for cid, n in parts:
                    held[cid, loc, st] = held.get((cid, loc, st), 0) + int(q) * n
            rows = s.execute(
                select(
                    InventoryItem.variant_id,
                    InventoryItem.location_id,
                    InventoryItem.reserved,
                    func.coalesce(func.sum(InventoryTransaction.delta_on_hand), 0),
                )
                .outerjoin(
                    InventoryTransaction,
                    (InventoryTransaction.item_id == InventoryItem.id)
                    & (InventoryTransaction.reference_type == "order_item"),
                )
                .group_by(InventoryItem.id)
            ).all()
            for v, loc, reserved, order_on_hand in rows:
                assert reserved == held.get((v, loc, InventoryState.RESERVED), 0)
                assert order_on_hand == -held.get((v, loc, InventoryState.DEDUCTED), 0)

    @invariant()
    def a_bundle_holds_no_stock_of_its_own(self):
        if not hasattr(self, "ctx"):
            return
        with self.ctx.read() as s:
            assert not s.scalars(
                select(InventoryItem.id).where(InventoryItem.variant_id == self.variants[BUNDLE])
            ).all()

    @invariant()
    def nothing_negative_unless_a_sale_did_it(self):
        if not hasattr(self, "ctx"):
            return
        with self.ctx.read() as s:
            items = s.execute(
                select(InventoryItem.id, InventoryItem.on_hand, InventoryItem.reserved)
            ).all()
            for item_id, on_hand, reserved in items:
                assert reserved >= 0
                if on_hand < 0:
                    types = set(
                        s.scalars(
                            select(InventoryTransaction.type).where(
                                InventoryTransaction.item_id == item_id,
                                InventoryTransaction.delta_on_hand < 0,
                            )
                        )
                    )
                    assert TxnType.SALE in types, f"item {item_id} negative without a sale"


def orders_variant(ctx, sku: str) -> int:
    from app.core.services.catalog import find_variant_by_sku

    v = find_variant_by_sku(ctx, sku)
    assert v is not None
    return v.id


LedgerMachine.TestCase.settings = settings(
    max_examples=200,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestLedgerProperty = LedgerMachine.TestCase
