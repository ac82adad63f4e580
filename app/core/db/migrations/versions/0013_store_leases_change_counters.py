"""store leases and change counters: several engines and PCs on one database

``store_leases``: one row per store naming the engine that syncs it and until when; taken
and renewed by a conditional UPDATE (``app/core/services/leases.py``). ``store_lease_events``:
when a lease was taken, released or lost. ``change_counters``: one row per area, bumped in
the same transaction as every write to it, polled by each window
(``app/core/services/changes.py``). Plain tables, portable to PostgreSQL.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 16:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

AREAS = ("orders", "stock", "products", "listings", "stores", "leases")


def upgrade() -> None:
    op.create_table(
        "store_leases",
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("site", sa.String(length=40), nullable=False),
        sa.Column("acquired_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_store_leases_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_store_leases")),
    )
    op.create_table(
        "store_lease_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["stores.id"],
            name=op.f("fk_store_lease_events_store_id_stores"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_lease_events")),
    )
    op.create_index(
        "ix_store_lease_events_store", "store_lease_events", ["store_id", "id"], unique=False
    )
    counters = op.create_table(
        "change_counters",
        sa.Column("area", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("area", name=op.f("pk_change_counters")),
    )
    # every area has its row from the start: a write only ever UPDATEs it (no insert race)
    op.bulk_insert(counters, [{"area": a, "revision": 0, "changed_at": None} for a in AREAS])


def downgrade() -> None:
    op.drop_table("change_counters")
    op.drop_index("ix_store_lease_events_store", table_name="store_lease_events")
    op.drop_table("store_lease_events")
    op.drop_table("store_leases")
