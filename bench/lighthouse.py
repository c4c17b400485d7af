"""Lighthouse mobile scores for the home page, an article with widgets, a calculator page, an
embedded calculator and the readiness check, against the production-like serve, run in
Debian's Chromium. Issue 14's target for the embed and /check/: 95 / 100 / 95 / 95.

    .venv/bin/python bench/lighthouse.py

Installs Lighthouse from bench/lighthouse/package-lock.json on first use (npm ci).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from bench.server import gunicorn  # noqa: E402

HERE = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])
PAGES = {
    "home": "/",
    "article with widgets": "/articles/cross-vs-isolated-margin/",
    "calculator page": "/calculators/isolated-vs-cross/",
    "embedded calculator": "/embed/isolated-vs-cross/?preset=seed-isolated",
    "readiness check": "/check/",
    "a check attempt": "/check/12345/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def scores(url: str) -> dict[str, int]:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--form-factor=mobile",
                "--output=json",
                f"--output-path={report.name}",
                f"--chrome-flags={FLAGS}",
            ],
            check=True,
            env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"},
        )
        categories = json.loads(Path(report.name).read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True
        )
    with gunicorn() as (base, _):
        print(f"{'page (mobile)':<24}" + "".join(f"{name:>16}" for name in CATEGORIES))
        for name, path in PAGES.items():
            row = scores(base + path)
            print(f"{name:<24}" + "".join(f"{row[c]:>16}" for c in CATEGORIES))


if __name__ == "__main__":
    main()
