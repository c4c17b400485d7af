"""Throughput and latency under the production-like serve, measured with wrk (Debian's `wrk`).

    .venv/bin/python bench/load.py            # 10 s per target, 16 connections
    .venv/bin/python bench/load.py --soak     # adds a 60 s load at 64 connections with memory

Every target is measured beside a bare view (robots.txt: no database, no template) served by
the same gunicorn, and reported as a ratio of its throughput.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.server import gunicorn, rss_kib  # noqa: E402
from bench.targets import TARGETS  # noqa: E402

REPORT = (Path(__file__).parent / "wrk_report.lua").read_text()
WORKERS = 2
# Appends name=50000.<thread><count> to each request: a value no request asked before (the
# last value of a repeated query name wins), so no answer can come from a cache.
NEW_VALUE = """
local threads = 0
setup = function(thread) threads = threads + 1; thread:set("tid", threads) end
local count = 0
request = function()
  count = count + 1
  return wrk.format(nil, wrk.path .. "&{name}=50000." .. tid .. string.format("%08d", count))
end
"""


def wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    method="GET",
    body="",
    headers=(),
    new_value_for="",
) -> dict:
    setup = [f'wrk.method = "{method}"']
    if body:
        setup.append(f"wrk.body = {json.dumps(body)}")
    setup += [f'wrk.headers["{name}"] = "{value}"' for name, value in headers]
    if new_value_for:
        setup.append(NEW_VALUE.replace("{name}", new_value_for))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("\n".join(setup) + "\n" + REPORT)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script.name, url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--soak", action="store_true", help="also 60 s at 64 connections")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    with gunicorn(workers=WORKERS) as (base, process):
        rows = [
            (
                name,
                wrk(
                    base + target.path,
                    seconds=args.seconds,
                    connections=args.connections,
                    **_options(base, target),
                ),
            )
            for name, target in TARGETS.items()
        ]
        print_table(rows)
        if args.soak:
            soak(base, process)


def _options(base: str, target) -> dict:
    options = target.wrk_options()
    if target.revalidate:
        with urllib.request.urlopen(base + target.path) as response:
            etag = response.headers["ETag"]
        options["headers"] = (*options["headers"], ("If-None-Match", etag.replace('"', '\\"')))
    return options


def print_table(rows: list[tuple[str, dict]]) -> None:
    bare = rows[0][1]["rps"]
    header = ("target", "req/s", "× bare", "p50 ms", "p95 ms", "p99 ms", "errors")
    print(f"{header[0]:<24}" + "".join(f"{title:>9}" for title in header[1:]))
    for name, r in rows:
        errors = r["errors"]
        print(
            f"{name:<24}{r['rps']:>9.0f}{r['rps'] / bare:>8.2f}{r['p50_ms']:>9.1f}"
            f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{errors:>8}"
        )


# Memory may grow while each worker's caches fill, and no more: at most 500 results partials
# (RENDERED_CACHE_ENTRIES) and 128 embedded widgets of under 25 KB each, 15 MiB a worker.
MEMORY_BOUND_MIB = WORKERS * 16


def soak(base: str, process) -> None:
    target = TARGETS["calculator partial, new"]
    before = rss_kib(process.pid) / 1024
    result = wrk(base + target.path, seconds=60, connections=64, **target.wrk_options())
    after = rss_kib(process.pid) / 1024
    verdict = "within" if after - before <= MEMORY_BOUND_MIB else "OVER"
    print(
        f"\nsoak 60 s × 64 connections on new calculator questions: {result['requests']} requests,"
        f" {result['errors']} errors, p99 {result['p99_ms']:.1f} ms; gunicorn RSS"
        f" {before:.1f} → {after:.1f} MiB ({verdict} the {MEMORY_BOUND_MIB} MiB bound)"
    )


if __name__ == "__main__":
    main()
