"""The command line: ``python -m bench.seed [--scale 1.0] [--reset | --reuse]`` (see the package's docstring)."""

from __future__ import annotations

import argparse
import os
import time

from django.db import connection

from bench.seed import __doc__ as package_doc
from bench.seed.seeder import bench_data_present, reset, seed_with_timings, summary


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.seed", description=package_doc.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--reset", action="store_true", help="empty the seeded tables first (bench databases only)")
    parser.add_argument("--reuse", action="store_true", help="keep the bench data an earlier run left, if any")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("the bench seeder needs PostgreSQL (DATABASE_URL)")
    print(f"seeding {connection.settings_dict['NAME']} at scale {args.scale} ({os.cpu_count()} CPUs)", flush=True)
    start = time.perf_counter()
    if args.reset:
        reset()
    elif bench_data_present():
        if args.reuse:
            print("the database already holds bench data: measuring on it (--reset to seed again)")
            return
        raise SystemExit("the database already holds bench data: run again with --reset (or --reuse)")
    counts, elapsed = seed_with_timings(args.scale)
    print(summary(counts, elapsed, time.perf_counter() - start))


if __name__ == "__main__":
    main()
