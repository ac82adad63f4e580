"""Light and dark style sheets from ``resources/style``, following the OS colour scheme."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

STYLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "style"

_PALETTES = {
    "light": {
        "window": "#F8FAFC",
        "base": "#FFFFFF",
        "text": "#0F172A",
        "alt": "#F1F5F9",
        "muted": "#94A3B8",
    },
    "dark": {
        "window": "#0F172A",
        "base": "#1E293B",
        "text": "#E2E8F0",
        "alt": "#243247",
        "muted": "#64748B",
    },
}


def system_scheme() -> str:
    """light or dark, as the OS says (light when it does not say)."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve(preference: str) -> str:
    """``system`` → the OS scheme; light and dark as they are."""
    return system_scheme() if preference not in ("light", "dark") else preference


def load_qss(scheme: str) -> str:
    """The style sheet text for a scheme ('' when the file is missing)."""
    path = STYLE_DIR / f"{scheme}.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        log.warning("style sheet %s is missing; using the plain style", path)
        return ""


def apply_theme(app: QApplication, preference: str = "system") -> str:
    """Apply the palette and style sheet; returns the scheme used."""
    scheme = resolve(preference)
    colours = _PALETTES[scheme]
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(colours["window"]))
    pal.setColor(QPalette.ColorRole.Base, QColor(colours["base"]))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor(colours["alt"]))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(role, QColor(colours["text"]))
    pal.setColor(QPalette.ColorRole.Button, QColor(colours["base"]))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#3B82F6"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.Link, QColor("#3B82F6"))
    # setColor above sets every colour group, the disabled one too: a disabled field would
    # look editable (a store's "Cap" while its box is off). Grey its text, dim its base.
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(disabled, role, QColor(colours["muted"]))
    pal.setColor(disabled, QPalette.ColorRole.Base, QColor(colours["alt"]))
    pal.setColor(disabled, QPalette.ColorRole.Button, QColor(colours["alt"]))
    app.setPalette(pal)
    app.setStyleSheet(load_qss(scheme))
    return scheme


def follow_system(app: QApplication, preference: str = "system") -> None:
    """Re-apply when the OS switches between light and dark (if the user follows it)."""
    current = {"pref": preference}

    def changed(_scheme: Qt.ColorScheme) -> None:
        if current["pref"] == "system":
            apply_theme(app, "system")

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)
    app.setProperty("themePreference", preference)
