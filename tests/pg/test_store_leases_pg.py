"""Two engines in two real processes on one PostgreSQL database with four sandbox shops
and buyers ordering (issue 16, item 7): one is killed mid-sync, the other takes its stores
over within the stated time; each store synced by one engine at a time, every order stored
once, the ledger holds, no refresh token spent twice. The SQLite suite's own test, with
the workspace and both engines on a PostgreSQL database (tests/pg/conftest.py)."""

from tests.integration.sync.test_store_leases import (  # noqa: F401  (the fixture, the test)
    team,
    test_one_engine_per_store_and_take_over_after_a_kill,
)
