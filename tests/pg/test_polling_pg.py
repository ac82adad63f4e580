"""Adaptive polling's facts read on PostgreSQL: the "low shared stock" count once failed
there (SQLite's two-argument max() is an aggregate on PostgreSQL), crashing the store
worker of an engine whose shops share a low variant. The SQLite suite's own test, with
the workspace on a PostgreSQL database (tests/pg/conftest.py)."""

from tests.integration.sync.test_adaptive_polling import (  # noqa: F401  (fixture, test)
    polled,
    test_a_low_shared_variant_makes_every_store_that_lists_it_poll_fast,
)
