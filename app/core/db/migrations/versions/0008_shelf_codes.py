"""shelf codes: where each variant sits in each location, for the picking list

``inventory_items.shelf`` (up to 40 characters, "" when unset) is the seller's shelf or
bin code for one variant at one location ("A-03-2"). The picking list
(``app/core/services/picking.py``) sorts by location, then shelf, then SKU, so a picker
walks the shelves once. Per variant *and* location, because the same SKU sits on a
different shelf in the warehouse and in the shop. A NOT NULL column with a server
default: SQLite adds it in place, without rebuilding the table.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-10 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'inventory_items',
        sa.Column('shelf', sa.String(length=40), nullable=False, server_default=''),
    )


def downgrade() -> None:
    # SQLite's own DROP COLUMN, never batch mode: rebuilding inventory_items would drop
    # the old table, and its ON DELETE CASCADE would take the ledger rows with it
    op.drop_column('inventory_items', 'shelf')
