"""``python -m app.sandbox --port N [--seed S]``: both marketplaces and the website shops
(a WooCommerce site, a custom-contract site) on 127.0.0.1:N.

Prints one JSON line with the base URL and the demo shops' throwaway credentials, then
serves until interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading

from app.sandbox.demo import build_sandbox, demo_info, place_orders


def main(argv: list[str] | None = None) -> int:
    """Run the sandbox in the foreground."""
    p = argparse.ArgumentParser(
        prog="python -m app.sandbox", description="StoreSync marketplace emulator (loopback only)"
    )
    p.add_argument("--port", type=int, default=8800, help="port on 127.0.0.1 (0: any free)")
    p.add_argument("--seed", type=int, default=0, help="seed for shops, catalog and buyers")
    p.add_argument(
        "--buyers",
        type=float,
        default=0.0,
        metavar="PER_MINUTE",
        help="simulated buyers place this many orders per minute (default: none)",
    )
    p.add_argument("--shopee-shops", type=int, default=2)
    p.add_argument("--tiktok-shops", type=int, default=2)
    p.add_argument("--woocommerce-shops", type=int, default=1)
    p.add_argument("--custom-shops", type=int, default=1)
    p.add_argument("--orders", type=int, default=0, help="orders to place before serving")
    p.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="do not answer 429 to fast clients (benchmarks)",
    )
    args = p.parse_args(argv)
    unlimited = {"rate_limit_per_second": 1e9, "rate_limit_burst": 1e9}
    sandbox = build_sandbox(
        args.seed,
        port=args.port,
        shopee_shops=args.shopee_shops,
        tiktok_shops=args.tiktok_shops,
        shopee_options=unlimited if args.no_rate_limit else None,
        tiktok_options={"qps": 1e9} if args.no_rate_limit else None,
        woocommerce_shops=args.woocommerce_shops,
        custom_shops=args.custom_shops,
    )
    if args.orders:
        place_orders(sandbox, args.orders, args.seed)
    sandbox.start()
    if args.buyers > 0:
        sandbox.start_buyers(args.buyers)
    print(json.dumps(demo_info(sandbox)), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
