"""CACHE_URL picks the backend of every cache: rate-limit counters, kept pages, kept results."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ_CACHES = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps(settings.CACHES))
"""
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "academy.example.com",
}


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    inherited = {"CACHE_URL", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment | {"DJANGO_SETTINGS_MODULE": "entryfinance.settings"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_cache_url_the_default_cache_is_locmem():
    caches = json.loads(_run("-c", READ_CACHES).stdout)
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_redis_cache_url_puts_every_cache_on_djangos_redis_cache_with_its_own_keys():
    caches = json.loads(_run("-c", READ_CACHES, CACHE_URL="redis://10.0.0.5:6379/1").stdout)
    assert caches["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://10.0.0.5:6379/1",
    }
    for alias in ("content", "results"):
        assert caches[alias] == caches["default"] | {"KEY_PREFIX": alias}


def test_a_cache_url_that_is_not_redis_is_refused():
    result = _run("-c", READ_CACHES, CACHE_URL="memcached://10.0.0.5")
    assert result.returncode != 0
    assert "CACHE_URL must be a redis://" in result.stderr


def test_check_deploy_reports_nothing_with_a_redis_cache():
    args = ("manage.py", "check", "--deploy", "--fail-level", "DEBUG")
    result = _run(*args, **PRODUCTION, CACHE_URL="redis://10.0.0.5:6379/1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
