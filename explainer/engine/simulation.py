"""Sweeps (the account across a range of prices) and replays (along a path of prices).

A sweep marks every position of one market at each price, holding the others at their
marks, and applies liquidations to each price on its own, starting from the account given.

A replay walks a path (see `paths`); markets a step does not name keep their mark. At each
step, in this order (see `book` for how it is kept fast):

1. Funding (when `funding_rates` is given): at every funding time the step's clock has
   passed, each position of the market pays s·q·M·rate at the step's mark, from the cross
   wallet or from its isolated margin (see `funding`).
2. Auto-deleveraging: each position the step names is closed at the mark, its profit
   realised, with no fee.
3. Isolated: a position whose margin + uPnL ≤ MM (plus the closing fee when reserved) is
   liquidated. With `partial_liquidation`, a position above its market's first bracket is
   first cut, at the mark, to the largest size on the market's lot whose notional falls in
   the bracket below, a bracket at a time, until what is left is healthy (each cut a
   partial-liquidation event whose PnL and fee stay in the position's margin). Otherwise,
   or when even the lowest bracket fails, it is closed at the mark: its PnL s·q·(M − E) is
   realised, the liquidation fee (rate·q·M, capped at what is left above bankruptcy) is
   charged, and what remains (margin + uPnL − fee) goes to the insurance fund. When that
   is negative (the price went past bankruptcy) the fund pays the gap, as far as its
   balance goes, and the rest is passed to auto-deleveraging of the other side (the
   event's `deleveraged`). The trader loses exactly the allocated margin.
4. Cross: then, if the cross margin balance ≤ Σ cross MM, the cross positions are cut the
   same way (the one with the largest maintenance margin first, until the account is
   healthy), or all closed at their marks; the fees are capped together at the cross
   margin balance, and what is left of it goes to the insurance fund. The cross wallet is
   consumed; isolated margins are untouched.

Books, to the last digit: final wallet = initial wallet + realised PnL − fees − funding −
insurance fund (paid into it; negative when it paid out) + deleveraged (what the fund could
not cover, borne by the auto-deleveraged traders). Cross positions share the cross wallet in
proportion to their initial margins; that share is each one's `loss` in a cross liquidation
and its equity in a sweep.

Each step's full figures (`ReplayStep.state`) are computed when they are first read, from
the positions open and the marks at that step: a long replay costs only its checks.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import cached_property

from .account import CrossTotals, assemble, cross_totals
from .book import Book, Rules, cross_shares
from .decimals import CONTEXT, ZERO, in_context, trimmed
from .errors import MarginError
from .events import LiquidationEvent
from .markets import get_market
from .models import Account, PathStep, Quote
from .paths import Move, checked_path
from .positions import Marked, Terms, at_mark, requirement
from .results import AccountResult
from .validation import (
    checked_terms,
    fee_rates,
    fraction,
    funding_rate,
    non_negative,
    positive,
)


@dataclass(frozen=True)
class SweepPoint:
    price: Decimal
    # Wallet plus the uPnL of the positions that survive, liquidations applied.
    account_value: Decimal
    # Isolated: margin + uPnL. Cross: its share of the cross wallet + uPnL. 0 once liquidated.
    position_equity: tuple[Decimal, ...]
    liquidated: tuple[bool, ...]


@in_context
def sweep(account: Account, *, market: str, prices: Sequence[Decimal]) -> tuple[SweepPoint, ...]:
    terms = checked_terms(account)
    symbol = get_market(market).symbol
    checked = [
        positive(price, field=f"prices[{k}]", label="Price") for k, price in enumerate(prices)
    ]
    wallet = Decimal(account.wallet_balance)
    fixed = [at_mark(t, Decimal(p.mark)) for t, p in zip(terms, account.positions, strict=True)]
    moving = [index for index, term in enumerate(terms) if term.market.symbol == symbol]
    shares = cross_shares(cross_totals(wallet=wallet, terms=terms, marked=fixed).wallet, terms)
    points = []
    for price in checked:
        marked = list(fixed)
        for index in moving:
            marked[index] = at_mark(terms[index], price)
        cross = cross_totals(wallet=wallet, terms=terms, marked=marked)
        points.append(_sweep_point(price, cross, terms, marked, shares))
    return tuple(points)


def _sweep_point(
    price: Decimal,
    cross: CrossTotals,
    terms: Sequence[Terms],
    marked: Sequence[Marked],
    shares: Sequence[Decimal],
) -> SweepPoint:
    value = ZERO if cross.liquidated else cross.margin_balance
    equities, flags = [], []
    for term, figures, share in zip(terms, marked, shares, strict=True):
        if term.isolated:
            equity = term.margin + figures.unrealized_pnl
            liquidated = equity <= requirement(term, figures)
            value += ZERO if liquidated else equity
        else:
            equity, liquidated = share + figures.unrealized_pnl, cross.liquidated
        equities.append(ZERO if liquidated else equity)
        flags.append(liquidated)
    return SweepPoint(price, value, tuple(equities), tuple(flags))


@dataclass(frozen=True)
class ReplayStep:
    step: int
    # Every market's mark after this step: the account's markets and any named so far.
    marks: Mapping[str, Decimal]
    wallet_balance: Decimal
    events: tuple[LiquidationEvent, ...]
    # The hours since the start, when the path has a clock.
    hours: Decimal | None = None
    # The last and index prices the step gave, by market.
    quotes: Mapping[str, Quote] = field(default_factory=dict)
    open_terms: tuple[Terms, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def state(self) -> AccountResult:
        """The account's figures after the step, as `evaluate` would give them."""
        with localcontext(CONTEXT):
            marked = [at_mark(term, self.marks[term.market.symbol]) for term in self.open_terms]
            return assemble(wallet=self.wallet_balance, terms=self.open_terms, marked=marked)


@dataclass(frozen=True)
class Replay:
    steps: tuple[ReplayStep, ...]
    events: tuple[LiquidationEvent, ...]
    final_wallet_balance: Decimal
    realized_pnl: Decimal
    fees: Decimal
    insurance_fund: Decimal
    # Funding paid, net (negative: received).
    funding: Decimal = ZERO
    # Losses past bankruptcy the insurance fund could not cover.
    deleveraged: Decimal = ZERO
    # The fund's balance at the end, when it was given one.
    insurance_fund_balance: Decimal | None = None


@in_context
def replay(
    account: Account,
    *,
    path: Sequence[Mapping[str, Decimal] | PathStep],
    liquidation_fee_rate: Decimal | None = ZERO,
    funding_rates: Mapping[str, Decimal] | None = None,
    funding_interval_hours: Decimal | None = None,
    hours_per_step: Decimal | None = None,
    insurance_fund: Decimal | None = None,
    partial_liquidation: bool = False,
) -> Replay:
    """Walk `path` from the account given.

    liquidation_fee_rate: one rate for every market; None takes each market's own (or the
    account's `fee_rates`). funding_rates: None charges no funding; a mapping charges every
    market the account holds, at its rate there or the market's default, every
    `funding_interval_hours` (None: the market's, 8 h). hours_per_step: the clock of steps
    that do not give their own hours. insurance_fund: the fund's balance at the start; None
    is a fund that never runs out. partial_liquidation: cut large positions into a lower
    bracket before closing them.
    """
    terms = checked_terms(account)
    rules = _rules(
        account,
        terms,
        liquidation_fee_rate=liquidation_fee_rate,
        funding_rates=funding_rates,
        funding_interval_hours=funding_interval_hours,
        insurance_fund=insurance_fund,
        partial_liquidation=partial_liquidation,
    )
    if hours_per_step is not None:
        hours_per_step = positive(hours_per_step, field="hours_per_step")
    moves = checked_path(path, hours_per_step=hours_per_step)
    if rules.funding and any(move.hours is None for move in moves):
        raise MarginError(
            "Funding needs a clock: give hours_per_step, or the hours of every step.",
            field="hours_per_step",
        )
    if rules.funding and moves:
        _check_funding_count(rules, terms, path, moves)
    book = Book(account, terms, rules)
    steps = []
    for step, move in enumerate(moves):
        events = tuple(book.advance(step, move))
        steps.append(
            ReplayStep(
                step, book.marks, book.wallet, events, move.hours, move.quotes, book.snapshot
            )
        )
    return Replay(
        steps=tuple(steps),
        events=tuple(book.events),
        final_wallet_balance=trimmed(book.wallet),
        realized_pnl=book.realized_pnl,
        fees=book.fees,
        insurance_fund=book.insurance_fund,
        funding=trimmed(book.funding),
        deleveraged=book.deleveraged,
        insurance_fund_balance=book.fund_balance,
    )


# Each funding time pays every position in the market: the work grows with the clock, not with
# the path, so it is bounded on its own.
MAX_FUNDING_PAYMENTS = 10_000


def _check_funding_count(
    rules: Rules, terms: Sequence[Terms], path: Sequence[object], moves: Sequence[Move]
) -> None:
    end = moves[-1].hours
    held = Counter(term.market.symbol for term in terms)
    payments = sum(int(end / interval) * held[s] for s, (_, interval) in rules.funding.items())
    if payments > MAX_FUNDING_PAYMENTS:
        own = isinstance(path[-1], PathStep) and path[-1].hours is not None
        raise MarginError(
            f"The path's clock reaches {end:,f} hours: that is {payments:,} funding payments "
            f"(each position at each funding time), and a replay makes at most "
            f"{MAX_FUNDING_PAYMENTS:,}. Shorten the clock or lengthen funding_interval_hours.",
            field=f"path[{len(moves) - 1}].hours" if own else "hours_per_step",
        )


def _rules(
    account: Account,
    terms: Sequence[Terms],
    *,
    liquidation_fee_rate: Decimal | None,
    funding_rates: Mapping[str, Decimal] | None,
    funding_interval_hours: Decimal | None,
    insurance_fund: Decimal | None,
    partial_liquidation: bool,
) -> Rules:
    symbols = list(dict.fromkeys(term.market.symbol for term in terms))
    if liquidation_fee_rate is None:
        fees = {symbol: fee_rates(account, symbol).liquidation for symbol in symbols}
    else:
        rate = fraction(liquidation_fee_rate, field="liquidation_fee_rate")
        fees = dict.fromkeys(symbols, rate)
    funding = {}
    if funding_rates is not None:
        funding = _funding(symbols, funding_rates, funding_interval_hours)
    if insurance_fund is not None:
        insurance_fund = non_negative(insurance_fund, field="insurance_fund")
    if not isinstance(partial_liquidation, bool):
        raise MarginError("Partial liquidation is true or false.", field="partial_liquidation")
    return Rules(
        liquidation_fees=fees,
        funding=funding,
        insurance_fund=insurance_fund,
        partial_liquidation=partial_liquidation,
    )


def _funding(
    symbols: Sequence[str], rates: Mapping[str, Decimal], interval: Decimal | None
) -> dict[str, tuple[Decimal, Decimal]]:
    if not isinstance(rates, Mapping):
        raise MarginError("Funding rates map market symbols to rates.", field="funding_rates")
    for symbol in rates:
        get_market(symbol, field="funding_rates")
    if interval is not None:
        interval = positive(interval, field="funding_interval_hours")
    funding = {}
    for symbol in symbols:
        market = get_market(symbol)
        rate = funding_rate(
            rates.get(symbol, market.funding.rate),
            field=f"funding_rates.{symbol}",
            label=f"The {symbol} funding rate",
        )
        funding[symbol] = (rate, interval or market.funding.interval_hours)
    return funding
