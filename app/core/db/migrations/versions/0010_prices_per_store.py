"""prices per store: a listing's fixed price and the price outbox

``listing_prices`` holds the seller's fixed price for one listing (an override of its
store's rule); ``price_push_outbox`` holds one row per listing with the price the seller
confirmed, sent by the store's push job like stock (docs/ARCHITECTURE.md, "Prices").
Both are new tables: nothing existing is rebuilt. Portable (op calls only), so the same
migration runs on PostgreSQL. The store rule itself lives in ``stores.settings`` (JSON),
which needs no migration: unknown keys get their defaults.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-20 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

STATUSES = ('pending', 'failed', 'held', 'done', 'dismissed')


def upgrade() -> None:
    op.create_table(
        'listing_prices',
        sa.Column('listing_id', sa.Integer(), nullable=False),
        sa.Column('price', sa.BigInteger(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['listing_id'], ['channel_listings.id'],
            name=op.f('fk_listing_prices_listing_id_channel_listings'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('listing_id', name=op.f('pk_listing_prices')),
    )  # fmt: skip
    op.create_table(
        'price_push_outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('store_id', sa.Integer(), nullable=False),
        sa.Column('listing_id', sa.Integer(), nullable=False),
        sa.Column('wanted_price', sa.BigInteger(), nullable=False),
        sa.Column('old_price', sa.BigInteger(), nullable=False),
        sa.Column(
            'status',
            sa.Enum(*STATUSES, name='pricepushstatus', native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=False),
        sa.Column('enqueued_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['listing_id'], ['channel_listings.id'],
            name=op.f('fk_price_push_outbox_listing_id_channel_listings'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['store_id'], ['stores.id'],
            name=op.f('fk_price_push_outbox_store_id_stores'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_price_push_outbox')),
        sa.UniqueConstraint('listing_id', name=op.f('uq_price_push_outbox_listing_id')),
    )  # fmt: skip
    op.create_index(
        'ix_price_push_outbox_due',
        'price_push_outbox',
        ['store_id', 'status', 'next_attempt_at'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index('ix_price_push_outbox_due', table_name='price_push_outbox')
    op.drop_table('price_push_outbox')
    op.drop_table('listing_prices')
