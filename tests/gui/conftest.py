"""GUI test fixtures: seeded workspaces, a fake engine behind the real bridge, the window.

Every test under tests/gui fails when Qt logs a warning (the ``qt_log_level_fail`` marker
is added here until the ini option is set in pyproject).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.gui.fakes import FakeEngine
from tests.gui.seed import Seeded, seed


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Qt warnings fail GUI tests."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            # the offscreen platform says this for every top-level window it shows
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))


@pytest.fixture(scope="session")
def big_workspace(tmp_path_factory):
    """A workspace with 1,000,000 variants, built once per test session (about 10 s)."""
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace
    from tests.gui.bigdb import build_big_catalog

    d = tmp_path_factory.mktemp("big")
    ws = open_workspace(resolve_paths(d))  # migrated, then closed: the build is alone on it
    workspace_id = ws.ctx.workspace_id
    ws.close()
    build_big_catalog(ws.paths.database, workspace_id)
    ws = open_workspace(resolve_paths(d))
    yield ws
    ws.close()


@pytest.fixture
def seeded(workspace) -> Seeded:
    """The demo-like data set of :mod:`tests.gui.seed` in the test's workspace."""
    return seed(workspace.ctx)


@pytest.fixture
def make_gui(qapp, tmp_path: Path) -> Iterator[Callable]:
    """Build a GuiContext over a workspace, with a FakeEngine behind the real bridge."""
    from app.gui.bridge import EngineBridge
    from app.gui.context import GuiContext
    from app.gui.runner import BackgroundRunner
    from app.gui.ui_state import UiState

    made: list[tuple[EngineBridge, BackgroundRunner, FakeEngine]] = []

    def make(ws, ui_path: Path | None = None) -> GuiContext:
        bridge = EngineBridge()
        engine = FakeEngine(ws.ctx, bridge.post_event)
        runner = BackgroundRunner()
        made.append((bridge, runner, engine))
        return GuiContext(
            ctx=ws.ctx,
            engine=engine,
            bridge=bridge,
            runner=runner,
            ui_state=UiState(ui_path or tmp_path / "ui-state.json"),
            secrets=ws.secrets,
            paths=ws.paths,
            changes=ws.changes,
        )

    yield make
    for bridge, runner, engine in made:
        engine.stop()  # engine first, then the bridge (the launch order)
        bridge.close()
        runner.shutdown()
        bridge.deleteLater()
        runner.deleteLater()


@pytest.fixture
def gui(workspace, seeded, make_gui):
    """A GuiContext over the seeded workspace."""
    return make_gui(workspace)


@pytest.fixture
def window(qtbot, gui):
    """The main window over the seeded workspace, shown offscreen, dashboard loaded."""
    from app.gui.main_window import MainWindow

    w = MainWindow(gui)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: gui.runner.pending == 0)
    yield w
    w.close()


def wait_loaded(qtbot, model, rows: int | None = None) -> None:
    """Wait until a paged model's snapshot is in (and has ``rows`` rows, if given)."""
    qtbot.waitUntil(
        lambda: not model.is_loading and (rows is None or model.rowCount() == rows), timeout=60_000
    )
