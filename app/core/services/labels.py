"""Airway bills: which orders a print covers, and the label cache in the data folder.

Owns (docs/ARCHITECTURE.md, "Fulfilment"):

- the selection: orders by id in the seller's order, by order number (``--order``), or
  every order whose shipment is arranged and not yet picked up (``--all-shipped``,
  :data:`app.core.domain.labels.LABEL_STATUSES`);
- the cache: every downloaded label is kept per package as
  ``<data_dir>/labels/<store id>/<package>.pdf`` with a small manifest per order
  (``orders/<order number>.json``: its packages in order and their tracking numbers), so a
  reprint reads files only and needs no network. Files are private (0600, folders 0700)
  like the database, since labels carry buyers' names and addresses. A cached order whose
  stored tracking number changed (shipment arranged again) is fetched again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from app.core.db.models import Order, Store
from app.core.domain import Platform
from app.core.domain.labels import LABEL_STATUSES, PackageLabel
from app.core.services.context import ServiceContext
from app.core.services.permissions import Permission, require

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
PRINTS_TO_KEEP = 20  # merged prints kept in labels/printed (the viewer may still show one)


@dataclass(frozen=True)
class LabelTarget:
    """One order to print, with what the job needs to reach it on its store."""

    order_id: int
    store_id: int
    store_name: str
    platform: Platform
    platform_order_id: str
    platform_status: str
    tracking_number: str


def label_targets(ctx: ServiceContext, order_ids: Sequence[int]) -> list[LabelTarget]:
    """The orders with these ids, in the order given (unknown ids are left out, a repeated
    id counts once)."""
    require(ctx, Permission.PRINT)
    wanted = list(dict.fromkeys(order_ids))
    if not wanted:
        return []
    with ctx.read() as s:
        rows = s.execute(
            _target_query().where(Order.id.in_(wanted), Store.workspace_id == ctx.workspace_id)
        ).all()
    found = {row[0]: _target(row) for row in rows}
    return [found[i] for i in wanted if i in found]


def shipped_order_ids(ctx: ServiceContext, store_id: int | None = None) -> list[int]:
    """Orders whose shipment is arranged and not yet picked up (as last synced), oldest
    first: the ones a seller prints labels for."""
    with ctx.read() as s:
        ids: list[int] = []
        for platform, statuses in LABEL_STATUSES.items():
            query = (
                select(Order.id)
                .join(Store, Store.id == Order.store_id)
                .where(
                    Store.workspace_id == ctx.workspace_id,
                    Store.platform == platform.value,
                    Order.platform_status.in_(sorted(statuses)),
                )
                .order_by(Order.placed_at, Order.id)
            )
            if store_id is not None:
                query = query.where(Order.store_id == store_id)
            ids.extend(s.scalars(query).all())
    return ids


def order_ids_by_number(
    ctx: ServiceContext, numbers: Sequence[str], store_id: int | None = None
) -> tuple[list[int], list[str]]:
    """Order ids for order numbers as the seller sees them, in the order given, and the
    numbers that match no order (or, without ``store_id``, orders in several stores)."""
    with ctx.read() as s:
        query = (
            select(Order.platform_order_id, Order.id)
            .join(Store, Store.id == Order.store_id)
            .where(
                Store.workspace_id == ctx.workspace_id,
                Order.platform_order_id.in_([n.strip() for n in numbers]),
            )
        )
        if store_id is not None:
            query = query.where(Order.store_id == store_id)
        matches: dict[str, list[int]] = {}
        for number, oid in s.execute(query).all():
            matches.setdefault(number, []).append(oid)
    ids, unknown = [], []
    for n in numbers:
        found = matches.get(n.strip(), [])
        if len(found) == 1:
            ids.append(found[0])
        else:
            unknown.append(n)
    return ids, unknown


def _target_query():
    return select(
        Order.id,
        Order.store_id,
        Store.name,
        Store.platform,
        Order.platform_order_id,
        Order.platform_status,
        Order.tracking_number,
    ).join(Store, Store.id == Order.store_id)


def _target(row) -> LabelTarget:
    oid, store_id, name, platform, number, status, tracking = row
    return LabelTarget(
        oid, store_id, name, Platform(platform), number, status or "", tracking or ""
    )


# --------------------------------------------------------------------------- the cache


class LabelCache:
    """Downloaded labels per package under ``<data_dir>/labels``."""

    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / "labels"

    def package_path(self, store_id: int, package_id: str) -> Path:
        """Where a package's label is kept."""
        return self.root / str(store_id) / f"{_safe(package_id)}.pdf"

    def print_path(self, when: datetime, keep: int = PRINTS_TO_KEEP) -> Path:
        """A new file for a merged print (``labels/printed/``, UTC time in the name); the
        oldest prints beyond ``keep`` are removed (their labels stay cached)."""
        folder = self.root / "printed"
        _private_dirs(self.root, folder)
        old = sorted(folder.glob("airway-bills-*.pdf"))
        for path in old[: max(0, len(old) - keep + 1)]:
            path.unlink(missing_ok=True)
        return folder / f"airway-bills-{when.astimezone(UTC):%Y%m%d-%H%M%S-%f}.pdf"

    def _manifest(self, store_id: int, platform_order_id: str) -> Path:
        return self.root / str(store_id) / "orders" / f"{_safe(platform_order_id)}.json"

    def order_labels(self, target: LabelTarget) -> list[Path] | None:
        """The order's cached label files in package order, or None when any is missing
        or the order's tracking number is not among the cached ones (shipped again)."""
        try:
            packages = json.loads(self._manifest(target.store_id, target.platform_order_id)
                                  .read_text("utf-8"))["packages"]  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not packages:
            return None
        tracking = {str(p.get("tracking_number") or "") for p in packages}
        if target.tracking_number and target.tracking_number not in tracking:
            return None
        files = [self.package_path(target.store_id, str(p["package_id"])) for p in packages]
        return files if all(f.is_file() for f in files) else None

    def store(self, target: LabelTarget, labels: Sequence[PackageLabel]) -> list[Path]:
        """Keep an order's labels (each package's file first, the manifest last, so a
        half-written order is never taken for cached)."""
        folder = self.root / str(target.store_id)
        _private_dirs(self.root, folder, folder / "orders")
        files = []
        for label in labels:
            path = self.package_path(target.store_id, label.package_id)
            _write_private(path, label.data)
            files.append(path)
        manifest = {
            "packages": [
                {"package_id": lb.package_id, "tracking_number": lb.tracking_number}
                for lb in labels
            ]
        }
        _write_private(
            self._manifest(target.store_id, target.platform_order_id),
            json.dumps(manifest, indent=1).encode("utf-8"),
        )
        return files


def _safe(name: str) -> str:
    """A platform id as a file name (they are digits and letters; anything else goes)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name).lstrip(".") or "_"


def _private_dirs(*folders: Path) -> None:
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)


def _write_private(path: Path, data: bytes) -> None:
    """Write ``path`` atomically (a temporary file renamed over it), mode 0600."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as f:
        if hasattr(os, "fchmod"):  # a .tmp left by a crash keeps its old mode
            os.fchmod(f.fileno(), PRIVATE_FILE_MODE)
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
