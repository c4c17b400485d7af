"""Funding drift: the account over many funding times at steady marks.

Nothing moves but funding. At each funding time every position pays s·q·M·rate at its own
mark (`funding.payment`; positive: it pays, so with a positive rate longs pay shorts). A
cross position pays from the wallet. An isolated one pays from its allocated margin, and
since the wallet includes isolated margins the wallet falls by the same amount: the cross
wallet is untouched. So funding paid walks an isolated liquidation price towards the mark,
and a cross one towards the mark of every cross position; funding received walks it away.

Schedule: a market pays at every multiple of its own `funding.interval_hours`, counted from
the account as given (hour 0). Point k is the k-th funding time of any market held, and at
it only the markets due then pay (the others' payments are 0). With every market on the
default 8 hours, point k is k × 8 hours and every position pays at every point.

Rates: each market's default `funding.rate`, unless `rates` gives one for its symbol; the
same rate at every funding time.

Liquidation ends the drift: the last point returned is the first at which a position is
liquidated. Either `evaluate` reports it liquidated (margin + uPnL ≤ maintenance margin), or
the payments due would leave an isolated margin at zero or below, or the cross wallet below
zero (a profitable position's uPnL can keep it above maintenance while funding drains what
backs it). In that second case the point's payments, cumulative funding and wallet include
what fell due, and its `state` is the account just before that funding time, the positions
that could not pay marked liquidated: an account cannot be evaluated with nothing behind a
position. A trader would expect the exchange to close such a position rather than carry it.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from .account import evaluate
from .decimals import EXACT, ZERO, exact_sum, in_context, plain
from .errors import MarginError
from .funding import payment
from .markets import get_market
from .models import Account, MarginMode, Position, Side
from .results import AccountResult
from .validation import number

# A year of funding at the usual 8-hour interval: 365 × 3.
MAX_INTERVALS = 1_095
MAX_RATE = Decimal("0.05")


@dataclass(frozen=True)
class DriftPoint:
    # 0 for the account as given, then one per funding time.
    interval: int
    hours: Decimal
    # Per position, in the account's order: paid at this funding time (negative: received).
    payments: tuple[Decimal, ...]
    # Per position: everything paid since hour 0.
    funding_paid: tuple[Decimal, ...]
    wallet_balance: Decimal
    state: AccountResult


@in_context
def funding_drift(
    account: Account, *, intervals: int, rates: Mapping[str, Decimal] | None = None
) -> tuple[DriftPoint, ...]:
    count = _checked_intervals(intervals)
    given = _checked_rates(rates)
    state = evaluate(account)
    zeros = (ZERO,) * len(account.positions)
    points = [DriftPoint(0, ZERO, zeros, zeros, state.wallet_balance, state)]
    schedule = _schedule({position.market for position in account.positions})
    for interval in range(1, count + 1):
        if _liquidated(points[-1].state):
            break
        hours, due = next(schedule)
        payments = tuple(
            _payment(position, given) if position.market in due else ZERO
            for position in account.positions
        )
        account, point = _pay(account, points[-1], payments, interval=interval, hours=hours)
        points.append(point)
    return tuple(points)


def _pay(
    account: Account,
    before: DriftPoint,
    payments: tuple[Decimal, ...],
    *,
    interval: int,
    hours: Decimal,
) -> tuple[Account, DriftPoint]:
    """The account after the payments, and its point."""
    wallet = EXACT.subtract(before.wallet_balance, exact_sum(payments))
    paid = tuple(EXACT.add(a, b) for a, b in zip(before.funding_paid, payments, strict=True))
    positions, unpaid = [], []
    for index, (position, figures, due) in enumerate(
        zip(account.positions, before.state.positions, payments, strict=True)
    ):
        if position.margin_mode == MarginMode.ISOLATED:
            margin = EXACT.subtract(figures.margin, due)
            position = replace(position, isolated_margin=margin)
            if margin <= 0:
                unpaid.append(index)
        positions.append(position)
    after = replace(account, wallet_balance=wallet, positions=tuple(positions))
    if _cross_wallet(after) < 0:
        unpaid += [i for i, p in enumerate(positions) if p.margin_mode == MarginMode.CROSS]
    state = _closed(before.state, unpaid) if unpaid else evaluate(after)
    return after, DriftPoint(interval, hours, payments, paid, wallet, state)


def _closed(state: AccountResult, indices: list[int]) -> AccountResult:
    positions = tuple(
        replace(result, liquidated=True) if index in indices else result
        for index, result in enumerate(state.positions)
    )
    return replace(state, positions=positions)


def _cross_wallet(account: Account) -> Decimal:
    isolated = [p.isolated_margin for p in account.positions if p.isolated_margin is not None]
    return EXACT.subtract(account.wallet_balance, exact_sum(isolated))


def _liquidated(state: AccountResult) -> bool:
    return any(result.liquidated for result in state.positions)


def _payment(position: Position, rates: Mapping[str, Decimal]) -> Decimal:
    funding = get_market(position.market).funding
    return payment(
        sign=Side(position.side).sign,
        size=Decimal(position.size),
        mark=Decimal(position.mark),
        rate=rates.get(position.market, funding.rate),
    )


def _schedule(symbols: set[str]) -> Iterator[tuple[Decimal, frozenset[str]]]:
    """Every funding time after hour 0, in order, with the markets that pay then."""
    every = {symbol: get_market(symbol).funding.interval_hours for symbol in symbols}
    upcoming = dict(every)
    while True:
        hours = min(upcoming.values())
        due = frozenset(symbol for symbol, at in upcoming.items() if at == hours)
        for symbol in due:
            upcoming[symbol] = EXACT.add(upcoming[symbol], every[symbol])
        yield hours, due


def _checked_intervals(intervals: object) -> int:
    if type(intervals) is not int or not 1 <= intervals <= MAX_INTERVALS:
        raise MarginError(
            f"Intervals must be a whole number from 1 to {MAX_INTERVALS:,} "
            "(a year of 8-hour funding).",
            field="intervals",
        )
    return intervals


def _checked_rates(rates: object) -> dict[str, Decimal]:
    if rates is None:
        return {}
    if not isinstance(rates, Mapping):
        raise MarginError("Rates map market symbols to funding rates.", field="rates")
    checked = {}
    for symbol, rate in rates.items():
        field = f"rates.{symbol}"
        market = get_market(symbol, field=field)
        value = number(rate, field=field, label=f"The {market.symbol} funding rate")
        if abs(value) > MAX_RATE:
            raise MarginError(
                f"The {market.symbol} funding rate must lie between −{plain(MAX_RATE)} and "
                f"{plain(MAX_RATE)} per interval (±5 %).",
                field=field,
            )
        checked[market.symbol] = value
    return checked
