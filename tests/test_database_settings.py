"""SQLite is set up for a web server (WAL, a busy timeout, immediate transactions); PostgreSQL is
left as DATABASE_URL gives it."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ_SQLITE = """
import json, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    pragmas = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
               for name in ("journal_mode", "busy_timeout")}
print(json.dumps(pragmas | {"transaction_mode": connection.transaction_mode}))
"""
READ_OPTIONS = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps(settings.DATABASES["default"].get("OPTIONS", {})))
"""


def _run(code: str, **env: str) -> dict:
    environment = os.environ | {"DJANGO_SETTINGS_MODULE": "entryfinance.settings"} | env
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_sqlite_connection_runs_in_wal_with_a_busy_timeout_and_immediate_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    assert _run(READ_SQLITE, DATABASE_URL=url) == {
        "journal_mode": "wal",
        "busy_timeout": 5000,
        "transaction_mode": "IMMEDIATE",
    }


def test_sqlite_busy_timeout_sets_how_long_a_writer_waits(tmp_path):
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    assert _run(READ_SQLITE, DATABASE_URL=url, SQLITE_BUSY_TIMEOUT="2")["busy_timeout"] == 2000


def test_postgresql_gets_none_of_the_sqlite_options():
    options = _run(READ_OPTIONS, DATABASE_URL="postgres://u@127.0.0.1:5432/db")
    assert not {"init_command", "transaction_mode", "timeout"} & set(options)
