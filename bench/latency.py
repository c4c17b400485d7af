"""Interaction latency in headless Chromium: from an input change to the updated results and
chart on screen, over the production-like serve on localhost.

    .venv/bin/python bench/latency.py [changes per widget, default 40]

Every widget is measured: each calculator on its own page and each one embedded in an
article. Each change types a value this run has not asked before into the widget's first
numeric input (so no answer comes from the results cache, as for a reader typing new
numbers) and waits until the results region holds a freshly drawn chart, then one more
animation frame (the paint). The htmx debounce is part of what a reader feels, so it is
included.

The reference, measured in the same run against the same server, is the floor of this way of
building a page: a bare page with the same htmx and plotly.js files and the same 20 ms
debounce, whose input swaps in a small answer from the server (robots.txt) and redraws a
small Plotly chart with `Plotly.react`. The page itself is handed to Chromium by Playwright
at the server's origin, so the site holds no benchmark page.
"""

import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from bench.server import gunicorn  # noqa: E402

CALCULATORS = [
    "isolated-vs-cross",
    "liquidation-price",
    "leverage-explorer",
    "margin-pnl-roe",
    "cross-contagion",
]
ARTICLES = [
    "margin-explained",
    "leverage-and-position-size",
    "cross-vs-isolated-margin",
    "adding-or-removing-margin",
    "liquidation-price-and-risk-engine",
    "why-was-my-position-liquidated",
    "how-to-use-the-calculators",
]

REFERENCE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>
<link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles"
  href="/static/vendor/plotly-css/plotly.css"></head><body>
<input id="ref-input" name="q" hx-get="/robots.txt" hx-trigger="input changed delay:20ms"
  hx-target="#ref-results" hx-swap="innerHTML">
<div id="ref-results"></div><div id="ref-chart" style="width:600px;height:320px"></div>
<script src="/static/django_htmx/htmx-2.min.js"></script>
<script src="/static/vendor/plotly/plotly-basic.min.js"></script>
<script>
  const chart = document.getElementById('ref-chart');
  const draw = (n) => Plotly.react(chart, [{x: [0, 1, 2, 3], y: [n, n + 1, n, n + 2],
    type: 'scatter', mode: 'lines'}], {margin: {t: 20}}, {displayModeBar: false});
  draw(0);
  document.body.addEventListener('htmx:afterSwap', () => {
    draw(Math.random());
    document.getElementById('ref-results').dispatchEvent(new CustomEvent('calc:drawn'));
  });
</script></body></html>"""

CHANGE_AND_WAIT = """async ([inputId, resultsId, value]) => {
  const results = document.getElementById(resultsId);
  const input = document.getElementById(inputId);
  const start = performance.now();
  input.value = String(value);
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise((resolve) => {
    results.addEventListener('calc:drawn', () => requestAnimationFrame(resolve), {once: true});
  });
  return performance.now() - start;
}"""

FIRST_NUMBER = """(formId) => {
  const input = document.querySelector(`#${formId} input[inputmode="decimal"]`);
  return [input.id, Number(input.value) || 1];
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def typed(page, input_id: str, results_id: str, start: float, changes: int) -> list[float]:
    # New values each time, close to the start so that every answer is a sensible one.
    values = [round(start * (1 + (i + 1) / 1000), 6) for i in range(changes)]
    return [page.evaluate(CHANGE_AND_WAIT, [input_id, results_id, v]) for v in values]


def reference(page, base: str, changes: int) -> list[float]:
    page.route(
        base + "/bench-reference/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=REFERENCE_PAGE),
    )
    page.goto(base + "/bench-reference/")
    page.wait_for_selector("#ref-chart .main-svg")
    return typed(page, "ref-input", "ref-results", 1, changes)


def widgets_on(page, url: str) -> list[str]:
    page.goto(url)
    forms = page.eval_on_selector_all("form.calc-form", "forms => forms.map(f => f.id)")
    return [form.removesuffix("-form") for form in forms]


def measure(page, base: str, changes: int) -> list[tuple[str, list[float]]]:
    rows = [("bare htmx + Plotly page (reference)", reference(page, base, changes))]
    pages = [(slug, f"{base}/calculators/{slug}/") for slug in CALCULATORS]
    pages += [(slug, f"{base}/articles/{slug}/") for slug in ARTICLES]
    for name, url in pages:
        for widget in widgets_on(page, url):
            page.locator(f"#{widget}-results").scroll_into_view_if_needed()
            page.wait_for_selector(f"#{widget}-results .main-svg")
            input_id, start = page.evaluate(FIRST_NUMBER, f"{widget}-form")
            label = name if widget == "calc" else f"{name} ({widget})"
            rows.append((label, typed(page, input_id, f"{widget}-results", start, changes)))
    return rows


def main() -> None:
    changes = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with gunicorn() as (base, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        rows = measure(page, base, changes)
        browser.close()
    floor = percentile(rows[0][1], 0.95)
    print(f"{'widget':<40}{'changes':>8}{'p50 ms':>9}{'p95 ms':>9}{'× floor':>9}")
    for name, times in rows:
        p95 = percentile(times, 0.95)
        print(
            f"{name:<40}{len(times):>8}{statistics.median(times):>9.1f}"
            f"{p95:>9.1f}{p95 / floor:>9.2f}"
        )
    over = [name for name, times in rows[1:] if percentile(times, 0.95) > 1.2 * floor]
    print(f"\n{len(rows) - 1} widgets; over 1.2× the floor at p95: {len(over)}")


if __name__ == "__main__":
    main()
