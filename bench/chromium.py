"""How this project starts Debian's Chromium headless: the browser tests, the latency bench
and Lighthouse all use these (no sandbox or GPU in the container, and no background traffic
to Google's services). CHROMIUM=/path/to/chrome picks another binary."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
