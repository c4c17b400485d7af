"""The practice account with the issue's big case: a 1,000-step custom path and 10 positions
(five markets, a long and a short in each: hedge mode).

1. Server time in this process, medians in milliseconds, beside a bare view through the same
   middleware: each control (htmx, answered with the new state), one replay step and a batch
   of 10 near the start of the path and near its end (with 990 frames kept), and the desk page.
   Every iteration starts from the same account, put back in the session before it (not timed).
2. In Chromium against the production-like serve: the p95 from a click on "Next step" (and on
   "Set leverage") to the updated table and chart on screen (target ≤ 100 ms), and playing at
   10 steps a second for 12 s: frames shown per steps played (no step dropped means 1.00).

Run: .venv/bin/python bench/practice.py [iterations, default 20]
"""

import os
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.server import gunicorn, production_env  # noqa: E402

# The sessions this process writes are read by the served site: the same key must sign them.
os.environ["SECRET_KEY"] = production_env()["SECRET_KEY"]
# Playwright's sync API runs an event loop in this thread; the session writes here are plain.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
import bench.in_process  # noqa: E402, F401 - sets Django up, DEBUG off

# isort: split
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from bench.latency import percentile, reference  # noqa: E402
from bench.pages import median_ms  # noqa: E402
from explainer.engine import MARKETS, MarginMode, PositionMode, Side  # noqa: E402
from explainer.engine import practice as engine  # noqa: E402

STEPS = 1000
HTMX = {"HTTP_HX_REQUEST": "true"}
CLICK_TARGET_MS = 100

# A click, then the swapped state's chart drawn (charts.js fires calc:drawn), then a paint.
CLICK_AND_WAIT = """async (selector) => {
  const start = performance.now();
  const drawn = new Promise((resolve) => {
    document.addEventListener('calc:drawn', () => requestAnimationFrame(resolve), {once: true});
  });
  document.querySelector(selector).click();
  await drawn;
  return performance.now() - start;
}"""


def big_account() -> engine.Practice:
    """10 positions on a 100,000 USDC wallet, on a 1,000-step path no position liquidates on."""
    practice = engine.fresh(wallet=Decimal(100_000))
    practice = engine.set_position_mode(practice, mode=PositionMode.HEDGE)
    for market in MARKETS.values():
        for side, mode in ((Side.LONG, MarginMode.CROSS), (Side.SHORT, MarginMode.ISOLATED)):
            size = (Decimal(2000) / engine.START_MARKS[market.symbol]).quantize(market.lot_size)
            practice = engine.market_order(
                practice, market=market.symbol, side=side, size=size, margin_mode=mode
            )
    assert len(practice.account.positions) == 10
    path = engine.custom_path(path_text(), hours_per_step=Decimal("0.5"))  # 720 h at most
    return engine.choose_path(practice, path)


def path_text() -> str:
    """Each market drifts 5 % and back over the path, with a small wobble every step."""
    lines = []
    for k in range(STEPS):
        swing = Decimal(min(k, STEPS - k)) / STEPS / 10 + Decimal((k * 7) % 11 - 5) / 10_000
        parts = []
        for symbol, market in MARKETS.items():
            mark = engine.START_MARKS[symbol] * (1 + swing)
            parts.append(f"{symbol} {mark.quantize(market.tick_size)}")
        lines.append(", ".join(parts))
    return "\n".join(lines)


def played_to(practice: engine.Practice, step: int) -> engine.Practice:
    while practice.step < step:
        practice = engine.advance(practice, step - practice.step)
    return practice


def put(client: Client, practice_data: dict) -> None:
    session = client.session
    session["practice"] = practice_data
    session.save()


def server_times(iterations: int, start: engine.Practice) -> None:
    client = Client()
    bare = median_ms(lambda: client.get("/robots.txt"), 50)
    near_start, near_end = (
        engine.to_data(played_to(start, 10)),
        engine.to_data(played_to(start, STEPS - 10)),
    )
    size = len(str(near_end)) // 1024
    print(f"the account: 10 positions, a {STEPS:,}-step path; {size} KB kept at step 990")
    print(f"bare view (robots.txt): {bare:.2f} ms\n")
    leverage = {"market": "BTC-PERP", "leverage": "5"}
    controls = [
        (
            "order (limit)",
            "order",
            {
                "market": "SOL-PERP",
                "side": "long",
                "kind": "limit",
                "size": "1",
                "price": "100",
                "margin_mode": "cross",
            },
        ),
        ("set leverage", "leverage", leverage),
        ("add margin", "margin", {"position_id": "p2", "direction": "add", "amount": "10"}),
        ("switch margin mode", "mode", {"position_id": "p1", "mode": "isolated"}),
        ("close part", "close", {"position_id": "p3", "size": "0.01"}),
        ("choose a path", "path", {"path": "slow-slide"}),
        ("one step", "step", {"steps": "1"}),
        ("a batch of 10 steps", "step", {"steps": "10"}),
    ]
    print(f"{'request (htmx)':<40}{'step 10 ms':>11}{'step 990 ms':>12}{'× bare':>8}")
    for name, control, data in controls:

        def post(url=f"/practice/{control}/", data=data):
            return client.post(url, data, **HTMX)

        times = [
            median_ms(post, iterations, lambda kept=kept: put(client, kept))
            for kept in (near_start, near_end)
        ]
        print(f"{name:<40}{times[0]:>11.1f}{times[1]:>12.1f}{times[1] / bare:>8.0f}")
    page = [
        median_ms(lambda: client.get("/practice/"), iterations, lambda kept=kept: put(client, kept))
        for kept in (near_start, near_end)
    ]
    print(f"{'the desk page (GET)':<40}{page[0]:>11.1f}{page[1]:>12.1f}{page[1] / bare:>8.0f}")
    client.session.delete()


def in_chromium(clicks: int, start: engine.Practice) -> None:
    with gunicorn() as (base, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        floor = reference(page, base, clicks)
        page.on("dialog", lambda dialog: dialog.accept())  # "Start again with a fresh account?"
        page.goto(base + "/practice/")
        with page.expect_response("**/practice/reset/"):  # it saves a session: a key
            page.click("#reset-form button")
        key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")

        def set_up(practice: engine.Practice) -> None:
            session = SessionStore(session_key=key)
            session["practice"] = engine.to_data(practice)
            session.save()
            page.goto(base + "/practice/")
            page.wait_for_selector("#practice-state .main-svg")

        set_up(engine.advance(engine.SCENARIOS["cross-contagion"].setup(), 1))
        # Two positions, two charts, 31 steps: the guided scenario, up to its liquidation.
        typical = [page.evaluate(CLICK_AND_WAIT, "[data-practice-step]") for _ in range(10)]
        set_up(played_to(start, 10))
        steps = [page.evaluate(CLICK_AND_WAIT, "[data-practice-step]") for _ in range(clicks)]
        set_up(played_to(start, STEPS - clicks - 5))
        late = [page.evaluate(CLICK_AND_WAIT, "[data-practice-step]") for _ in range(clicks)]
        leverage = [page.evaluate(CLICK_AND_WAIT, "#leverage-form button") for _ in range(clicks)]
        set_up(played_to(start, 100))  # past the first funding, which pauses the replay
        page.select_option("[data-practice-speed]", "10")
        page.click("[data-practice-play]")
        page.wait_for_timeout(12_000)
        shown, played = page.eval_on_selector(  # read while still playing
            "#practice-player",
            "p => [Number(p.dataset.framesShown), Number(p.dataset.stepsPlayed)]",
        )
        page.click("[data-practice-play]")
        browser.close()
        SessionStore(session_key=key).delete()
    print(f"\n{'click → table and chart on screen':<44}{'clicks':>7}{'p50 ms':>8}{'p95 ms':>8}")
    for name, times in (
        ("bare htmx + Plotly page (reference)", floor),
        ("Next step, 2 positions (cross contagion)", typical),
        ("Next step, near the start", steps),
        ("Next step, near the end (990 frames)", late),
        ("Set leverage, near the end", leverage),
    ):
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(f"{name:<44}{len(times):>7}{p50:>8.1f}{p95:>8.1f}")
    print(f"target: p95 ≤ {CLICK_TARGET_MS} ms")
    print(
        f"\nplaying at 10 steps/s for 12 s: {shown} frames shown for {played} steps played "
        f"({shown / max(played, 1):.2f} per step; 1.00 is none dropped), "
        f"{played / 12:.1f} steps a second on screen"
    )


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    call_command("collectstatic", "--noinput", verbosity=0)  # DEBUG off serves the manifest
    start = big_account()
    server_times(iterations, start)
    in_chromium(max(20, iterations), start)
    print(f"\n{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
