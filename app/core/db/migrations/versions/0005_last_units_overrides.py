"""last-units rule: a per-variant threshold override and a seller-picked store

``variants.last_units_threshold``: NULL follows the workspace setting
``last_units_threshold``; 0 turns the rule off for this variant; n > 0 offers the last n
units on one store only (docs/ARCHITECTURE.md, channel stock).
``variants.last_units_store_id``: the store the seller wants the last units on; NULL (or
a store that no longer lists the variant) means the store that sold it fastest lately.
It is a plain integer, not a foreign key: SQLite can add and drop such a column in place,
without rebuilding the table (and its full-text triggers); a stale id is simply ignored.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('variants', sa.Column('last_units_threshold', sa.Integer(), nullable=True))
    op.add_column('variants', sa.Column('last_units_store_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('variants', 'last_units_store_id')
    op.drop_column('variants', 'last_units_threshold')
