"""low-stock alerts: when an item's alert fired, so it fires once per crossing

``inventory_items.low_alerted_at`` is set when a variant's available stock at a location
drops to or below its reorder point (the low-stock alert fires then, once), and cleared
when it recovers above the point (docs/ARCHITECTURE.md, low-stock alert:
``app/core/services/alerts.py``). Kept in the database, not in memory, so a restart does
not alert again for stock that was already low. Per variant *and* location, like the
reorder point it is judged against. Nullable, no default: SQLite adds it in place.

Also a data fix: a cancelled order carries no estimated marketplace fee any more
(``order_insert.estimated_fees``); the estimates stored before are cleared (a final fee
from the platform is kept). Not undone by the downgrade: the old figure was wrong.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-12 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('inventory_items', sa.Column('low_alerted_at', sa.DateTime(), nullable=True))
    # expressed with SQLAlchemy, not SQL text: "fees_final = 0" is no test of a boolean on
    # PostgreSQL (the same migrations run on both engines; docs/ARCHITECTURE.md)
    orders = sa.table(
        'orders', sa.column('fees', sa.BigInteger), sa.column('status', sa.String),
        sa.column('fees_final', sa.Boolean),
    )  # fmt: skip
    op.execute(
        orders.update()
        .where(orders.c.status == 'cancelled', orders.c.fees_final == sa.false())
        .values(fees=0)
    )


def downgrade() -> None:
    # SQLite's own DROP COLUMN, never batch mode: rebuilding inventory_items would cascade
    # the ledger rows away (see 0008)
    op.drop_column('inventory_items', 'low_alerted_at')
