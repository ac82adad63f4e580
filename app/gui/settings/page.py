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

from app.core.services import locations
from app.core.services.analytics.calendar import zone
from app.core.services.errors import ServiceError, ValidationError
from app.core.settings import (
    BACKUPS_TO_KEEP,
    LANGUAGE,
    NOTIFY_LOW_STOCK,
    NOTIFY_REAUTH,
    NOTIFY_SYNC_FAILED,
    SETTINGS,
    get_setting,
    get_settings,
    set_setting,
)
from app.gui import i18n
from app.gui.context import GuiContext
from app.gui.formatting import zone_label
from app.gui.i18n import LANGUAGES, N_, tr
from app.gui.page import Page
from app.gui.settings.backups import BackupPanel
from app.gui.settings.team import TeamDatabasePanel
from app.gui.users.panel import TeamBox
from app.gui.widgets.helpers import error_label, named, set_error, show_error

log = logging.getLogger(__name__)

NOTIFICATION_KEYS = (NOTIFY_LOW_STOCK.key, NOTIFY_SYNC_FAILED.key, NOTIFY_REAUTH.key)
# LANGUAGES (from app.gui.i18n) names each language in its own language: not translated.
THEMES = ((N_("Follow the system"), "system"), (N_("Light"), "light"), (N_("Dark"), "dark"))

# The descriptions of app.core.settings.SETTINGS (SettingDef.doc), shown translated. app.core
# must not import Qt, so these marked copies put them in the translation file: keep them
# identical to the docs declared there.
_SETTING_DOCS = (
    N_("Allow manual changes that take on-hand stock below zero."),
    N_("Reorder point used for items that have none of their own."),
    N_("Notify when an item runs low."),
    N_("Notify when a sync job fails."),
    N_("Notify when a store needs re-authorization."),
    N_("Interface language (en or id)."),
    N_("Days without a sale that make a slow mover."),
    N_("Backups to keep (one is made each day while StoreSync runs)."),
    N_("Offer the last units on one store only (0: off)."),
)
#: after a restore every page reads the restored data again
ALL_KINDS = frozenset({"stores", "orders", "products", "stock", "listings", "jobs"})


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
        # the language is installed at start-up: a new one shows after a restart
        self.language_hint = QLabel("")
        self.language_hint.setObjectName("hint")
        self.language_hint.setWordWrap(True)
        self.language_hint.setVisible(False)
        self._language_in_use: str | None = None  # read at the first reload
        self._loading = False
        general = QGroupBox(tr("Stock and catalog"))
        gform = QFormLayout(general)
        notify = QGroupBox(tr("Notifications (system tray)"))
        nform = QFormLayout(notify)
        self.backups = BackupPanel(gui)
        self.backups.restored.connect(self._restored)
        for key, d in SETTINGS.items():
            doc = i18n.tr_cached(d.doc)  # marked in _SETTING_DOCS
            editor = self._editor_for(key, d.type, doc)
            if isinstance(editor, QSpinBox):
                editor.setRange(
                    d.minimum if d.minimum is not None else 0,
                    d.maximum if d.maximum is not None else 100_000,
                )
            self.editors[key] = editor
            self.errors[key] = error_label()
            if key == BACKUPS_TO_KEEP.key:
                form = self.backups.form
            else:
                form = nform if key in NOTIFICATION_KEYS else gform
            if isinstance(editor, QCheckBox):
                form.addRow("", editor)
            else:
                form.addRow(doc, editor)
            form.addRow("", self.errors[key])
            if key == LANGUAGE.key:
                form.addRow("", self.language_hint)
        language = self.editors.get(LANGUAGE.key)
        if isinstance(language, QComboBox):
            language.currentIndexChanged.connect(self._language_changed)

        look = QGroupBox(tr("Appearance"))
        lform = QFormLayout(look)
        self.theme = named(QComboBox(), tr("Theme"))
        for label, value in THEMES:
            self.theme.addItem(i18n.tr_cached(label), value)  # marked in THEMES
        self.theme.setCurrentIndex(max(0, self.theme.findData(gui.ui_state.get("theme", "system"))))
        self.theme.currentIndexChanged.connect(self._theme_changed)
        lform.addRow(tr("Colours"), self.theme)
        # one zone for every time on screen and in exports: the workspace's
        # (docs/ARCHITECTURE.md, "Money, time, analytics")
        self.zone_label = QLabel(zone_label(zone(gui.ctx)))
        self.zone_label.setAccessibleName(tr("Time zone"))
        self.zone_label.setToolTip(
            tr("Dates and times on screen, days in Analytics and in exports use this zone.")
        )
        lform.addRow(tr("Time zone"), self.zone_label)

        locs = QGroupBox(tr("Stock locations"))
        ll = QVBoxLayout(locs)
        self.locations = named(QListWidget(), tr("Stock locations"))
        self.locations.setMaximumHeight(120)
        add_loc = named(QPushButton(tr("Add location…")), tr("Add stock location"))
        add_loc.clicked.connect(self.ask_location)
        ll.addWidget(self.locations)
        ll.addWidget(add_loc)

        data = QGroupBox(tr("Data"))
        dl = QVBoxLayout(data)
        folder = gui.paths.data_dir if gui.paths is not None else tr("(in memory)")
        dl.addWidget(QLabel(tr("Data folder: {folder}").format(folder=folder)))
        row = QHBoxLayout()
        for dialog, label in (
            ("ImportDialog", tr("Import from Excel…")),
            ("ExportDialog", tr("Export to Excel…")),
        ):
            b = named(QPushButton(label), label)
            b.clicked.connect(lambda _=False, d=dialog: self._open_excel(d))
            row.addWidget(b)
        row.addStretch(1)
        dl.addLayout(row)

        self.save_button = named(QPushButton(tr("Save settings")), tr("Save settings"))
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
        title = QLabel(tr("Settings"))
        title.setObjectName("pageTitle")
        il.addWidget(title)
        # users and the audit log (app/gui/users/, docs/ARCHITECTURE.md "Accounts")
        self.team = TeamBox(gui)
        self.team_db = TeamDatabasePanel(gui)  # the shared PostgreSQL database (issue 16)
        for box in (general, notify, look, locs, data, self.backups, self.team_db, self.team):
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
        if key == LANGUAGE.key:
            combo = QComboBox()
            for label, value in LANGUAGES:
                combo.addItem(label, value)
            return named(combo, doc)
        return named(QLineEdit(), doc)

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        if self._language_in_use is None:
            self._language_in_use = get_setting(self.gui.ctx, LANGUAGE)
        values = get_settings(self.gui.ctx)
        self._loading = True
        try:
            for key, editor in self.editors.items():
                value = values[key]
                if isinstance(editor, QCheckBox):
                    editor.setChecked(value)
                elif isinstance(editor, QSpinBox):
                    editor.setValue(value)
                elif isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(0, editor.findData(value)))
                elif isinstance(editor, QLineEdit):
                    editor.setText(str(value))
        finally:
            self._loading = False
        self._update_language_hint()
        self.locations.clear()
        for loc in locations.list_locations(self.gui.ctx, include_inactive=True):
            if loc.is_default:
                text = tr("{code} — {name} (default)")
            elif not loc.active:
                text = tr("{code} — {name} (inactive)")
            else:
                text = "{code} — {name}"
            self.locations.addItem(text.format(code=loc.code, name=loc.name))

    def _update_language_hint(self) -> bool:
        """Show the restart hint while the chosen language is not the one in use."""
        chosen = self.editors[LANGUAGE.key].currentData() if LANGUAGE.key in self.editors else None
        pending = self._language_in_use is not None and chosen != self._language_in_use
        self.language_hint.setText(
            tr("The new language shows after StoreSync restarts.") if pending else ""
        )
        self.language_hint.setVisible(pending)
        return pending

    def _language_changed(self) -> None:
        if self._update_language_hint() and not self._loading:
            self.status_message.emit(self.language_hint.text())

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

    def _open_excel(self, name: str) -> None:
        """The Excel import or export dialog; openpyxl is loaded then, not at every start
        (tests/perf/bench_imports.py)."""
        from app.gui import excel

        getattr(excel, name)(self.gui.ctx, self).exec()

    def save(self) -> int:
        """Write the changed settings (each one audited); returns how many changed."""
        changed = 0
        for label in self.errors.values():
            set_error(label, None)
        try:
            stored = get_settings(self.gui.ctx)
        except ServiceError as exc:
            show_error(self, tr("Could not save the settings"), exc)
            return changed
        for key in self.editors:
            value = self.value_of(key)
            try:
                if value != stored[key]:
                    set_setting(self.gui.ctx, SETTINGS[key], value)
                    changed += 1
            except ValidationError as exc:
                set_error(self.errors[key], exc.message)
            except ServiceError as exc:
                show_error(self, tr("Could not save the settings"), exc)
                return changed
        self.saved_label.setText(
            tr("Saved ({n} changed).").format(n=changed) if changed else tr("Nothing changed.")
        )
        if changed:
            self.settings_saved.emit()
            self.local_change.emit({"stock"})  # the low-stock point may have moved
        return changed

    def _restored(self, _result: object) -> None:
        """A backup replaced the data: its own settings and every page are read again."""
        self.reload()
        self.local_change.emit(set(ALL_KINDS))

    def _theme_changed(self) -> None:
        value = self.theme.currentData()
        self.gui.ui_state.set("theme", value)
        self.theme_changed.emit(value)

    def ask_location(self) -> None:
        """Ask for a code and a name and add a location."""
        code, ok = QInputDialog.getText(self, tr("Add location"), tr("Short code (e.g. TOKO):"))
        if not ok:
            return
        name, ok = QInputDialog.getText(self, tr("Add location"), tr("Name (e.g. Toko Depan):"))
        if ok:
            self.add_location(code, name)

    def add_location(self, code: str, name: str) -> bool:
        """Create a stock location."""
        try:
            locations.create_location(self.gui.ctx, code, name)
        except ServiceError as exc:
            show_error(self, tr("Could not add the location"), exc)
            return False
        self.reload()
        self.local_change.emit({"stock"})
        return True
