"""The first-sync review: listings whose platform figure differed from master when a store
was first read, and what the store's drift policy did about each.

The rows come from :mod:`app.core.services.first_sync` (the rule is
``services/drift.py``, docs/ARCHITECTURE.md); "Dismiss" marks them seen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.services import first_sync
from app.core.services.drift import DriftAction
from app.core.services.errors import ServiceError
from app.core.services.first_sync import FirstSyncReview
from app.core.services.stores import StoreDTO
from app.gui.i18n import N_, tr
from app.gui.widgets.helpers import named, show_error


def outcome_text(row: FirstSyncReview) -> str:
    """What happened to one listing, in the seller's words."""
    if row.action == DriftAction.ACCEPT:
        return tr("Master stock adjusted by {diff:+d} to the platform's figure").format(
            diff=row.diff
        )
    if row.pushed:
        return tr("Master's figure ({n}) was sent to the store").format(n=row.master_stock)
    return tr("Master's figure ({n}) will be sent to the store").format(n=row.master_stock)


class FirstSyncReviewDialog(QDialog):
    """A table of one store's first-sync review rows, with Dismiss and Close."""

    COLUMNS = (
        N_("SKU"),
        N_("Listing"),
        N_("Platform says"),
        N_("Master says"),
        N_("What happened"),
    )

    def __init__(self, ctx, store: StoreDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSyncReviewDialog")
        self.setWindowTitle(tr("First sync review — {store}").format(store=store.name))
        self._ctx = ctx
        self._store = store
        self.dismissed = 0
        self.rows = first_sync.reviews(ctx, store.id)
        intro = QLabel(
            tr(
                "When {store} was first read, these listings showed a different stock figure "
                "from StoreSync's. The store's drift policy decided what wins; check that "
                "each outcome is right, then dismiss the list."
            ).format(store=store.name)
        )
        intro.setWordWrap(True)
        self.table = named(QTableWidget(len(self.rows), len(self.COLUMNS)), tr("First sync review"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(self.rows):
            cells = (
                row.sku,
                row.title,
                str(row.platform_stock),
                str(row.master_stock),
                outcome_text(row),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox()
        self.dismiss_button = named(
            buttons.addButton(tr("Dismiss"), QDialogButtonBox.ButtonRole.AcceptRole),
            tr("Dismiss"),
            tr("Mark these differences as seen; the list is emptied"),
        )
        self.dismiss_button.setEnabled(bool(self.rows))
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.dismiss_button.clicked.connect(self.dismiss)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(820, 360)

    def dismiss(self) -> None:
        """Mark the rows seen and close."""
        try:
            self.dismissed = first_sync.dismiss_reviews(self._ctx, self._store.id)
        except ServiceError as exc:
            show_error(self, tr("Could not dismiss the review"), exc)
            return
        self.accept()
