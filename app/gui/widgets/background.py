"""Ask the engine for something in the background, then show the result or the error.

Every engine call from a page or dialog goes through :func:`ask_engine`: the call may
refuse at once (raise) or fail later (its future); either way the user is told, and the
page only says what to do with the result. Reads from the services run off the GUI
thread through :class:`app.gui.runner.BackgroundRunner` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from app.gui.bridge import EngineBridge
from app.gui.widgets.helpers import show_error

T = TypeVar("T")
#: what to do with an error: a title for an error box, or a callback
OnError = str | Callable[[BaseException], None]


def _handler(owner: QWidget, on_error: OnError) -> Callable[[BaseException], None]:
    if isinstance(on_error, str):
        title = on_error
        return lambda exc: show_error(owner, title, exc)
    return on_error


def ask_engine(
    owner: QWidget,
    bridge: EngineBridge,
    call: Callable[[], Future[T]],
    on_done: Callable[[T], None],
    on_error: OnError,
    *,
    refused: OnError | None = None,
    started: Callable[[], None] | None = None,
) -> bool:
    """Run ``call()`` (an engine method returning a future) and watch its result.

    ``on_done(result)`` runs on the GUI thread when the future succeeds; a failure goes
    to ``on_error`` — an error-box title or a callback. When ``call`` raises at once,
    ``refused`` (default: ``on_error``) handles it and False is returned. ``started``
    runs once the call was accepted, before any result arrives. Nothing is delivered
    after ``owner`` was deleted.
    """
    try:
        fut = call()
    except Exception as exc:
        _handler(owner, on_error if refused is None else refused)(exc)
        return False
    if started is not None:
        started()
    bridge.watch(fut, on_done, _handler(owner, on_error), owner=owner)
    return True
