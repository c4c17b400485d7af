"""Production mode must pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests' async-safety switch must not leak into a deployment check.
    inherited = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in inherited} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production_mode():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        ALLOWED_HOSTS="academy.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_database_url_selects_postgresql():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "entryfinance.settings",
            "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
        },
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def _serve_prod_key(folder: Path) -> str:
    """The SECRET_KEY scripts/serve-prod settles on, run in `folder` without serving."""
    script = (ROOT / "scripts" / "serve-prod").read_text()
    making = script[script.index("if [ -z") : script.index("export DEBUG=0")]
    command = f'{making}\necho "$SECRET_KEY"'
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        ["bash", "-c", command], cwd=folder, env=environment, capture_output=True, text=True
    )
    return result.stdout.strip()


def test_serve_prod_makes_a_random_key_once_that_passes_the_deploy_check(tmp_path):
    key = _serve_prod_key(tmp_path)

    assert key == _serve_prod_key(tmp_path)
    assert oct((tmp_path / ".secret_key").stat().st_mode)[-3:] == "600"
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DEBUG="0",
        SECRET_KEY=key,
        ALLOWED_HOSTS="academy.example.com",
    )
    assert "security.W009" not in result.stdout + result.stderr
