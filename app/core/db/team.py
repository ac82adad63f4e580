"""Which database a workspace lives in: the local SQLite file (the default, nothing to set
up) or a shared PostgreSQL server named by a URL (docs/ARCHITECTURE.md, "Team database").

The URL comes from ``--database-url``, else ``STORESYNC_DATABASE_URL``, else the data
folder's ``team-database.json`` (written by Settings -> Team database). The file holds the
URL without its password; the password lives in the OS keychain (the workspace layer reads
it, :mod:`app.core.workspace`), and every URL we show or log is rendered with the password
masked. Problems reaching the server become one-line :class:`TeamDatabaseProblem`s.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from app.core.db.problems import DatabaseProblem
from app.core.text import msg

ENV_DATABASE_URL = "STORESYNC_DATABASE_URL"
CONFIG_FILE = "team-database.json"
DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10


class TeamDatabaseProblem(DatabaseProblem):
    """The team database cannot be used: bad URL, unreachable, refused, not empty."""


def parse_url(text: str) -> URL:
    """A PostgreSQL URL, with our driver (psycopg 3) filled in; anything else is refused
    with a one-line message."""
    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError):
        raise TeamDatabaseProblem(
            msg(
                "That is not a database URL. Write it as "
                "postgresql+psycopg://USER@HOST:5432/DATABASE."
            )
        ) from None
    if url.get_backend_name() != "postgresql":
        raise TeamDatabaseProblem(
            msg(
                "A team database must be PostgreSQL: write the URL as "
                "postgresql+psycopg://USER@HOST:5432/DATABASE."
            )
        )
    if not url.host or not url.database:
        raise TeamDatabaseProblem(
            msg("The database URL needs a host and a database name: {url}", url=shown(url))
        )
    return url.set(drivername=DRIVER)


def shown(url: URL | str) -> str:
    """The URL as people may see it: the password masked."""
    if isinstance(url, str):
        try:
            url = make_url(url)
        except (ArgumentError, ValueError):
            return "?"
    return url.render_as_string(hide_password=True)


def without_password(url: URL) -> URL:
    """The URL to keep in settings. (``URL.set(password=None)`` would keep the password:
    ``set`` skips None values.)"""
    return url._replace(password=None)


def keychain_key(url: URL) -> str:
    """The keychain entry of the password for this server, database and user."""
    return f"teamdb:{url.username or ''}@{url.host}:{url.port or 5432}/{url.database}"


# ---- the data folder's choice (Settings -> Team database) ------------------------------


def config_path(data_dir: Path) -> Path:
    return data_dir / CONFIG_FILE


def saved_url(data_dir: Path) -> URL | None:
    """The team database chosen in Settings for this data folder (no password), if any."""
    try:
        raw = json.loads(config_path(data_dir).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    text = raw.get("url") if isinstance(raw, dict) else None
    return parse_url(text) if text else None


def save_url(data_dir: Path, url: URL | None) -> None:
    """Remember (or, with None, forget) the team database; never the password."""
    path = config_path(data_dir)
    if url is None:
        path.unlink(missing_ok=True)
        return
    text = without_password(url).render_as_string(hide_password=False)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"url": text}, fh)
    os.replace(tmp, path)


def chosen_url(data_dir: Path, explicit: str | URL | None = None) -> URL | None:
    """The PostgreSQL URL this run uses, or None for the local SQLite file."""
    if isinstance(explicit, URL):
        return parse_url(explicit.render_as_string(hide_password=False))
    text = explicit or os.environ.get(ENV_DATABASE_URL, "").strip()
    if text:
        return parse_url(text)
    return saved_url(data_dir)


# ---- what the server said, in one line ------------------------------------------------


def server_problem(exc: BaseException, url: URL | None = None) -> TeamDatabaseProblem | None:
    """The one-line problem a PostgreSQL connection error means, or None."""
    orig = getattr(exc, "orig", None) or exc
    mod = type(orig).__module__ or ""
    if not mod.startswith("psycopg"):
        return None
    text = str(orig)
    where = shown(url) if url is not None else msg("the team database")
    low = text.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return TeamDatabaseProblem(
            msg(
                "The team database refused the user name or password for {url}. Check them "
                "in Settings -> Team database (or the URL), then try again.",
                url=where,
            )
        )
    if "does not exist" in low and "database" in low:
        return TeamDatabaseProblem(
            msg(
                "The database in {url} does not exist on the server. Ask whoever runs the "
                "server to create it (an empty database), then try again.",
                url=where,
            )
        )
    if type(orig).__name__ == "OperationalError" and (
        "connection" in low or "timeout" in low or "translate host" in low
    ):
        return TeamDatabaseProblem(
            msg(
                "Cannot reach the team database server {url}: check the address and port, "
                "the network and that PostgreSQL is running, then try again.",
                url=where,
            )
        )
    return None
