"""Benchmark of the margin engine: `.venv/bin/python bench/engine.py`.

Each figure stands beside a reference timed in the same run: a bare loop doing one Decimal
multiply-add per position per call (or per point, or per step). The ratio, engine time over
reference time, stays roughly the same from one machine to the next. Engine and reference
rounds alternate and each keeps its best round, so a machine busy with other work slows
both alike. Not part of the tests.

Accounts hold one position per market in one-way mode (up to 5 positions, one per market)
and a long and a short per market in hedge mode (up to 10).

The issue's replay target: 10,000 steps of 10 positions (hedge mode, five markets), every
market moving each step, a step being 15 minutes, so that funding falls due every 32
steps, with the markets' liquidation fees, at most 17× the reference.
"""

import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from explainer.engine import (  # noqa: E402
    Account,
    MarginMode,
    Position,
    PositionMode,
    Side,
    evaluate,
    replay,
    sweep,
)

PRICES = {
    "BTC-PERP": Decimal(50000),
    "ETH-PERP": Decimal(3000),
    "SOL-PERP": Decimal(150),
    "XRP-PERP": Decimal("0.6"),
    "AVAX-PERP": Decimal(30),
}
SIZES = {
    "BTC-PERP": Decimal("0.01"),
    "ETH-PERP": Decimal("0.2"),
    "SOL-PERP": Decimal(4),
    "XRP-PERP": Decimal(1000),
    "AVAX-PERP": Decimal(20),
}
MARKETS = list(PRICES)
STEPS = 2_000
LONG_STEPS = 10_000


def make_account(count: int, markets: int = 3) -> Account:
    """`count` positions over the first `markets` markets: one per market in one-way mode;
    in hedge mode (more positions than markets) a long in each, then a short in each. Every
    third position is cross."""
    chosen = MARKETS[: min(count, markets)]
    width = len(chosen)
    positions = tuple(
        Position(
            side=Side.LONG if i < width else Side.SHORT,
            size=SIZES[chosen[i % width]] * (1 + i % 5),
            entry_price=PRICES[chosen[i % width]],
            leverage=Decimal(5 + i % 10),
            margin_mode=MarginMode.CROSS if i % 3 == 0 else MarginMode.ISOLATED,
            market=chosen[i % width],
            mark_price=PRICES[chosen[i % width]] * Decimal("1.01"),
            id=f"p{i}",
        )
        for i in range(count)
    )
    mode = PositionMode.HEDGE if count > width else PositionMode.ONE_WAY
    return Account(wallet_balance=Decimal(100000), positions=positions, position_mode=mode)


def make_path(steps: int, markets: list[str], *, one_per_step: bool) -> list[dict[str, Decimal]]:
    rng = random.Random(7)
    marks = dict(PRICES)
    path = []
    for step in range(steps):
        moving = [markets[step % len(markets)]] if one_per_step else markets
        for market in moving:
            change = Decimal(rng.randint(-20, 20)) / 10000
            marks[market] = (marks[market] * (1 + change)).quantize(Decimal("0.01"))
        path.append({market: marks[market] for market in moving})
    return path


def paired(
    engine: Callable[[], object], yardstick: Callable[[], object], *, calls: int, rounds: int
) -> tuple[float, float]:
    """Seconds per call of each, the best of `rounds` alternating rounds of `calls` calls."""
    best = [float("inf"), float("inf")]
    for _ in range(rounds):
        for slot, run in enumerate((engine, yardstick)):
            start = time.perf_counter()
            for _ in range(calls):
                run()
            best[slot] = min(best[slot], (time.perf_counter() - start) / calls)
    return best[0], best[1]


def reference(operations: int) -> Callable[[], Decimal]:
    """A bare loop of `operations` Decimal multiply-adds: the yardstick."""
    a, b = Decimal("0.02"), Decimal("50123.45")

    def run() -> Decimal:
        total = Decimal(0)
        for _ in range(operations):
            total += a * b
        return total

    return run


def evaluate_rows() -> list[tuple[str, str, str, float]]:
    rows = []
    for count in (1, 3, 6):
        chosen = make_account(count)
        run = lambda chosen=chosen: evaluate(chosen)  # noqa: E731
        engine, yardstick = paired(run, reference(count), calls=100, rounds=60)
        mode = " (hedge)" if count > 3 else ""
        name = f"evaluate, {count} position{'s' if count > 1 else ''}{mode}"
        rows.append(
            (
                name,
                f"{1 / engine:,.0f} calls/s",
                f"{1 / yardstick:,.0f} loops/s",
                engine / yardstick,
            )
        )
    return rows


def sweep_row() -> tuple[str, str, str, float]:
    chosen = make_account(2)
    prices = [Decimal(30000 + 80 * k) for k in range(500)]
    run = lambda: sweep(chosen, market="BTC-PERP", prices=prices)  # noqa: E731
    engine, yardstick = paired(run, reference(500 * 2), calls=1, rounds=30)
    name = "sweep, 500 points, 2 positions"
    return name, f"{engine * 1000:.1f} ms", f"{yardstick * 1000:.2f} ms", engine / yardstick


def replay_row(count: int, *, one_per_step: bool) -> tuple[str, str, str, float]:
    chosen = make_account(count)
    path = make_path(STEPS, MARKETS[:3], one_per_step=one_per_step)
    run = lambda: replay(chosen, path=path, liquidation_fee_rate=Decimal("0.005"))  # noqa: E731
    engine, yardstick = paired(run, reference(STEPS * count), calls=1, rounds=10)
    moves = "one market a step" if one_per_step else "every market every step"
    mode = "hedge" if count > 3 else "one-way"
    name = f"replay, {STEPS:,} steps × {count} positions ({mode}), {moves}"
    return name, f"{engine * 1000:.0f} ms", f"{yardstick * 1000:.1f} ms", engine / yardstick


def long_replay_row() -> tuple[str, str, str, float]:
    """The issue's target: 10,000 steps × 10 positions, funding and fees included."""
    chosen = make_account(10, markets=5)
    path = make_path(LONG_STEPS, MARKETS, one_per_step=False)

    def run() -> object:
        return replay(
            chosen,
            path=path,
            liquidation_fee_rate=None,
            funding_rates={},
            hours_per_step=Decimal("0.25"),
        )

    engine, yardstick = paired(run, reference(LONG_STEPS * 10), calls=1, rounds=5)
    name = f"replay, {LONG_STEPS:,} steps × 10 positions (hedge), funding every 8 h, fees"
    return name, f"{engine * 1000:.0f} ms", f"{yardstick * 1000:.1f} ms", engine / yardstick


def main() -> None:
    rows = [
        *evaluate_rows(),
        sweep_row(),
        replay_row(3, one_per_step=False),
        replay_row(6, one_per_step=False),
        replay_row(6, one_per_step=True),
        long_replay_row(),
    ]
    header = ("benchmark", "engine", "reference", "engine / reference")
    widths = [max(len(row[i]) for row in [*rows, header]) for i in range(3)]
    print("Reference: the same count of Decimal multiply-adds in a bare loop.\n")
    for name, engine, yardstick, ratio in [header, *rows]:
        times = ratio if isinstance(ratio, str) else f"{ratio:.0f}×"
        print(f"{name:<{widths[0]}}  {engine:>{widths[1]}}  {yardstick:>{widths[2]}}  {times:>18}")


if __name__ == "__main__":
    main()
