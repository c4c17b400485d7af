"""Embeds: what a partner's reader downloads. For each calculator's embed, its first load
before plotly.js (which charts.js fetches only once a chart nears the screen): the HTML as
served (gzip) and each stylesheet and script it links as whitenoise serves them (brotli
`.br` files after collectstatic), beside the calculator's own page; then /embed.js as served
(gzip). In process, DEBUG off.

Run: .venv/bin/python bench/embeds.py
"""

import gzip
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench.in_process  # noqa: E402, F401 - sets Django up, DEBUG off

# isort: split
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from explainer.calculators.widgets import CALCULATORS  # noqa: E402

EMBED_TARGET_KB = 60
LOADER_TARGET_KB = 2
LINKED = (
    ("css", r'<link rel="stylesheet"[^>]* href="([^"]+)"(?! media="print")'),
    ("js", r'<script src="([^"]+)"'),
)


def static_size(href: str) -> int:
    path = Path(settings.STATIC_ROOT) / href.removeprefix(settings.STATIC_URL)
    brotli = path.with_name(path.name + ".br")  # what whitenoise serves
    return brotli.stat().st_size if brotli.exists() else path.stat().st_size


def weight(client: Client, url: str) -> dict[str, int]:
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip", url
    html = gzip.decompress(response.content).decode()
    sizes = {"html": len(response.content), "css": 0, "js": 0}
    for kind, pattern in LINKED:
        for href in re.findall(pattern, html):
            if href.startswith(settings.STATIC_URL):
                sizes[kind] += static_size(href)
            else:  # /embed.js on a calculator page, served by a view
                sizes[kind] += len(client.get(href, headers={"accept-encoding": "gzip"}).content)
    return sizes


def main() -> None:
    call_command("collectstatic", "--noinput", verbosity=0)  # DEBUG off serves the manifest
    client = Client()
    print(
        f"{'first load before plotly.js (KB compressed)':<44}{'HTML':>7}{'CSS':>7}{'JS':>7}", end=""
    )
    print(f"{'total':>8}{'target':>9}")
    for slug in CALCULATORS:
        rows = (
            (f"/embed/{slug}/", f"≤ {EMBED_TARGET_KB}"),
            (f"  its page /calculators/{slug}/", ""),
        )
        for label, target in rows:
            sizes = weight(client, label.strip().removeprefix("its page "))
            total = sum(sizes.values())
            print(
                f"{label:<44}{kb(sizes['html']):>7}{kb(sizes['css']):>7}{kb(sizes['js']):>7}"
                f"{kb(total):>8}{target:>9}"
            )
    loader = client.get("/embed.js", headers={"accept-encoding": "gzip"})
    raw = gzip.decompress(loader.content) if loader.get("Content-Encoding") == "gzip" else b""
    print(
        f"\n/embed.js as served: {len(loader.content):,} B gzip ({len(raw):,} B raw); "
        f"target ≤ {LOADER_TARGET_KB * 1024:,} B"
    )


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


if __name__ == "__main__":
    main()
