"""Starts the production-like serve (gunicorn, DEBUG off, compressed static) for benchmarks."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def production_env(**extra: str) -> dict[str, str]:
    return (
        os.environ
        | {
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
        }
        | extra
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env: dict[str, str]) -> None:
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_content"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


@contextmanager
def gunicorn(workers: int = 2, **extra_env: str):
    # Every request of a benchmark comes from 127.0.0.1: the API's limit per address would
    # measure the limit, not the server.
    env = production_env(
        **{"WEB_CONCURRENCY": str(workers), "API_RATE_LIMIT": "1000000/m"} | extra_env
    )
    prepare(env)
    port = free_port()
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/robots.txt")
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} within {seconds} s")


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (gunicorn's master and workers)."""
    pids = [pid, *map(int, _children(pid))]
    total = 0
    for each in pids:
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def _children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []
