"""Catch the OAuth consent redirect on 127.0.0.1, or read it from a pasted address.

A tiny ``http.server`` on a free loopback port runs in a daemon thread. It answers the one
redirect the platform sends the browser to and hands the query parameters to a callback
(which must be thread-safe: the GUI passes a Qt signal's ``emit``). No widgets here; the
texts are translated on the calling (GUI) thread: the error messages in
:func:`parse_redirect`, the browser's page when :meth:`LoopbackListener.start` runs.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from app.gui.i18n import tr

CALLBACK_PATH = "/callback"


def done_page() -> bytes:
    """The page the browser shows after the redirect, in the interface language."""
    heading = html.escape(tr("StoreSync received the authorization."))
    body = html.escape(tr("You can close this tab and return to StoreSync."))
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>StoreSync</title></head>\n'
        '<body style="font-family:sans-serif;margin:3em"><h2>' + heading + "</h2>\n"
        "<p>" + body + "</p></body></html>"
    ).encode("utf-8")


def parse_redirect(address: str) -> dict[str, str]:
    """The query parameters of a redirected address; raises ValueError without a code."""
    text = address.strip()
    if not text:
        raise ValueError(tr("paste the address your browser was redirected to"))
    parts = urlsplit(text if "://" in text or text.startswith("?") else "?" + text)
    params = {k: v[0] for k, v in parse_qs(parts.query).items() if v}
    if params.get("error"):
        raise ValueError(
            tr("the platform refused the authorization: {error}").format(error=params["error"])
        )
    if not params.get("code"):
        raise ValueError(tr("that address has no code=… in it; copy the whole address bar"))
    return params


class LoopbackListener:
    """Listens on ``http://127.0.0.1:<port>/callback`` until stopped."""

    def __init__(self, on_params: Callable[[dict[str, str]], None]) -> None:
        self._on_params = on_params
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def is_listening(self) -> bool:
        """Whether :meth:`start` ran and :meth:`stop` did not."""
        return self._server is not None

    @property
    def redirect_url(self) -> str:
        """The address to register as the redirect (valid after :meth:`start`)."""
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}{CALLBACK_PATH}"

    def start(self) -> str:
        """Bind a free port and serve in the background; returns the redirect URL."""
        on_params = self._on_params
        page = done_page()  # translated here, on the caller's thread

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != CALLBACK_PATH:
                    self.send_error(404)
                    return
                params = {k: v[0] for k, v in parse_qs(parts.query).items() if v}
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
                on_params(params)

            def log_message(self, format: str, *args: object) -> None:  # URLs carry codes
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="oauth-loopback", daemon=True
        )
        self._thread.start()
        return self.redirect_url

    def stop(self) -> None:
        """Stop listening (idempotent)."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
