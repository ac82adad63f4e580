"""Logging set-up: one format, secrets redacted on every handler."""

from __future__ import annotations

import logging
from pathlib import Path

from app.core.platforms.http import RedactingFilter


def setup_logging(*, verbose: bool = False, log_file: Path | None = None) -> None:
    """Log to stderr (and a file when given), redacting secrets in every record."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(RedactingFilter())
        root.addHandler(h)
    # httpx logs every request URL at INFO; URLs carry signatures and tokens
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
