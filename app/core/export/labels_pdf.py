"""Merge airway-bill PDFs into one file, in the order given (pypdf; no Qt).

The seller prints the result in one go, so the pages must follow the selection: order by
order, each order's packages in the platform's order (docs/ARCHITECTURE.md,
"Fulfilment"). A package shared by two selected orders (a combined TikTok package) is
printed once. The file is written next to its target and renamed over it, so a viewer
never opens half a file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError


class BadLabelError(ValueError):
    """A cached or downloaded label is not a readable PDF."""


def merge_labels(files: Sequence[Path], out: Path) -> int:
    """Write the pages of ``files`` into ``out`` in order; returns the page count.

    Raises :class:`BadLabelError` naming the first file that is not a readable PDF
    (nothing is written then).
    """
    writer = PdfWriter()
    seen: set[Path] = set()
    for path in files:
        key = Path(path).resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            reader = PdfReader(str(path))
            pages = list(reader.pages)
        except (PdfReadError, OSError, ValueError) as exc:
            raise BadLabelError(f"{Path(path).name} is not a readable PDF: {exc}") from exc
        for page in pages:
            writer.add_page(page)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    # private like the data folder: labels carry buyers' names and addresses
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
        writer.write(f)
    os.replace(tmp, out)
    return len(writer.pages)


def check_label(data: bytes) -> int:
    """The page count of a label's bytes; :class:`BadLabelError` when not a readable PDF."""
    from io import BytesIO

    try:
        return len(PdfReader(BytesIO(data)).pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise BadLabelError(f"not a readable PDF: {exc}") from exc


def page_texts(path: Path) -> list[str]:
    """The text of each page (what a test or a support check reads back)."""
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


class LabelResult(Protocol):
    """One order's outcome as the documents job reports it."""

    files: tuple[Path, ...]
    error: str

    @property
    def ok(self) -> bool: ...


R = TypeVar("R", bound=LabelResult)


@dataclass(frozen=True)
class MergedLabels(Generic[R]):
    """The merged file (None when no order printed), its pages and each order's result
    in selection order (an order whose saved label was unreadable now carries why)."""

    path: Path | None
    pages: int
    results: list[R]

    @property
    def failed(self) -> list[R]:
        return [r for r in self.results if not r.ok]


def merge_results(results: Sequence[R], out: Path) -> MergedLabels[R]:
    """Merge the labels of the orders that printed, in order, into ``out``."""
    checked: list[R] = []
    for r in results:
        if r.ok:
            for path in r.files:
                try:
                    check_label(Path(path).read_bytes())
                except (BadLabelError, OSError) as exc:
                    r = replace(r, files=(), error=f"{Path(path).name}: {exc}")  # type: ignore[type-var]
                    break
        checked.append(r)
    files = [f for r in checked if r.ok for f in r.files]
    if not files:
        return MergedLabels(None, 0, checked)
    return MergedLabels(out, merge_labels(files, out), checked)
