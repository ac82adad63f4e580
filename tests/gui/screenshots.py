"""Render every page of a seeded (or demo) StoreSync window to PNG files.

    uv run python -m tests.gui.screenshots OUT_DIR [--demo] [--data-dir DIR] [--dark]
                                                   [--language id|en|all]

Without ``--demo`` a temporary workspace is filled by :mod:`tests.gui.seed` and the
engine is the scripted :class:`tests.gui.fakes.FakeEngine` (nothing syncs); with
``--demo`` the real engine and the demo shops run and the script waits for orders to arrive.
The window is 1366×768, a common laptop screen. ``--language all`` renders the English set
and then the Indonesian one (files named ``…-id.png``) from the same data, in one run of
processes. Runs offscreen unless QT_QPA_PLATFORM says otherwise. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _pump(app, seconds: float = 0.0, until=None) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while True:
        app.processEvents()
        if until is not None and until():
            break
        if time.monotonic() >= deadline and until is None:
            break
        if time.monotonic() >= deadline + 20:
            break
        time.sleep(0.02)


def _both_languages(args: argparse.Namespace) -> int:
    """English, then Indonesian over the same data folder (a demo keeps its shops)."""
    import subprocess

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="storesync-shots-"))
    rc = 0
    for lang in ("en", "id"):
        cmd = [sys.executable, "-m", "tests.gui.screenshots", str(args.out)]
        cmd += ["--data-dir", str(data_dir), "--language", lang, "--wait", str(args.wait)]
        cmd += ["--size", args.size]
        cmd += ["--demo"] * args.demo + ["--dark"] * args.dark
        rc = rc or subprocess.call(cmd)
    return rc


def main(argv: list[str] | None = None) -> int:
    """Render the pages; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--demo", action="store_true", help="run the real engine and demo shops")
    parser.add_argument("--data-dir", type=Path, help="use this data folder")
    parser.add_argument("--dark", action="store_true", help="dark theme")
    parser.add_argument(
        "--language", default="en", help="interface language (en, id, or all for both)"
    )
    parser.add_argument("--wait", type=float, default=20.0, help="seconds to let the demo sync")
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.language == "all":
        return _both_languages(args)

    from PySide6.QtWidgets import QApplication

    from app.core.paths import resolve_paths
    from app.core.sync.api import EngineAPI
    from app.core.sync.engine import SyncEngine
    from app.core.workspace import open_workspace
    from app.gui.bridge import EngineBridge
    from app.gui.context import GuiContext
    from app.gui.demo import DemoController
    from app.gui.i18n import install_language
    from app.gui.main_window import MainWindow
    from app.gui.runner import BackgroundRunner
    from app.gui.theme import apply_theme
    from app.gui.ui_state import UiState

    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    apply_theme(app, "dark" if args.dark else "light")
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="storesync-shots-"))
    if not args.demo or not args.data_dir:
        os.environ.setdefault("STORESYNC_INSECURE_KEYRING", "1")
    ws = open_workspace(resolve_paths(data_dir))
    install_language(app, args.language)
    bridge = EngineBridge()
    runner = BackgroundRunner()
    engine: EngineAPI
    if args.demo:
        engine = SyncEngine(ws, bridge.post_event)
    else:
        from app.core.services import stores
        from tests.gui.seed import seed

        if not stores.list_stores(ws.ctx):
            seed(ws.ctx)
        from tests.gui.fakes import FakeEngine

        engine = FakeEngine(ws.ctx, bridge.post_event)
    engine.start()
    demo = DemoController(ws, engine, runner)
    gui = GuiContext(
        ctx=ws.ctx,
        engine=engine,
        bridge=bridge,
        runner=runner,
        ui_state=UiState(None),
        secrets=ws.secrets,
        paths=ws.paths,
        start_demo=demo.start,
        sandbox_url=demo.sandbox_url,
    )
    window = MainWindow(gui)
    width, height = (int(n) for n in args.size.lower().split("x"))
    window.resize(width, height)
    window.show()
    if args.demo:
        demo.start()
        _pump(app, args.wait)
        window.mark_dirty({"orders", "products", "stock", "stores", "listings", "jobs"})

    def settled() -> bool:
        return runner.pending == 0

    tag = "" if args.language == "en" else f"-{args.language}"
    shots = []
    for i, key in enumerate(window.pages):
        page = window.show_page(key)
        page.stale = True
        page.ensure_loaded()
        _pump(app, 0.3, settled)
        _pump(app, 0.3)
        if key == "orders" and page.model.rowCount():  # type: ignore[attr-defined]
            page.view.selectRow(0)  # type: ignore[attr-defined]
            _pump(app, 0.2)
        if key == "inventory":
            _pump(app, 0.2)
        path = args.out / f"{i + 1:02d}-{key}{tag}.png"
        window.grab().save(str(path))
        shots.append(path)
    # a few dialogs a reviewer wants to see
    catalog = window.show_page("catalog")
    _pump(app, 0.3, settled)
    catalog.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    _pump(app, 0.3, settled)
    path = args.out / f"09-mapping{tag}.png"
    window.grab().save(str(path))
    shots.append(path)
    catalog.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    _pump(app, 0.2)
    catalog.view.selectRow(0)  # type: ignore[attr-defined]
    editor = catalog.edit_selected()  # type: ignore[attr-defined]
    if editor is not None:
        _pump(app, 0.3)
        path = args.out / f"10-product-editor{tag}.png"
        editor.grab().save(str(path))
        shots.append(path)
        editor.reject()
    wizard = window.pages["stores"].connect_store()  # type: ignore[attr-defined]
    wizard.platform_page.choose(*_local_sandbox())
    _pump(app, 0.2)
    path = args.out / f"11-connect-wizard{tag}.png"
    wizard.grab().save(str(path))
    shots.append(path)
    wizard.next()
    _pump(app, 0.2)
    path = args.out / f"12-connect-credentials{tag}.png"
    wizard.grab().save(str(path))
    shots.append(path)
    wizard.reject()
    window.show_page("inventory")
    _pump(app, 0.3, settled)
    inv = window.pages["inventory"]
    dlg = inv.open_dialog("adjust")  # type: ignore[attr-defined]
    _pump(app, 0.2)
    path = args.out / f"13-adjust-dialog{tag}.png"
    dlg.grab().save(str(path))
    shots.append(path)
    dlg.reject()
    for p in shots:
        print(p)
    window.close()
    demo.stop()
    engine.stop()
    bridge.close()
    runner.shutdown()
    ws.close()
    return 0


def _local_sandbox():  # type: ignore[no-untyped-def]
    from app.core.domain import Environment, Platform

    return Platform.SHOPEE, Environment.LOCAL_SANDBOX


if __name__ == "__main__":
    sys.exit(main())
