"""``python -m app.sandbox --port N [--seed S]``: both marketplaces on 127.0.0.1:N.

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

from app.sandbox.demo import build_sandbox, demo_info


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
    args = p.parse_args(argv)
    sandbox = build_sandbox(args.seed, port=args.port)
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
