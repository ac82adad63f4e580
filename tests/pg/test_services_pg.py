"""The catalog, inventory, orders and ledger service tests, re-run on PostgreSQL.

The tests are the SQLite suite's own (imported unchanged); tests/pg/conftest.py points
every workspace they open at a fresh PostgreSQL database.
"""

from tests.unit.core.test_catalog import *  # noqa: F403
from tests.unit.core.test_inventory import *  # noqa: F403
from tests.unit.core.test_ledger import *  # noqa: F403
from tests.unit.core.test_orders import *  # noqa: F403
