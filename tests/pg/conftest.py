"""Tests on a real PostgreSQL server (issue 16, item 7): one throwaway cluster per test
session (tests/pg/server.py), one database per test, copied from a template migrated once.

Every test under tests/pg/ runs with ``STORESYNC_DATABASE_URL`` naming its own database,
so each ``open_workspace`` (the shared ``workspace`` fixture too) opens PostgreSQL: the
modules here re-run chosen SQLite test modules unchanged on the other engine. Without
PostgreSQL binaries the tests skip, except under ``CI=true``, where that is a failure.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator

import pytest

from tests.pg.server import PostgresMissing, PostgresServer, start_server, unique_name

TEMPLATE = "storesync_template"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except PostgresMissing as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs PostgreSQL for the team-database tests: {exc}")
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer, tmp_path_factory) -> str:
    """A database at head with the default workspace, copied for each test."""
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace

    url = pg_server.create_database(TEMPLATE)
    ws = open_workspace(resolve_paths(tmp_path_factory.mktemp("tmpl")), database_url=url)
    ws.close()
    return TEMPLATE


class _Spares:
    """Databases copied from the template ahead of use by a background thread: a copy
    takes about a second (PostgreSQL writes the whole template), the tests need one each."""

    def __init__(self, server: PostgresServer, template: str, ahead: int = 2) -> None:
        self.server, self.template = server, template
        self.ready: queue.Queue = queue.Queue(maxsize=ahead)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._fill, name="pg-spares", daemon=True)
        self._thread.start()

    def _fill(self) -> None:
        while not self._stop.is_set():
            try:
                url = self.server.create_database(unique_name(), template=self.template)
            except Exception as exc:  # handed to the test that takes it
                url = exc
            while not self._stop.is_set():
                try:
                    self.ready.put(url, timeout=0.5)
                    break
                except queue.Full:
                    continue

    def take(self):
        got = self.ready.get(timeout=120)
        if isinstance(got, Exception):
            raise got
        return got

    def stop(self) -> None:
        self._stop.set()  # not joined: a copy under way ends with the server


@pytest.fixture(scope="session")
def pg_spares(pg_server: PostgresServer, pg_template: str) -> Iterator[_Spares]:
    spares = _Spares(pg_server, pg_template)
    yield spares
    spares.stop()


@pytest.fixture
def pg_url(pg_spares: _Spares):
    """A fresh, migrated database for this test (its URL, password included)."""
    return pg_spares.take()


@pytest.fixture(autouse=True)
def on_postgresql(pg_url, monkeypatch) -> None:
    """Every workspace this test opens lives in its PostgreSQL database."""
    monkeypatch.setenv("STORESYNC_DATABASE_URL", pg_url.render_as_string(hide_password=False))
