"""Two gunicorn servers, as on two machines: one PostgreSQL database and one Redis between them.

The servers run in production mode (DEBUG off, hashed static files; settings.py beside this
file says what differs) with the project's gunicorn.conf.py, one worker each, and readers
reach both by one public name, as through a proxy or load balancer. They get a database of
their own, created in the PostgreSQL server of TEST_DATABASE_URL for this run and dropped
after it, and the Redis database of TEST_CACHE_URL, emptied before and after.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import pytest
import redis

from bench.server import prepare, production_env, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST = "academy.test"
# Asks the servers' own settings where the calculators' results cache keeps its entries.
WHERE_RESULTS_ARE_KEPT = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import caches
alias = settings.CACHES.get("results", {})
pattern = caches["results"].make_key("*", version="*") if alias else ""
print(json.dumps({"backend": alias.get("BACKEND", ""), "location": alias.get("LOCATION", ""),
                  "pattern": pattern}))
"""


@dataclass(frozen=True)
class Server:
    name: str
    port: int

    def __str__(self) -> str:
        return f"server {self.name} (127.0.0.1:{self.port})"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


class Reader:
    """One browser. The servers stand behind one public name, so whichever of them answers,
    the browser sends the Host and the cookies it was given. The cookies are Secure, as in
    production; a TLS proxy would stand in front, so here they go over plain HTTP."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def get(self, server: Server, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self._ask(server, "GET", path, None, headers or {})

    def post(
        self, server: Server, path: str, form: dict[str, str], headers: dict[str, str] | None = None
    ) -> Answer:
        body = urllib.parse.urlencode(form).encode()
        sent = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://{PUBLIC_HOST}",
        }
        return self._ask(server, "POST", path, body, sent | (headers or {}))

    def _ask(self, server, method, path, body, headers) -> Answer:
        headers = {"Host": PUBLIC_HOST} | headers
        if self.cookies:
            headers = headers | {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        connection = HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or ():
            self.cookies |= {name: morsel.value for name, morsel in SimpleCookie(header).items()}
        return answer


class ResultsCache:
    """The calculators' results cache, found in Redis where the servers' settings put it."""

    def __init__(self, env: dict[str, str]) -> None:
        found = json.loads(_python(WHERE_RESULTS_ARE_KEPT, env))
        self.backend, self.pattern = found["backend"], found["pattern"]
        self._redis = redis.Redis.from_url(found["location"]) if self.in_redis else None

    @property
    def in_redis(self) -> bool:
        return self.backend == "django.core.cache.backends.redis.RedisCache"

    def count(self) -> int:
        return len(self._redis.keys(self.pattern)) if self._redis else 0


@pytest.fixture(scope="session")
def shared_database() -> str:
    """A new, empty PostgreSQL database for this run, beside TEST_DATABASE_URL's."""
    server = os.environ["TEST_DATABASE_URL"]
    name = f"margin_academy_two_servers_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urllib.parse.urlsplit(server)._replace(path=f"/{name}").geturl()
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def shared_cache() -> str:
    url = os.environ["TEST_CACHE_URL"]
    redis.Redis.from_url(url).flushdb()
    yield url
    redis.Redis.from_url(url).flushdb()


@pytest.fixture(scope="session")
def shared_env(shared_database, shared_cache, tmp_path_factory) -> dict[str, str]:
    """What every machine is given: the same secret key, database and cache; then the
    one-off release steps (migrate, load_content, collectstatic) run once."""
    env = production_env(
        DATABASE_URL=shared_database,
        CACHE_URL=shared_cache,
        SECRET_KEY="two-servers-test-secret-key-" + "x" * 40,
        ALLOWED_HOSTS=f"{PUBLIC_HOST},127.0.0.1",  # 127.0.0.1 for the readiness probe
        WEB_CONCURRENCY="1",
        DJANGO_SETTINGS_MODULE="tests.multi_server.settings",
        TEST_STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
    )
    prepare(env)
    return env


@pytest.fixture(scope="session")
def _servers(shared_env):
    gunicorn = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--config",
        "gunicorn.conf.py",
        "--log-level",
        "warning",
    ]
    servers = [Server(name, port) for name, port in zip("AB", _two_free_ports(), strict=True)]
    processes = [
        subprocess.Popen(gunicorn, cwd=ROOT, env=shared_env | {"PORT": str(server.port)})
        for server in servers
    ]
    try:
        for server, process in zip(servers, processes, strict=True):
            wait_until_up(f"http://127.0.0.1:{server.port}/robots.txt")
            assert process.poll() is None, f"{server} did not start"
        yield {server.name: server for server in servers}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


@pytest.fixture(scope="session")
def server_a(_servers) -> Server:
    return _servers["A"]


@pytest.fixture(scope="session")
def server_b(_servers) -> Server:
    return _servers["B"]


@pytest.fixture
def reader() -> Reader:
    return Reader()


@pytest.fixture
def results_cache(shared_env) -> ResultsCache:
    return ResultsCache(shared_env)


@pytest.fixture
def run_python(shared_env):
    """Runs a Python snippet with the servers' settings, as an operator's shell on a third
    machine would."""
    return lambda code, *args: _python(code, shared_env, *args)


def _two_free_ports() -> tuple[int, int]:
    """Both held open while chosen, so the two servers never get the same port."""
    with socket.socket() as one, socket.socket() as two:
        one.bind(("127.0.0.1", 0))
        two.bind(("127.0.0.1", 0))
        return one.getsockname()[1], two.getsockname()[1]


def _python(code: str, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
