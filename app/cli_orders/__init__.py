"""``storesync orders …``: the fulfilment work from the command line, so it can be
scripted (ship, labels, picking list, cancel, restock). Each action lives in its own
module here and adds its subcommand in :func:`register`."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``orders`` and its actions to the parser."""
    orders = sub.add_parser("orders", parents=[common], help="ship, print, cancel, restock")
    actions = orders.add_subparsers(dest="orders_cmd", metavar="ACTION", required=True)
    for module in _action_modules():
        module.register(actions, common)


def _action_modules() -> list:
    # one line per action module (each has register(actions, common))
    from app.cli_orders import labels, picklist, returns, ship

    return [ship, labels, picklist, returns]
