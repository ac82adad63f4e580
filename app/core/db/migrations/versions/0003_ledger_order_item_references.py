"""repair ledger rows whose order_item reference is an object's text, not an id

Until 0003 the ledger writer stored ``str(reference_id)``, and mapping a listing passed
the order item itself, so those rows hold ``<app.core.db.models.orders.OrderItem object at
0x…>``. The text carries no id; what the row does carry finds the item again:

- its note, written by the state machine as ``order <platform order id>`` (mapping adds
  `` (listing mapped)``), names the order; orders are unique per store, and the store
  must be in the workspace of the row's variant;
- the row's item gives the variant and location the order line was mapped to;
- its deltas give the line's quantity (``max(|Δ on hand|, |Δ reserved|)``);
- a line that moved stock has left the ``none`` state;
- the order was stored before the ledger row was written.

A row is repaired (``reference_id`` set to the order item's id) only when exactly one
order line of that order meets every condition. Every other bad row is marked plainly:
``reference_type = 'unknown'`` and ``reference_id`` NULL, its note and deltas kept, so the
counts still equal the ledger sums and nothing claims an id it does not have. (A line
unmapped since has no variant any more, and two identical lines of one order cannot be
told apart: those rows are marked.)

No schema change, so no batch mode is needed. Downgrade does nothing: the old text held
no information to restore.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00.000000
"""

from __future__ import annotations

import logging
import re

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

UNKNOWN = 'unknown'
_NOTE = re.compile(r'^order (?P<order>.+?)(?: \((?:listing mapped|listing unmapped)\))?$')


def _is_id(text: str | None) -> bool:
    return text is not None and text.isascii() and text.isdigit()


def upgrade() -> None:
    conn = op.get_bind()
    bad = [
        r
        for r in conn.execute(
            sa.text(
                "SELECT t.id, t.delta_on_hand, t.delta_reserved, t.note, t.created_at, "
                "i.variant_id, i.location_id, v.workspace_id, t.reference_id "
                "FROM inventory_transactions t "
                "JOIN inventory_items i ON i.id = t.item_id "
                "JOIN variants v ON v.id = i.variant_id "
                "WHERE t.reference_type = 'order_item'"
            )
        )
        if not _is_id(r.reference_id)
    ]
    repaired = marked = 0
    for row in bad:
        item_id = _find_item(conn, row)
        if item_id is None:
            conn.execute(
                sa.text(
                    "UPDATE inventory_transactions SET reference_type = :t, reference_id = NULL "
                    "WHERE id = :id"
                ),
                {"t": UNKNOWN, "id": row.id},
            )
            marked += 1
        else:
            conn.execute(
                sa.text("UPDATE inventory_transactions SET reference_id = :ref WHERE id = :id"),
                {"ref": str(item_id), "id": row.id},
            )
            repaired += 1
    if bad:
        log.info('ledger references: %d repaired, %d marked unknown', repaired, marked)


def _find_item(conn, row) -> int | None:
    """The one order item the ledger row was written for, or None."""
    m = _NOTE.match(row.note or '')
    if m is None:
        return None
    quantity = max(abs(row.delta_on_hand), abs(row.delta_reserved))
    candidates = conn.execute(
        sa.text(
            "SELECT oi.id FROM order_items oi "
            "JOIN orders o ON o.id = oi.order_id "
            "JOIN stores s ON s.id = o.store_id "
            "WHERE o.platform_order_id = :order AND s.workspace_id = :ws "
            "AND oi.variant_id = :variant AND oi.location_id = :location "
            "AND oi.quantity = :quantity AND oi.inventory_state != 'none' "
            "AND o.created_at <= :at"
        ),
        {
            "order": m.group('order'),
            "ws": row.workspace_id,
            "variant": row.variant_id,
            "location": row.location_id,
            "quantity": quantity,
            "at": row.created_at,
        },
    ).scalars().all()
    return int(candidates[0]) if len(candidates) == 1 else None


def downgrade() -> None:
    pass
