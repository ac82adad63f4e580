"""The ledger property (tests/unit/core/test_ledger_property.py) on PostgreSQL: the same
rules and invariants, each example starting from the same catalog, locations and store.

A new database per example would cost a second each; instead each example empties the
tables the template left empty (``TRUNCATE … RESTART IDENTITY``), which puts the database
back exactly where the template was for everything the rules write.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.stateful import initialize, run_state_machine_as_test
from sqlalchemy import inspect, select, text

from app.core.db.engine import make_engine, make_sessionmaker
from app.core.services import bundles, locations
from app.core.services.context import ServiceContext
from tests.helpers.factories import product, store
from tests.unit.core.test_ledger_property import BUNDLE, SKUS, LedgerMachine, orders_variant

_DB: dict = {}


def _prepare(url) -> None:
    """Fill the test's database like the SQLite template, and note its empty tables."""
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace

    ws = open_workspace(resolve_paths(Path(tempfile.mkdtemp(prefix="ledger-pg-"))))
    for sku in (*SKUS, BUNDLE):  # the same catalog as the SQLite template, bundle included
        product(ws.ctx, name=f"Produk {sku}", skus=(sku,))
    bundles.set_components_by_sku(ws.ctx, BUNDLE, "A-1×2, B-1×1")
    locations.create_location(ws.ctx, "TOKO", "Toko")
    store(ws.ctx)
    with ws.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        empty = [
            n
            for n in names
            if n != "alembic_version"
            and conn.execute(select(text("1")).select_from(text(f'"{n}"')).limit(1)).first() is None
        ]
    ws.close()
    _DB.update(url=url, empty=empty)


class PgLedgerMachine(LedgerMachine):
    @initialize()
    def open_db(self) -> None:  # replaces the SQLite file copy
        self.dir = Path(tempfile.mkdtemp(prefix="ledger-"))
        self.engine = make_engine(_DB["url"])
        tables = ", ".join(f'"{n}"' for n in _DB["empty"])
        with self.engine.begin() as conn:
            conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY")
        self.ctx = ServiceContext(sessions=make_sessionmaker(self.engine), workspace_id=1)
        self.locations = [loc.id for loc in locations.list_locations(self.ctx)]
        self.variants = {s: orders_variant(self.ctx, s) for s in (*SKUS, BUNDLE)}
        self.store_id = 1
        self.seen = {}
        self.allow_negative = False


def test_the_ledger_explains_every_count_on_postgresql(pg_url):
    _prepare(pg_url)
    run_state_machine_as_test(
        PgLedgerMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
