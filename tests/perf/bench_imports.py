"""Benchmark: what ``storesync`` imports before its main window is usable, and how long.

Run with ``uv run python tests/perf/bench_imports.py [--reps N] [--list]``.

Each repetition is a new process (``--child``) that does what ``storesync`` does without a
command (:func:`app.__main__.main`): the argument parser (every subcommand registers
itself), logging, ``app.gui.launch``, then :func:`app.gui.launch.run_gui` over a small data
folder, offscreen, quitting as soon as the window is composed and shown. It records, from
the moment the process was launched:

* **imports**: wall time and the process's CPU time (user + system) when ``app.gui.launch``
  is imported, i.e. when ``run_gui`` can start (the machine is shared, so CPU time says
  more than wall time under load);
* **window shown**: the same at the end of :func:`app.gui.launch.compose`, and how many
  modules were loaded by then (lazy imports made while building the window included).

``--list`` runs one more start under ``python -X importtime`` and prints the heaviest
packages loaded before the window was shown (self time summed per package).
The parent prints the median and the best of the repetitions (issue 14, item 6).
``--compare DIR`` alternates starts of the code in DIR (e.g. ``git archive main``
unpacked there) with this tree's, each over its own data folder, so both meet the same
load on a shared machine.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(folder: Path, launched: float, out: Path) -> None:
    """One start of ``storesync`` (no command) up to the window; figures into ``out``."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, os.environ.get("BENCH_CODE_ROOT", str(ROOT)))

    def now() -> dict:
        t = os.times()
        return {"wall_s": time.time() - launched, "cpu_s": t.user + t.system}

    import app.__main__ as entry

    args = entry.build_parser().parse_args(["--data-dir", str(folder)])
    from app.core.logs import setup_logging
    from app.core.paths import resolve_paths

    setup_logging(verbose=False, log_dir=resolve_paths(args.data_dir).logs_dir)
    import app.gui.launch as launch

    res = {"imports": now(), "imports_modules": len(sys.modules)}
    real_compose = launch.compose

    def compose(*a, **kw):
        parts = real_compose(*a, **kw)
        res["window"] = now()
        res["window_modules"] = len(sys.modules)
        res["modules"] = sorted(sys.modules)
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        QTimer.singleShot(0, QApplication.quit)
        return parts

    launch.compose = compose
    launch.run_gui(data_dir=args.data_dir)
    out.write_text(json.dumps(res))


def run_once(folder: Path, importtime: bool = False, code: Path = ROOT) -> tuple[dict, str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BENCH_CODE_ROOT=str(code))
        cmd = [sys.executable]
        if importtime:
            cmd += ["-X", "importtime"]
        cmd += [__file__, "--child", str(folder), str(time.time()), str(out)]
        proc = subprocess.run(cmd, env=env, timeout=600, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"the start failed:\n{proc.stderr[-3000:]}")
        return json.loads(out.read_text()), proc.stderr


def heaviest(stderr: str, loaded: set[str], top: int = 25) -> None:
    """Self import time per package (app modules per sub-package), before the window."""
    per: collections.Counter[str] = collections.Counter()
    total = 0
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| +(\S+)", line)
        if not m or m[3] not in loaded:
            continue
        parts = m[3].split(".")
        key = ".".join(parts[:3]) if parts[0] == "app" else parts[0]
        per[key] += int(m[1])
        total += int(m[1])
    print(f"\nself import time before the window, per package (-X importtime): {total / 1e6:.2f} s")
    for key, us in per.most_common(top):
        print(f"  {us / 1000:7.0f} ms  {key}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--list", action="store_true", help="also list the heaviest imports")
    parser.add_argument("--compare", metavar="DIR", help="alternate with the code in DIR")
    parser.add_argument("--child", nargs=3, metavar=("FOLDER", "LAUNCHED", "OUT"))
    args = parser.parse_args()
    if args.child:
        folder, launched, out = args.child
        child(Path(folder), float(launched), Path(out))
        return 0
    trees = {"this tree": ROOT}
    if args.compare:
        trees = {"compared": Path(args.compare).resolve(), "this tree": ROOT}
    with tempfile.TemporaryDirectory() as tmp:
        folders = {name: Path(tmp) / f"data{i}" for i, name in enumerate(trees)}
        for name, code in trees.items():
            run_once(folders[name], code=code)  # creates and migrates the folder; not counted
        runs: dict[str, list[dict]] = {name: [] for name in trees}
        for i in range(args.reps):
            for name, code in trees.items():
                r, _ = run_once(folders[name], code=code)
                runs[name].append(r)
                print(
                    f"{name}, start {i + 1}: imports {r['imports']['wall_s']:.2f} s wall, "
                    f"{r['imports']['cpu_s']:.2f} s CPU; window {r['window']['wall_s']:.2f} s "
                    f"wall, {r['window']['cpu_s']:.2f} s CPU; {r['window_modules']} modules"
                )
        for name in trees:
            print(f"\n{name}: {len(runs[name])} starts, each a new process; median (best)")
            for phase in ("imports", "window"):
                for kind in ("wall_s", "cpu_s"):
                    xs = [r[phase][kind] for r in runs[name]]
                    print(
                        f"  {phase:<8} {kind[:-2]:<5} {statistics.median(xs):6.2f} s"
                        f"  ({min(xs):.2f} s)"
                    )
            mods = statistics.median(r["window_modules"] for r in runs[name])
            print(f"  modules loaded when the window is shown: {mods:.0f}")
        if args.list:
            for name, code in trees.items():
                r, err = run_once(folders[name], importtime=True, code=code)
                print(f"\n{name}:", end="")
                heaviest(err, set(r["modules"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
