"""Open a data folder: check and migrate its database, make sure the default workspace
exists; back it up daily while open, and put a backup in its place.

The GUI and the command line reach the database's safety (docs/ARCHITECTURE.md, "Sync,
platforms, data safety") through here: they may not import ``app.core.db``, so the
problem types they catch are re-exported below.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.backup import (
    Progress,
    RestoreResult,
    backup_if_due,
    create_backup,
    list_backups,
    newest_good_backup,
    restore_backup,
)
from app.core.db.engine import make_engine, make_sessionmaker
from app.core.db.integrity import check_database
from app.core.db.migrate import upgrade_to_head
from app.core.db.problems import DatabaseCorrupt, DatabaseLocked, DatabaseProblem, as_problem
from app.core.paths import AppPaths
from app.core.secrets import SecretStore
from app.core.services.alerts import LowStockHooks, install_low_stock_hooks
from app.core.services.bootstrap import ensure_workspace
from app.core.services.changes import ChangeHooks, install_change_hooks
from app.core.services.channel_stock import OutboxHooks, install_outbox_hooks
from app.core.services.context import ServiceContext
from app.core.settings import BACKUPS_TO_KEEP, get_setting, upgrade_settings

__all__ = [
    "DailyBackups",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseProblem",
    "OpenWorkspace",
    "Progress",
    "RestoreResult",
    "as_problem",
    "back_up_now",
    "backups_of",
    "newest_good_backup_of",
    "open_workspace",
    "restore_into",
    "restore_offline",
]

log = logging.getLogger(__name__)


@dataclass
class OpenWorkspace:
    """Everything the composition root builds once per process."""

    paths: AppPaths
    engine: Engine
    sessions: sessionmaker[Session]
    ctx: ServiceContext
    secrets: SecretStore
    outbox: OutboxHooks  # the engine listens here for stores with pushes waiting
    # low-stock alerts fired by a commit (services/alerts.py); the GUI turns them into
    # tray notifications
    low_stock: LowStockHooks | None = None
    # the change counters' hook (services/changes.py): which revisions were our own
    changes: ChangeHooks | None = None

    def close(self) -> None:
        """Release the database."""
        self.engine.dispose()


def open_workspace(paths: AppPaths, *, actor: str = "owner") -> OpenWorkspace:
    """Check, create or migrate the database under ``paths`` and return the ready services.

    A damaged database raises :class:`DatabaseCorrupt` (naming the newest backup) before
    anything opens it for writing: it is never migrated, repaired or overwritten.
    """
    paths.ensure()
    check_database(paths)  # quick_check: reads every page, seconds even for a big file
    engine = make_engine(paths.database)
    upgrade_to_head(engine)
    sessions = make_sessionmaker(engine)
    # every stock change, whoever writes it, queues its pushes in its own transaction
    # (the hook and why it is one: app.core.services.channel_stock)
    outbox = install_outbox_hooks(sessions)
    # the low-stock alert is judged on the same path, once per crossing (services/alerts.py)
    low_stock = install_low_stock_hooks(sessions)
    # last: every write bumps its areas' change counters in its own transaction, so other
    # PCs' windows see it (services/changes.py)
    changes = install_change_hooks(sessions)
    workspace_id = ensure_workspace(sessions)
    ctx = ServiceContext(sessions=sessions, workspace_id=workspace_id, actor=actor)
    upgrade_settings(ctx)
    _summarise_old_orders(ctx)
    secrets = SecretStore(paths.data_dir / "insecure-secrets.json")
    return OpenWorkspace(paths, engine, sessions, ctx, secrets, outbox, low_stock, changes)


def _summarise_old_orders(ctx: ServiceContext) -> None:
    """A database from before the analytics summary: build it once from its orders."""
    from sqlalchemy import exists, select

    from app.core.db.models import Order, SalesDaily
    from app.core.services.analytics.summary import rebuild_sales_summary

    with ctx.read() as s:
        needed = s.scalar(select(exists().where(Order.id.is_not(None)))) and not s.scalar(
            select(exists().where(SalesDaily.store_id.is_not(None)))
        )
    if needed:
        rebuild_sales_summary(ctx)


# ---- backups while open, and restoring one (the rules: app.core.db.backup) ----------------


def back_up_now(ctx: ServiceContext, paths: AppPaths, progress: Progress | None = None) -> Path:
    """Settings -> "Back up now": a copy into the backups folder, pruned to the setting."""
    return create_backup(
        paths.database, reason="manual", keep=get_setting(ctx, BACKUPS_TO_KEEP), progress=progress
    )


def backups_of(paths: AppPaths) -> list[Path]:
    """The backups beside the database, newest first."""
    return list_backups(paths.backups_dir)


def newest_good_backup_of(paths: AppPaths) -> Path | None:
    """The newest backup that passes ``quick_check`` (offered when the database is damaged)."""
    return newest_good_backup(paths.database)


def restore_offline(
    paths: AppPaths, source: Path, progress: Progress | None = None
) -> RestoreResult:
    """Restore ``source`` while nothing of this process has the database open (start-up,
    after a damaged database was reported; the damaged file is kept beside it)."""
    return restore_backup(paths, source, progress=progress)


def restore_into(
    ctx: ServiceContext, paths: AppPaths, source: Path, progress: Progress | None = None
) -> RestoreResult:
    """Put the backup ``source`` in place of the open database, then migrate it.

    The caller has stopped its own sync engine (restore refuses while any engine holds the
    folder's lock). The pool is emptied before the swap, so no connection of ours holds
    the old file, and again after it: a read that was running during the swap took its
    connection from the old pool and returns it there. The same sessions then see the
    restored file, brought to head like any database opened at start-up.
    """
    engine = ctx.sessions.kw["bind"]
    assert isinstance(engine, Engine)
    engine.dispose()
    result = restore_backup(paths, source, progress=progress)
    engine.dispose()
    upgrade_to_head(engine)
    workspace_id = ensure_workspace(ctx.sessions)
    if workspace_id != ctx.workspace_id:  # every StoreSync database has workspace 1
        log.warning("restored workspace %d, open as %d", workspace_id, ctx.workspace_id)
    upgrade_settings(ctx)
    _summarise_old_orders(ctx)
    return result


class DailyBackups:
    """The daily automatic backup while the app or ``storesync sync`` runs.

    A plain thread, not an engine job: a backup copies the file with SQLite's online
    backup API and must not wait behind (or hold up) the engine's asyncio loop. It checks
    at start and then every ``check_every``; :func:`app.core.db.backup.backup_if_due`
    decides whether a day has passed since the newest backup.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        paths: AppPaths,
        *,
        check_every: timedelta = timedelta(hours=1),
    ) -> None:
        self.ctx = ctx
        self.paths = paths
        self.check_every = check_every
        self.made: list[Path] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self, now: datetime | None = None) -> Path | None:
        """Make the backup if one is due; a failure is logged, never raised."""
        try:
            keep = get_setting(self.ctx, BACKUPS_TO_KEEP)
            made = backup_if_due(self.paths, now or datetime.now(UTC), keep=keep)
        except Exception as exc:
            problem = as_problem(exc)
            if problem is None:
                log.exception("the daily backup failed")
            else:
                log.error("the daily backup failed: %s", problem.line())
            return None
        if made is not None:
            self.made.append(made)
            log.info("daily backup written to %s", made)
        return made

    def _run(self) -> None:
        self.run_once()  # always the check at start, even when stopped at once
        while not self._stop.wait(self.check_every.total_seconds()):
            self.run_once()

    def start(self) -> DailyBackups:
        """Check now (in the thread) and then periodically."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="daily-backup", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Stop checking; a backup being written is finished first."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
