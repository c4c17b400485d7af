"""Interaction latency in headless Chromium: from an input change to the updated results and
chart on screen, over the production-like serve on localhost.

    .venv/bin/python bench/latency.py [changes per widget, default 60]

Each change types a value this run has not asked before into one input (so no answer comes
from the results cache, as for a reader typing new numbers) and waits until the results
region holds a freshly drawn chart, then one more animation frame (the paint). The htmx
debounce is part of what a reader feels, so it is included. The reference, measured in the
same run, is the bare round trip: a fetch of robots.txt from the same page.
"""

import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from bench.server import gunicorn  # noqa: E402

# (calculator, input to change, first value, step)
WIDGETS = [
    ("isolated-vs-cross", "#calc-price", 47000, 25),
    ("liquidation-price", "#calc-entry", 50000, 10),
    ("leverage-explorer", "#calc-leverage", 5, 1),
    ("margin-pnl-roe", "#calc-price", 52000, 25),
    ("cross-contagion", "#calc-price", 42000, 25),
]

CHANGE_AND_WAIT = """async ([selector, value]) => {
  const results = document.getElementById('calc-results');
  const input = document.querySelector(selector);
  const start = performance.now();
  input.value = String(value);
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise((resolve) => {
    results.addEventListener('calc:drawn', () => requestAnimationFrame(resolve), {once: true});
  });
  return performance.now() - start;
}"""

BARE_ROUND_TRIP = """async () => {
  const start = performance.now();
  await (await fetch('/robots.txt', {cache: 'no-store'})).text();
  return performance.now() - start;
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(page, base: str, changes: int) -> list[tuple[str, list[float]]]:
    rows = []
    page.goto(base + "/calculators/")
    rows.append(
        ("bare fetch (reference)", [page.evaluate(BARE_ROUND_TRIP) for _ in range(changes)])
    )
    for slug, selector, first, step in WIDGETS:
        page.goto(f"{base}/calculators/{slug}/")
        page.wait_for_selector("#calc-results .main-svg")
        values = [first + step * i for i in range(changes)]
        rows.append((slug, [page.evaluate(CHANGE_AND_WAIT, [selector, v]) for v in values]))
    return rows


def main() -> None:
    changes = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    with gunicorn() as (base, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        rows = measure(page, base, changes)
        browser.close()
    print(f"{'widget':<26}{'changes':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, times in rows:
        print(
            f"{name:<26}{len(times):>8}{statistics.median(times):>9.1f}"
            f"{percentile(times, 0.95):>9.1f}{max(times):>9.1f}"
        )


if __name__ == "__main__":
    main()
