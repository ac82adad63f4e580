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
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from app.core.db import team
from app.core.db.backup import (
    Progress,
    RestoreResult,
    backup_if_due,
    create_backup,
    list_backups,
    newest_good_backup,
    restore_backup,
)
from app.core.db.clean_close import forget, record_clean_close
from app.core.db.copy import CopyReport, copy_database
from app.core.db.copy import Progress as CopyProgress
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
from app.core.services.permissions import Permission, require
from app.core.services.stock_levels import ledger_mismatches
from app.core.settings import BACKUPS_TO_KEEP, get_setting, upgrade_settings
from app.core.text import msg

__all__ = [
    "CopyReport",
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
    # when the file was last found sound; a clean close vouches for it (db/clean_close.py)
    checked_at: datetime | None = None
    # the change counters' hook (services/changes.py): which revisions were our own
    changes: ChangeHooks | None = None

    @property
    def team_database(self) -> str | None:
        """The team database's URL (password masked), or None on the local SQLite file."""
        url = self.engine.url
        return None if url.get_backend_name() == "sqlite" else team.shown(url)

    def close(self) -> None:
        """Release the database (and say it was closed cleanly, after a check)."""
        self.engine.dispose()
        if self.checked_at is not None:
            record_clean_close(self.paths.database, self.checked_at)


def open_workspace(
    paths: AppPaths, *, actor: str = "owner", database_url: str | URL | None = None
) -> OpenWorkspace:
    """Check, create or migrate the database and return the ready services.

    The database is the team database (PostgreSQL) named by ``database_url``,
    ``STORESYNC_DATABASE_URL`` or Settings -> Team database, else the SQLite file under
    ``paths``. A damaged SQLite file raises :class:`DatabaseCorrupt` (naming the newest
    backup) before anything opens it for writing: it is never migrated, repaired or
    overwritten.
    """
    paths.ensure()
    secrets = SecretStore(paths.data_dir / "insecure-secrets.json")
    url = team.chosen_url(paths.data_dir, database_url)
    checked_at = None
    if url is None:
        # quick_check reads every page (seconds for a big file), unless the file is
        # untouched since a clean close after a check (app/core/db/clean_close.py)
        checked_at = check_database(paths)
        forget(paths.database)  # opened for writing: the stamp no longer vouches
        engine = make_engine(paths.database)
    else:
        engine = make_engine(with_keychain_password(url, secrets))
    try:
        upgrade_to_head(engine)
    except Exception as exc:
        engine.dispose()
        problem = as_problem(exc)
        if problem is not None and problem is not exc:
            raise problem from None  # the driver's text may name the server's details
        raise
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
    return OpenWorkspace(
        paths, engine, sessions, ctx, secrets, outbox, low_stock, checked_at, changes
    )


def with_keychain_password(url: URL, secrets: SecretStore) -> URL:
    """``url`` with the password kept in the keychain for it, when the URL has none."""
    if url.password is not None:
        return url
    password = secrets.get(team.keychain_key(url), "password")
    return url if password is None else url.set(password=password)


# ---- the team database (docs/ARCHITECTURE.md, "Team database") -------------------------


def database_in_use(ctx: ServiceContext) -> str | None:
    """The team database a context works on (its URL, password masked), or None for the
    local SQLite file (Settings -> Team database says which)."""
    bind = ctx.sessions.kw.get("bind")
    if isinstance(bind, Engine) and bind.url.get_backend_name() != "sqlite":
        return team.shown(bind.url)
    return None


def saved_team_database(paths: AppPaths) -> str | None:
    """The team database chosen for this data folder (no password), or None."""
    url = team.saved_url(paths.data_dir)
    return None if url is None else team.shown(url)


def use_team_database(
    paths: AppPaths, url_text: str | None, password: str | None, secrets: SecretStore
) -> str | None:
    """Settings -> Team database: remember the URL (no password) for this data folder and
    the password in the keychain; None or "" goes back to the local file. Returns the URL
    as shown (password masked). Takes effect when the workspace is next opened."""
    if not url_text:
        team.save_url(paths.data_dir, None)
        return None
    url = team.parse_url(url_text)
    password = password or url.password
    if password:
        secrets.set(team.keychain_key(url), "password", password)
    team.save_url(paths.data_dir, url)
    return team.shown(team.without_password(url))


def check_team_database(url_text: str, password: str | None, secrets: SecretStore) -> str:
    """Connect once (Settings' "Test connection"); the server's version, or a one-line
    :class:`~app.core.db.team.TeamDatabaseProblem`."""
    url = team.parse_url(url_text)
    url = url.set(password=password) if password else with_keychain_password(url, secrets)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.exec_driver_sql("SHOW server_version").scalar())
    except Exception as exc:
        problem = team.server_problem(exc, url)
        if problem is None:
            raise
        raise problem from None
    finally:
        engine.dispose()


def copy_workspace_to(
    paths: AppPaths,
    url_text: str,
    secrets: SecretStore,
    *,
    password: str | None = None,
    progress: CopyProgress | None = None,
) -> CopyReport:
    """Copy the local SQLite workspace into the empty team database ``url_text`` (see
    :mod:`app.core.db.copy`), then check the ledger there. The local file is only read."""
    if not paths.database.is_file():
        raise team.TeamDatabaseProblem(
            msg("There is no local workspace in {folder} to copy.", folder=paths.data_dir)
        )
    url = team.parse_url(url_text)
    url = url.set(password=password) if password else with_keychain_password(url, secrets)
    source = make_engine(paths.database)
    target = make_engine(url)
    try:
        report = copy_database(source, target, progress)
        with ServiceContext(make_sessionmaker(target), workspace_id=0).read() as s:
            wrong = ledger_mismatches(s)
        if wrong:
            raise team.TeamDatabaseProblem(
                msg(
                    "The copied ledger does not explain {count} stock counts; the local "
                    "workspace is unchanged. Run `storesync doctor`, then copy again into "
                    "a new database.",
                    count=len(wrong),
                )
            )
        return report
    finally:
        source.dispose()
        target.dispose()


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

    It replaces every order, user and setting, so it needs a role that may change the
    settings (owner, admin): refused before anything is touched.
    """
    require(ctx, Permission.EDIT_SETTINGS)
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
        bind = self.ctx.sessions.kw.get("bind")
        if isinstance(bind, Engine) and bind.url.get_backend_name() != "sqlite":
            return None  # a team database is backed up by its server (README, Team database)
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
