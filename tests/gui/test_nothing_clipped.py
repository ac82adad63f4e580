"""Nothing clipped at 1280×768 or 1366×768 in either language (issue 15, item 1): every
page's table titles whole ("Sinkronisasi terakhir", "Weight (g)"), combo boxes as wide as
their longest entry ("All categories"), search boxes wide enough for their hint, buttons
wide enough for their text, and no arrow twice on a menu button ("Selection ▾")."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QWidget,
)

from app.gui.i18n import install_language, remove_language
from app.gui.widgets.helpers import header_width_needed


def clipped(root: QWidget) -> list[str]:
    """What a user would see cut off among ``root``'s visible widgets."""
    found: list[str] = []
    for view in root.findChildren(QTableView):
        if not view.isVisible():
            continue
        header = view.horizontalHeader()
        last = max((i for i in range(header.count()) if not header.isSectionHidden(i)), default=-1)
        for i in range(header.count()):
            if header.isSectionHidden(i) or i == last:  # the last one stretches
                continue
            title = view.model().headerData(i, header.orientation())
            if header.sectionSize(i) < header_width_needed(header, i) - 18:
                found.append(f"{view.objectName()} column {title!r}")
    for combo in root.findChildren(QComboBox):
        visible = combo.isVisible() and not combo.isEditable()
        if visible and combo.width() < combo.sizeHint().width():
            found.append(f"combo {combo.accessibleName()!r} ({combo.currentText()!r})")
    for edit in root.findChildren(QLineEdit):
        hint = edit.placeholderText()
        if (
            edit.isVisible()
            and hint
            and not edit.text()
            and not edit.parent().inherits("QAbstractSpinBox")
        ):
            room = edit.width() - 40  # frame, margins and the clear button
            if edit.fontMetrics().horizontalAdvance(hint) > room:
                found.append(f"search hint {hint!r}")
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            if button.width() < button.minimumSizeHint().width():
                found.append(f"button {button.text()!r}")
            if isinstance(button, QPushButton) and button.menu() and "▾" in button.text():
                found.append(f"two arrows on {button.text()!r}")
    return found


@pytest.mark.parametrize("width", [1280, 1366])
@pytest.mark.parametrize("language", ["en", "id"])
def test_nothing_is_clipped_on_a_laptop_screen(qtbot, gui, language, width):
    from app.gui.main_window import MainWindow

    app = QApplication.instance()
    translator = install_language(app, language) if language != "en" else None
    try:
        window = MainWindow(gui)
        qtbot.addWidget(window)
        window.resize(width, 768)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
        problems: dict[str, list[str]] = {}
        for key in list(window.pages):
            page = window.show_page(key)
            qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
            QApplication.processEvents()
            tabs = page.findChildren(QTabWidget)
            for where, index in [(None, 0)] + [(t, i) for t in tabs for i in range(t.count())]:
                if where is not None:
                    where.setCurrentIndex(index)
                    qtbot.waitUntil(lambda: gui.runner.pending == 0, timeout=60_000)
                    QApplication.processEvents()
                if found := clipped(page):
                    problems.setdefault(key, []).extend(found)
        catalog = window.show_page("catalog")
        catalog.tabs.setCurrentIndex(0)
        catalog.view.selectRow(0)
        editor = catalog.edit_selected()
        if editor is not None:
            qtbot.waitExposed(editor)
            if found := clipped(editor):
                problems["product editor"] = found
            editor.reject()
        assert not problems, f"{language} at {width}×768: {problems}"
        window.close()
    finally:
        remove_language(app, translator)


def test_a_cut_short_cell_shows_its_whole_text_as_a_tooltip(qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QToolTip

    from app.gui.widgets.helpers import setup_table

    model = QStandardItemModel(1, 2)
    model.setItem(0, 0, QStandardItem("Sandbox StoreSync (local test marketplace)"))
    model.setItem(0, 1, QStandardItem("ok"))
    view = QTableView()
    qtbot.addWidget(view)
    setup_table(view, "Stores")
    view.setModel(model)
    view.setColumnWidth(0, 80)
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)

    def hover(column: int) -> None:
        rect = view.visualRect(model.index(0, column))
        pos = rect.center()
        event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
        QApplication.sendEvent(view.viewport(), event)

    hover(0)
    qtbot.waitUntil(QToolTip.isVisible, timeout=60_000)
    assert QToolTip.text() == "Sandbox StoreSync (local test marketplace)"
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=60_000)
    hover(1)  # "ok" fits: no tooltip
    assert not QToolTip.isVisible()
