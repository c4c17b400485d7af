"""Benchmark of the JSON API: `.venv/bin/python bench/api.py`.

Evaluate calls a second through the whole Django stack (test client: URL resolving and every
middleware), through the bare view (RequestFactory), and without HTTP at all (parse, engine,
serialize), beside a bare Django view (robots.txt) through the same test client: the ratio
column is the evaluate call's time over that reference's. Not part of the tests.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entryfinance.settings")

import django  # noqa: E402

django.setup()

from django.test import Client, RequestFactory  # noqa: E402

from explainer.api import views  # noqa: E402
from explainer.api.openapi import EXAMPLES  # noqa: E402

BODY = EXAMPLES["evaluate"]["isolated"]["value"]
RAW = json.dumps(BODY)
SECONDS = 2.0


def rate(call) -> float:
    calls, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < SECONDS:
        call()
        calls += 1
    return calls / elapsed


def main() -> None:
    client, factory = Client(), RequestFactory()
    ways = {
        "reference: robots.txt (test client)": lambda: client.get("/robots.txt"),
        "test client (URLs + middleware)": lambda: client.post(
            "/api/v1/evaluate", RAW, content_type="application/json"
        ),
        "bare view (RequestFactory)": lambda: views.evaluate(
            factory.post("/api/v1/evaluate", RAW, content_type="application/json")
        ),
        "no HTTP (parse, engine, serialize)": lambda: views.evaluate_body(json.loads(RAW)),
    }
    rates = {name: rate(call) for name, call in ways.items()}
    reference = rates["reference: robots.txt (test client)"]
    print(f"{'':<38} {'calls/s':>9} {'time × reference':>17}")
    for name, calls in rates.items():
        print(f"{name:<38} {calls:>9,.0f} {reference / calls:>17.1f}")


if __name__ == "__main__":
    main()
