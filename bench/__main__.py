"""`make bench`: run every benchmark against a scratch database and print a table.

SQLite by default (var/bench/bench.sqlite3); set DATABASE_URL to benchmark PostgreSQL. Each benchmark
module exposes ``run(size) -> list[Row]``; results are appended to docs/benchmarks.md with the
machine and date. BENCH_SIZE scales the data (1.0 = the targets in the issues).
"""

import argparse
import importlib
import os
import platform
import sys
import time
from pathlib import Path

BENCHMARKS = ["bench.bench_audit", "bench.bench_dupe_quality", "bench.bench_registry"]
BENCHMARKS.append("bench.bench_reports")
BENCHMARKS.append("bench.bench_aid")


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desaku.settings")
    if "DATABASE_URL" not in os.environ:
        bench_dir = Path("var/bench")
        bench_dir.mkdir(parents=True, exist_ok=True)
        os.environ["DESAKU_VAR_DIR"] = str(bench_dir)
        os.environ["DATABASE_URL"] = f"sqlite:///{bench_dir / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="run only benchmarks whose module name contains this")
    parser.add_argument("--size", type=float, default=float(os.environ.get("BENCH_SIZE", "1.0")))
    parser.add_argument("--no-write", action="store_true", help="do not append to docs/benchmarks.md")
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection

    from bench.common import format_table

    rows = []
    for name in BENCHMARKS:
        if args.only and args.only not in name:
            continue
        module = importlib.import_module(name)
        rows.extend(module.run(args.size))
    engine = connection.vendor
    header = (f"{time.strftime('%Y-%m-%d %H:%M %Z')} · {engine} · {platform.machine()} · "
              f"{os.cpu_count()} cores · Python {platform.python_version()} · size {args.size}")
    table = format_table(rows)
    print(header)
    print(table)
    if not args.no_write:
        with open("docs/benchmarks.md", "a") as fh:
            fh.write(f"\n### {header}\n\n{table}\n")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
