"""Sync activity page: running jobs (with Stop), job history, a job's log lines, Retry."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import JobKind, JobStatus
from app.core.services import job_history, stores
from app.core.sync.events import JobFinished, JobProgress, JobStarted
from app.gui.activity.leases import LeaseLine
from app.gui.activity.model import (
    PROGRESS_COLUMN,
    ProgressDelegate,
    RunningJob,
    RunningJobsModel,
    make_history_model,
    make_log_model,
)
from app.gui.activity.polling import PollingLine
from app.gui.activity.steady import steady_view
from app.gui.context import GuiContext
from app.gui.formatting import humanize, job_kind_label
from app.gui.i18n import tr
from app.gui.page import Page
from app.gui.ui_state import UiState
from app.gui.widgets.background import ask_engine
from app.gui.widgets.helpers import (
    apply_column_widths,
    current_row,
    named,
    select_row,
    setup_table,
)

log = logging.getLogger(__name__)
REPAINT_MS = 250
RETRYABLE = (JobStatus.FAILED, JobStatus.INTERRUPTED, JobStatus.CANCELLED)


class ActivityPage(Page):
    """Engine progress events are coalesced: each event only updates a dict, and a timer
    repaints at most every 250 ms (STYLE practice 4)."""

    title = "Sync activity"
    kinds = frozenset({"jobs", "stores", "leases"})

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        self._running: dict[int, RunningJob] = {}
        self._running_dirty = False
        self._store_names: dict[int, str] = {}

        self.running_model = RunningJobsModel(self)
        self.running_view = QTableView()
        setup_table(self.running_view, "Running jobs", sortable=False)
        self.running_view.setModel(self.running_model)
        self.running_view.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self))
        apply_column_widths(self.running_view, self.running_model)
        self.running_view.setMaximumHeight(170)
        self.running_empty = QLabel(tr("No sync is running right now."))
        self.running_empty.setObjectName("hint")
        self.stop_button = named(QPushButton(tr("Stop")), tr("Stop the selected running job"))
        self.stop_button.setToolTip(
            tr(
                "Stop the selected job (or the only one running). What it already saved stays; "
                "the store's next sync carries on from there."
            )
        )
        self.stop_button.clicked.connect(self.stop_selected)

        self.history_model = make_history_model(self)
        self.history_view = QTableView()
        setup_table(self.history_view, "Job history")
        self.history_view.setModel(self.history_model)
        apply_column_widths(self.history_view, self.history_model)
        self.log_model = make_log_model(self)
        self.log_view = QTableView()
        setup_table(self.log_view, "Job log", sortable=False)
        self.log_view.setModel(self.log_model)
        apply_column_widths(self.log_view, self.log_model)

        self.store = named(QComboBox(), tr("Store filter"))
        self.store.currentIndexChanged.connect(lambda _i: self.reload_history(reset=True))
        self.kind = named(QComboBox(), tr("Job type filter"))
        self.kind.addItem(tr("All job types"), None)
        for kind in JobKind:
            self.kind.addItem(job_kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload_history(reset=True))
        self.failures = named(QCheckBox(tr("Failures only")), tr("Failures only"))
        self.failures.toggled.connect(lambda _b: self.reload_history(reset=True))
        self.retry_button = named(QPushButton(tr("Retry")), tr("Retry the selected job"))
        self.retry_button.setObjectName("primary")
        self.retry_button.clicked.connect(self.retry_selected)
        self.sync_all_button = named(
            QPushButton(tr("Sync all stores now")), tr("Sync all stores now")
        )
        self.sync_all_button.clicked.connect(self.sync_all)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("History")))
        bar.addWidget(self.store)
        bar.addWidget(self.kind)
        bar.addWidget(self.failures)
        bar.addStretch(1)
        bar.addWidget(self.retry_button)
        bar.addWidget(self.sync_all_button)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        hist = QWidget()
        hl = QVBoxLayout(hist)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addLayout(bar)
        hl.addWidget(self.history_view, 1)
        logs = QWidget()
        ll = QVBoxLayout(logs)
        ll.setContentsMargins(0, 0, 0, 0)
        self.log_title = QLabel(tr("Log of the selected job"))
        ll.addWidget(self.log_title)
        ll.addWidget(self.log_view, 1)
        self.splitter.addWidget(hist)
        self.splitter.addWidget(logs)
        self.splitter.setSizes([420, 260])

        lay = QVBoxLayout(self)
        title = QLabel(tr("Sync activity"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        self.polling = PollingLine(self._store_name)  # orders every N s · calls/min
        lay.addWidget(self.polling)
        self.leases = LeaseLine(gui)  # which PC syncs each store (store leases)
        lay.addWidget(self.leases)
        running_bar = QHBoxLayout()
        running_bar.addWidget(QLabel(tr("Running now")))
        running_bar.addStretch(1)
        running_bar.addWidget(self.stop_button)
        lay.addLayout(running_bar)
        lay.addWidget(self.running_view)
        lay.addWidget(self.running_empty)
        lay.addWidget(self.splitter, 1)

        self.history_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_log())
        self.history_model.modelReset.connect(self._show_log)
        gui.bridge.job_started.connect(self._on_started)
        gui.bridge.job_progress.connect(self._on_progress)
        gui.bridge.job_finished.connect(self._on_finished)
        gui.bridge.engine_event.connect(self.polling.on_event)
        self._timer = QTimer(self)
        self._timer.setInterval(REPAINT_MS)
        self._timer.timeout.connect(self._repaint_running)
        self._timer.start()
        self._update_running_visibility()

    # ------------------------------------------------------------------ engine events
    def _store_name(self, store_id: int) -> str:
        if store_id not in self._store_names:
            self._store_names = {s.id: s.name for s in stores.list_stores(self.gui.ctx)}
        name = self._store_names.get(store_id)
        return name if name is not None else tr("store {id}").format(id=store_id)

    def _on_started(self, ev: JobStarted) -> None:
        self._running[ev.job_id] = RunningJob(
            ev.job_id,
            ev.store_id,
            self._store_name(ev.store_id),
            ev.kind,
            ev.trigger,
            started=datetime.now(UTC),
        )
        self._running_dirty = True

    def _on_progress(self, ev: JobProgress) -> None:
        job = self._running.get(ev.job_id)
        if job is None:
            job = RunningJob(
                ev.job_id, ev.store_id, self._store_name(ev.store_id), ev.kind, "", started=None
            )
        self._running[ev.job_id] = job.advanced(ev.processed, ev.total, ev.failed)
        self._running_dirty = True

    def _on_finished(self, ev: JobFinished) -> None:
        self._running.pop(ev.job_id, None)
        self._running_dirty = True
        self.stale = True  # the history gains a row

    def _repaint_running(self) -> None:
        self.polling.repaint_if_changed()
        if self._running_dirty:
            self._running_dirty = False
            with steady_view(self.running_view):
                self.running_model.merge(sorted(self._running.values(), key=lambda j: j.id))
            self._update_running_visibility()
        if self.stale and self.isVisible():
            self.stale = False
            self.reload_history()

    def _update_running_visibility(self) -> None:
        has = bool(self._running)
        self.running_view.setVisible(has)
        self.running_empty.setVisible(not has)
        self.stop_button.setEnabled(has)

    @property
    def running_jobs(self) -> dict[int, RunningJob]:
        """Jobs the engine reported as started and not yet finished."""
        return dict(self._running)

    # ------------------------------------------------------------------ data
    def data_changed(self, kinds: set[str]) -> None:
        self.leases.refresh()
        if kinds - {"leases"}:
            self.reload()

    def reload(self) -> None:
        self.leases.refresh()
        self._load_stores()
        if not self._running:
            # jobs running before the window opened: show them from the database
            for j in job_history.list_jobs(self.gui.ctx, statuses=(JobStatus.RUNNING,), limit=50):
                self._running[j.id] = RunningJob(
                    j.id,
                    j.store_id,
                    j.store_name,
                    j.kind,
                    j.trigger,
                    j.processed,
                    j.total,
                    j.failed,
                    j.started_at,
                )
            self._running_dirty = True
        self.reload_history()

    def _load_stores(self) -> None:
        current = self.store.currentData()
        self.store.blockSignals(True)
        self.store.clear()
        self.store.addItem(tr("All stores"), None)
        for st in stores.list_stores(self.gui.ctx):
            self._store_names[st.id] = st.name
            self.store.addItem(st.name, st.id)
        self.store.setCurrentIndex(max(0, self.store.findData(current)))
        self.store.blockSignals(False)

    def reload_history(self, reset: bool = False) -> None:
        """Read the job history again. New jobs are inserted and changed ones updated in
        place (the selection and the row under the mouse stay); ``reset`` (a filter
        changed) rebuilds the list, keeping the selected job when it is still listed."""
        keep = self.selected_job()
        kind = self.kind.currentData()
        rows = job_history.list_jobs(
            self.gui.ctx,
            store_id=self.store.currentData(),
            kinds=None if kind is None else (kind,),
            failed_only=self.failures.isChecked(),
            limit=500,
        )
        was_empty = self.history_model.rowCount() == 0
        if reset or was_empty:
            self.history_model.set_rows(rows)
            if keep is not None and self.history_model.row_of(keep.id) >= 0:
                select_row(self.history_view, self.history_model.row_of(keep.id))
            elif rows:
                select_row(self.history_view, 0)
            return
        with steady_view(self.history_view):
            self.history_model.merge(rows)
        if self.selected_job() != keep:  # the selected job moved on (finished, failed)
            self._show_log()

    def selected_job(self) -> job_history.JobRow | None:
        """The job whose log is shown."""
        return self.history_model.row_at(current_row(self.history_view))

    def _show_log(self) -> None:
        job = self.selected_job()
        self.retry_button.setEnabled(job is not None and job.status in RETRYABLE)
        if job is None:
            self.log_model.set_rows([])
            self.log_title.setText(tr("Log of the selected job"))
            return
        self.log_title.setText(
            tr("Log of job {id}: {store}, {kind}").format(
                id=job.id, store=job.store_name, kind=job_kind_label(job.kind)
            )
        )
        self.log_model.set_rows(job_history.job_logs(self.gui.ctx, job.id))

    def activate(self, payload: Any) -> None:
        if isinstance(payload, dict) and payload.get("failures"):
            self.failures.setChecked(True)

    # ------------------------------------------------------------------ actions
    def selected_running_job(self) -> RunningJob | None:
        """The running job Stop acts on: the selected one, else the only one."""
        job = self.running_model.row_at(current_row(self.running_view))
        if job is None and self.running_model.rowCount() == 1:
            job = self.running_model.row_at(0)
        return job

    def stop_selected(self) -> None:
        """Ask the engine to stop the selected running job."""
        job = self.selected_running_job()
        if job is None:
            self.status_message.emit(tr("Select the running job to stop"))
            return
        ask_engine(
            self,
            self.gui.bridge,
            lambda: self.gui.engine.cancel_job(job.id),
            lambda stopped: self.status_message.emit(
                tr("Stopped the {kind} job of {store}").format(
                    kind=humanize(job.kind).lower(), store=job.store_name
                )
                if stopped
                else tr("Job {id} had already finished").format(id=job.id)
            ),
            tr("Could not stop the job"),
        )

    def retry_selected(self) -> None:
        """Run the selected failed job again."""
        job = self.selected_job()
        if job is None:
            return
        ask_engine(
            self,
            self.gui.bridge,
            lambda: self.gui.engine.retry_job(job.id),
            lambda new_id: self.status_message.emit(tr("Retrying as job {id}").format(id=new_id)),
            tr("Retry failed"),
            refused=tr("Could not retry"),
        )

    def sync_all(self) -> None:
        """Sync every store that is not paused."""
        for st in stores.list_stores(self.gui.ctx):
            if st.paused:
                continue
            if not ask_engine(
                self,
                self.gui.bridge,
                lambda store_id=st.id: self.gui.engine.sync_now(store_id),
                lambda _ids: None,
                tr("Sync of {store} failed").format(store=st.name),
                refused=tr("Could not start the sync"),
            ):
                return
        self.status_message.emit(tr("Syncing every store…"))

    def save_state(self, ui: UiState) -> None:
        ui.save_splitter("activity", self.splitter)
        ui.save_columns("activity.history", self.history_view.horizontalHeader())

    def restore_state(self, ui: UiState) -> None:
        ui.restore_splitter("activity", self.splitter)
        ui.restore_columns("activity.history", self.history_view.horizontalHeader())
