"""order_packages: the parcels of the orders shipped through StoreSync

One row per platform package of a shipped order (TikTok package id, Shopee
package_number): its tracking number, the ship method and when it was handed over
(app/core/services/shipping.py, docs/ARCHITECTURE.md "Fulfilment").

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 13:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'order_packages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('package_id', sa.String(length=80), nullable=False),
        sa.Column('tracking_number', sa.String(length=80), nullable=False),
        sa.Column(
            'method',
            sa.Enum('pickup', 'dropoff', 'self', name='shipmethod', native_enum=False,
                    length=20),
            nullable=False,
        ),
        sa.Column('shipped_at', sa.DateTime(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['order_id'], ['orders.id'],
            name=op.f('fk_order_packages_order_id_orders'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_order_packages')),
        sa.UniqueConstraint(
            'order_id', 'package_id', name=op.f('uq_order_packages_order_id_package_id')
        ),
    )


def downgrade() -> None:
    op.drop_table('order_packages')
