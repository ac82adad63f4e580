"""What every page gets: services, the engine, the bridge, the background runner, UI state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.paths import AppPaths
from app.core.secrets import SecretStore
from app.core.services.changes import ChangeHooks
from app.core.services.context import ServiceContext
from app.core.sync.api import EngineAPI
from app.gui.bridge import EngineBridge
from app.gui.runner import BackgroundRunner
from app.gui.ui_state import UiState


@dataclass
class GuiContext:
    """Built once by :mod:`app.gui.launch` (or a test fixture) and handed to every page.

    Attributes:
        ctx: the service context; every read or write is one unit of work through it.
        engine: the sync engine's thread-safe API (calls return futures).
        bridge: engine events as Qt signals, and the way futures come back.
        runner: reads off the GUI thread.
        ui_state: geometry, splitters, column widths.
        secrets: the keychain (the re-authorize dialog reads the app credentials).
        paths: the installation's folders.
        start_demo: starts the demo shops on request (None when unavailable).
        sandbox_url: the base URL of a running local sandbox, if any (Connect wizard).
        changes: the workspace's change hooks (its own writes, told from other PCs').
    """

    ctx: ServiceContext
    engine: EngineAPI
    bridge: EngineBridge
    runner: BackgroundRunner
    ui_state: UiState
    secrets: SecretStore | None = None
    paths: AppPaths | None = None
    start_demo: Callable[[], None] | None = None
    sandbox_url: Callable[[], str | None] = field(default=lambda: None)
    # which change-counter bumps were this process's own (app/gui/changes.py)
    changes: ChangeHooks | None = None
