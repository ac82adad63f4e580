"""Settings page: every declared workspace preference, appearance and stock locations."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.services import inventory
from app.core.services.errors import ServiceError, ValidationError
from app.core.settings import SETTINGS, get_setting, set_setting
from app.gui.context import GuiContext
from app.gui.excel_bridge import excel_dialog, open_excel_dialog
from app.gui.page import Page
from app.gui.widgets.helpers import error_label, named, set_error, show_error

log = logging.getLogger(__name__)

NOTIFICATION_KEYS = ("notify_low_stock", "notify_sync_failed", "notify_reauth")
LANGUAGES = (("English", "en"), ("Bahasa Indonesia", "id"))
THEMES = (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark"))


class SettingsPage(Page):
    """A form built from :data:`app.core.settings.SETTINGS`; Save writes what changed.

    Signals:
        settings_saved(): preferences were written (the tray re-reads its toggles).
        theme_changed(str): system, light or dark.
    """

    title = "Settings"
    kinds = frozenset()
    settings_saved = Signal()
    theme_changed = Signal(str)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        general = QGroupBox("Stock and catalog")
        gform = QFormLayout(general)
        notify = QGroupBox("Notifications (system tray)")
        nform = QFormLayout(notify)
        for key, d in SETTINGS.items():
            editor = self._editor_for(key, d.type, d.doc)
            self.editors[key] = editor
            self.errors[key] = error_label()
            form = nform if key in NOTIFICATION_KEYS else gform
            if isinstance(editor, QCheckBox):
                form.addRow("", editor)
            else:
                form.addRow(d.doc, editor)
            form.addRow("", self.errors[key])

        look = QGroupBox("Appearance")
        lform = QFormLayout(look)
        self.theme = named(QComboBox(), "Theme")
        for label, value in THEMES:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(gui.ui_state.get("theme", "system"))))
        self.theme.currentIndexChanged.connect(self._theme_changed)
        lform.addRow("Colours", self.theme)

        locs = QGroupBox("Stock locations")
        ll = QVBoxLayout(locs)
        self.locations = named(QListWidget(), "Stock locations")
        self.locations.setMaximumHeight(120)
        add_loc = named(QPushButton("Add location…"), "Add stock location")
        add_loc.clicked.connect(self.ask_location)
        ll.addWidget(self.locations)
        ll.addWidget(add_loc)

        data = QGroupBox("Data")
        dl = QVBoxLayout(data)
        folder = gui.paths.data_dir if gui.paths is not None else "(in memory)"
        dl.addWidget(QLabel(f"Data folder: {folder}"))
        row = QHBoxLayout()
        for kind, label in (("Import", "Import from Excel…"), ("Export", "Export to Excel…")):
            if excel_dialog(kind) is not None:
                b = named(QPushButton(label), label)
                b.clicked.connect(lambda _=False, k=kind: open_excel_dialog(k, gui.ctx, self))
                row.addWidget(b)
        row.addStretch(1)
        dl.addLayout(row)

        self.save_button = named(QPushButton("Save settings"), "Save settings")
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("hint")
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.saved_label)
        bottom.addStretch(1)

        inner = QWidget()
        il = QVBoxLayout(inner)
        title = QLabel("Settings")
        title.setObjectName("pageTitle")
        il.addWidget(title)
        for box in (general, notify, look, locs, data):
            il.addWidget(box)
        il.addLayout(bottom)
        il.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)

    def _editor_for(self, key: str, typ: type, doc: str) -> QWidget:
        if typ is bool:
            return named(QCheckBox(doc), doc)
        if typ is int:
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            return named(spin, doc)
        if key == "language":
            combo = QComboBox()
            for label, value in LANGUAGES:
                combo.addItem(label, value)
            return named(combo, doc)
        return named(QLineEdit(), doc)

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        for key, editor in self.editors.items():
            value = get_setting(self.gui.ctx, key)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value))
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value))
        self.locations.clear()
        for loc in inventory.list_locations(self.gui.ctx, include_inactive=True):
            mark = " (default)" if loc.is_default else ("" if loc.active else " (inactive)")
            self.locations.addItem(f"{loc.code} — {loc.name}{mark}")

    def value_of(self, key: str) -> Any:
        """The value an editor shows, typed as the setting declares."""
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def save(self) -> int:
        """Write the changed settings (each one audited); returns how many changed."""
        changed = 0
        for label in self.errors.values():
            set_error(label, None)
        for key in self.editors:
            value = self.value_of(key)
            try:
                if value != get_setting(self.gui.ctx, key):
                    set_setting(self.gui.ctx, key, value)
                    changed += 1
            except ValidationError as exc:
                set_error(self.errors[key], exc.message)
            except ServiceError as exc:
                show_error(self, "Could not save the settings", exc)
                return changed
        self.saved_label.setText(f"Saved ({changed} changed)." if changed else "Nothing changed.")
        if changed:
            self.settings_saved.emit()
            self.local_change.emit({"stock"})  # the low-stock point may have moved
        return changed

    def _theme_changed(self) -> None:
        value = self.theme.currentData()
        self.gui.ui_state.set("theme", value)
        self.theme_changed.emit(value)

    def ask_location(self) -> None:
        """Ask for a code and a name and add a location."""
        code, ok = QInputDialog.getText(self, "Add location", "Short code (e.g. TOKO):")
        if not ok:
            return
        name, ok = QInputDialog.getText(self, "Add location", "Name (e.g. Toko Depan):")
        if ok:
            self.add_location(code, name)

    def add_location(self, code: str, name: str) -> bool:
        """Create a stock location."""
        try:
            inventory.create_location(self.gui.ctx, code, name)
        except ServiceError as exc:
            show_error(self, "Could not add the location", exc)
            return False
        self.reload()
        self.local_change.emit({"stock"})
        return True
