"""The product workbook's Components column: a bundle's ``SKU×qty`` entries.

Checked with every other column before anything is imported (all or nothing,
:mod:`app.core.export.importer`) and booked in the import's transaction through
:func:`app.core.services.bundles.set_components_in` (docs/ARCHITECTURE.md, bundles and
kits). A component is a SKU of the file or of the catalog; a bundle row takes no initial
stock; bundles in the file may contain each other, but never in a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from app.core.export.import_fields import Problem
from app.core.export.import_read import ProductRow
from app.core.services import bundles
from app.core.services.catalog import sku_key
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.text import msg


def _entries(rows: Iterable[ProductRow]) -> set[str]:
    """Every SKU key an entry could name (``A×2`` may be ``A`` or the SKU ``A×2``)."""
    keys: set[str] = set()
    for r in rows:
        for raw in r.components.split(","):
            entry = raw.strip()
            m = bundles.ENTRY.match(entry)
            keys.add(sku_key(entry))
            if m:
                keys.add(sku_key(m["sku"].strip()))
    keys.discard("")
    return keys


def _known(
    s: Session, ctx: ServiceContext, rows: Sequence[ProductRow], wanted: Sequence[ProductRow]
) -> dict[str, int | None]:
    """Components that can be named: the file's SKUs (None: no id yet) and the catalog's."""
    in_file: dict[str, int | None] = {sku_key(r.sku): None for r in rows if r.sku}
    catalog = bundles.sku_ids(s, ctx, _entries(wanted) - set(in_file))
    return {**catalog, **in_file}


def check(
    s: Session, ctx: ServiceContext, rows: Sequence[ProductRow], col: tuple[str, int | None]
) -> list[Problem]:
    """Problems of the Components column (none when no row has components)."""
    wanted = [r for r in rows if r.components and r.sku]
    if not wanted:
        return []
    known = _known(s, ctx, rows, wanted)
    header, index = col
    problems: list[Problem] = []
    graph: dict[str, list[str]] = {}
    for r in wanted:
        try:
            parts = bundles.parse_components(r.components, known)
        except ValidationError as exc:
            problems.append(Problem(r.row, header, exc.message, index))
            continue
        for problem in _row_problems(r, parts):
            problems.append(Problem(r.row, header, problem, index))
        graph[sku_key(r.sku)] = [k for k, _q in parts if known.get(k, 0) is None]
    problems += _cycles(wanted, graph, header, index)
    return problems


def _row_problems(r: ProductRow, parts: list[tuple[str, int]]):
    if r.stock:
        yield msg(
            "{sku} is a bundle: it has no stock of its own, leave Initial stock empty",
            sku=r.sku,
        )
    seen: set[str] = set()
    for key, qty in parts:
        if key == sku_key(r.sku):
            yield msg("{bundle} cannot be a component of itself", bundle=r.sku)
        if key in seen:
            yield msg("{sku} is named twice: give each component once", sku=key.upper())
        seen.add(key)
        if not 1 <= qty <= bundles.MAX_COMPONENT_QTY:
            yield msg(
                "quantity of {sku} must be a whole number from 1 to {high}",
                sku=key.upper(),
                high=bundles.MAX_COMPONENT_QTY,
            )
    if len(parts) > bundles.MAX_COMPONENTS:
        yield msg("a bundle has at most {n} components", n=bundles.MAX_COMPONENTS)


def _cycles(
    rows: Sequence[ProductRow], graph: dict[str, list[str]], header: str, index: int | None
) -> list[Problem]:
    """A row whose bundle would contain itself through other rows of the file."""
    out: list[Problem] = []
    for r in rows:
        start = sku_key(r.sku)
        path, todo, seen = {start: [start]}, [start], set()
        while todo:
            node = todo.pop()
            for nxt in graph.get(node, []):
                if nxt == start and node != start:
                    chain = " → ".join(k.upper() for k in [*path[node], start])
                    out.append(
                        Problem(
                            r.row,
                            header,
                            msg("a bundle cannot contain itself: {chain}", chain=chain),
                            index,
                        )
                    )
                    todo = []
                    break
                if nxt not in seen and nxt != start:
                    seen.add(nxt)
                    path[nxt] = [*path[node], nxt]
                    todo.append(nxt)
    return out


def book(s: Session, ctx: ServiceContext, created: Iterable[tuple[int, ProductRow]]) -> int:
    """Set the components of the bundles just imported (``(variant id, row)`` pairs);
    returns how many bundles were defined."""
    created = list(created)
    wanted = [(vid, r) for vid, r in created if r.components]
    if not wanted:
        return 0
    ids = {sku_key(r.sku): vid for vid, r in created}
    ids.update(bundles.sku_ids(s, ctx, _entries(r for _v, r in wanted) - set(ids)))
    for vid, r in wanted:
        parts = bundles.parse_components(r.components, ids)
        bundles.set_components_in(s, ctx, vid, [(ids[k], q) for k, q in parts])
    return len(wanted)
