"""The main window: sidebar, pages, status bar, Ctrl+K search, tray, coalesced refresh."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.core.services import stores
from app.core.services.search import SearchHit
from app.core.sync.events import DataChanged, JobFinished, StoreStatusChanged
from app.gui import i18n
from app.gui.activity.page import ActivityPage
from app.gui.analytics.page import AnalyticsPage
from app.gui.catalog.page import CatalogPage
from app.gui.changes import ChangeWatcher
from app.gui.context import GuiContext
from app.gui.crash import copy_to_clipboard, gui_diagnostics
from app.gui.dashboard.page import DashboardPage
from app.gui.i18n import N_, tr
from app.gui.inventory.page import InventoryPage
from app.gui.orders.page import OrdersPage
from app.gui.page import Page
from app.gui.search import GlobalSearch
from app.gui.settings.page import SettingsPage
from app.gui.status import EngineStatus
from app.gui.stores.page import StoresPage
from app.gui.tray import TrayNotifier, app_icon
from app.gui.users.controls import apply_role

log = logging.getLogger(__name__)

#: repaint at most this often however many events the engine sends (STYLE practice 4)
COALESCE_MS = 250
TITLE_BAR_PX = 40  # what a window manager adds above the window, kept free on a small screen

PAGE_ORDER = (
    ("dashboard", DashboardPage),
    ("stores", StoresPage),
    ("catalog", CatalogPage),
    ("inventory", InventoryPage),
    ("orders", OrdersPage),
    ("analytics", AnalyticsPage),
    ("activity", ActivityPage),
    ("settings", SettingsPage),
)

# The pages' ``title`` class attributes are plain English (they live in each page's
# module); the sidebar translates them where it shows them. These marked copies put them
# in the translation file: keep them identical to the ``title`` of each class above.
PAGE_TITLES = (
    N_("Dashboard"),
    N_("Stores"),
    N_("Catalog"),
    N_("Inventory"),
    N_("Orders"),
    N_("Analytics"),
    N_("Sync activity"),
    N_("Settings"),
)


class MainWindow(QMainWindow):
    """Every page behind a sidebar. Engine events only mark kinds dirty; a 250 ms timer
    hands the accumulated kinds to the visible page and marks hidden ones stale."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setObjectName("mainWindow")
        self.setWindowTitle("StoreSync")
        self.setWindowIcon(app_icon())
        self._first_size()
        self._dirty: set[str] = set()

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(tr("Pages"))
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for i, (key, cls) in enumerate(PAGE_ORDER):
            page = cls(gui, self.stack)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
            title = i18n.tr_cached(page.title)  # marked in PAGE_TITLES
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{title} (Ctrl+{i + 1})")
            self.sidebar.addItem(item)
            page.navigate_requested.connect(self.navigate)
            page.status_message.connect(self.show_message)
            page.local_change.connect(self.mark_dirty)
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda k=key: self.show_page(k))
        self.sidebar.currentRowChanged.connect(self._row_changed)
        # wide enough for the longest title in the interface language, never a scroll bar
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setFixedWidth(max(190, self.sidebar.sizeHintForColumn(0) + 24))
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.sidebar)
        body = QWidget()
        bl = QHBoxLayout(body)
        bl.setContentsMargins(14, 8, 14, 8)
        bl.addWidget(self.stack)
        lay.addWidget(body, 1)
        self.setCentralWidget(central)

        self.engine_status = EngineStatus(gui.ctx)
        self.message = QLabel("")
        self.message.setAccessibleName(tr("Messages"))
        self.statusBar().addWidget(self.engine_status)
        self.statusBar().addWidget(self.message, 1)
        search_hint = QLabel(tr("Ctrl+K to search"))
        search_hint.setObjectName("hint")
        self.statusBar().addPermanentWidget(search_hint)

        self.tray = TrayNotifier(gui.ctx, self._store_name, self)
        self.tray.notified.connect(lambda t, m: self.show_message(f"{t}: {m}"))
        self.tray.show_requested.connect(self._raise)
        settings = self.pages["settings"]
        assert isinstance(settings, SettingsPage)
        settings.settings_saved.connect(self.tray.reload_preferences)
        settings.theme_changed.connect(self._theme_changed)

        bridge = gui.bridge
        bridge.data_changed.connect(self._on_data_changed)
        bridge.job_started.connect(self.engine_status.on_job_started)
        bridge.job_finished.connect(self.engine_status.on_job_finished)
        bridge.job_finished.connect(self._on_job_finished)
        bridge.store_status_changed.connect(self._on_store_status)
        bridge.alert_raised.connect(self.tray.on_alert)

        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(10_000)
        self._message_timer.timeout.connect(self.message.clear)
        self._timer = QTimer(self)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.flush)
        self._timer.start()
        # other PCs' and processes' writes: the areas they changed refresh like our own
        # engine's events do (app/gui/changes.py)
        self.changes = ChangeWatcher(gui, self)
        self.changes.changed.connect(self.mark_dirty)

        help_menu = self.menuBar().addMenu(tr("&Help"))
        self.open_logs_action = help_menu.addAction(tr("Open log folder"))
        self.open_logs_action.triggered.connect(self.open_log_folder)
        self.open_logs_action.setEnabled(gui.paths is not None)
        self.diagnostics_action = help_menu.addAction(tr("Copy diagnostics"))
        self.diagnostics_action.triggered.connect(self.copy_diagnostics)

        QShortcut(QKeySequence("Ctrl+K"), self, self.open_search)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        self.search_dialog: GlobalSearch | None = None

        gui.ui_state.restore_geometry("main", self)
        for page in self.pages.values():
            page.restore_state(gui.ui_state)
        start = gui.ui_state.get("page", "dashboard")
        self.show_page(start if start in self.pages else "dashboard")
        apply_role(self, gui.ctx)  # what the signed-in role may not do is hidden or off

    # ------------------------------------------------------------------ pages
    def show_page(self, key: str) -> Page:
        """Switch to a page (loading it if it is stale)."""
        keys = list(self.pages)
        self.sidebar.setCurrentRow(keys.index(key))
        return self.pages[key]

    def current_page(self) -> Page:
        """The visible page."""
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.current_page()
        page.ensure_loaded()

    def navigate(self, key: str, payload: Any = None) -> None:
        """Go to a page and hand it the payload (e.g. a filter or a selection)."""
        if key not in self.pages:
            return
        page = self.pages[key]
        if payload is not None:
            page.activate(payload)
        self.show_page(key)

    # ------------------------------------------------------------------ refresh
    def mark_dirty(self, kinds: Any) -> None:
        """Rows of these kinds changed (engine or a page); refreshed on the next tick."""
        self._dirty |= set(kinds)

    def _on_data_changed(self, ev: DataChanged) -> None:
        self._dirty.add(ev.kind)

    def _on_job_finished(self, ev: JobFinished) -> None:
        self._dirty.add("jobs")
        self.tray.on_job_finished(ev)

    def _on_store_status(self, ev: StoreStatusChanged) -> None:
        self.engine_status.on_store_status(ev)
        self._dirty.add("stores")

    def flush(self) -> None:
        """Hand the kinds accumulated since the last tick to the pages."""
        self.engine_status.render()
        if not self._dirty:
            return
        kinds, self._dirty = self._dirty, set()
        current = self.current_page()
        for page in self.pages.values():
            hit = kinds & page.kinds
            if not hit:
                continue
            if page is current:
                try:
                    page.data_changed(hit)
                except Exception:
                    log.exception("refreshing %s failed", page.title)
            else:
                page.stale = True

    # ------------------------------------------------------------------ search
    def open_search(self) -> GlobalSearch:
        """Ctrl+K."""
        if self.search_dialog is None:
            self.search_dialog = GlobalSearch(self.gui.ctx, self)
            self.search_dialog.chosen.connect(self.open_hit)
        self.search_dialog.input.selectAll()
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.input.setFocus()
        return self.search_dialog

    def open_hit(self, hit: SearchHit) -> None:
        """Show a search hit on its page."""
        if hit.kind == "order":
            self.navigate("orders", {"order_id": hit.id})
        else:
            self.navigate("catalog", {"search": hit.subtitle})

    def _focus_find(self) -> None:
        page = self.current_page()
        focus = getattr(page, "focus_search", None)
        if callable(focus):
            focus()
        elif hasattr(page, "search"):
            page.search.setFocus()

    # ------------------------------------------------------------------ help
    def open_log_folder(self) -> bool:
        """Help -> Open log folder, in the system's file manager."""
        paths = self.gui.paths
        if paths is None:
            return False
        paths.logs_dir.mkdir(parents=True, exist_ok=True)
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.logs_dir)))
        if not opened:
            self.show_message(tr("Logs are in {folder}").format(folder=paths.logs_dir))
        return opened

    def copy_diagnostics(self) -> str:
        """Help -> Copy diagnostics: version, system, settings, last errors; no secrets."""
        text = gui_diagnostics(self.gui.paths, self.gui.ctx)
        copy_to_clipboard(text)
        self.show_message(tr("Diagnostics copied to the clipboard."))
        return text

    # ------------------------------------------------------------------ misc
    def show_message(self, text: str) -> None:
        """A short message in the status bar."""
        self.message.setText(text)
        self._message_timer.start()

    def _store_name(self, store_id: int) -> str:
        try:
            return stores.get_store(self.gui.ctx, store_id).name
        except Exception:
            return tr("store {id}").format(id=store_id)

    def _raise(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _theme_changed(self, preference: str) -> None:
        from app.gui.theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, preference)
            app.setProperty("themePreference", preference)

    def _first_size(self) -> None:
        """1280×800, but never taller or wider than the screen's free area less a title
        bar: on a 1366×768 laptop 800 px ran off the screen (docs/ARCHITECTURE.md)."""
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        if avail is None or avail.isEmpty():
            self.resize(1280, 800)
            return
        self.resize(min(1280, avail.width()), min(800, avail.height() - TITLE_BAR_PX))

    def save_state(self) -> None:
        """Remember geometry, splitters, columns and the page shown."""
        ui = self.gui.ui_state
        ui.save_geometry("main", self)
        ui.set("page", list(self.pages)[self.stack.currentIndex()])
        for page in self.pages.values():
            try:
                page.save_state(ui)
            except Exception:
                log.exception("saving the state of %s failed", page.title)
        ui.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self._timer.stop()
        self.changes.stop()
        if self.tray.icon is not None:
            self.tray.icon.hide()
        super().closeEvent(event)
