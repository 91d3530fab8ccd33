"""Every city-scale figure of issue 15 in one run: the benchmarks one after another, on the
same two databases, their tables printed under one heading each.

    python benchmarks/bench_city.py --sqlite sqlite:////tmp/city/bench.db \
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/bench_city \
        [--with-import] [--with-generate] [--quick]

The two databases hold `bobudget demo --households 100000 --seed 7` (or `--stad`), migrated to
the program's version, on PostgreSQL ANALYZEd: give COPIES, the window's benchmarks write what a
user's session writes (the access log). In order:

| figure | script | goal |
|---|---|---|
| launch to the first frame, beside a bare PySide6 window | bench_startup.py | ≤ 2× bare |
| every page's first rows, longest freeze, memory | bench_pages.py | ≤ 300 ms, < 400 MB |
| Att göra: first screenful, counts, ORM against raw SQL | bench_todo.py | ≤ 200 ms, ≤ 3× |
| search as you type, 200 prefixes, ORM against raw SQL | bench_search.py | p95 ≤ 10 ms, ≤ 3× |
| a batch of renewal letters against bare ReportLab | bench_letters.py --db | ≥ 0.8× |
| (--with-import) a 100 000-row import, time and memory | bench_import.py | < 30 s, < 400 MB |
| (--with-generate) the city demo, time and memory | bench_generate.py | minutes, < 400 MB |

Each script can be run on its own with the same arguments; its docstring says what it times.
Run by hand, on a machine doing nothing else: the tests never time anything.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(title: str, script: str, *args: str) -> bool:
    print(f"\n## {title}\n", flush=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / script), *args], check=False)
    print(f"({script}: {time.perf_counter() - start:.0f} s, exit {done.returncode})", flush=True)
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", required=True, metavar="URL")
    parser.add_argument("--postgres", required=True, metavar="URL")
    parser.add_argument("--with-import", action="store_true")
    parser.add_argument("--with-generate", action="store_true")
    parser.add_argument("--quick", action="store_true", help="fewer repeats of each timing")
    args = parser.parse_args()
    urls = (args.sqlite, args.postgres)
    runs = ["--runs", "3"] if args.quick else []
    repeats = ["--repeats", "3"] if args.quick else []
    results = [
        run("Start-up", "bench_startup.py", *(a for u in urls for a in ("--db", u)), *runs),
        *(run(f"Pages ({u.split(':')[0]})", "bench_pages.py", "--db", u) for u in urls),
        run("Att göra", "bench_todo.py", *urls, *repeats),
        *(run(f"Search ({u.split(':')[0]})", "bench_search.py", u, "--skip-before") for u in urls),
        run(
            "Letter batch",
            "bench_letters.py",
            *(a for u in urls for a in ("--db", u)),
            "--rounds",
            "1",
        ),
    ]
    if args.with_import:
        results.append(run("Import", "bench_import.py"))
    if args.with_generate:
        results.append(run("City demo", "bench_generate.py"))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
