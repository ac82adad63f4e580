"""The low-stock alert: fires once when a variant's available stock at a location drops to
or below its reorder point, and not again until it has recovered above the point
(docs/ARCHITECTURE.md, "Stock and the ledger").

Judged where stock changes, like the outbox (:mod:`app.core.services.channel_stock`): every
writer of stock marks the variants it touched (:func:`app.core.services.ledger.touched_variants`),
and just before that unit of work commits :class:`LowStockHooks` looks at those variants'
items. "Low" is the rule of :func:`app.core.services.stock_levels.low_stock`: available at or
below the item's reorder point (the workspace default when the item has none) or at/below
zero, for an active variant. The state is ``inventory_items.low_alerted_at`` (migration
0009), written in the same transaction as the stock change, so a restart or a second
process never alerts twice for the same dip and a rolled-back change alerts nothing.

After the commit the hook hands the new alerts to its listeners (the GUI's composition root
turns them into tray notifications through the engine bridge); the Home dashboard reads
the alerts that are still open with :func:`open_alerts`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.models import InventoryItem, Location, Variant
from app.core.db.types import utcnow
from app.core.services.context import ServiceContext
from app.core.services.ledger import TOUCHED_KEY
from app.core.settings import LOW_STOCK_DEFAULT_POINT, setting_in

log = logging.getLogger(__name__)

#: where the alerts of a unit of work wait between before- and after-commit
ALERTS_KEY = "storesync.low_stock_alerts"
CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class LowStockAlert:
    """One variant at one location that just went low (or is still low, for the dashboard)."""

    item_id: int
    variant_id: int
    sku: str
    location_name: str
    available: int
    reorder_point: int
    at: datetime


def is_low(available: int, point: int) -> bool:
    """The low-stock rule: at or below the point, or nothing left."""
    return available <= point or available <= 0


def judge(
    session: Session, workspace_id: int | None, variant_ids: Iterable[int]
) -> list[LowStockAlert]:
    """Update the alert state of these variants' items; return the alerts that fire now.

    An item that is low and not yet alerted fires and is marked; an alerted item that is
    above its point again is cleared (so the next dip fires again). Nothing else changes.
    """
    ids = sorted(set(variant_ids))
    if not ids:
        return []
    now = utcnow()
    fired: list[LowStockAlert] = []
    recovered: list[int] = []
    points: dict[int, int] = {}  # workspace → default reorder point
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(
                InventoryItem.id,
                InventoryItem.variant_id,
                Variant.sku,
                Location.name,
                InventoryItem.on_hand - InventoryItem.reserved,
                InventoryItem.reorder_point,
                InventoryItem.low_alerted_at,
                Variant.status,
                Variant.workspace_id,
            )
            .join(Variant, Variant.id == InventoryItem.variant_id)
            .join(Location, Location.id == InventoryItem.location_id)
            .where(InventoryItem.variant_id.in_(ids[start : start + CHUNK]))
        ).all()
        for item_id, vid, sku, loc, available, point, alerted, status, ws in rows:
            if workspace_id is not None and ws != workspace_id:
                continue
            if not point:
                if ws not in points:
                    points[ws] = setting_in(session, ws, LOW_STOCK_DEFAULT_POINT)
                point = points[ws]
            low = is_low(int(available), int(point)) and status == "active"
            if low and alerted is None:
                fired.append(LowStockAlert(item_id, vid, sku, loc, int(available), int(point), now))
            elif not low and alerted is not None:
                recovered.append(item_id)
    # keep updated_at: it says when the *stock* last changed (the Inventory page shows it)
    if fired:
        session.execute(
            update(InventoryItem)
            .where(InventoryItem.id.in_([a.item_id for a in fired]))
            .values(low_alerted_at=now, updated_at=InventoryItem.updated_at)
        )
    if recovered:
        session.execute(
            update(InventoryItem)
            .where(InventoryItem.id.in_(recovered))
            .values(low_alerted_at=None, updated_at=InventoryItem.updated_at)
        )
    return fired


def open_alerts(ctx: ServiceContext, limit: int = 50) -> list[LowStockAlert]:
    """Items whose alert fired and that have not recovered yet, newest first."""
    with ctx.read() as s:
        rows = s.execute(
            select(
                InventoryItem.id,
                InventoryItem.variant_id,
                Variant.sku,
                Location.name,
                InventoryItem.on_hand - InventoryItem.reserved,
                InventoryItem.reorder_point,
                InventoryItem.low_alerted_at,
            )
            .join(Variant, Variant.id == InventoryItem.variant_id)
            .join(Location, Location.id == InventoryItem.location_id)
            .where(
                # tested per row (``+ 0``): led by the workspace index, SQLite looked up
                # the stock of every variant to find the few alerted items
                (Variant.workspace_id + 0) == ctx.workspace_id,
                InventoryItem.low_alerted_at.is_not(None),
            )
            .order_by(InventoryItem.low_alerted_at.desc(), Variant.sku)
            .limit(limit)
        ).all()
        default = None
        out = []
        for item_id, vid, sku, loc, available, point, at in rows:
            assert at is not None  # the query keeps alerted items only
            if not point:
                if default is None:
                    default = setting_in(s, ctx.workspace_id, LOW_STOCK_DEFAULT_POINT)
                point = default
            out.append(LowStockAlert(item_id, vid, sku, loc, int(available), int(point), at))
        return out


def open_alert_count(ctx: ServiceContext) -> int:
    """How many items are low and alerted now."""
    with ctx.read() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(InventoryItem)
                .join(Variant, Variant.id == InventoryItem.variant_id)
                .where(
                    # per row (``+ 0``), as in open_alerts: the partial alert index (migration
                    # 0016) finds the few alerted items; led by the workspace index SQLite
                    # looked up the stock of every variant
                    (Variant.workspace_id + 0) == ctx.workspace_id,
                    InventoryItem.low_alerted_at.is_not(None),
                )
            )
            or 0
        )


AlertListener = Callable[[list[LowStockAlert]], None]


class LowStockHooks:
    """Before commit: judge the touched variants (same transaction as the stock change).
    After commit: hand the fired alerts to the listeners (any thread; they must not block).
    """

    def __init__(self) -> None:
        self.listeners: list[AlertListener] = []

    def install(self, sessions: sessionmaker[Session]) -> None:
        """Attach to a session factory. ``insert=True``: this runs before the outbox hook,
        which takes the touched variants out of the session."""
        event.listen(sessions, "before_commit", self._before_commit, insert=True)
        event.listen(sessions, "after_commit", self._after_commit)
        event.listen(sessions, "after_rollback", self._after_rollback)

    def _before_commit(self, session: Session) -> None:
        touched = session.info.get(TOUCHED_KEY)
        if not touched:
            return
        fired = judge(session, None, touched)
        if fired:
            session.info.setdefault(ALERTS_KEY, []).extend(fired)

    def _after_commit(self, session: Session) -> None:
        fired = session.info.pop(ALERTS_KEY, None)
        if not fired:
            return
        for listener in list(self.listeners):
            try:
                listener(list(fired))
            except Exception:  # a listener's bug must not break the writer's commit
                log.exception("low-stock listener failed")

    def _after_rollback(self, session: Session) -> None:
        session.info.pop(ALERTS_KEY, None)


def install_low_stock_hooks(sessions: sessionmaker[Session]) -> LowStockHooks:
    """Install :class:`LowStockHooks` on a session factory and return them (for listeners)."""
    hooks = LowStockHooks()
    hooks.install(sessions)
    return hooks
