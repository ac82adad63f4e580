"""Where StoreSync keeps its files.

``--data-dir`` or the ``STORESYNC_DATA_DIR`` environment variable (set by a portable
build's runtime hook) put everything in one folder; otherwise platformdirs decides.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

from app import APP_AUTHOR, APP_NAME

ENV_DATA_DIR = "STORESYNC_DATA_DIR"
PRIVATE_DIR_MODE = 0o700


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one installation."""

    data_dir: Path
    logs_dir: Path
    exports_dir: Path

    @property
    def database(self) -> Path:
        """The SQLite file."""
        from app.core.db.engine import DB_FILENAME

        return self.data_dir / DB_FILENAME

    @property
    def backups_dir(self) -> Path:
        """Automatic and ``storesync backup`` copies of the database."""
        from app.core.db.backup import backups_dir_for

        return backups_dir_for(self.database)

    @property
    def ui_state(self) -> Path:
        """Window geometry, splitters, column widths (kept apart from preferences)."""
        return self.data_dir / "ui-state.json"

    def ensure(self) -> AppPaths:
        """Create the folders if missing, readable by the user only (0700 on POSIX: they
        hold buyers' names and addresses). Existing folders keep their mode."""
        for d in (self.data_dir, self.logs_dir, self.exports_dir):
            d.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        return self


def resolve_paths(data_dir: str | Path | None = None) -> AppPaths:
    """Paths for ``data_dir``, else ``$STORESYNC_DATA_DIR``, else the OS user data folder."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, logs_dir=root / "logs", exports_dir=root / "exports")
    dirs = PlatformDirs(APP_NAME, APP_AUTHOR)
    return AppPaths(
        data_dir=Path(dirs.user_data_dir),
        logs_dir=Path(dirs.user_log_dir),
        exports_dir=Path(dirs.user_documents_dir) / APP_NAME,
    )
