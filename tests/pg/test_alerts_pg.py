"""The low-stock alert suite on PostgreSQL (issue 14 item 6): migration 0016's partial
index and the open-alert queries also run there. The tests are the SQLite suite's own."""

from tests.unit.core.test_low_stock_alert import *  # noqa: F403
