"""Page weight under the production-like serve: compressed bytes per page, by type.

    .venv/bin/python bench/weight.py

For each page: the HTML (gzip, as served), each stylesheet and script it links (brotli, as
whitenoise serves them), and the figure JSON embedded in it; then the bytes of one
interaction (an htmx partial) where the page has one. The reference is the home page.
"""

import gzip
import re
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.server import gunicorn  # noqa: E402
from bench.targets import PAGES, PARTIALS  # noqa: E402


def fetch(url: str, encoding: str, headers: dict | None = None) -> tuple[bytes, bytes]:
    """Returns (bytes on the wire, decoded body)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, **(headers or {})})
    with urllib.request.urlopen(request) as response:
        wire = response.read()
        used = response.headers.get("Content-Encoding", "")
    body = gzip.decompress(wire) if used == "gzip" else wire
    return wire, body


def page_weight(base: str, path: str) -> dict[str, int]:
    wire, html = fetch(base + path, "gzip")
    text = html.decode()
    sizes = {"html": len(wire), "css": 0, "js": 0, "plotly.js": 0}
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"(?! media="print")', text):
        sizes["css"] += len(fetch(base + href, "br")[0])
    for src in re.findall(r'<script src="([^"]+)"', text):
        sizes["js"] += len(fetch(base + src, "br")[0])
    # charts.js fetches plotly.js itself once a chart nears the screen: counted apart.
    for src in re.findall(r'data-plotly="([^"]+)"', text):
        sizes["plotly.js"] += len(fetch(base + src, "br")[0])
    figures = re.findall(r'<script id="[^"]+" type="application/json">(.*?)</script>', text, re.S)
    sizes["figure json"] = len(gzip.compress("".join(figures).encode())) if figures else 0
    return sizes


def main() -> None:
    with gunicorn() as (base, _):
        print(
            f"{'page':<34}{'HTML':>8}{'CSS':>8}{'JS':>8}{'figures':>9}"
            f"{'total':>9}{'plotly.js':>11}   (KB compressed)"
        )
        for name, path in PAGES.items():
            sizes = page_weight(base, path)
            total = sizes["html"] + sizes["css"] + sizes["js"]
            print(
                f"{name:<34}{kb(sizes['html']):>8}{kb(sizes['css']):>8}{kb(sizes['js']):>8}"
                f"{kb(sizes['figure json']):>9}{kb(total):>9}{kb(sizes['plotly.js']):>11}"
            )
        print(f"\n{'interaction (htmx partial)':<34}{'gzip':>8}{'raw':>8}")
        for name, path in PARTIALS.items():
            wire, body = fetch(base + path, "gzip", {"HX-Request": "true"})
            print(f"{name:<34}{kb(len(wire)):>8}{kb(len(body)):>8}")


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


if __name__ == "__main__":
    main()
