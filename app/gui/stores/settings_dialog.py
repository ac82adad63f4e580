"""Per-store settings: sync intervals, stock location, buffer, percentage, cap, drift, the
price rule (markup or markdown, rounding, the cost floor), pause.

A changed price rule sends nothing: after saving, the Stores page opens the price review
(``app/gui/prices/review.py``) so the seller sees and confirms what it changes."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import DriftPolicy
from app.core.services import locations, stores
from app.core.services.errors import ServiceError, ValidationError
from app.core.services.stores import StoreDTO
from app.core.settings import PRICE_ADJUST_MAX, PRICE_ADJUST_MIN, PRICE_ROUNDINGS, StoreSettings
from app.gui.formatting import format_rupiah
from app.gui.i18n import tr
from app.gui.widgets.helpers import error_label, named, set_error, show_error


class StoreSettingsDialog(QDialog):
    """Edit one store's policy; Save is one unit of work (plus pause/resume if changed)."""

    def __init__(self, ctx, store: StoreDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings — {store}").format(store=store.name))
        self.setObjectName("storeSettingsDialog")
        self._ctx = ctx
        self._store = store
        self.saved: StoreDTO | None = None
        self.pause_changed: bool | None = None
        st = store.settings
        form = QFormLayout()
        units = tr(" units")  # a spin box suffix, after the number
        self.orders_interval = self._spin(10, 86400, st.orders_interval_s, tr(" s"))
        self.products_interval = self._spin(
            1, 7 * 24 * 60, st.products_interval_s // 60, tr(" min")
        )
        self.location = named(QComboBox(), tr("Stock location"))
        self.location.addItem(tr("Workspace default"), None)
        for loc in locations.list_locations(ctx):
            self.location.addItem(f"{loc.name} ({loc.code})", loc.id)
        idx = self.location.findData(st.location_id)
        self.location.setCurrentIndex(max(0, idx))
        self.buffer = self._spin(0, 1_000_000, st.buffer, units)
        self.percentage = self._spin(0, 100, st.percentage, " %")
        self.cap_enabled = named(QCheckBox(tr("Never offer more than")), tr("Cap enabled"))
        self.cap = self._spin(0, 1_000_000, st.cap or 0, units)
        self.cap_enabled.setChecked(st.cap is not None)
        self.cap.setEnabled(st.cap is not None)
        self.cap_enabled.toggled.connect(self.cap.setEnabled)
        self.drift = named(QComboBox(), tr("Drift policy"))
        self.drift.addItem(
            tr("StoreSync's stock wins (overwrite the platform)"), DriftPolicy.MASTER_WINS
        )
        self.drift.addItem(
            tr("Accept the platform's number (book an adjustment)"), DriftPolicy.ACCEPT_PLATFORM
        )
        self.drift.setCurrentIndex(max(0, self.drift.findData(st.drift_policy)))
        self.fee = QDoubleSpinBox()
        self.fee.setRange(0, 100)
        self.fee.setDecimals(1)
        self.fee.setSuffix(" %")
        self.fee.setValue(float(st.fee_rate_percent))
        named(self.fee, tr("Fee estimate"))
        self.import_unmatched = named(
            QCheckBox(tr("Create master products for listings with unknown SKUs")),
            tr("Import unmatched"),
        )
        self.import_unmatched.setChecked(st.import_unmatched)
        self.price_adjust = QDoubleSpinBox()
        self.price_adjust.setRange(float(PRICE_ADJUST_MIN), float(PRICE_ADJUST_MAX))
        self.price_adjust.setDecimals(1)
        self.price_adjust.setSuffix(" %")
        self.price_adjust.setValue(float(st.price_adjust_percent))
        self.price_adjust.setToolTip(tr("On the master price; negative for a markdown"))
        self.price_rounding = named(QComboBox(), tr("Round prices to"))
        for step in PRICE_ROUNDINGS:
            label = (
                tr("Whole rupiah")
                if step == 0
                else tr("Nearest Rp {step}").format(step=format_rupiah(step).removeprefix("Rp "))
            )
            self.price_rounding.addItem(label, step)
        self.price_rounding.setCurrentIndex(max(0, self.price_rounding.findData(st.price_rounding)))
        self.price_below_cost = named(
            QCheckBox(tr("Allow prices below cost")), tr("Allow prices below cost")
        )
        self.price_below_cost.setChecked(st.price_below_cost)
        self.price_rule_changed = False
        self.paused = named(QCheckBox(tr("Pause syncing this store")), tr("Paused"))
        self.paused.setChecked(store.paused)

        self.errors: dict[str, QLabel] = {}
        rows: list[tuple[str, QWidget, str]] = [
            (tr("Fetch orders every"), self.orders_interval, "orders_interval_s"),
            (tr("Sync products every"), self.products_interval, "products_interval_s"),
            (tr("Stock location"), self.location, "location_id"),
            (tr("Safety buffer"), self.buffer, "buffer"),
            (tr("Share of stock offered"), self.percentage, "percentage"),
            ("", self.cap_enabled, ""),
            (tr("Cap"), self.cap, "cap"),
            (tr("When the platform's stock differs"), self.drift, "drift_policy"),
            (tr("Marketplace fee estimate"), self.fee, "fee_rate_percent"),
            ("", self.import_unmatched, "import_unmatched"),
            (tr("Price markup (markdown below 0)"), self.price_adjust, "price_adjust_percent"),
            (tr("Round prices to"), self.price_rounding, "price_rounding"),
            ("", self.price_below_cost, "price_below_cost"),
            ("", self.paused, ""),
        ]
        for label, widget, key in rows:
            if label:
                named(widget, label)
            form.addRow(label, widget)
            if key:
                err = error_label()
                self.errors[key] = err
                form.addRow("", err)
        hint = QLabel(
            tr("Stock offered = (available − buffer) × share, at most the cap, never below zero.")
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.form_error = error_label()
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addWidget(self.form_error)
        lay.addWidget(buttons)

    @staticmethod
    def _spin(lo: int, hi: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(lo, hi)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def settings(self) -> StoreSettings:
        """The edited policy (raises ValidationError naming the field at fault)."""
        return StoreSettings(
            orders_interval_s=self.orders_interval.value(),
            products_interval_s=self.products_interval.value() * 60,
            location_id=self.location.currentData(),
            buffer=self.buffer.value(),
            percentage=self.percentage.value(),
            cap=self.cap.value() if self.cap_enabled.isChecked() else None,
            drift_policy=DriftPolicy(self.drift.currentData()),
            fee_rate_percent=Decimal(str(round(self.fee.value(), 1))),
            import_unmatched=self.import_unmatched.isChecked(),
            price_adjust_percent=Decimal(str(round(self.price_adjust.value(), 1))),
            price_rounding=int(self.price_rounding.currentData()),
            price_below_cost=self.price_below_cost.isChecked(),
        )

    def save(self) -> None:
        """Validate, save, close; a rule broken shows its message at the field."""
        for label in self.errors.values():
            set_error(label, None)
        set_error(self.form_error, None)
        try:
            new = self.settings()
            self.saved = stores.update_settings(self._ctx, self._store.id, new)
        except ValidationError as exc:
            target = self.errors.get(exc.field or "")
            set_error(target or self.form_error, exc.message)
            return
        except ServiceError as exc:
            show_error(self, tr("Could not save the settings"), exc)
            return
        if self.paused.isChecked() != self._store.paused:
            self.pause_changed = self.paused.isChecked()
        old = self._store.settings
        self.price_rule_changed = (
            new.price_adjust_percent,
            new.price_rounding,
            new.price_below_cost,
        ) != (old.price_adjust_percent, old.price_rounding, old.price_below_cost)
        self.accept()
