"""Benchmark of the margin engine: `.venv/bin/python bench/engine.py`.

Each figure stands beside a reference timed in the same run: a bare loop doing one Decimal
multiply-add per position per call (or per point, or per step). The ratio, engine time over
reference time, stays roughly the same from one machine to the next. Not part of the tests.
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
    Side,
    evaluate,
    replay,
    sweep,
)

PRICES = {"BTC-PERP": Decimal(50000), "ETH-PERP": Decimal(3000), "SOL-PERP": Decimal(150)}
SIZES = {"BTC-PERP": Decimal("0.01"), "ETH-PERP": Decimal("0.2"), "SOL-PERP": Decimal(4)}
REPEATS = 3


def make_account(count: int) -> Account:
    markets = list(PRICES)
    positions = tuple(
        Position(
            side=Side.LONG if i % 2 == 0 else Side.SHORT,
            size=SIZES[markets[i % 3]] * (1 + i % 5),
            entry_price=PRICES[markets[i % 3]],
            leverage=Decimal(5 + i % 10),
            margin_mode=MarginMode.CROSS if i % 3 == 0 else MarginMode.ISOLATED,
            market=markets[i % 3],
            mark_price=PRICES[markets[i % 3]] * Decimal("1.01"),
            id=f"p{i}",
        )
        for i in range(count)
    )
    return Account(wallet_balance=Decimal(100000), positions=positions)


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


def best_time(run: Callable[[], object], calls: int = 1) -> float:
    """Seconds per call, the best of REPEATS rounds."""
    rounds = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(calls):
            run()
        rounds.append((time.perf_counter() - start) / calls)
    return min(rounds)


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
    for count in (1, 10, 50):
        chosen = make_account(count)
        calls = max(20, 2000 // count)
        engine = best_time(lambda chosen=chosen: evaluate(chosen), calls)
        yardstick = best_time(reference(count), calls)
        name = f"evaluate, {count} position{'s' if count > 1 else ''}"
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
    engine = best_time(lambda: sweep(chosen, market="BTC-PERP", prices=prices))
    yardstick = best_time(reference(500 * 2))
    name = "sweep, 500 points, 2 positions"
    return name, f"{engine * 1000:.1f} ms", f"{yardstick * 1000:.2f} ms", engine / yardstick


def replay_row(*, one_per_step: bool) -> tuple[str, str, str, float]:
    chosen = make_account(10)
    path = make_path(10_000, list(PRICES), one_per_step=one_per_step)
    engine = best_time(lambda: replay(chosen, path=path, liquidation_fee_rate=Decimal("0.005")))
    yardstick = best_time(reference(10_000 * 10))
    moves = "one market a step" if one_per_step else "every market every step"
    name = f"replay, 10,000 steps × 10 positions, {moves}"
    return name, f"{engine * 1000:.0f} ms", f"{yardstick * 1000:.1f} ms", engine / yardstick


def main() -> None:
    rows = [
        *evaluate_rows(),
        sweep_row(),
        replay_row(one_per_step=False),
        replay_row(one_per_step=True),
    ]
    header = ("benchmark", "engine", "reference", "engine / reference")
    widths = [max(len(row[i]) for row in [*rows, header]) for i in range(3)]
    print("Reference: the same count of Decimal multiply-adds in a bare loop.\n")
    for name, engine, yardstick, ratio in [header, *rows]:
        times = ratio if isinstance(ratio, str) else f"{ratio:.0f}×"
        print(f"{name:<{widths[0]}}  {engine:>{widths[1]}}  {yardstick:>{widths[2]}}  {times:>18}")


if __name__ == "__main__":
    main()
