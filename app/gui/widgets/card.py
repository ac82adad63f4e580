"""A clickable to-do card: a big number and what it counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class Card(QPushButton):
    """A keyboard-reachable button showing a count; ``tone`` colours it (ok/warning/error)."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(170, 86)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        self._value = QLabel("–")
        self._value.setObjectName("cardValue")
        self._label = QLabel(label)
        self._label.setObjectName("cardLabel")
        self._label.setWordWrap(True)
        for w in (self._value, self._label):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lay.addWidget(w)
        self._name = label
        self.setAccessibleName(label)

    def set_value(self, value: int | str, tone: str = "ok", detail: str = "") -> None:
        """Show a new count; ``tone`` is ok, warning or error (styled by the QSS)."""
        self._value.setText(str(value))
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setAccessibleName(f"{self._name}: {value}")
        self.setToolTip(detail or self._name)

    @property
    def value_text(self) -> str:
        """The shown count (for tests)."""
        return self._value.text()
