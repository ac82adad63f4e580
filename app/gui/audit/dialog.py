"""Settings → Team → Audit log…: who changed what and when, with before and after.

Filtered by user, kind and a date range (days in the workspace's time zone, like every
page); Export writes the filtered entries to Excel (app/core/export/audit_xlsx.py)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.export.audit_xlsx import as_text, export_audit
from app.core.services import audit
from app.core.services.audit import AuditFilter
from app.core.services.context import ServiceContext
from app.core.services.errors import ServiceError
from app.gui.formatting import display_zone, format_datetime
from app.gui.i18n import tr, tr_message
from app.gui.widgets.helpers import named

SHOWN = 1000  # rows on screen; the export writes every match


class AuditDialog(QDialog):
    """The filtered audit log, newest first, and an Excel export of it."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Audit log"))
        self.resize(960, 520)
        self.user = named(QComboBox(), tr("User"))
        self.kind = named(QComboBox(), tr("Kind"))
        self.user.addItem(tr("All users"), None)
        for name in audit.actors(ctx):
            self.user.addItem(name, name)
        self.kind.addItem(tr("All kinds"), None)
        for k in audit.kinds(ctx):
            self.kind.addItem(k, k)
        today = QDate.currentDate()
        self.use_since = named(QCheckBox(tr("From")), tr("Only from this day"))
        self.since = named(QDateEdit(today.addDays(-30)), tr("From"))
        self.use_until = named(QCheckBox(tr("To")), tr("Only up to this day"))
        self.until = named(QDateEdit(today), tr("To"))
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
        self.export_button = named(QPushButton(tr("Export Excel…")), tr("Export the audit log"))
        self.export_button.clicked.connect(self.ask_export)
        for signal in (
            self.user.currentIndexChanged,
            self.kind.currentIndexChanged,
            self.use_since.toggled,
            self.use_until.toggled,
            self.since.dateChanged,
            self.until.dateChanged,
        ):
            signal.connect(lambda *_: self.reload())
        bar = QHBoxLayout()
        for w in (self.user, self.kind, self.use_since, self.since, self.use_until, self.until):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.table = named(QTableWidget(0, 7), tr("Audit log"))
        self.table.setHorizontalHeaderLabels(
            [tr("When"), tr("User"), tr("Kind"), tr("What"), tr("Action"), tr("Before"),
             tr("After")]
        )  # fmt: skip
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel("")
        self.status.setObjectName("hint")
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        self.reload()

    def current_filter(self) -> AuditFilter:
        """The filter the controls say, days turned into UTC times."""
        tz = display_zone()

        def start(d: QDate, plus: int = 0) -> datetime:
            day = d.toPython() + timedelta(days=plus)
            return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)

        return AuditFilter(
            user=self.user.currentData(),
            kind=self.kind.currentData(),
            since=start(self.since.date()) if self.use_since.isChecked() else None,
            until=start(self.until.date(), 1) if self.use_until.isChecked() else None,
        )

    def reload(self) -> None:
        """Read the entries matching the filter."""
        rows = audit.search(self.ctx, self.current_filter(), limit=SHOWN)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            after = as_text(r.after) + (f"  ({r.note})" if r.note else "")
            cells = (format_datetime(r.at), r.actor, r.entity_type, r.entity_id, r.action,
                     as_text(r.before), after)  # fmt: skip
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.status.setText(
            tr("{n} entries (the newest {shown} shown; Export writes them all)").format(
                n=len(rows), shown=SHOWN
            )
            if len(rows) >= SHOWN
            else tr("{n} entries").format(n=len(rows))
        )

    def export_to(self, path: Path) -> int | None:
        """Write the filtered entries to ``path``; the count, or None with the reason shown."""
        try:
            n = export_audit(self.ctx, self.current_filter(), path)
        except (ServiceError, OSError) as exc:
            self.status.setText(tr_message(exc))
            return None
        self.status.setText(tr("Exported {n} entries to {path}").format(n=n, path=path))
        return n

    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, tr("Export the audit log"), "audit-log.xlsx", tr("Excel files (*.xlsx)")
        )
        if name:
            path = Path(name)
            self.export_to(path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx"))
