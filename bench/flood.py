"""The article page's throughput alone, then while a few clients flood the server.

    .venv/bin/python bench/flood.py [--seconds 10] [--many-addresses]

Two floods run together, each from a few connections that send as fast as they are answered:

- **repeated keys**: 64 KB bodies to /api/v1/evaluate, thousands of keys in one object and the
  last one a repeat: a duplicate-key check that scans the keys for each key costs a second.
- **votes without cookies**: each POST to /articles/<slug>/feedback/ carries only the CSRF
  token (fetched first), so each looks like a new reader.

The server keeps its production limits per address (bench/server.py lifts the API's for the
other benchmarks). With `--many-addresses` it trusts one proxy (TRUSTED_PROXY_COUNT=1) and
every flood request names a new X-Forwarded-For address, so those limits do not stop the
floods: every body is read and every vote written, as in a flood from many machines.

Everything is on 127.0.0.1; each flood stops after its seconds or FLOOD_MAX requests. The
target is an article page throughput of at least 0.5× its throughput alone. The flood clients
share the machine's cores with the server, which a remote attacker would not.
"""

import argparse
import http.cookiejar
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.load import wrk  # noqa: E402
from bench.server import gunicorn  # noqa: E402
from bench.targets import TARGETS  # noqa: E402

WORKERS = 2
FLOOD_CONNECTIONS = 4
FLOOD_MAX = 200_000
BODY_LIMIT = 64 * 1024  # DATA_UPLOAD_MAX_MEMORY_SIZE: a longer body is refused unread (413)
ARTICLE = TARGETS["article page"].path
TARGET = 0.5
FLOOD_SCRIPT = """
wrk.method = "POST"
wrk.body = {body}
{headers}
counts = {{}}  -- a global, so that done() can read each thread's
local many, sent, threads = {many}, 0, {{}}
setup = function(thread) table.insert(threads, thread) end
request = function()
  if not many then return wrk.format() end
  local headers = {{}}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
    math.random(0, 255), math.random(1, 254))
  return wrk.format(nil, nil, headers)
end
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  sent = sent + 1
  if sent >= {limit} then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local total = {{}}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      total[#total + 1] = string.format('"%d": %d', status, count)
    end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format('{{"requests": %d, "errors": %d, "statuses": {{%s}}}}\\n',
    summary.requests, errors, table.concat(total, ", ")))
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--many-addresses", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    extra = production_limits() | ({"TRUSTED_PROXY_COUNT": "1"} if args.many_addresses else {})
    floods = {"repeated keys": [_api_flood], "votes": [_vote_flood]}
    floods["both"] = floods["repeated keys"] + floods["votes"]
    with gunicorn(workers=WORKERS, **extra) as (base, _process):
        wrk(base + ARTICLE, seconds=2, connections=args.connections)  # fills the page caches
        alone = wrk(base + ARTICLE, seconds=args.seconds, connections=args.connections)
        rows = [_under(base, starts, args) for starts in floods.values()]
    _report(alone, dict(zip(floods, rows, strict=True)), args)


def _under(base: str, starts: list, args) -> tuple[dict, list[dict]]:
    """The article's throughput while the floods started by `starts` run."""
    running = [start(base, args) for start in starts]
    time.sleep(1)  # let the floods reach full speed
    result = wrk(base + ARTICLE, seconds=args.seconds, connections=args.connections)
    return result, [_finish(flood) for flood in running]


def production_limits() -> dict[str, str]:
    from entryfinance import settings

    limit = getattr(settings, "API_RATE_LIMIT", None)
    return {"API_RATE_LIMIT": limit} if limit else {}


def _api_flood(base: str, args) -> subprocess.Popen:
    body = repeated_key_body()
    headers = {"Content-Type": "application/json"}
    return _flood(base + "/api/v1/evaluate", body, headers, args)


def repeated_key_body() -> str:
    """A JSON object of just under BODY_LIMIT bytes whose last key repeats the one before."""
    keys, size = [], 2
    while size + len(f'"k{len(keys)}": 0, ') * 2 < BODY_LIMIT:
        keys.append(f'"k{len(keys)}": 0')
        size += len(keys[-1]) + 2
    return "{" + ", ".join([*keys, keys[-1]]) + "}"


def _vote_flood(base: str, args) -> subprocess.Popen:
    cookie, token = csrf_token(base + ARTICLE)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
    }
    body = f"helpful=no&comment=flood&csrfmiddlewaretoken={token}"
    slug = ARTICLE.strip("/").rsplit("/", 1)[-1]
    return _flood(f"{base}/articles/{slug}/feedback/", body, headers, args)


def csrf_token(url: str) -> tuple[str, str]:
    """The CSRF cookie a reader is given, and the form's token (or the cookie's secret)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(url, timeout=10).read().decode()
    # The cookie is Secure with DEBUG off, so the jar keeps it without sending it back here.
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    field = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', html)
    return cookie, field[1] if field else cookie


def _flood(url: str, body: str, headers: dict[str, str], args) -> subprocess.Popen:
    script = FLOOD_SCRIPT.format(
        body=json.dumps(body),
        headers="\n".join(f'wrk.headers["{name}"] = "{value}"' for name, value in headers.items()),
        many="true" if args.many_addresses else "false",
        limit=FLOOD_MAX,
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    seconds = args.seconds + 2
    command = ["wrk", "-t1", f"-c{FLOOD_CONNECTIONS}", f"-d{seconds}s", "-s", file.name, url]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(flood: subprocess.Popen) -> dict:
    output, errors = flood.communicate(timeout=120)
    if flood.returncode:
        raise RuntimeError(f"wrk failed: {errors}")
    return json.loads(output.strip().splitlines()[-1])


def _report(alone: dict, rows: dict[str, tuple[dict, list[dict]]], args) -> None:
    where = "many addresses" if args.many_addresses else "one address"
    print(
        f"article page, {args.connections} connections for {args.seconds} s; each flood "
        f"{FLOOD_CONNECTIONS} connections from {where}; target ≥ {TARGET}× the page alone"
    )
    print(f"{'':<16}{'req/s':>8}{'× alone':>9}{'p99 ms':>9}{'errors':>8}   flood answers")
    print(f"{'alone':<16}{alone['rps']:>8,.0f}{1:>9.2f}{alone['p99_ms']:>9.1f}{alone['errors']:>8}")
    for name, (result, floods) in rows.items():
        answers = "; ".join(_answers(flood) for flood in floods)
        ratio = result["rps"] / alone["rps"]
        print(
            f"{'+ ' + name:<16}{result['rps']:>8,.0f}{ratio:>9.2f}{result['p99_ms']:>9.1f}"
            f"{result['errors']:>8}   {answers}"
        )


def _answers(flood: dict) -> str:
    statuses = ", ".join(f"{count:,}×{status}" for status, count in _sorted(flood))
    errors = f", {flood['errors']} socket errors" if flood["errors"] else ""
    return f"{flood['requests']:,} ({statuses}{errors})"


def _sorted(result: dict) -> list[tuple[str, int]]:
    return sorted(result["statuses"].items(), key=lambda item: -item[1])


if __name__ == "__main__":
    main()
