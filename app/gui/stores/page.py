"""Stores page: the connected stores and everything done to one of them."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import StoreStatus
from app.core.services import first_sync, stores
from app.core.services.errors import ServiceError
from app.core.services.stores import StoreDTO
from app.gui.context import GuiContext
from app.gui.i18n import N_, tr
from app.gui.page import Page
from app.gui.stores.connect_wizard import ConnectStoreWizard
from app.gui.stores.first_sync_dialog import FirstSyncReviewDialog
from app.gui.stores.model import PLATFORM_LABELS, make_stores_model
from app.gui.stores.reauthorize_dialog import ReauthorizeDialog
from app.gui.stores.settings_dialog import StoreSettingsDialog
from app.gui.ui_state import UiState
from app.gui.widgets.background import ask_engine
from app.gui.widgets.helpers import (
    apply_column_widths,
    current_row,
    named,
    select_row,
    setup_table,
    show_error,
)

log = logging.getLogger(__name__)


def removal_text(store: StoreDTO, summary: stores.RemovalSummary) -> str:
    """What removing a store deletes and what it keeps, in the seller's words."""
    platform = PLATFORM_LABELS.get(store.platform, store.platform)
    paragraphs = (
        tr("Remove <b>{store}</b> from StoreSync?").format(store=store.name),
        tr(
            "<b>Deleted from StoreSync:</b> {listings} listings and their mappings, "
            "{orders} orders of this store, {pushes} stock updates still queued, "
            "and this store's sync history."
        ).format(listings=summary.listings, orders=summary.orders, pushes=summary.queued_pushes),
        tr(
            "<b>Kept:</b> your master catalog, every stock count and the complete stock "
            "ledger (movements caused by this store's orders stay as history). Stock held "
            "for its open orders is released back to your other stores."
        ),
        tr("<b>Not touched:</b> the shop on {platform} itself — nothing is deleted there.").format(
            platform=platform
        ),
    )
    return "".join(f"<p>{p}</p>" for p in paragraphs)


class StoresPage(Page):
    """The stores table with Connect, Sync now, Settings, Pause, Re-authorize, Remove."""

    title = N_("Stores")  # the sidebar shows tr(title)
    kinds = frozenset({"stores", "listings"})  # listings: product sync may add review rows

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        self.model = make_stores_model(lambda: datetime.now(UTC), self)
        self.view = QTableView()
        setup_table(self.view, "Stores")  # the object name stays English
        self.view.setAccessibleName(tr("Stores"))
        self.view.setModel(self.model)
        apply_column_widths(self.view, self.model)
        self.view.activated.connect(lambda _i: self.edit_settings())

        bar = QHBoxLayout()
        self.connect_button = named(QPushButton(tr("Connect store…")), tr("Connect store"))
        self.sync_button = named(
            QPushButton(tr("Sync now")), tr("Sync now"), tr("Sync the selected store now")
        )
        self.settings_button = named(QPushButton(tr("Settings…")), tr("Store settings"))
        self.pause_button = named(QPushButton(tr("Pause")), tr("Pause or resume syncing"))
        self.reauth_button = named(QPushButton(tr("Re-authorize…")), tr("Re-authorize store"))
        self.remove_button = named(QPushButton(tr("Remove…")), tr("Remove store"))
        self.review_button = named(
            QPushButton(tr("Review first sync…")),
            tr("Review first sync"),
            tr("Listings whose stock differed from StoreSync's when the store was first read"),
        )
        self._reviews: dict[int, int] = {}
        self.connect_button.setObjectName("primary")
        self.connect_button.clicked.connect(self.connect_store)
        self.sync_button.clicked.connect(self.sync_now)
        self.settings_button.clicked.connect(self.edit_settings)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.reauth_button.clicked.connect(self.reauthorize)
        self.remove_button.clicked.connect(self.remove)
        self.review_button.clicked.connect(self.review_first_sync)
        for b in (
            self.connect_button,
            self.sync_button,
            self.settings_button,
            self.pause_button,
            self.reauth_button,
            self.review_button,
            self.remove_button,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        self.empty = QLabel(tr("No store yet. Click “Connect store…” to add your first shop."))
        self.empty.setObjectName("hint")
        lay = QVBoxLayout(self)
        title = QLabel(tr("Stores"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.empty)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        # token countdowns tick once a minute
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self.model.refresh_all)
        self._tick.start()
        self._update_buttons()

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        keep = self.selected_store()
        try:
            rows = stores.list_stores(self.gui.ctx)
        except Exception as exc:
            log.exception("listing stores failed")
            self.status_message.emit(tr("Could not read the stores: {error}").format(error=exc))
            return
        try:
            self._reviews = first_sync.review_counts(self.gui.ctx)
        except Exception:
            log.exception("reading first-sync reviews failed")
            self._reviews = {}
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if keep is not None:
            select_row(self.view, self.model.row_of(keep.id))
        elif rows:
            select_row(self.view, 0)
        self._update_buttons()

    def selected_store(self) -> StoreDTO | None:
        """The store the actions apply to."""
        return self.model.row_at(current_row(self.view))

    def activate(self, payload: Any) -> None:
        if payload == "connect":
            QTimer.singleShot(0, self.connect_store)
        elif isinstance(payload, dict) and "store_id" in payload:
            self.ensure_loaded()
            select_row(self.view, self.model.row_of(int(payload["store_id"])))

    def _update_buttons(self, *_: Any) -> None:
        st = self.selected_store()
        for b in (self.sync_button, self.settings_button, self.pause_button, self.remove_button):
            b.setEnabled(st is not None)
        self.reauth_button.setEnabled(st is not None)
        reviews = self._reviews.get(st.id, 0) if st is not None else 0
        self.review_button.setEnabled(reviews > 0)
        self.review_button.setText(
            tr("Review first sync ({n})…").format(n=reviews)
            if reviews
            else tr("Review first sync…")
        )
        self.pause_button.setText(tr("Resume") if st is not None and st.paused else tr("Pause"))
        if st is not None and st.status in (StoreStatus.NEEDS_REAUTH, StoreStatus.DISCONNECTED):
            self.reauth_button.setObjectName("primary")
        else:
            self.reauth_button.setObjectName("")
        self.reauth_button.style().unpolish(self.reauth_button)
        self.reauth_button.style().polish(self.reauth_button)

    # ------------------------------------------------------------------ actions
    def connect_store(self) -> ConnectStoreWizard:
        """Open the Connect-store wizard (non-modal, so the app keeps syncing)."""
        wizard = ConnectStoreWizard(self.gui, self)
        wizard.stores_connected.connect(lambda _s: self.reload())
        wizard.finished.connect(wizard.deleteLater)
        wizard.show()
        self._wizard = wizard
        return wizard

    def sync_now(self) -> None:
        """Ask the engine to run every job of the selected store now."""
        st = self.selected_store()
        if st is None:
            return
        ask_engine(
            self,
            self.gui.bridge,
            lambda: self.gui.engine.sync_now(st.id),
            lambda ids: self.status_message.emit(
                tr("{store}: {n} sync jobs started").format(store=st.name, n=len(ids))
            ),
            tr("Sync of {store} failed to start").format(store=st.name),
            refused=tr("Could not start the sync"),
            started=lambda: self.status_message.emit(tr("Syncing {store}…").format(store=st.name)),
        )

    def edit_settings(self) -> None:
        """Open the selected store's settings."""
        st = self.selected_store()
        if st is None:
            return
        dlg = StoreSettingsDialog(self.gui.ctx, st, self)
        if dlg.exec() and dlg.pause_changed is not None:
            self._set_paused(st, dlg.pause_changed)
        self.reload()
        if dlg.price_rule_changed:  # a rule never pushes by itself: show what it changes
            self.review_prices(st.id)

    def review_prices(self, store_id: int):
        """The price review for one store (app/gui/prices/review.py)."""
        from app.gui.prices.review import PriceReviewDialog

        dlg = PriceReviewDialog(self.gui.ctx, [store_id], self)
        dlg.open()
        return dlg

    def toggle_pause(self) -> None:
        """Pause or resume the selected store."""
        st = self.selected_store()
        if st is not None:
            self._set_paused(st, not st.paused)

    def _set_paused(self, st: StoreDTO, paused: bool) -> None:
        engine = self.gui.engine
        ask_engine(
            self,
            self.gui.bridge,
            lambda: engine.pause(st.id) if paused else engine.resume(st.id),
            lambda _r: self.reload(),
            tr("Could not change the store"),
        )

    def reauthorize(self) -> QDialog | None:
        """Run the consent flow again for the selected store (a website: enter its keys
        again)."""
        st = self.selected_store()
        if st is None:
            return None
        if st.platform.is_website:  # keys, not a consent page
            from app.gui.stores.website_keys import WebsiteKeysDialog

            dlg: QDialog = WebsiteKeysDialog(self.gui, st, self)
        else:
            dlg = ReauthorizeDialog(self.gui, st, self)
        dlg.finished.connect(lambda _r: self.reload())
        dlg.finished.connect(dlg.deleteLater)
        dlg.show()
        return dlg

    def review_first_sync(self) -> FirstSyncReviewDialog | None:
        """Show the selected store's first-sync review (non-modal)."""
        st = self.selected_store()
        if st is None:
            return None
        dlg = FirstSyncReviewDialog(self.gui.ctx, st, self)
        dlg.finished.connect(lambda _r: self.reload())
        dlg.finished.connect(dlg.deleteLater)
        dlg.show()
        self._review_dialog = dlg
        return dlg

    def remove(self) -> None:
        """Remove the selected store after saying exactly what is kept."""
        st = self.selected_store()
        if st is None:
            return
        try:
            summary = stores.removal_summary(self.gui.ctx, st.id)
        except ServiceError as exc:
            show_error(self, tr("Could not remove the store"), exc)
            return
        box = QMessageBox(self)
        box.setObjectName("removeStoreBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Remove store"))
        box.setText(removal_text(st, summary))
        remove = box.addButton(tr("Remove store"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not remove:
            return
        try:
            self.gui.engine.pause(st.id)
        except Exception:
            log.debug("engine pause before removal failed", exc_info=True)
        try:
            stores.remove_store(self.gui.ctx, st.id)
        except ServiceError as exc:
            show_error(self, tr("Could not remove the store"), exc)
            return
        self.status_message.emit(tr("{store} removed").format(store=st.name))
        self.reload()

    def save_state(self, ui: UiState) -> None:
        ui.save_columns("stores", self.view.horizontalHeader())

    def restore_state(self, ui: UiState) -> None:
        ui.restore_columns("stores", self.view.horizontalHeader())
