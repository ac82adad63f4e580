"""website stores: WooCommerce joins the platforms a store may be on

The ``platforms`` table lists what ``stores.platform`` may name. The custom website
(a site speaking docs/custom-store-api.md) was seeded by 0001; WooCommerce is added here
(docs/ARCHITECTURE.md, "Website stores"). Portable: a plain insert and delete.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 16:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_platforms = sa.table("platforms", sa.column("code", sa.String), sa.column("name", sa.String))


def upgrade() -> None:
    op.bulk_insert(_platforms, [{"code": "woocommerce", "name": "WooCommerce"}])
    op.execute(
        _platforms.update()
        .where(_platforms.c.code == "custom_website")
        .values(name="Website (StoreSync contract)")
    )


def downgrade() -> None:
    op.execute(_platforms.delete().where(_platforms.c.code == "woocommerce"))
    op.execute(
        _platforms.update().where(_platforms.c.code == "custom_website").values(name="Website")
    )
