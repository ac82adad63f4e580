"""A sync that meets a long write of another process (a 50,000-row import) on the same
database file: its writes wait a bounded time, then the job fails with one line and is
retried; no traceback, nothing half-written (docs/ARCHITECTURE.md, data safety)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select

from app.core.db.models import SyncCursor, SyncJob
from app.core.sync.busy import DATABASE_BUSY as BUSY_MESSAGE
from tests.integration.sync.test_deadlines import cli_world, storesync  # noqa: F401

# A real second process: one IMMEDIATE transaction that writes 50,000 rows, as a big
# import does, and holds the write lock until the test lets it go (it then rolls back).
WRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    from pathlib import Path
    db, release = sys.argv[1], Path(sys.argv[2])
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.executemany(
        "INSERT INTO audit_log (workspace_id, actor, entity_type, entity_id, action, note, "
        "created_at) VALUES (1, 'import', 'inventory_item', ?, 'import', 'counted', "
        "'2026-01-01 00:00:00')",
        ((str(i),) for i in range(50_000)),
    )
    print("holding", flush=True)
    while not release.exists():
        time.sleep(0.05)
    con.execute("ROLLBACK")
    """
)


class Writer:
    """The other process, holding the write lock until :meth:`release`."""

    def __init__(self, db: Path, tmp: Path) -> None:
        self.release_file = tmp / "release"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(self.release_file)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "holding"

    def release(self) -> None:
        self.release_file.touch()
        self.proc.wait(timeout=60)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


def _counts(ws) -> tuple[int, int, tuple]:
    with ws.sessions() as s:
        jobs = s.scalar(select(func.count(SyncJob.id)))
        running = s.scalar(select(func.count(SyncJob.id)).where(SyncJob.status == "running"))
        cursors = tuple(s.execute(select(SyncCursor.store_id, SyncCursor.position)).all())
    return jobs, running, cursors


def test_sync_once_during_a_long_import_fails_with_one_line_and_changes_nothing(
    cli_world,  # noqa: F811
    tmp_path,
):
    w = cli_world
    before = _counts(w.ws)
    writer = Writer(w.ws.paths.database, tmp_path)
    try:
        rc, out, seconds = storesync(w.ws.paths.data_dir, "sync", "--once", timeout=240)
    finally:
        writer.release()
    print(f"\nsync --once during the import: rc={rc}, {seconds:.1f} s\n{out}")
    assert rc != 0, out
    assert BUSY_MESSAGE in out, out
    assert "Traceback" not in out, out
    assert _counts(w.ws) == before  # nothing half-written
    # the import is over: the same command goes through
    rc, out, _ = storesync(w.ws.paths.data_dir, "sync", "--once", timeout=240)
    assert rc == 0, out
    assert _counts(w.ws)[1] == 0


def test_the_engine_retries_on_schedule_once_the_import_is_done(cli_world, tmp_path):  # noqa: F811
    from app.core.domain import JobKind, JobStatus
    from app.core.sync.engine import EngineOptions, SyncEngine
    from app.core.sync.events import JobFinished

    w = cli_world
    store = w.stores()[0]
    events: list = []
    engine = SyncEngine(
        w.ws,
        events.append,
        EngineOptions(
            schedule=True, start_jitter=0.0, busy_hold_off=1.0, stores=frozenset({store.id})
        ),
    )
    writer = Writer(w.ws.paths.database, tmp_path)
    released = False
    try:
        engine.start()
        deadline = time.monotonic() + 60
        while not any(isinstance(e, JobFinished) and e.error == BUSY_MESSAGE for e in list(events)):
            assert time.monotonic() < deadline, events
            time.sleep(0.1)
        writer.release()
        released = True
        seen = len(events)
        deadline = time.monotonic() + 90
        while not any(
            isinstance(e, JobFinished)
            and e.kind == JobKind.ORDERS
            and e.status == JobStatus.SUCCEEDED
            for e in list(events)[seen:]
        ):
            assert time.monotonic() < deadline, events[seen:]
            time.sleep(0.2)
    finally:
        if not released:
            writer.release()
        engine.stop()
    # every job row is closed: none stays "running" once the engine stopped
    assert _counts(w.ws)[1] == 0
