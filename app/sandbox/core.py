"""The sandbox's HTTP server, router, clock and fault injection, shared by both platforms.

A :class:`Sandbox` owns one ``ThreadingHTTPServer`` on 127.0.0.1 and a list of platform
simulators (:class:`PlatformSim`). Each simulator contributes routes; requests are matched
by method and path and handled under one lock, so the emulated shops behave like one
consistent backend however many clients call at once.
"""

from __future__ import annotations

import collections
import json
import logging
import random
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

log = logging.getLogger(__name__)


class SandboxClock:
    """Wall-clock time plus a controllable offset, so tests can expire tokens on demand."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        """Current emulated UNIX time in seconds."""
        with self._lock:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        """Jump the emulated clock forward (or back, with a negative value)."""
        with self._lock:
            self._offset += seconds

    @property
    def offset(self) -> float:
        """Seconds the emulated clock is ahead of wall time (kept in the saved state)."""
        with self._lock:
            return self._offset

    @offset.setter
    def offset(self, seconds: float) -> None:
        with self._lock:
            self._offset = float(seconds)


@dataclass
class Request:
    """An incoming request as the platform handlers see it."""

    method: str
    path: str
    query: dict[str, str]  # decoded, last value wins
    query_list: list[tuple[str, str]]  # decoded, in order, duplicates kept
    headers: dict[str, str]  # lower-case names
    body: bytes
    path_params: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        """The body parsed as JSON (``None`` when empty); raises ``ValueError`` if invalid."""
        if not self.body:
            return None
        return json.loads(self.body)


@dataclass
class Response:
    """What a handler returns."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, payload: Any, status: int = 200, **headers: str) -> Response:
        """A JSON response."""
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        return cls(status=status, body=data, headers=dict(headers))

    @classmethod
    def html(cls, text: str, status: int = 200) -> Response:
        """An HTML page (the consent page stand-ins)."""
        return cls(status=status, body=text.encode(), content_type="text/html; charset=utf-8")

    @classmethod
    def redirect(cls, location: str) -> Response:
        """A 302 redirect (the consent page's approve button)."""
        return cls(status=302, content_type="text/plain", headers={"Location": location})


Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Route:
    """``path`` may hold ``{name}`` segments, captured into ``Request.path_params``."""

    method: str
    path: str
    handler: Handler
    name: str = ""  # the endpoint name used by fault rules; defaults to the path

    def compile(self) -> re.Pattern[str]:
        """The path as an anchored regular expression."""
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.path)
        return re.compile(f"^{pattern}$")


@dataclass
class FaultRule:
    """Inject failures into matching requests, with probabilities drawn from a seeded RNG.

    ``endpoint`` is a substring matched against the request path ("" matches all);
    ``platform`` limits it to one simulator ("" for both). Kinds:

    - ``server_error``: HTTP 500 with the platform's error envelope
    - ``rate_limit``: the platform's 429 with its error code
    - ``timeout``: sleep ``delay`` seconds (longer than the client's timeout) then drop
    - ``slow``: sleep ``delay`` seconds, then answer normally
    - ``malformed``: 200 with a body that is not JSON
    - ``truncated``: the real answer cut in half
    - ``expired_token``: the platform's expired-access-token error
    - ``missing_fields``: the platform's success envelope with an empty payload
      (``{"response": {}}``, ``"data": {}``)
    - ``late``: do the work (a refresh spends its token, say), then answer only after
      ``delay`` seconds: the answer lost to a caller that gives up meanwhile
    - ``hang``: hold the request without answering for ``delay`` seconds (default: until
      the sandbox stops), then drop it

    ``shop`` limits a rule to one shop (its ``shop_id`` or TikTok ``shop_cipher`` in the
    query); ``retry_after`` adds a ``Retry-After`` header (seconds) to the answer.
    """

    kind: str
    probability: float = 1.0
    endpoint: str = ""
    platform: str = ""
    delay: float = 0.0
    remaining: int | None = None  # fire at most this many times (None: unlimited)
    shop: str = ""
    retry_after: float | None = None


class PlatformSim(Protocol):
    """A platform emulator plugged into the sandbox."""

    name: str  # "shopee" or "tiktok_shop"

    def routes(self) -> list[Route]: ...

    def owns(self, path: str) -> bool:
        """Whether a path belongs to this platform (for fault rules and error envelopes)."""
        ...

    def fault_response(self, kind: str, request: Request) -> Response:
        """The platform's own response for an injected fault kind."""
        ...

    def demo_info(self) -> dict[str, Any]:
        """Credentials and shops a client needs (printed by ``python -m app.sandbox``)."""
        ...

    def place_random_order(self, rng: random.Random, lines: int | None = None) -> str | None:
        """A simulated buyer places one order on a random shop (with ``lines`` different
        products when given); returns its id."""
        ...

    def advance_orders(self, rng: random.Random) -> int:
        """Move some orders along their real status sequence; returns how many moved."""
        ...

    def dump_state(self) -> dict[str, Any]:
        """Everything the platform knows, as plain data (:mod:`app.sandbox.persist`)."""
        ...

    def load_state(self, data: dict[str, Any]) -> None:
        """Continue from what :meth:`dump_state` gave."""
        ...


class Sandbox:
    """Both marketplaces on one loopback port.

    >>> sb = Sandbox(seed=7); sb.start(); sb.base_url  # doctest: +SKIP
    'http://127.0.0.1:54321'
    """

    def __init__(self, seed: int = 0, host: str = "127.0.0.1", port: int = 0) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self._fault_rng = random.Random(seed + 1)
        self.clock = SandboxClock()
        self.lock = threading.RLock()
        self.faults: list[FaultRule] = []
        self.sims: list[PlatformSim] = []
        self._routes: list[tuple[re.Pattern[str], Route, PlatformSim]] = []
        self._host, self._port = host, port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._buyer: threading.Thread | None = None
        self._buyer_stop = threading.Event()
        self.request_log: list[tuple[str, str, int]] = []  # (method, path, status)
        # how often each refresh token was presented (both platforms): a single-use token
        # presented twice means two refreshers spent it (tests of store leases count it)
        self.refresh_uses: collections.Counter[str] = collections.Counter()
        self._state_file: Path | None = None
        # the port a saved state was served on: reused when free, so the URLs the app
        # stored for its shops stay valid across a restart (app/sandbox/persist.py)
        self.preferred_port: int | None = None
        self._last_port: int | None = None
        self._autosave: threading.Thread | None = None
        self._autosave_stop = threading.Event()
        # the same requests with when each arrived (time.monotonic()), for timing tests
        self.timed_log: list[tuple[float, str, str, int]] = []
        self._released = threading.Event()  # ends "hang" faults when the sandbox stops

    # ------------------------------------------------------------------ set-up
    def add(self, sim: PlatformSim) -> PlatformSim:
        """Plug a platform simulator in; its routes are served from now on."""
        self.sims.append(sim)
        for route in sim.routes():
            self._routes.append((route.compile(), route, sim))
        return sim

    def sim(self, name: str) -> Any:
        """The simulator for platform ``name``."""
        for s in self.sims:
            if s.name == name:
                return s
        raise KeyError(name)

    @property
    def port(self) -> int | None:
        """The port served on (the last one, once stopped); None before the first start."""
        return self._last_port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` once started."""
        if self._server is None:
            raise RuntimeError("sandbox not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> str:
        """Serve in a daemon thread; returns the base URL."""
        handler = _make_handler(self)
        self._released.clear()
        self._server = None
        if not self._port and self.preferred_port:
            try:
                self._server = _LoopbackServer((self._host, self.preferred_port), handler)
            except OSError:  # taken by now: any free port (the app reconnects)
                self._server = None
        if self._server is None:
            self._server = _LoopbackServer((self._host, self._port), handler)
        self._last_port = int(self._server.server_address[1])
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="sandbox-http",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop the buyer simulator and the server; with a state file, save it last."""
        self.stop_buyers()
        self._released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self.stop_autosave()

    # ------------------------------------------------------------------ saved state
    def load_state(self, path: Path) -> bool:
        """Continue from the state saved at ``path`` (False: none there, nothing changed).
        Raises :class:`~app.sandbox.persist.StateFileDamaged` for an unreadable file."""
        from app.sandbox import persist

        return persist.load(self, path)

    def save_state(self, path: Path) -> None:
        """Write the whole marketplace state to ``path`` (atomically)."""
        from app.sandbox import persist

        persist.save(self, path)

    def start_autosave(self, path: Path, every: float = 10.0) -> None:
        """Save to ``path`` every ``every`` seconds and once more on :meth:`stop`, so a
        restarted demo continues where this one stopped (app/sandbox/persist.py)."""
        self.stop_autosave()
        self._state_file = Path(path)
        self._autosave_stop.clear()

        def run() -> None:
            while not self._autosave_stop.wait(every):
                try:
                    self.save_state(self._state_file)
                except OSError as exc:  # a full disk: the demo goes on, the next try may work
                    log.warning("could not save the sandbox state: %s", exc)

        self._autosave = threading.Thread(target=run, name="sandbox-autosave", daemon=True)
        self._autosave.start()

    def stop_autosave(self) -> None:
        """Stop saving periodically, and save a last time."""
        if self._state_file is None:
            return
        self._autosave_stop.set()
        if self._autosave is not None:
            self._autosave.join(timeout=30)
            self._autosave = None
        path, self._state_file = self._state_file, None
        self.save_state(path)

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ faults
    def inject(self, rule: FaultRule) -> FaultRule:
        """Add a fault rule; returns it so a test can remove it later."""
        with self.lock:
            self.faults.append(rule)
        return rule

    def clear_faults(self) -> None:
        """Remove every fault rule."""
        with self.lock:
            self.faults.clear()

    def _pick_fault(self, sim: PlatformSim, request: Request) -> FaultRule | None:
        path = request.path
        with self.lock:
            for rule in self.faults:
                if rule.platform and rule.platform != sim.name:
                    continue
                if rule.endpoint and rule.endpoint not in path:
                    continue
                shop = (request.query.get("shop_id"), request.query.get("shop_cipher"))
                if rule.shop and rule.shop not in shop:
                    continue
                if rule.remaining is not None and rule.remaining <= 0:
                    continue
                if self._fault_rng.random() < rule.probability:
                    if rule.remaining is not None:
                        rule.remaining -= 1
                    return rule
        return None

    # ------------------------------------------------------------------ buyers
    def start_buyers(self, orders_per_minute: float, advance_every: float = 5.0) -> None:
        """Simulated buyers place orders at about this rate until :meth:`stop_buyers`."""
        self._buyer_stop.clear()

        def run() -> None:
            next_advance = time.monotonic() + advance_every
            while not self._buyer_stop.wait(self.rng.expovariate(orders_per_minute / 60.0)):
                with self.lock:
                    sims = [s for s in self.sims]
                    if sims:
                        self.rng.choice(sims).place_random_order(self.rng)
                    if time.monotonic() >= next_advance:
                        for s in sims:
                            s.advance_orders(self.rng)
                        next_advance = time.monotonic() + advance_every

        self._buyer = threading.Thread(target=run, name="sandbox-buyers", daemon=True)
        self._buyer.start()

    def stop_buyers(self) -> None:
        """Stop the buyer simulator (if running)."""
        self._buyer_stop.set()
        if self._buyer is not None:
            self._buyer.join(timeout=5)
            self._buyer = None

    # ------------------------------------------------------------------ dispatch
    def dispatch(self, request: Request) -> Response:
        """Route a request, applying any fault rule first."""
        if request.path.startswith("/_sandbox/"):
            return self._control(request)
        for pattern, route, sim in self._routes:
            m = pattern.match(request.path)
            if m is None:
                continue
            if route.method != request.method:
                continue
            request.path_params = m.groupdict()
            fault = self._pick_fault(sim, request)
            if fault is not None:
                resp = self._apply_fault(fault, sim, route, request)
                if resp is not None:
                    if fault.retry_after is not None:
                        resp.headers["Retry-After"] = f"{fault.retry_after:g}"
                    return resp
            with self.lock:
                return route.handler(request)
        for pattern, _route, sim in self._routes:
            if pattern.match(request.path):
                return sim.fault_response("wrong_method", request)
        for sim in self.sims:
            if sim.owns(request.path):
                return sim.fault_response("not_found", request)
        return Response.json({"error": "not_found", "message": "no such path"}, status=404)

    def _control(self, request: Request) -> Response:
        """Loopback control for tests and benchmarks in another process."""
        if request.method == "POST" and request.path == "/_sandbox/orders":
            from app.sandbox.demo import place_orders

            count = int(request.query.get("count", "1"))
            max_lines = int(request.query.get("max_lines", "0")) or None
            seed = int(request.query.get("seed", "0"))
            placed = place_orders(self, count, seed, max_lines=max_lines)
            return Response.json({"placed": placed})
        return Response.json({"error": "unknown control"}, status=404)

    def _apply_fault(
        self, fault: FaultRule, sim: PlatformSim, route: Route, request: Request
    ) -> Response | None:
        if fault.kind in ("slow", "timeout"):
            time.sleep(fault.delay)
            if fault.kind == "timeout":
                return Response(
                    status=599, body=b"", content_type="text/plain", headers={"X-Sandbox-Drop": "1"}
                )
            return None
        if fault.kind == "late":
            with self.lock:
                done = route.handler(request)
            self._released.wait(fault.delay)
            return done
        if fault.kind == "hang":
            self._released.wait(fault.delay or None)
            return Response(
                status=599, body=b"", content_type="text/plain", headers={"X-Sandbox-Drop": "1"}
            )
        if fault.kind == "truncated":
            with self.lock:
                real = route.handler(request)
            return Response(status=real.status, body=real.body[: max(1, len(real.body) // 2)])
        if fault.kind == "malformed":
            return Response(status=200, body=b"<html>Bad Gateway</html>", content_type="text/html")
        return sim.fault_response(fault.kind, request)


class _LoopbackServer(ThreadingHTTPServer):
    # the default backlog of 5 stalls bursts of concurrent clients for a second
    request_queue_size = 128

    def handle_error(self, request, client_address) -> None:
        # a client that went away mid-request (a killed app, a timeout) is not our error
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionResetError | BrokenPipeError | TimeoutError):
            return
        super().handle_error(request, client_address)


def _make_handler(sandbox: Sandbox) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "StoreSyncSandbox/1"
        # headers and body go out as separate writes; without this each call waits ~40 ms
        # on delayed ACKs
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            return

        def _handle(self) -> None:
            arrived = time.monotonic()
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            qlist = parse_qsl(parts.query, keep_blank_values=True)
            req = Request(
                method=self.command,
                path=parts.path,
                query=dict(qlist),
                query_list=qlist,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
            )
            try:
                resp = sandbox.dispatch(req)
            except Exception as exc:  # a sandbox bug must not kill the server thread
                resp = Response.json(
                    {"error": "sandbox_internal", "message": f"{type(exc).__name__}: {exc}"},
                    status=500,
                )
            sandbox.request_log.append((req.method, req.path, resp.status))
            sandbox.timed_log.append((arrived, req.method, req.path, resp.status))
            if resp.headers.get("X-Sandbox-Drop"):
                self.close_connection = True  # a dropped connection looks like a timeout
                return
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(resp.body)))
            for k, v in resp.headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(resp.body)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

    return _Handler
