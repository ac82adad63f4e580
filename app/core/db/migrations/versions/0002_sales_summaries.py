"""sales summaries for analytics

Daily per-store and per-variant sales, and a monthly per-variant roll-up, maintained by
app.core.services.analytics so a year's dashboard reads thousands of rows, not millions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sales_daily',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('orders_placed', sa.Integer(), nullable=False),
    sa.Column('orders_counted', sa.Integer(), nullable=False),
    sa.Column('orders_cancelled', sa.Integer(), nullable=False),
    sa.Column('orders_returned', sa.Integer(), nullable=False),
    sa.Column('orders_fees_estimated', sa.Integer(), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('gross_minor', sa.BigInteger(), nullable=False),
    sa.Column('discounts_minor', sa.BigInteger(), nullable=False),
    sa.Column('revenue_minor', sa.BigInteger(), nullable=False),
    sa.Column('cost_minor', sa.BigInteger(), nullable=False),
    sa.Column('fees_final_minor', sa.BigInteger(), nullable=False),
    sa.Column('fees_estimated_minor', sa.BigInteger(), nullable=False),
    sa.Column('shipping_subsidy_minor', sa.BigInteger(), nullable=False),
    sa.Column('shipping_fee_minor', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_sales_daily_store_id_stores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_daily')),
    sa.UniqueConstraint('store_id', 'day', name=op.f('uq_sales_daily_store_id_day'))
    )
    with op.batch_alter_table('sales_daily', schema=None) as batch_op:
        batch_op.create_index('ix_sales_daily_day', ['day', 'store_id'], unique=False)

    op.create_table('sales_daily_variant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=True),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('lines_fees_estimated', sa.Integer(), nullable=False),
    sa.Column('revenue_minor', sa.BigInteger(), nullable=False),
    sa.Column('cost_minor', sa.BigInteger(), nullable=False),
    sa.Column('fees_minor', sa.BigInteger(), nullable=False),
    sa.Column('shipping_subsidy_minor', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_sales_daily_variant_store_id_stores'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['variants.id'], name=op.f('fk_sales_daily_variant_variant_id_variants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_daily_variant'))
    )
    with op.batch_alter_table('sales_daily_variant', schema=None) as batch_op:
        batch_op.create_index('ix_sales_daily_variant_day', ['day', 'variant_id'], unique=False)
        batch_op.create_index('ix_sales_daily_variant_store', ['store_id', 'day'], unique=False)
        batch_op.create_index('ix_sales_daily_variant_variant', ['variant_id', 'day'], unique=False)

    op.create_table('sales_monthly_variant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('store_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=True),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('lines_fees_estimated', sa.Integer(), nullable=False),
    sa.Column('revenue_minor', sa.BigInteger(), nullable=False),
    sa.Column('cost_minor', sa.BigInteger(), nullable=False),
    sa.Column('fees_minor', sa.BigInteger(), nullable=False),
    sa.Column('shipping_subsidy_minor', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['stores.id'], name=op.f('fk_sales_monthly_variant_store_id_stores'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['variants.id'], name=op.f('fk_sales_monthly_variant_variant_id_variants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_monthly_variant'))
    )
    with op.batch_alter_table('sales_monthly_variant', schema=None) as batch_op:
        batch_op.create_index('ix_sales_monthly_variant_month', ['month', 'variant_id'], unique=False)
        batch_op.create_index('ix_sales_monthly_variant_store', ['store_id', 'month'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sales_monthly_variant', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_monthly_variant_store')
        batch_op.drop_index('ix_sales_monthly_variant_month')

    op.drop_table('sales_monthly_variant')
    with op.batch_alter_table('sales_daily_variant', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_daily_variant_variant')
        batch_op.drop_index('ix_sales_daily_variant_store')
        batch_op.drop_index('ix_sales_daily_variant_day')

    op.drop_table('sales_daily_variant')
    with op.batch_alter_table('sales_daily', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_daily_day')

    op.drop_table('sales_daily')
