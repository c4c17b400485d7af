"""With CACHE_URL set, worker processes share one count: limits hold across workers."""

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REDIS = ("127.0.0.1", 6379)
# One process: a test client asks for the markets from one address and prints each status.
ASK = """
import sys, django
django.setup()
from django.test import Client
client = Client(REMOTE_ADDR=sys.argv[1])
print(" ".join(str(client.get("/api/v1/markets").status_code) for _ in range(2)))
"""


@pytest.fixture
def redis_url():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return "redis://127.0.0.1:6379/15"


def _statuses_from_a_new_process(redis_url: str, address: str) -> str:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "entryfinance.settings",
        "CACHE_URL": redis_url,
        "API_RATE_LIMIT": "3/m",
    }
    result = subprocess.run(
        [sys.executable, "-c", ASK, address],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_two_processes_share_one_api_count_through_redis(redis_url):
    address = f"fd00::{uuid.uuid4().hex[:4]}:0:0:1"  # a fresh /64, so no earlier count applies
    assert _statuses_from_a_new_process(redis_url, address) == "200 200"
    assert _statuses_from_a_new_process(redis_url, address) == "200 429"
