"""A vote written through one server process is still there after the process restarts."""

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.server import free_port, wait_until_up  # noqa: E402

ARTICLE = "/articles/margin-explained/"
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def fresh_postgres_database(name: str) -> str:
    try:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    return f"postgres://postgres@127.0.0.1:5432/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'votes.sqlite3'}"
    return fresh_postgres_database("margin_academy_durability")


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "entryfinance.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/robots.txt")
    return process, base


def vote(opener, base: str) -> None:
    page = opener.open(base + ARTICLE + "feedback/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "helpful": "no", "comment": "Kept across restarts"}
    request = urllib.request.Request(
        base + ARTICLE + "feedback/", data=urllib.parse.urlencode(form).encode()
    )
    request.add_header("Referer", base + ARTICLE)
    opener.open(request).read()


def test_votes_survive_a_server_restart(database_url):
    env = os.environ | {"DATABASE_URL": database_url, "DEBUG": "1"}
    for command in (["migrate", "--noinput", "-v0"], ["load_content"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    process, base = start_server(env)
    try:
        vote(opener, base)
    finally:
        process.terminate()
        process.wait(timeout=30)
    process, base = start_server(env)
    try:
        page = opener.open(base + ARTICLE + "feedback/").read().decode()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "You told us this article was <strong>not helpful yet</strong>" in page
