"""Headless commands for stores and sync: ``stores``, ``sync``, ``status``, ``demo``."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from datetime import UTC, datetime

from app.core.domain import Environment, JobKind, JobStatus, Platform

ENV_APP_SECRET = "STORESYNC_APP_SECRET"
ONCE_DEADLINE = 120.0  # sync --once ends within this (README, "How long sync --once takes")
CALL_TIMEOUT = 20.0  # one HTTP attempt


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 86400:
        raise argparse.ArgumentTypeError("seconds must be between 0 and 86400")
    return value


#: exit status when another process already syncs the data folder (one engine per folder)
EXIT_BUSY = 3


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the store and sync commands."""
    st = sub.add_parser("stores", parents=[common], help="list, add, remove, pause, resume")
    ss = st.add_subparsers(dest="stores_cmd", metavar="ACTION", required=True)
    ss.add_parser("list", parents=[common], help="list stores").set_defaults(func=stores_list)
    add = ss.add_parser(
        "add",
        parents=[common],
        help="register a store with its credentials (they go to the keychain); the "
        f"partner key / app secret comes from ${ENV_APP_SECRET}, else a prompt on a terminal, "
        "else one line of standard input",
    )
    add.add_argument(
        "--platform",
        required=True,
        type=_platform,
        choices=list(Platform),
        metavar="{shopee,tiktok_shop,woocommerce,custom}",
    )
    add.add_argument("--name", help="the store's name (a website: default its address)")
    add.add_argument("--shop-id", help="the marketplace's shop id (not for a website)")
    add.add_argument(
        "--base-url",
        required=True,
        help="API base URL; for a website its address (https://myshop.id)",
    )
    add.add_argument("--auth-base-url", help="TikTok token host (default: the base URL)")
    add.add_argument(
        "--environment",
        default=None,
        choices=[e.value for e in Environment],
        help="default: local_sandbox for 127.0.0.1 URLs, else production",
    )
    add.add_argument(
        "--app-id",
        help="Shopee partner id / TikTok app key / WooCommerce consumer key (ck_…); the "
        "secret (partner key, app secret, consumer secret cs_…, or a custom site's API key) "
        f"comes from ${ENV_APP_SECRET} or a prompt",
    )
    # The secret never comes from argv: a command line shows in the process list.
    add.add_argument("--code", help="authorization code from the consent redirect")
    add.add_argument("--shop-cipher", help="TikTok shop cipher")
    add.set_defaults(func=stores_add)
    for name, fn, text in (
        ("remove", stores_remove, "remove a store (catalog and stock kept)"),
        ("pause", stores_pause, "stop syncing a store"),
        ("resume", stores_resume, "sync a paused store again"),
    ):
        p = ss.add_parser(name, parents=[common], help=text)
        p.add_argument("store_id", type=int)
        p.set_defaults(func=fn)

    sy = sub.add_parser("sync", parents=[common], help="run sync jobs in the foreground")
    sy.add_argument("--store", type=int, action="append", help="only this store (repeatable)")
    sy.add_argument("--once", action="store_true", help="one full sync of each store, then exit")
    sy.add_argument(
        "--deadline",
        type=_seconds,
        default=ONCE_DEADLINE,
        metavar="SECONDS",
        help=f"with --once: end within this many seconds (default {ONCE_DEADLINE:g}; 0: no "
        "limit); jobs still running then are stopped and reported failed",
    )
    sy.add_argument(
        "--call-timeout",
        type=_seconds,
        default=CALL_TIMEOUT,
        metavar="SECONDS",
        help=f"give up on a platform that does not answer one request in this many seconds "
        f"(default {CALL_TIMEOUT:g})",
    )
    sy.set_defaults(func=cmd_sync)

    sub.add_parser("status", parents=[common], help="per-store sync status").set_defaults(
        func=cmd_status
    )

    de = sub.add_parser(
        "demo", parents=[common], help="sandbox marketplaces with demo shops, connected and syncing"
    )
    de.add_argument("--once", action="store_true", help="exit after one full sync of every store")
    de.add_argument("--seed", type=int, default=0)
    de.add_argument("--buyers", type=float, default=12.0, metavar="PER_MINUTE")
    de.set_defaults(func=cmd_demo)


def _platform(text: str) -> Platform:
    """``--platform``: the stored values, and ``custom`` for the custom website."""
    try:
        return Platform.CUSTOM_WEBSITE if text == "custom" else Platform(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"unknown platform {text!r}") from None


def _open(args):
    # acting as the command's user when accounts are on (app/cli_users.py); ``sync``
    # only runs the engine, which acts as "sync" whoever started it
    from app.cli_users import open_signed_in

    return open_signed_in(args, engine_only=getattr(args, "command", None) == "sync")


def _fmt_time(dt: datetime | None) -> str:
    return "-" if dt is None else dt.astimezone().strftime("%Y-%m-%d %H:%M")


def _expiry(dt: datetime | None) -> str:
    if dt is None:
        return "-"
    left = dt - datetime.now(UTC)
    if left.total_seconds() <= 0:
        return "expired"
    hours = int(left.total_seconds() // 3600)
    return f"in {hours // 24}d {hours % 24}h" if hours >= 24 else f"in {hours}h"


def stores_list(args) -> int:
    """One line per store."""
    from app.core.services.stores import list_stores

    ws = _open(args)
    try:
        rows = list_stores(ws.ctx)
        if not rows:
            print("no stores connected (try: storesync demo --once)")
        for s in rows:
            print(
                f"{s.id:>3}  {s.platform.value:<11} {s.name:<28} shop {s.external_shop_id:<20}"
                f" {s.environment.value:<16} {'paused' if s.paused else s.status.value}"
            )
        return 0
    finally:
        ws.close()


def read_app_secret(stdin=None, environ=None) -> str:
    """The partner key / app secret: ``$STORESYNC_APP_SECRET``, else a hidden prompt when
    standard input is a terminal, else its first line. Never from argv."""
    import os

    stdin = sys.stdin if stdin is None else stdin
    environ = os.environ if environ is None else environ
    if environ.get(ENV_APP_SECRET):
        return environ[ENV_APP_SECRET].strip()
    if stdin.isatty():
        import getpass

        return getpass.getpass("Partner key / app secret: ").strip()
    return stdin.readline().strip()


def stores_add(args) -> int:
    """Register a store, keep its secret, and exchange the code when one is given."""
    from app.core.domain import AppCredentials, Endpoints
    from app.core.platforms.registry import is_loopback
    from app.core.services import stores as svc
    from app.core.sync.credentials import CredentialVault

    secret = read_app_secret()
    if not secret:
        print(
            f"error: no app secret given (set ${ENV_APP_SECRET}, type it at the prompt, "
            "or pipe it on standard input)",
            file=sys.stderr,
        )
        return 2
    env = (
        Environment(args.environment)
        if args.environment
        else (Environment.LOCAL_SANDBOX if is_loopback(args.base_url) else Environment.PRODUCTION)
    )
    from app.core.engine_lock import EngineAlreadyRunning

    platform = args.platform
    problem = _missing_store_args(args, platform)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    ws = _open(args)
    try:
        creds = AppCredentials(args.app_id or "key", secret)
        if args.code or platform.is_website:
            from app.core.sync.api import ConnectRequest
            from app.core.sync.engine import EngineOptions, SyncEngine

            # connect() checks the keychain, the fields and the folder before it spends
            # the single-use code, and leaves no store behind when it fails
            eng = SyncEngine(ws, None, EngineOptions(schedule=False))
            eng.start(role="stores add")
            try:
                added = eng.connect_store(
                    ConnectRequest(
                        platform,
                        env,
                        Endpoints(args.base_url, args.auth_base_url or args.base_url),
                        creds,
                        args.code or "",
                        args.shop_id,
                        args.name,
                    )
                ).result(timeout=120)
            finally:
                eng.stop()
            for s in added:
                print(f"connected store {s.id}: {s.name}")
            return 0
        data = svc.StoreInput(
            platform,
            args.name,
            args.shop_id,
            args.base_url,
            env,
            args.auth_base_url,
            app_id=args.app_id,
            shop_cipher=args.shop_cipher,
        )
        vault = CredentialVault(ws.secrets)
        svc.check_store_input(data)
        vault.check_writable(sandbox=env == Environment.LOCAL_SANDBOX)  # before any row
        store = svc.create_store(ws.ctx, data)
        try:
            vault.save_app(store, creds)
        except BaseException:
            svc.remove_store(ws.ctx, store.id)  # no store without its secret
            raise
        print(f"added store {store.id}: {store.name} (authorize it with a code to sync)")
        return 0
    except EngineAlreadyRunning as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except Exception as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        ws.close()


def _missing_store_args(args, platform: Platform) -> str:
    """What ``stores add`` lacks for this platform ("" when complete)."""
    if platform.is_website:
        if platform == Platform.WOOCOMMERCE and not args.app_id:
            return "--app-id: the WooCommerce consumer key (ck_…)"
        return ""
    missing = [
        f
        for f, v in (("--name", args.name), ("--shop-id", args.shop_id), ("--app-id", args.app_id))
        if not v
    ]
    return f"{', '.join(missing)} required for {platform.value}" if missing else ""


def _store_action(args, action) -> int:
    ws = _open(args)
    try:
        action(ws, args.store_id)
        return 0
    except Exception as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        ws.close()


def stores_remove(args) -> int:
    """Remove a store and forget its secrets."""
    from app.core.services import stores as svc
    from app.core.sync.credentials import CredentialVault

    def go(ws, sid):
        store = svc.get_store(ws.ctx, sid)
        summary = svc.removal_summary(ws.ctx, sid)
        svc.remove_store(ws.ctx, sid)
        CredentialVault(ws.secrets).forget(store)
        print(
            f"removed {store.name}: {summary.listings} listings and {summary.orders} orders "
            "deleted; the catalog, stock and ledger are kept"
        )

    return _store_action(args, go)


def stores_pause(args) -> int:
    """Pause a store."""
    from app.core.services import stores as svc

    return _store_action(args, lambda ws, sid: svc.set_paused(ws.ctx, sid, True))


def stores_resume(args) -> int:
    """Resume a store."""
    from app.core.services import stores as svc

    return _store_action(args, lambda ws, sid: svc.set_paused(ws.ctx, sid, False))


class _Printer:
    """Prints engine events as progress lines."""

    def __init__(self, names: dict[int, str]) -> None:
        self.names = names
        self.failed = 0

    def __call__(self, ev) -> None:
        from app.core.sync.events import Alert, JobFinished

        if isinstance(ev, JobFinished):
            name = self.names.get(ev.store_id, f"store {ev.store_id}")
            tail = f" — {ev.error}" if ev.error else ""
            print(
                f"{name}: {ev.kind.value} {ev.status.value} ({ev.processed} done, "
                f"{ev.failed} failed){tail}",
                flush=True,
            )
            if ev.status != JobStatus.SUCCEEDED:
                self.failed += 1
        elif isinstance(ev, Alert):
            print(f"! {ev.title}: {ev.message}", flush=True)


def _push_all(eng, store_ids, timeout: float) -> None:
    """One push pass on every store: the jobs just run may have queued stock for others."""
    for fut in [eng.sync_now(i, (JobKind.STOCK_PUSH,)) for i in store_ids]:
        fut.result(timeout=timeout)


def _wait_until_interrupted() -> None:
    """Block until Ctrl+C or SIGTERM (the engine keeps syncing meanwhile)."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass


def _engine_options(args, once: bool, only: list[int] | None):
    """Options for ``sync``: ``--store`` limits every job, pushes included, to those stores;
    ``--call-timeout`` bounds each request and a call's retries (docs/ARCHITECTURE.md)."""
    import dataclasses

    import httpx

    from app.core.platforms.http import RetryPolicy
    from app.core.sync.engine import EngineOptions

    call = getattr(args, "call_timeout", CALL_TIMEOUT) or CALL_TIMEOUT
    # one call, its retries included, gets a little over two attempts' worth
    retry = dataclasses.replace(RetryPolicy(), budget=2.25 * call)
    return EngineOptions(
        schedule=not once,
        timeout=httpx.Timeout(call, connect=min(5.0, call)),
        retry=retry,
        stores=None if only is None else frozenset(only),
    )


def _run_engine(args, ws, store_ids: list[int] | None, once: bool, printer: _Printer) -> int:
    from app.core.services.stores import list_stores
    from app.core.sync.engine import SyncEngine

    known = {s.id: s for s in list_stores(ws.ctx)}
    unknown = [i for i in store_ids or [] if i not in known]
    if unknown:
        print(
            f"error: no store {', '.join(map(str, unknown))} (see: storesync stores list)",
            file=sys.stderr,
        )
        return 2
    ids = store_ids or [sid for sid, s in known.items() if not s.paused]
    # --store: no other store gets a worker at all; else every store does (a store resumed
    # while `sync` runs is picked up), and --once asks only the unpaused ones
    eng = SyncEngine(ws, printer, _engine_options(args, once, store_ids))
    eng.start(role="sync")  # EngineAlreadyRunning: another process syncs this folder
    try:
        if once:
            from app.core.sync.once import run_once

            deadline = getattr(args, "deadline", ONCE_DEADLINE) or None
            report = run_once(eng, ids, deadline)
            for sid, kinds in report.not_run.items():
                print(
                    f"{printer.names.get(sid, f'store {sid}')}: not run: "
                    f"{', '.join(k.value for k in kinds)} (the store did not answer or the "
                    "deadline passed; the next sync runs them)",
                    flush=True,
                )
            return 1 if printer.failed or not report.ok else 0
        _wait_until_interrupted()
        return 0
    finally:
        eng.stop()


def cmd_sync(args) -> int:
    """Run jobs in the foreground; non-zero exit when a job failed (with --once), and
    :data:`EXIT_BUSY` with one line naming it when another process syncs the folder."""
    from app.core.engine_lock import EngineAlreadyRunning
    from app.core.services.stores import list_stores
    from app.core.workspace import DailyBackups

    ws = _open(args)
    try:
        names = {s.id: s.name for s in list_stores(ws.ctx)}
        if not names:
            print("no stores connected", file=sys.stderr)
            return 1
        # the daily backup runs beside the engine, on its own thread (app.core.workspace)
        backups = DailyBackups(ws.ctx, ws.paths).start()
        try:
            return _run_engine(args, ws, args.store, args.once, _Printer(names))
        finally:
            backups.stop()
    except EngineAlreadyRunning as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    finally:
        ws.close()


def engine_running(data_dir) -> bool | None:
    """Whether a sync engine runs on the data folder, from its lock (app/core/engine_lock.py):
    True when held, False when the lock file exists and nobody holds it (a crashed engine
    left "running" jobs behind), None when no engine ever ran here (not known)."""
    from app.core import engine_lock

    if engine_lock.held_here(data_dir) or engine_lock.held_by_other(data_dir):
        return True
    return False if engine_lock.lock_path(data_dir).exists() else None


def cmd_status(args) -> int:
    """Per store: status, last sync, when the access token and the authorization expire
    (the Stores page's "Authorization expires" is the second), queued stock pushes,
    prices waiting to be sent or held after a refusal, which engine (PC and pid) holds its
    lease, and what fails now."""
    from app.core.services.leases import list_leases
    from app.core.services.price_outbox import price_queue
    from app.core.services.stores import list_stores, queued_pushes
    from app.core.sync.credentials import CredentialVault
    from app.core.sync.leases import not_synced_why

    ws = _open(args)
    try:
        stores = list_stores(ws.ctx, engine_running=engine_running(ws.paths.data_dir))
        if not stores:
            print("no stores connected")
            return 0
        queued = queued_pushes(ws.ctx)
        prices = price_queue(ws.ctx)
        held = list_leases(ws.ctx)  # which engine (PC, pid) syncs each store now
        print(
            f"{'id':>3}  {'store':<28} {'platform':<11} {'status':<13} {'last sync':<17} "
            f"{'access token expires':<21} {'authorization expires':<22} {'queued':>6}  "
            f"{'prices':<12} "
            f"{'synced by':<34} what is wrong now"
        )
        vault = CredentialVault(ws.secrets)  # a store unheld for want of them says so
        for st in stores:
            lease = held.get(st.id)
            live = lease is not None and lease.live
            holder = lease.holder if lease is not None and live else "-"
            why = None if live else not_synced_why(lease, vault.has_credentials(st))
            reason = "; ".join(r for r in (why, st.status_reason[:120]) if r)
            print(
                f"{st.id:>3}  {st.name[:28]:<28} {st.platform.value:<11} {st.status.value:<13} "
                f"{_fmt_time(st.last_synced_at):<17} "
                f"{_expiry(st.access_token_expires_at):<21} "
                f"{_expiry(st.authorization_expires_at):<22} {queued.get(st.id, 0):>6}  "
                f"{_prices(prices.get(st.id)):<12} "
                f"{holder[:34]:<34} {reason}"
            )
        return 0
    finally:
        ws.close()


def _prices(queue: tuple[int, int] | None) -> str:
    """'3' waiting to be sent, '3, 1 held' with refusals waiting for the seller."""
    waiting, held = queue or (0, 0)
    return f"{waiting}, {held} held" if held else str(waiting)


def cmd_demo(args) -> int:
    """Start the sandbox here, connect the demo shops through consent, sync them."""
    from app.core.engine_lock import EngineAlreadyRunning
    from app.core.sync.engine import EngineOptions, SyncEngine
    from app.demo import start_demo

    ws = _open(args)
    printer = _Printer({})
    eng = SyncEngine(ws, printer, EngineOptions(schedule=not args.once))
    try:
        eng.start(role="demo")
    except EngineAlreadyRunning as exc:
        ws.close()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    handle = None
    try:
        handle = start_demo(ws, eng, seed=args.seed, buyers_per_minute=0)
        printer.names.update({s.id: s.name for s in handle.stores})
        if handle.resumed:
            print("continuing the demo marketplace saved in the data folder", flush=True)
        print(
            f"sandbox at {handle.sandbox.base_url}; connected "
            + ", ".join(f"{s.name} ({s.platform.value})" for s in handle.stores),
            flush=True,
        )
        if args.once:
            _push_all(eng, [s.id for s in handle.stores], timeout=300)
            return 1 if printer.failed else 0
        handle.sandbox.start_buyers(args.buyers)
        print("buyers are placing orders; Ctrl+C to stop", flush=True)
        _wait_until_interrupted()
        return 0
    finally:
        eng.stop()
        if handle is not None:
            handle.stop()
        ws.close()
