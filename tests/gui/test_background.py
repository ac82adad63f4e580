"""ask_engine: one way for pages to call the engine, show the result or the error."""

from __future__ import annotations

from concurrent.futures import Future

import pytest
from PySide6.QtWidgets import QWidget

from app.gui.widgets import background
from tests.gui.fakes import done


@pytest.fixture
def boxes(monkeypatch) -> list[tuple[str, str]]:
    """Error boxes shown (title, error) instead of opening a modal box."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        background, "show_error", lambda _owner, title, exc: shown.append((title, str(exc)))
    )
    return shown


def failed(message: str) -> Future[int]:
    fut: Future[int] = Future()
    fut.set_exception(RuntimeError(message))
    return fut


def refuse() -> Future[int]:
    raise RuntimeError("no engine")


def test_result_reaches_on_done_after_started(qtbot, gui, boxes):
    owner = QWidget()
    qtbot.addWidget(owner)
    seen: list[object] = []
    ok = background.ask_engine(
        owner,
        gui.bridge,
        lambda: done(7),
        seen.append,
        "Failed",
        started=lambda: seen.append("started"),
    )
    assert ok
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == ["started", 7]
    assert boxes == []


def test_a_failed_future_shows_the_error_title(qtbot, gui, boxes):
    owner = QWidget()
    qtbot.addWidget(owner)
    assert background.ask_engine(owner, gui.bridge, lambda: failed("boom"), print, "Failed")
    qtbot.waitUntil(lambda: bool(boxes))
    assert boxes == [("Failed", "boom")]


def test_a_refused_call_uses_the_refused_title_and_returns_false(qtbot, gui, boxes):
    owner = QWidget()
    qtbot.addWidget(owner)
    started: list[bool] = []
    ok = background.ask_engine(
        owner,
        gui.bridge,
        refuse,
        print,
        "Failed",
        refused="Could not start",
        started=lambda: started.append(True),
    )
    assert not ok
    assert boxes == [("Could not start", "no engine")]
    assert started == []


def test_a_callback_instead_of_a_title(qtbot, gui, boxes):
    owner = QWidget()
    qtbot.addWidget(owner)
    errors: list[str] = []
    background.ask_engine(owner, gui.bridge, refuse, print, lambda exc: errors.append(str(exc)))
    assert errors == ["no engine"]
    assert boxes == []
