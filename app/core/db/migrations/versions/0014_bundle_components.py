"""bundles and kits: the components of a bundle variant

``bundle_components`` holds, per bundle variant, each component variant and how many
units of it one bundle takes (docs/ARCHITECTURE.md, bundles: ``services/bundle_rules.py``).
A variant with rows here is a bundle: it has no stock of its own; its available stock is
the minimum over its components of ``available // quantity`` and an order line for it
moves its components' stock. A new table only: nothing existing changes, so the
downgrade drops it whole. Portable op calls only (the same chain runs on PostgreSQL).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 16:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'bundle_components',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bundle_id', sa.Integer(), nullable=False),
        sa.Column('component_id', sa.Integer(), nullable=False),
        sa.Column('quantity', sa.Integer(), nullable=False),
        sa.CheckConstraint('quantity > 0', name=op.f('ck_bundle_components_quantity_positive')),
        sa.CheckConstraint('bundle_id <> component_id', name=op.f('ck_bundle_components_not_itself')),
        sa.ForeignKeyConstraint(
            ['bundle_id'], ['variants.id'],
            name=op.f('fk_bundle_components_bundle_id_variants'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['component_id'], ['variants.id'],
            name=op.f('fk_bundle_components_component_id_variants'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bundle_components')),
        sa.UniqueConstraint(
            'bundle_id', 'component_id', name=op.f('uq_bundle_components_bundle_id_component_id')
        ),
    )
    op.create_index(
        'ix_bundle_components_component', 'bundle_components', ['component_id', 'bundle_id']
    )


def downgrade() -> None:
    op.drop_index('ix_bundle_components_component', table_name='bundle_components')
    op.drop_table('bundle_components')
