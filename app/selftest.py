"""``storesync --self-test``: prove that this installation works end to end, headless.

CI runs it inside the frozen (PyInstaller) build, so a hidden import or a data file the
build left out (the Alembic migrations, the ``.qm`` translation, the style sheets, a
lazily imported platform adapter or sync job) fails CI instead of a seller's first start.
Everything happens in a temporary data folder that is removed afterwards; the user's own
database and keychain are never touched.

Steps, in order: read the version from the package metadata; migrate a new database to
head; name the keychain backend; load the interface resources (translation, style
sheets, the GUI modules); start the built-in sandbox; connect one demo store through the
real consent flow; run one full sync; write an orders workbook and read it back. Success
prints one summary line and returns 0; the first failure prints one line naming the step
and returns 1.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import keyring

SEED_ORDERS = 12  # orders buyers place before the store connects
TIMEOUT_S = 120.0


class StepFailed(Exception):
    """A step found something wrong (as opposed to crashing)."""


@dataclass
class _Run:
    """State shared by the steps of one self-test."""

    data_dir: Path
    parts: list[str] = field(default_factory=list)
    ws: Any = None
    engine: Any = None
    sandbox: Any = None
    store: Any = None
    orders: int = 0
    previous_keyring: Any = None

    def close(self) -> None:
        """Stop whatever the steps started, newest first."""
        if self.engine is not None:
            self.engine.stop()
        if self.sandbox is not None:
            self.sandbox.stop()
        if self.ws is not None:
            self.ws.close()
        if self.previous_keyring is not None:
            keyring.set_keyring(self.previous_keyring)


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise StepFailed(what)


def step_version(run: _Run) -> None:
    """The version comes from the package metadata the build must carry."""
    from app import __version__

    _check(not __version__.endswith("+source"), "the storesync package metadata is missing")
    run.parts.append(f"StoreSync {__version__}")


def step_migrate(run: _Run) -> None:
    """Create the database in the temporary folder and bring it to the newest revision."""
    from app.core.db.migrate import current_revision, head_revision
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace

    run.ws = open_workspace(resolve_paths(run.data_dir))
    cur, head = current_revision(run.ws.engine), head_revision(run.ws.engine)
    _check(cur == head, f"database at revision {cur}, expected {head}")
    run.parts.append(f"migrate ({head})")


def step_keychain(run: _Run) -> None:
    """Name the keychain backend. Without an OS keychain the sandbox store's secrets go to
    the private fallback file (so that path is tested); with one, the self-test keeps
    its throwaway secrets in memory rather than in the user's keychain."""
    from app.core.secrets import SecretStore, describe_backend

    info = describe_backend()
    short = info.name.removeprefix("keyring.backends.")
    if info.secure:
        run.previous_keyring = keyring.get_keyring()
        keyring.set_keyring(_memory_keyring())
        where = "test secrets in memory"
    else:
        where = "no OS keychain: sandbox secrets in the private file"
    run.ws.secrets = SecretStore(run.data_dir / "insecure-secrets.json")
    run.parts.append(f"keychain ({short}; {where})")


def step_interface(run: _Run) -> None:
    """The GUI's modules import, and its translation and style sheets are where it looks."""
    from PySide6.QtWidgets import QApplication

    import app.gui.launch  # noqa: F401  (every page, pyqtgraph, qasync)
    from app.gui.i18n import install_language, remove_language, tr
    from app.gui.theme import STYLE_DIR

    qt = QApplication.instance() or QApplication([sys.argv[0]])
    translator = install_language(qt, "id")
    _check(translator is not None, "the Indonesian translation (.qm) did not load")
    try:
        _check(tr("Orders") != "Orders", "the translation does not translate 'Orders'")
    finally:
        remove_language(qt, translator)
    for scheme in ("light", "dark"):
        sheet = STYLE_DIR / f"{scheme}.qss"
        _check(sheet.is_file() and sheet.stat().st_size > 0, f"style sheet {sheet} missing")
    run.parts.append("interface")


def step_sandbox(run: _Run) -> None:
    """The built-in marketplace emulator with one Shopee demo shop and a few orders."""
    from app.demo import seed_orders
    from app.sandbox.demo import build_sandbox

    run.sandbox = build_sandbox(0, shopee_shops=1, tiktok_shops=0)
    run.sandbox.start()
    seed_orders(run.sandbox, SEED_ORDERS)
    run.parts.append("sandbox")


def step_connect(run: _Run) -> None:
    """Approve the consent page as a seller would and exchange the code for tokens."""
    from app.core.sync.engine import EngineOptions, SyncEngine
    from app.demo import connect_requests

    run.engine = SyncEngine(run.ws, None, EngineOptions(schedule=False))
    run.engine.start()
    requests = connect_requests(run.sandbox, run.engine)
    _check(len(requests) == 1, f"{len(requests)} demo shops offered, expected 1")
    stores = run.engine.connect_store(requests[0]).result(timeout=TIMEOUT_S)
    _check(len(stores) == 1, f"{len(stores)} stores connected, expected 1")
    run.store = stores[0]
    run.parts.append("connect")


def step_sync(run: _Run) -> None:
    """One full sync of the store; every job must succeed and orders must arrive."""
    from sqlalchemy import func, select

    from app.core.db.models import Order, SyncJob
    from app.core.domain import JobStatus

    job_ids = run.engine.sync_now(run.store.id).result(timeout=TIMEOUT_S)
    _check(bool(job_ids), "no sync job ran")
    with run.ws.sessions() as s:
        failed = s.scalars(
            select(SyncJob.kind).where(
                SyncJob.id.in_(job_ids), SyncJob.status != JobStatus.SUCCEEDED
            )
        ).all()
        run.orders = s.scalar(select(func.count()).where(Order.store_id == run.store.id)) or 0
    _check(not failed, "jobs did not succeed: " + ", ".join(str(k) for k in failed))
    _check(run.orders > 0, "the sync stored no orders")
    run.parts.append(f"sync {run.orders} orders")


def step_export(run: _Run) -> None:
    """Write the orders workbook and read it back: one row per stored order."""
    from openpyxl import load_workbook

    from app.core.export.reports import ExportKind, ExportRequest, run_export

    today = date.today()
    out = run.data_dir / "self-test-orders.xlsx"
    request = ExportRequest(ExportKind.ORDERS, today - timedelta(days=400), today + timedelta(1))
    result = run_export(run.ws.ctx, request, out)
    wb = load_workbook(out, read_only=True)
    try:
        rows = [r for r in wb["Orders"].iter_rows(min_row=2, values_only=True) if r[0]]
    finally:
        wb.close()
    data = [r for r in rows if r[0] != "Total"]
    _check(
        len(data) == result.rows == run.orders,
        f"workbook has {len(data)} rows, export said {result.rows}, database has {run.orders}",
    )
    run.parts.append(f"export {len(data)} rows")


STEPS: tuple[tuple[str, Callable[[_Run], None]], ...] = (
    ("version", step_version),
    ("migrate", step_migrate),
    ("keychain", step_keychain),
    ("interface", step_interface),
    ("sandbox", step_sandbox),
    ("connect", step_connect),
    ("sync", step_sync),
    ("export", step_export),
)


def _run_steps(run: _Run) -> str | list[str]:
    """Every step in order: the summary parts, or the line naming the first failure."""
    try:
        for name, step in STEPS:
            try:
                step(run)
            except Exception as exc:
                detail = str(exc) or type(exc).__name__
                if not isinstance(exc, StepFailed):
                    detail = f"{type(exc).__name__}: {detail}"
                return f"self-test failed at {name}: {detail}".splitlines()[0]
        return run.parts
    finally:
        run.close()


def run_self_test(*, verbose: bool = False) -> int:
    """Run every step in a temporary data folder; print one line; 0 when all passed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # nothing is ever shown
    root = logging.getLogger()
    level = root.level
    if not verbose:  # the summary line is the output; warnings and errors still show
        root.setLevel(logging.WARNING)
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="storesync-self-test-") as tmp:
            outcome = _run_steps(_Run(Path(tmp) / "data"))
    finally:
        root.setLevel(level)
    if isinstance(outcome, str):
        print(outcome, flush=True)
        return 1
    took = time.perf_counter() - started
    version, *steps = outcome
    print(f"self-test passed ({version}): {', '.join(steps)} in {took:.1f} s", flush=True)
    return 0


def _memory_keyring() -> Any:
    """An in-memory keyring for the self-test's throwaway secrets. The class is made only
    here: keyring registers every backend class when it is defined, and one defined at
    import time would be picked as the process's keychain."""
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self.store.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    return MemoryKeyring()
