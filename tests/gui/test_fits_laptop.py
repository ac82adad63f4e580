"""The window fits a common laptop screen (issue 15, item 1): its minimum size, with every
page shown once (the pages share a stack, so the widest one counts), stays within
1280×768 in English and in Bahasa Indonesia: a 1366 px laptop with room to spare."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.gui.i18n import install_language, remove_language

SCREEN = (1280, 768)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_window_fits_1280x768_in_both_languages(qtbot, gui, language):
    from app.gui.main_window import MainWindow

    app = QApplication.instance()
    translator = install_language(app, language) if language != "en" else None
    try:
        window = MainWindow(gui)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
        widest: dict[str, int] = {}
        for key in list(window.pages):
            page = window.show_page(key)
            qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
            widest[key] = page.minimumSizeHint().width()
        hint = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], (
            f"{language}: the window needs at least {hint.width()}×{hint.height()} px; "
            f"the pages' minimum widths: {widest}"
        )
        window.close()
    finally:
        remove_language(app, translator)


def test_the_first_window_fits_the_screen(qtbot, gui):
    """A first start (no saved geometry) opens no taller than the screen's free area: the
    default 800 px ran off a 1366×768 laptop."""
    from PySide6.QtGui import QGuiApplication

    from app.gui.main_window import MainWindow

    window = MainWindow(gui)
    qtbot.addWidget(window)
    avail = QGuiApplication.primaryScreen().availableGeometry()
    assert avail.height() - 40 >= window.minimumSizeHint().height()  # the test screen
    assert window.height() == min(800, avail.height() - 40)
