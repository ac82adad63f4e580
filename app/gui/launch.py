"""The GUI composition root: ``storesync`` without a command ends up here.

Order matters at both ends. Start: QApplication, theme, qasync loop, workspace, bridge,
engine (given the bridge's ``post_event`` as its emit callback), window, demo. Shutdown:
save the window state, stop the demo, stop the engine (no more events), then close the
bridge and the runner, then the database.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app import APP_NAME
from app.core import engine_lock
from app.core.engine_lock import EngineAlreadyRunning
from app.core.logs import ensure_file_logging
from app.core.paths import AppPaths, resolve_paths
from app.core.services.analytics.calendar import zone
from app.core.settings import LANGUAGE, get_setting
from app.core.sync.api import EngineAPI
from app.core.sync.engine import SyncEngine
from app.core.workspace import DailyBackups, OpenWorkspace
from app.gui.bridge import EngineBridge
from app.gui.context import GuiContext
from app.gui.crash import CrashReporter
from app.gui.demo import DemoController
from app.gui.formatting import apply_display_locale, set_display_zone
from app.gui.i18n import current_language, install_language, tr, tr_message
from app.gui.low_stock import connect_low_stock
from app.gui.main_window import MainWindow
from app.gui.no_engine import NoEngine
from app.gui.runner import BackgroundRunner
from app.gui.settings.recovery import open_or_recover
from app.gui.theme import apply_theme, follow_system
from app.gui.ui_state import UiState
from app.gui.users.sign_in import sign_in_at_start

log = logging.getLogger(__name__)


def run_gui(
    data_dir: str | Path | None = None, demo: bool = False, language: str | None = None
) -> int:
    """Open the window and run until it is closed; returns the exit status. ``language``
    (``storesync --language id|en``) overrides the Settings choice for this start only."""
    import qasync

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setStyle("Fusion")
    paths = resolve_paths(data_dir)
    ensure_file_logging(paths.logs_dir)
    # an unexpected exception: logged, a dialog with the diagnostics, the app runs on
    opened: list[OpenWorkspace] = []
    crashes = CrashReporter(paths, lambda: opened[0].ctx if opened else None).install()
    # quick_check first; a damaged database offers the newest good backup
    ws = open_or_recover(paths)
    if ws is None:
        crashes.uninstall()
        return 1
    opened.append(ws)
    backups = DailyBackups(ws.ctx, ws.paths).start()  # its own thread, not an engine job
    # before any window exists: texts are translated as widgets are built
    install_language(app, language or get_setting(ws.ctx, LANGUAGE))
    log.info("interface language: %s", current_language())
    apply_display_locale()  # date edits and number boxes write like the tables
    # who works in this window: the silent owner, or whoever signs in once accounts are on
    signed_in = sign_in_at_start(ws.ctx)
    if signed_in is None:  # the sign-in dialog was cancelled
        backups.stop()
        ws.close()
        crashes.uninstall()
        return 0
    ws.ctx = signed_in
    ui_state = UiState(paths.ui_state)
    preference = str(ui_state.get("theme", "system"))
    apply_theme(app, preference)
    follow_system(app, preference)

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    parts = compose(ws, paths, ui_state)
    if demo:
        parts.demo_ctl.start()

    closing = asyncio.Event()
    app.aboutToQuit.connect(closing.set)
    try:
        with loop:
            loop.run_until_complete(closing.wait())
    finally:
        backups.stop()
        _shutdown(parts.window, parts.demo_ctl, parts.engine, parts.bridge, parts.runner, ws)
        crashes.uninstall()
    return 0


@dataclass
class Composed:
    """The running pieces of the window, in the order :func:`_shutdown` stops them."""

    window: MainWindow
    demo_ctl: DemoController
    engine: EngineAPI
    bridge: EngineBridge
    runner: BackgroundRunner
    no_engine: str = ""  # the one line shown when another process syncs this folder


def compose(ws: OpenWorkspace, paths: AppPaths, ui_state: UiState) -> Composed:
    """Bridge, engine, window. When another process already syncs this data folder the
    window opens without an engine, saying so in one line (docs/ARCHITECTURE.md: one
    engine per data folder): everything can be looked at and edited, and that process
    pushes the changes."""
    set_display_zone(zone(ws.ctx))  # times on screen in the zone the exports use
    bridge = EngineBridge()
    real = SyncEngine(ws, bridge.post_event)
    # low-stock alerts from any writer in this process reach the tray as engine alerts
    connect_low_stock(ws.low_stock, bridge.post_event)
    engine: EngineAPI = real
    notice = ""
    try:
        real.start(role=engine_lock.APP)
    except EngineAlreadyRunning:
        notice = tr(
            "Syncing is off in this window: {holder} is syncing this data folder. You can "
            "still look and edit here; that process sends the changes."
        ).format(holder=tr_message(engine_lock.describe_holder(paths.data_dir)))
        log.warning("another process syncs %s: this window runs without an engine", paths.data_dir)
        engine = NoEngine(real, notice)
    except Exception as exc:
        log.exception("the sync engine did not start")
        QMessageBox.warning(
            None,
            APP_NAME,
            tr("Syncing is off: the engine did not start ({error}).").format(error=exc),
        )
    runner = BackgroundRunner()
    demo_ctl = DemoController(ws, engine, runner)
    gui = GuiContext(
        ctx=ws.ctx,
        engine=engine,
        bridge=bridge,
        runner=runner,
        ui_state=ui_state,
        secrets=ws.secrets,
        paths=paths,
        start_demo=demo_ctl.start,
        sandbox_url=demo_ctl.sandbox_url,
        changes=ws.changes,
    )
    window = MainWindow(gui)
    if notice:
        label = QLabel(notice)
        label.setObjectName("noEngineNotice")
        label.setAccessibleName(tr("Syncing is off"))
        window.statusBar().addPermanentWidget(label)
    demo_ctl.started.connect(lambda: window.show_message(tr("Demo shops connected; syncing…")))
    demo_ctl.started.connect(lambda: window.mark_dirty({"stores", "orders", "products", "stock"}))
    demo_ctl.failed.connect(
        lambda m: window.show_message(tr("The demo could not start: {reason}").format(reason=m))
    )
    window.show()
    return Composed(window, demo_ctl, engine, bridge, runner, notice)


def _shutdown(
    window: MainWindow,
    demo_ctl: DemoController,
    engine: EngineAPI,
    bridge: EngineBridge,
    runner: BackgroundRunner,
    ws: OpenWorkspace,
) -> None:
    """Stop in dependency order: nothing may emit into a destroyed bridge."""
    try:
        window.save_state()
    except Exception:
        log.exception("saving the window state failed")
    demo_ctl.stop()
    try:
        engine.stop()
    except Exception:
        log.exception("stopping the engine failed")
    bridge.close()
    runner.shutdown()
    window.deleteLater()
    bridge.deleteLater()
    ws.close()
