"""A throwaway PostgreSQL server for the tests and benches (issue 16, item 7).

``initdb`` + ``pg_ctl`` on a temporary folder, listening on a free loopback port only, with
password authentication (so a wrong password can be tested). PostgreSQL refuses to run as
root: under uid 0 (CI on Debian) the server runs as the ``postgres`` user (else ``nobody``)
with the folder handed to it. Binaries come from PATH or ``/usr/lib/postgresql/*/bin``.
Without them the tests skip with the reason, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

SUPERUSER = "storesync"
PASSWORD = "test-only-password"
START_TIMEOUT = 60.0


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_bin_dir() -> Path | None:
    """The folder holding ``pg_ctl`` and ``initdb`` (newest Debian version first)."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True):
        if (Path(d) / "pg_ctl").exists() and (Path(d) / "initdb").exists():
            return Path(d)
    return None


def _version(path: str) -> float:
    with contextlib.suppress(ValueError):
        return float(Path(path).parent.name)
    return 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> str | None:
    """The user to run the server as when we are root (PostgreSQL refuses uid 0)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise PostgresMissing("running as root and no 'postgres' or 'nobody' user to run as")


@dataclass
class PostgresServer:
    """One running cluster; :meth:`url` names a database on it."""

    bin_dir: Path
    root: Path
    port: int = 0
    user: str | None = None
    _created: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user:
            return ["runuser", "-u", self.user, "--", *cmd]
        return cmd

    def start(self) -> PostgresServer:
        self.user = _run_as()
        self.port = _free_port()
        self.root.chmod(0o755)  # the server user must reach its folder
        self.data.mkdir()
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD)
        if self.user:
            info = pwd.getpwnam(self.user)
            for p in (self.data, pwfile):
                os.chown(p, info.pw_uid, info.pw_gid)
        subprocess.run(
            self._cmd(
                "initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
            ),
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        pwfile.unlink()
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 -c shared_buffers=64MB"
        )
        subprocess.run(
            self._cmd(
                "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.data / "log"),
                "-w", "-t", str(int(START_TIMEOUT)), "start",
            ),
            check=True, capture_output=True, timeout=START_TIMEOUT + 30,
        )  # fmt: skip
        return self

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            subprocess.run(
                self._cmd("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"),
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", *, password: str | None = PASSWORD) -> URL:
        """The SQLAlchemy URL of ``database`` (psycopg 3 driver)."""
        return URL.create(
            "postgresql+psycopg",
            username=SUPERUSER,
            password=password,
            host="127.0.0.1",
            port=self.port,
            database=database,
        )

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            password=PASSWORD,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> URL:
        """A new empty database (or a copy of ``template``); returns its URL."""
        tail = f" TEMPLATE {template}" if template else ""
        self.admin(f'CREATE DATABASE "{name}"{tail}')
        self._created.append(name)
        return self.url(name)


_counter = iter(range(1, 1_000_000))


def unique_name(prefix: str = "t") -> str:
    """A database name not used before in this process."""
    return f"{prefix}_{os.getpid()}_{next(_counter)}_{int(time.time() * 1000) % 100000}"


def start_server() -> PostgresServer:
    """Start a throwaway cluster, or raise :class:`PostgresMissing`."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresMissing(
            "PostgreSQL server binaries (pg_ctl, initdb) not found on PATH or under "
            "/usr/lib/postgresql/*/bin; install Debian's 'postgresql' package"
        )
    root = Path(tempfile.mkdtemp(prefix="storesync-pg-"))
    server = PostgresServer(bin_dir, root)
    try:
        return server.start()
    except subprocess.CalledProcessError as exc:
        log = server.data / "log"
        detail = (exc.stderr or b"").decode(errors="replace")[-800:]
        if log.exists():
            detail += log.read_text(errors="replace")[-800:]
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {detail}") from exc
