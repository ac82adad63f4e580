"""What Help -> "Copy diagnostics" and the crash dialog hand to support.

Version, OS, Python, where the data and logs are, the keychain in use, the workspace
settings, each store's platform and status, and the last ERROR lines of the log. Never a
secret: tokens and keys live only in the keychain and are not read here, store names and
addresses are left out, and the finished text goes through the same redaction as the logs
(``app.core.platforms.http.redact``) in case an error line quoted one.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Iterable

from app import __version__
from app.core.logs import recent_errors
from app.core.paths import AppPaths
from app.core.platforms.http import redact
from app.core.services.context import ServiceContext

__all__ = ["diagnostics_text", "redact"]


def _settings_lines(ctx: ServiceContext) -> list[str]:
    from app.core.services import stores
    from app.core.settings import get_settings

    lines = [f"  {key} = {value!r}" for key, value in get_settings(ctx).items()]
    lines.append("stores:")
    for st in stores.list_stores(ctx):
        synced = st.last_synced_at.isoformat(timespec="seconds") if st.last_synced_at else "never"
        lines.append(
            f"  #{st.id} {st.platform.value} ({st.environment.value}): {st.status.value}"
            f"{', paused' if st.paused else ''}, last sync {synced}"
        )
    return lines


def diagnostics_text(
    paths: AppPaths | None,
    ctx: ServiceContext | None = None,
    *,
    extra: Iterable[str] = (),
    error: str = "",
) -> str:
    """The diagnostics as plain text (``extra``: lines the caller adds, e.g. the Qt
    version; ``error``: the traceback of the exception being reported)."""
    from app.core.secrets import describe_backend

    lines = [
        f"StoreSync {__version__}",
        f"OS: {platform.platform()}",
        f"Python: {platform.python_implementation()} {sys.version.split()[0]}",
        *extra,
    ]
    if paths is not None:
        lines += [f"data folder: {paths.data_dir}", f"log folder: {paths.logs_dir}"]
    try:
        backend = describe_backend()
        secure = "" if backend.secure else " (not a secure keychain)"
        lines.append(f"keychain: {backend.name}{secure}")
    except Exception as exc:  # a broken keychain is itself worth reporting
        lines.append(f"keychain: unavailable ({type(exc).__name__})")
    if ctx is not None:
        lines.append("settings:")
        try:
            lines += _settings_lines(ctx)
        except Exception as exc:  # the database may be what failed
            lines.append(f"  (could not be read: {type(exc).__name__}: {exc})")
    if error:
        lines += ["error:", *error.rstrip().splitlines()]
    if paths is not None:
        errors = recent_errors(paths.logs_dir)
        lines.append("last errors in the log:" if errors else "last errors in the log: none")
        lines += errors
    return redact("\n".join(lines)) + "\n"
