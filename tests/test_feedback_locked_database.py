"""With SQLite's write lock held by another process, gunicorn keeps answering and no vote is lost.

A real server on a real file: a second sqlite3 connection holds BEGIN IMMEDIATE while a reader
votes, calls the API and opens an article.
"""

import http.cookiejar
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.server import free_port, wait_until_up  # noqa: E402

ARTICLE = "/articles/margin-explained/"
BUSY_TIMEOUT = 2
SEED = '{"side": "long", "size": "0.02", "entry_price": "50000", "leverage": "10"'
SEED += ', "margin_mode": "cross"}'
EVALUATE = f'{{"wallet_balance": "500", "positions": [{SEED}]}}'.encode()


@pytest.fixture
def server(tmp_path):
    """One gunicorn worker, started as scripts/serve-prod starts it, on a fresh SQLite file."""
    database = tmp_path / "site.sqlite3"
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "1",
        "WEB_CONCURRENCY": "1",
        "SQLITE_BUSY_TIMEOUT": str(BUSY_TIMEOUT),
    }
    for command in (["migrate", "--noinput", "-v0"], ["load_content"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/robots.txt")
        yield base, database
    finally:
        process.terminate()
        process.wait(timeout=30)


def _vote_request(opener, base: str, comment: str) -> urllib.request.Request:
    page = opener.open(base + ARTICLE + "feedback/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "helpful": "no", "comment": comment}
    request = urllib.request.Request(
        base + ARTICLE + "feedback/", data=urllib.parse.urlencode(form).encode()
    )
    request.add_header("Referer", base + ARTICLE)
    return request


def _send(opener, request) -> tuple[int, dict, str]:
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _timed(url: str, data: bytes | None = None) -> float:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    started = time.monotonic()
    urllib.request.urlopen(request, timeout=30).read()
    return time.monotonic() - started


def _vote_while_locked(opener, base: str, database: Path) -> tuple[tuple, float, float]:
    """Sends a vote while another connection holds the write lock; times the API and an article."""
    request = _vote_request(opener, base, "Fees, please")
    other_writer = sqlite3.connect(database, isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")
    answers = []
    voting = threading.Thread(target=lambda: answers.append(_send(opener, request)))
    voting.start()
    time.sleep(0.3)  # the vote now waits for the lock in one of the worker's threads
    api_seconds = _timed(base + "/api/v1/evaluate", EVALUATE)
    article_seconds = _timed(base + ARTICLE)
    voting.join()
    other_writer.rollback()
    other_writer.close()
    return answers[0], api_seconds, article_seconds


def test_a_vote_behind_a_held_write_lock_is_refused_503_while_the_site_keeps_answering(server):
    base, database = server
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    (status, headers, body), api_seconds, article_seconds = _vote_while_locked(
        opener, base, database
    )
    assert (status, headers["Retry-After"]) == (503, "5")
    assert "Your answer was not saved" in body and "Fees, please</textarea>" in body
    assert api_seconds < 1 and article_seconds < 1
    status, _, body = _send(opener, _vote_request(opener, base, "Fees, please"))
    assert status == 200 and "not helpful yet" in body
    with sqlite3.connect(database) as check:
        assert check.execute("SELECT comment FROM explainer_feedback").fetchall() == [
            ("Fees, please",)
        ]
