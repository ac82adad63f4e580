"""The sandbox's marketplace state as a JSON file, so a demo restarted on the same data
folder continues where it stopped (docs/ARCHITECTURE.md, "Sync, platforms, data safety").

Without it a restart rebuilt the shops from the seed: orders the app had seen completed
came back unpaid under the same ids, their fees could never be read, and the buyers'
"new" orders reused old ids, so none arrived. What is kept: the clock offset, the
sandbox's and each platform's random generators and id counters, and every platform's
shops, listings, orders, codes and tokens (:meth:`dump_state`/:meth:`load_state` of each
simulator). What is not: rate-limit windows and list caches, which rebuild themselves.

The file is written whole to a temporary name and renamed, so a crash mid-write leaves
the previous state. JSON has no Decimal or tuple: :func:`encode` tags them and
:func:`decode` restores them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.sandbox.core import Sandbox

FORMAT = 1


def encode(value: Any) -> Any:
    """``value`` with Decimals and tuples tagged, ready for ``json.dumps``."""
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, tuple):
        return {"$t": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def _hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$d" in obj:
            return Decimal(obj["$d"])
        if "$t" in obj:
            return tuple(obj["$t"])
    return obj


def decode(text: str) -> Any:
    """The structure :func:`encode` wrote, Decimals and tuples back."""
    return json.loads(text, object_hook=_hook)


def fields(obj: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A dataclass's fields, one level deep (nested objects are the caller's business)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name not in skip}


def rng_state(rng: random.Random) -> list[Any]:
    """A random generator's state in JSON's terms."""
    version, internal, gauss = rng.getstate()
    return [version, list(internal), gauss]


def set_rng_state(rng: random.Random, state: list[Any]) -> None:
    """Restore what :func:`rng_state` gave."""
    version, internal, gauss = state
    rng.setstate((version, tuple(internal), gauss))


def snapshot(sandbox: Sandbox) -> dict[str, Any]:
    """Everything to keep, as plain data (the caller holds ``sandbox.lock``)."""
    return {
        "format": FORMAT,
        "seed": sandbox.seed,
        "clock_offset": sandbox.clock.offset,
        "port": sandbox.port or sandbox.preferred_port,
        "rng": rng_state(sandbox.rng),
        "fault_rng": rng_state(sandbox._fault_rng),
        "sims": {sim.name: sim.dump_state() for sim in sandbox.sims},
    }


def save(sandbox: Sandbox, path: Path) -> None:
    """Write the state to ``path`` atomically."""
    with sandbox.lock:
        text = json.dumps(encode(snapshot(sandbox)), separators=(",", ":"))
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load(sandbox: Sandbox, path: Path) -> bool:
    """Restore the state saved at ``path``; False (nothing changed) when there is none or
    it was written for other platforms or another format."""
    path = Path(path)
    try:
        data = decode(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except ValueError as exc:  # a damaged file: start afresh, keep it for a look
        with contextlib.suppress(OSError):
            path.replace(path.with_name(path.name + ".damaged"))
        raise StateFileDamaged(f"{path.name} could not be read ({exc}); starting afresh") from None
    if data.get("format") != FORMAT or set(data.get("sims", {})) != {s.name for s in sandbox.sims}:
        return False
    with sandbox.lock:
        sandbox.seed = int(data["seed"])
        sandbox.clock.offset = float(data["clock_offset"])
        sandbox.preferred_port = data.get("port")
        set_rng_state(sandbox.rng, data["rng"])
        set_rng_state(sandbox._fault_rng, data["fault_rng"])
        for sim in sandbox.sims:
            sim.load_state(data["sims"][sim.name])
    return True


class StateFileDamaged(Exception):
    """The saved state could not be read; it was moved aside and the sandbox starts afresh."""
