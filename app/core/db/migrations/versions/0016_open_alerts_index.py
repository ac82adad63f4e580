"""low-stock alerts: an index for the open ones

The Home page lists the open low-stock alerts (``services/alerts.open_alerts``: items with
``inventory_items.low_alerted_at`` set, newest first) and counts them. Without an index
that read every stock row: at 1,000,000 items a full scan on every Home page refresh
(issue 14 item 6). The index is *partial* — only the alerted items, a handful — so it
costs nothing for the other rows and their stock updates. Portable op calls only: the
same ``WHERE`` is given for SQLite and PostgreSQL, both support partial indexes.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 19:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_OPEN = sa.text('low_alerted_at IS NOT NULL')


def upgrade() -> None:
    op.create_index(
        'ix_inventory_items_low_alerted', 'inventory_items', ['low_alerted_at'],
        sqlite_where=_OPEN, postgresql_where=_OPEN,
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index('ix_inventory_items_low_alerted', table_name='inventory_items')
