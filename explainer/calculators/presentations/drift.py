"""6. Funding drift: the answer in a sentence, the first day beside the last, a row per day."""

from explainer.engine import MarginMode, liquidation_distance
from explainer.formatting import percent, plain, rate, usdc

from ..display import price
from ..questions.drift import DriftDay, DriftOutcome
from ..tables import Presentation, Row, Table, math_group, trade_words

# A month day by day is a long column of cards on a phone; a row every few days tells the same.
MOST_ROWS = 11


def drift(outcome: DriftOutcome) -> Presentation:
    first, last = outcome.table[0], outcome.table[-1]
    backing = _backing_name(outcome.mode)
    summary = Table(
        caption=f"Day 0 and day {last.day}",
        head=("Figure", "Day 0", f"Day {last.day}"),
        rows=(
            Row("Funding paid so far", (usdc(first.funding_paid), usdc(last.funding_paid))),
            Row(backing, (usdc(first.backing), usdc(last.backing))),
            Row("Liquidation price", (_price(outcome, first), _price(outcome, last)), current=True),
            Row("Distance from the mark", (_distance(first), _distance(last))),
        ),
    )
    days = Table(
        caption="Day by day",
        head=("Day", "Funding paid so far", backing, "Liquidation price", "Distance"),
        rows=tuple(_day_row(outcome, day) for day in _shown(outcome.table)),
        wide=True,
        note=_days_note(outcome),
    )
    math = tuple(math_group(title, derivations) for title, derivations in outcome.derivations)
    return Presentation(_lede(outcome), (summary, days), math)


def _backing_name(mode: MarginMode) -> str:
    return "Margin" if mode is MarginMode.ISOLATED else "Wallet balance"


def _lede(outcome: DriftOutcome) -> str:
    trade, start, last = outcome.trade, outcome.start, outcome.table[-1]
    market, payment = trade.market, outcome.points[1].payments[0]
    every = plain(market.funding.interval_hours)
    held = (
        f"Held at a steady mark of {price(start.mark_price, market)}, this {outcome.mode.value} "
        f"{trade_words(market, trade.side, trade.size)}"
    )
    if not payment:
        return f"{held} neither pays nor receives funding at a rate of 0: nothing moves."
    verb = "pays" if payment > 0 else "receives"
    at = f"{'−' if outcome.rate < 0 else ''}{rate(abs(outcome.rate))}"
    lede = f"{held} {verb} {usdc(abs(payment))} every {every} hours at a rate of {at}."
    if outcome.liquidated_at is not None:
        return (
            f"{lede} Funding alone liquidates it on day {last.day}, once "
            f"{usdc(last.funding_paid)} has gone: by then the liquidation price has reached the "
            "mark."
        )
    if start.liquidation_price is None:
        return f"{lede} No price liquidates it, before or after {outcome.days} days of funding."
    where = "from its margin" if outcome.mode is MarginMode.ISOLATED else "from the balance"
    if payment < 0:
        where = where.replace("from", "into")
    nearer = liquidation_distance(last.position) < liquidation_distance(start)
    return (
        f"{lede} Over {last.day} days that is {usdc(abs(last.funding_paid))} {where}, and the "
        f"liquidation price moves from {price(start.liquidation_price, market)} to "
        f"{price(last.position.liquidation_price, market)}, "
        f"{'closer to' if nearer else 'further from'} the mark."
    )


def _price(outcome: DriftOutcome, day: DriftDay) -> str:
    if day.position.liquidated:
        return "liquidated"
    return price(day.position.liquidation_price, outcome.trade.market)


def _distance(day: DriftDay) -> str:
    return "—" if day.position.liquidated else percent(liquidation_distance(day.position))


def _day_row(outcome: DriftOutcome, day: DriftDay) -> Row:
    cells = (usdc(day.funding_paid), usdc(day.backing), _price(outcome, day), _distance(day))
    return Row(f"Day {day.day}", cells, current=day.position.liquidated)


def _shown(days: tuple[DriftDay, ...]) -> tuple[DriftDay, ...]:
    """Every day, or for a long stretch every n-th day and the last one."""
    step = _step(days)
    return tuple(day for index, day in enumerate(days) if index % step == 0 or day is days[-1])


def _step(days: tuple[DriftDay, ...]) -> int:
    return 1 if len(days) <= MOST_ROWS else -(-len(days) // (MOST_ROWS - 1))


def _days_note(outcome: DriftOutcome) -> str:
    notes = [
        f"The mark stays at {price(outcome.start.mark_price, outcome.trade.market)} "
        "throughout: only funding moves the liquidation price."
    ]
    if outcome.points[-1].funding_paid[0] < 0:
        notes.append("A negative amount was received, not paid.")
    step = _step(outcome.table)
    if step > 1:
        notes.append(f"One row every {step} days, and the last day.")
    return " ".join(notes)
