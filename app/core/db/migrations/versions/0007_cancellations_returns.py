"""cancellations and returns: who cancelled, returns and the seller's decision per line

``orders.cancelled_by``: buyer / seller / system / operator, "" when not cancelled (Shopee
``cancel_by``, TikTok ``cancellation_initiator``).
``order_returns`` / ``order_return_lines``: returns fetched from the platforms and, per
returned order item, how many units the seller restocked (and where) or wrote off.
The new values ``order_items.inventory_state = 'written_off'`` and
``inventory_transactions.type = 'write_off'`` need no schema change: both columns are
plain strings without a CHECK constraint (native_enum=False).

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-10 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

RETURN_STATES = (
    'requested', 'accepted', 'shipped_back', 'received', 'refunded', 'rejected',
    'cancelled', 'disputed',
)


def upgrade() -> None:
    op.add_column(
        'orders',
        sa.Column('cancelled_by', sa.String(length=20), nullable=False, server_default=''),
    )
    op.create_table('order_returns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('platform_return_id', sa.String(length=80), nullable=False),
    sa.Column('state', sa.Enum(*RETURN_STATES, name='returnstate', native_enum=False, length=20), nullable=False),
    sa.Column('platform_status', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('goods_returned', sa.Boolean(), nullable=False),
    sa.Column('platform_updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_returns_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_order_returns_store_id_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_returns')),
    sa.UniqueConstraint('store_id', 'platform_return_id', name=op.f('uq_order_returns_store_id_platform_return_id'))
    )
    with op.batch_alter_table('order_returns', schema=None) as batch_op:
        batch_op.create_index('ix_order_returns_order', ['order_id'], unique=False)
        batch_op.create_index('ix_order_returns_store_updated', ['store_id', 'platform_updated_at'], unique=False)
    op.create_table('order_return_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('order_item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('restocked', sa.Integer(), nullable=False),
    sa.Column('written_off', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['inventory_locations.id'], name=op.f('fk_order_return_lines_location_id_inventory_locations')),
    sa.ForeignKeyConstraint(['order_item_id'], ['order_items.id'], name=op.f('fk_order_return_lines_order_item_id_order_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['return_id'], ['order_returns.id'], name=op.f('fk_order_return_lines_return_id_order_returns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_return_lines')),
    sa.UniqueConstraint('return_id', 'order_item_id', name=op.f('uq_order_return_lines_return_id_order_item_id'))
    )


def downgrade() -> None:
    op.drop_table('order_return_lines')
    with op.batch_alter_table('order_returns', schema=None) as batch_op:
        batch_op.drop_index('ix_order_returns_store_updated')
        batch_op.drop_index('ix_order_returns_order')
    op.drop_table('order_returns')
    # in place (SQLite >= 3.35), not a batch copy: recreating `orders` would cascade-delete
    # its items through their foreign keys
    op.drop_column('orders', 'cancelled_by')
