"""Sync activity models: running jobs (from engine events), history and log lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from app.core.domain import JobKind, JobStatus
from app.core.services.job_history import JobRow, LogLine
from app.gui import i18n
from app.gui.formatting import (
    format_datetime,
    format_duration,
    format_time_or_date,
    humanize,
    job_kind_label,
)
from app.gui.i18n import N_, tr_cached, tr_message
from app.gui.widgets.columns import ERROR, MUTED, PRIMARY, RIGHT, SUCCESS, WARNING, Column
from app.gui.widgets.rows_model import RowsTableModel

PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 7
R = TypeVar("R")


def _sort_value(v: Any) -> tuple[bool, Any]:
    # as RowsTableModel sorts: None last, never compared with a real value
    return (v is None, v if v is not None else 0)


class StableRowsModel(RowsTableModel[R]):
    """Rows that stay where they are while jobs come in: :meth:`merge` updates known rows
    in place, inserts new ones at their place in the current order and removes the ones
    gone, so the view keeps its selection and the row under the mouse. (A model reset every
    few seconds re-sorted the list and a click landed on another job.)

    ``order`` is the order without a header sort, e.g. newest first."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        order: Callable[[R], Any],
        descending: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent=parent)
        self._order = (order, descending)

    def merge(self, rows: Sequence[R]) -> None:
        """Bring the model to ``rows`` without a reset."""
        incoming = {self._row_id(r): r for r in rows}
        for i in range(len(self._rows) - 1, -1, -1):
            if self._row_id(self._rows[i]) not in incoming:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        known: set[int] = set()
        last_col = self.columnCount() - 1
        for i, old in enumerate(self._rows):
            rid = self._row_id(old)
            known.add(rid)
            new = incoming[rid]
            if new != old:  # updated in place, even if the sort key changed
                self._rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, last_col))
        for rid, row in incoming.items():
            if rid not in known:
                at = self._place(row)
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, row)
                self.endInsertRows()

    def _place(self, row: R) -> int:
        """Where ``row`` goes in the current order (after its equals)."""
        if self._sort is None:
            key, desc = self._order
        else:
            col_no, desc = self._sort
            col = self._columns[col_no]
            raw = col.raw or col.value
            key = lambda r: _sort_value(raw(r))  # noqa: E731
        mine = key(row)
        for i, other in enumerate(self._rows):
            theirs = key(other)
            try:
                before = mine > theirs if desc else mine < theirs
            except TypeError:
                before = str(mine) > str(theirs) if desc else str(mine) < str(theirs)
            if before:
                return i
        return len(self._rows)


JOB_STATUS_COLOURS = {
    JobStatus.QUEUED: MUTED,
    JobStatus.RUNNING: PRIMARY,
    JobStatus.SUCCEEDED: SUCCESS,
    JobStatus.FAILED: ERROR,
    JobStatus.INTERRUPTED: WARNING,
    JobStatus.CANCELLED: MUTED,
}


@dataclass(frozen=True)
class RunningJob:
    """A job in flight as the engine reports it."""

    id: int
    store_id: int
    store_name: str
    kind: JobKind
    trigger: str
    processed: int = 0
    total: int = 0
    failed: int = 0
    started: datetime | None = None

    def advanced(self, processed: int, total: int, failed: int) -> RunningJob:
        """A copy with new counts."""
        return replace(self, processed=processed, total=total, failed=failed)

    @property
    def progress(self) -> tuple[int, int]:
        """(processed, total) for the progress bar; total 0 means indeterminate."""
        return self.processed, self.total


# Shown per cell: translated through the cache. Keys are stored values, never translated.
TRIGGER_LABELS = {
    "manual": N_("manual"),
    "retry": N_("retry"),
    "schedule": N_("schedule"),
    "connect": N_("store connected"),  # the first full sync after connecting
    "change": N_("stock changed"),  # a push the outbox asked for
}
LEVEL_LABELS = {
    "debug": N_("DEBUG"),
    "info": N_("INFO"),
    "warning": N_("WARNING"),
    "error": N_("ERROR"),
}


def trigger_label(trigger: str) -> str:
    """What started a job (manual, retry, schedule, connect, change) in the interface
    language; an unknown one as stored."""
    label = TRIGGER_LABELS.get(trigger)
    return trigger if label is None else i18n.tr_cached(label)


def level_label(level: str) -> str:
    """A log line's level, upper case, in the interface language."""
    label = LEVEL_LABELS.get(level)
    return level.upper() if label is None else i18n.tr_cached(label)


RUNNING_COLUMNS: list[Column[RunningJob]] = [
    Column(N_("Store"), lambda j: j.store_name, width=160),
    Column(N_("Job"), lambda j: job_kind_label(j.kind), width=110),
    Column(N_("Trigger"), lambda j: trigger_label(j.trigger), width=90),
    Column(
        N_("Progress"),
        lambda j: f"{j.processed} / {j.total}" if j.total else f"{j.processed}",
        width=240,
    ),
    Column(
        N_("Failed"),
        lambda j: j.failed or "",
        align=RIGHT,
        color=lambda j: ERROR if j.failed else None,
        width=60,
    ),
    Column(N_("Started"), lambda j: format_time_or_date(j.started), width=90),
]
PROGRESS_COLUMN = 3


class RunningJobsModel(StableRowsModel[RunningJob]):
    """Running jobs, oldest first; the progress column also answers :data:`PROGRESS_ROLE`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(RUNNING_COLUMNS, lambda j: j.id, False, parent=parent)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[override]
        if role == PROGRESS_ROLE:
            try:
                job = self.row_at(index.row()) if index.isValid() else None
                return None if job is None else job.progress
            except Exception:
                return None
        return super().data(index, role)


class ProgressDelegate(QStyledItemDelegate):
    """Paints (processed, total) as a progress bar; busy-looking when total is unknown."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(PROGRESS_ROLE)
        if not value:
            super().paint(painter, option, index)
            return
        processed, total = value
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(4, 4, -4, -4))
        bar.minimum = 0
        bar.maximum = max(total, 1)
        bar.progress = min(processed, total) if total else 0
        bar.text = f"{processed} / {total}" if total else tr_cached("{n} done").format(n=processed)
        bar.textVisible = True
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


def _count(j: JobRow) -> str:
    return f"{j.processed} / {j.total}" if j.total else str(j.processed)


HISTORY_COLUMNS: list[Column[JobRow]] = [
    Column(
        N_("Started"),
        lambda j: format_datetime(j.started_at or j.created_at),
        "started",
        raw=lambda j: j.started_at or j.created_at,
        width=140,
    ),
    Column(N_("Store"), lambda j: j.store_name, "store", width=150),
    Column(N_("Job"), lambda j: job_kind_label(j.kind), "kind", width=110),
    Column(N_("Trigger"), lambda j: trigger_label(j.trigger), "trigger", width=80),
    Column(
        N_("Status"),
        lambda j: humanize(j.status),
        "status",
        raw=lambda j: str(j.status),
        color=lambda j: JOB_STATUS_COLOURS.get(j.status),
        width=90,
    ),
    Column(N_("Processed"), _count, "processed", raw=lambda j: j.processed, align=RIGHT, width=90),
    Column(
        N_("Failed"),
        lambda j: j.failed or "",
        "failed",
        raw=lambda j: j.failed,
        align=RIGHT,
        color=lambda j: ERROR if j.failed else None,
        width=60,
    ),
    Column(
        N_("Duration"),
        lambda j: format_duration(j.duration),
        "duration",
        raw=lambda j: j.duration,
        align=RIGHT,
        width=90,
    ),
    Column(
        N_("Error"),
        lambda j: j.error,
        "error",
        color=lambda j: ERROR if j.error else None,
        tooltip=lambda j: j.error or None,
        width=300,
    ),
]

LEVEL_COLOURS = {"error": ERROR, "warning": WARNING, "debug": MUTED}

LOG_COLUMNS: list[Column[LogLine]] = [
    Column(N_("Time"), lambda x: format_datetime(x.at), width=140),
    Column(
        N_("Level"),
        lambda x: level_label(x.level),
        color=lambda x: LEVEL_COLOURS.get(x.level),
        width=70,
    ),
    Column(
        N_("Message"),
        lambda x: tr_message(x.message),
        color=lambda x: LEVEL_COLOURS.get(x.level),
        # the message's own template and values (key "_message") are not for the seller
        tooltip=lambda x: (
            "\n".join(f"{k}: {v}" for k, v in (x.detail or {}).items() if not k.startswith("_"))
            or None
        ),
        width=600,
    ),
]


def make_history_model(parent: QObject | None = None) -> StableRowsModel[JobRow]:
    """The job history model, newest first until a header sorts it."""
    return StableRowsModel(HISTORY_COLUMNS, lambda j: j.id, True, parent=parent)


def make_log_model(parent: QObject | None = None) -> RowsTableModel[LogLine]:
    """The log lines model."""
    return RowsTableModel(LOG_COLUMNS, parent=parent)
