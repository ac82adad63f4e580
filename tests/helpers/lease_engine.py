"""Run by tests as a separate process: one sync engine on a shared workspace database,
as a second PC would run it (its own data folder, the team's database).

    python -m tests.helpers.lease_engine DATA_DIR DATABASE SECRETS TTL RENEW MARGIN

DATABASE: the shared SQLite file's path, or a team database's URL
(``postgresql+psycopg://…``, password included: a throwaway test server's).

MARGIN: refresh the access token when it has less than this many seconds left.

Prints ``started HOLDER`` once its engine runs, then syncs on its schedule (fast polling)
until a line arrives on standard input: it stops cleanly (leases given back), prints
``stopped`` and exits 0. The secrets file stands for the keychain both engines share.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from app.core.paths import AppPaths
from app.core.platforms.http import RetryPolicy
from app.core.secrets import SecretStore
from app.core.services.polling import PollingRules
from app.core.sync.engine import EngineOptions, SyncEngine
from app.core.workspace import open_workspace


@dataclass(frozen=True)
class SharedPaths(AppPaths):
    """A data folder of its own whose database is the shared one."""

    shared: Path = Path()

    @property
    def database(self) -> Path:  # type: ignore[override]
        return self.shared


def main(
    data_dir: str, database: str, secrets: str, ttl: float, renew: float, margin: float
) -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    root = Path(data_dir)
    if "://" in database:  # the team database (PostgreSQL); the data folder stays ours
        ws = open_workspace(AppPaths(root, root / "logs", root / "exports"), database_url=database)
    else:
        paths = SharedPaths(root, root / "logs", root / "exports", shared=Path(database))
        ws = open_workspace(paths)
    ws.secrets = SecretStore(Path(secrets))
    options = EngineOptions(
        start_jitter=0.2,
        retry=RetryPolicy(attempts=6, base_delay=0.02, max_delay=0.2, max_retry_after=0.2),
        polling=PollingRules(fast_s=1.0, quiet_max_s=2.0),
        lease_ttl=ttl,
        lease_renew=renew,
        refresh_margin=timedelta(seconds=margin),
    )
    engine = SyncEngine(ws, None, options)
    engine.start()
    print("started", engine.leases.holder.name, flush=True)
    sys.stdin.readline()
    engine.stop()
    ws.close()
    print("stopped", flush=True)


if __name__ == "__main__":
    data_dir, database, secrets, *numbers = sys.argv[1:]
    main(data_dir, database, secrets, *(float(n) for n in numbers))
