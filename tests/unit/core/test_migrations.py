"""The schema comes from Alembic migrations that run at start-up."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app.core.db.engine import make_engine
from app.core.db.migrate import current_revision, head_revision, upgrade_to_head
from app.core.db.models import Base

EXPECTED_TABLES = {
    "workspaces",
    "users",
    "platforms",
    "settings",
    "audit_log",
    "stores",
    "channel_listings",
    "products",
    "variants",
    "inventory_locations",
    "inventory_items",
    "inventory_transactions",
    "orders",
    "order_items",
    "order_status_history",
    "sync_jobs",
    "sync_logs",
    "sync_cursors",
    "stock_push_outbox",
    "catalog_fts",
}


def test_empty_database_upgrades_to_head_with_every_table(tmp_path):
    engine = make_engine(tmp_path / "new.db")
    assert current_revision(engine) is None
    assert upgrade_to_head(engine) == head_revision(engine)
    assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
    with engine.connect() as c:
        codes = {r[0] for r in c.execute(text("SELECT code FROM platforms"))}
        assert codes == {"shopee", "tiktok_shop", "custom_website", "woocommerce"}


def test_existing_database_stays_at_head_and_keeps_data(tmp_path):
    engine = make_engine(tmp_path / "old.db")
    upgrade_to_head(engine)
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO workspaces (name, currency, timezone, created_at) "
                "VALUES ('Toko Lama', 'IDR', 'Asia/Jakarta', '2026-01-01')"
            )
        )
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision(engine)
    with engine.connect() as c:
        assert c.execute(text("SELECT name FROM workspaces")).scalar() == "Toko Lama"


def test_migrations_match_the_models(tmp_path):
    """Autogenerate finds nothing to add: models and migrations tell the same schema."""
    engine = make_engine(tmp_path / "cmp.db")
    upgrade_to_head(engine)
    with engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    diff = [d for d in diff if "catalog_fts" not in str(d)]
    assert diff == []


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(tmp_path):
    engine = make_engine(tmp_path / "p.db")
    with engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_the_chain_read_from_the_files_is_alembics(tmp_path):
    """Start-up recognises a database at head without loading Alembic, from the migration
    files' own lines (app/core/db/migrate.py): they must say what Alembic says."""
    from app.core.db.migrate import chain_from_files, known_revisions

    engine = make_engine(tmp_path / "c.db")
    revisions, heads = chain_from_files()
    assert revisions == known_revisions()
    assert heads == {head_revision(engine)}
