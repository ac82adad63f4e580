"""``storesync doctor``: create or migrate the database and report the installation's health.

An existing database gets SQLite's full ``integrity_check`` before anything opens it: a
damaged one is reported (with what to do) and left as it is, never migrated.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

from app import __version__
from app.core.db.integrity import check_database
from app.core.db.migrate import current_revision, head_revision
from app.core.db.problems import as_problem
from app.core.paths import AppPaths
from app.core.secrets import describe_backend
from app.core.services.stock_levels import ledger_mismatches

MIN_FREE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    label: str
    value: str
    ok: bool = True
    warning: str = ""

    def line(self) -> str:
        """``label: value`` with a status word."""
        status = "ok" if self.ok and not self.warning else ("WARNING" if self.ok else "FAIL")
        tail = f" — {self.warning}" if self.warning else ""
        return f"[{status:7}] {self.label}: {self.value}{tail}"


def run_checks(paths: AppPaths) -> list[Check]:
    """Every check, in report order. Creating/migrating the database is part of it."""
    checks = [Check("version", __version__), Check("data folder", str(paths.data_dir))]
    try:
        from app.core.workspace import open_workspace

        checked = _check_integrity(paths)
        ws = open_workspace(paths)
    except Exception as exc:  # report, don't crash: doctor is what people run when stuck
        problem = as_problem(exc, paths.database)
        value = problem.line() if problem else f"{paths.database} ({type(exc).__name__}: {exc})"
        checks.append(Check("database", value, ok=False))
        return checks
    try:
        cur, head = current_revision(ws.engine), head_revision(ws.engine)
        at_head = cur == head
        state = "at head" if at_head else f"head is {head}"
        checks.append(
            Check(
                "database",
                f"{paths.database} schema {cur} ({state}{', integrity ok' if checked else ''})",
                ok=at_head,
            )
        )
        with ws.sessions() as s:
            bad = ledger_mismatches(s)
        checks.append(
            Check(
                "stock ledger",
                "consistent" if not bad else f"{len(bad)} item(s) differ from their ledger",
                ok=not bad,
            )
        )
    finally:
        ws.close()
    info = describe_backend()
    checks.append(Check("keychain", info.name, ok=True, warning=info.warning))
    free = shutil.disk_usage(paths.data_dir).free
    checks.append(
        Check(
            "free disk",
            f"{free / 1024**3:.1f} GiB",
            ok=free >= MIN_FREE_BYTES,
            warning="" if free >= MIN_FREE_BYTES else "less than 200 MiB free",
        )
    )
    return checks


def _check_integrity(paths: AppPaths) -> bool:
    """Full ``integrity_check`` of an existing database (raises a ``DatabaseProblem`` when
    damaged); False when there is no database yet."""
    exists = paths.database.is_file() and paths.database.stat().st_size > 0
    check_database(paths, quick=False)
    return exists


def healthy(checks: list[Check]) -> bool:
    """All checks passed. A missing keychain is a warning, not a failure: sandbox stores
    and the documented fallback still work."""
    return all(c.ok for c in checks)
