"""One engine end to end on PostgreSQL: four sandbox shops over loopback HTTP, buyers
ordering, the engine fetching, reserving and pushing (the SQLite suite's own test, with
the workspace in a PostgreSQL database: tests/pg/conftest.py)."""

from tests.integration.sync.conftest import world  # noqa: F401  (the fixture)
from tests.integration.sync.test_end_to_end import (  # noqa: F401
    test_buyers_on_four_shops_never_oversell,
)
