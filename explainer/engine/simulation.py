"""Sweeps (the account across a range of prices) and replays (along a path of marks).

A sweep marks every position of one market at each price, holding the others at their
marks, and applies liquidations to each price on its own, starting from the account given.

A replay walks a path; each step maps market symbols to marks, and markets not named keep
their mark. Liquidation policy at each step:

1. Isolated: a position whose margin + uPnL ≤ MM is closed at the mark. Its PnL
   s·q·(M − E) is realised, the liquidation fee (rate·q·M, capped at what is left above
   bankruptcy) is charged, and what remains (margin + uPnL − fee; negative when the price
   gapped past bankruptcy, the fund then covering the gap) goes to the insurance fund. The
   trader loses exactly the allocated margin.
2. Cross: then, if the cross margin balance ≤ Σ cross MM, every cross position is closed at
   its mark the same way; the fees are capped together at the cross margin balance and
   what is left of it goes to the insurance fund. The cross wallet is consumed; isolated
   margins are untouched.

Books, to the last digit: final wallet = initial wallet + realised PnL − fees − insurance
fund. Cross positions share the cross wallet in proportion to their initial margins; that
share is each one's `loss` in a cross liquidation and its equity in a sweep.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from .account import (
    CrossTotals,
    account_result,
    collateral,
    cross_totals,
    groups,
    position_result,
)
from .decimals import EXACT, ZERO, exact_sum, in_context, trimmed
from .errors import MarginError
from .liquidation import group_prices
from .markets import get_market
from .models import Account, MarginMode
from .positions import Marked, Terms, at_mark
from .results import AccountResult, PositionResult
from .validation import checked_terms, fraction, positive


@dataclass(frozen=True)
class SweepPoint:
    price: Decimal
    # Wallet plus the uPnL of the positions that survive, liquidations applied.
    account_value: Decimal
    # Isolated: margin + uPnL. Cross: its share of the cross wallet + uPnL. 0 once liquidated.
    position_equity: tuple[Decimal, ...]
    liquidated: tuple[bool, ...]


@dataclass(frozen=True)
class LiquidationEvent:
    step: int
    position_id: str
    position_index: int
    market: str
    margin_mode: MarginMode
    mark_price: Decimal
    realized_pnl: Decimal
    loss: Decimal
    insurance_fund: Decimal
    fee: Decimal


@dataclass(frozen=True)
class ReplayStep:
    step: int
    # Every market's mark after this step: the account's markets and any named so far.
    marks: Mapping[str, Decimal]
    wallet_balance: Decimal
    state: AccountResult
    events: tuple[LiquidationEvent, ...]


@dataclass(frozen=True)
class Replay:
    steps: tuple[ReplayStep, ...]
    events: tuple[LiquidationEvent, ...]
    final_wallet_balance: Decimal
    realized_pnl: Decimal
    fees: Decimal
    insurance_fund: Decimal


def _without(group: tuple[int, ...], index: int) -> tuple[int, ...]:
    return tuple(member for member in group if member != index)


def cross_shares(cross_wallet: Decimal, terms: Sequence[Terms]) -> list[Decimal]:
    """Each position's share of the cross wallet (0 for isolated); the shares sum to it exactly."""
    cross = [index for index, term in enumerate(terms) if not term.isolated]
    shares = [ZERO] * len(terms)
    if not cross:
        return shares
    total = exact_sum(terms[index].initial_margin for index in cross)
    for index in cross[:-1]:
        shares[index] = cross_wallet * terms[index].initial_margin / total
    shares[cross[-1]] = EXACT.subtract(cross_wallet, exact_sum(shares))
    return shares


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
            liquidated = equity <= figures.maintenance_margin
            value += ZERO if liquidated else equity
        else:
            equity, liquidated = share + figures.unrealized_pnl, cross.liquidated
        equities.append(ZERO if liquidated else equity)
        flags.append(liquidated)
    return SweepPoint(price, value, tuple(equities), tuple(flags))


@in_context
def replay(
    account: Account,
    *,
    path: Sequence[Mapping[str, Decimal]],
    liquidation_fee_rate: Decimal = ZERO,
) -> Replay:
    terms = checked_terms(account)
    fee_rate = fraction(liquidation_fee_rate, field="liquidation_fee_rate")
    moves = [_checked_step(step, marks) for step, marks in enumerate(path)]
    book = _Book(account, terms, fee_rate)
    steps = tuple(book.advance(step, marks) for step, marks in enumerate(moves))
    return Replay(
        steps=steps,
        events=tuple(book.events),
        final_wallet_balance=book.wallet,
        realized_pnl=book.realized_pnl,
        fees=book.fees,
        insurance_fund=book.insurance_fund,
    )


def _checked_step(step: int, marks: object) -> dict[str, Decimal]:
    if not isinstance(marks, Mapping):
        raise MarginError("Each step maps market symbols to mark prices.", field=f"path[{step}]")
    checked = {}
    for symbol, mark in marks.items():
        get_market(symbol, field=f"path[{step}]")
        field, label = f"path[{step}].{symbol}", f"The {symbol} mark"
        checked[symbol] = positive(mark, field=field, label=label)
    return checked


class _Book:
    """The replay's running state: which positions are open, their marks, and the books."""

    def __init__(self, account: Account, terms: list[Terms], fee_rate: Decimal):
        self.terms, self.fee_rate = terms, fee_rate
        self.figures = [
            at_mark(term, Decimal(position.mark))
            for term, position in zip(terms, account.positions, strict=True)
        ]
        self.open = list(range(len(terms)))
        self.wallet = Decimal(account.wallet_balance)
        cross = cross_totals(wallet=self.wallet, terms=terms, marked=self.figures)
        self.shares = cross_shares(cross.wallet, terms)
        self.marks: dict[str, Decimal] = {}
        for term, figures in zip(terms, self.figures, strict=True):
            self.marks.setdefault(term.market.symbol, figures.mark_price)
        self.realized_pnl = self.fees = self.insurance_fund = ZERO
        self.events: list[LiquidationEvent] = []
        self.groups = groups(terms)
        self.results: dict[tuple[int, ...], tuple[list, object, tuple[PositionResult, ...]]] = {}

    def advance(self, step: int, moves: dict[str, Decimal]) -> ReplayStep:
        self.marks = {**self.marks, **moves}
        moved = self._move(step, moves)
        events = [self._settle_isolated(step, i) for i in moved if self._isolated_fails(i)]
        cross = self._cross_totals()
        if cross.liquidated:
            events += self._settle_cross(step, cross)
            cross = self._cross_totals()
        return ReplayStep(step, self.marks, self.wallet, self._state(cross), tuple(events))

    def _move(self, step: int, moves: dict[str, Decimal]) -> list[int]:
        """Re-mark the open positions whose market moved; at the first step check them all."""
        moved = [i for i in self.open if step == 0 or self.terms[i].market.symbol in moves]
        for index in moved:
            mark = moves.get(self.terms[index].market.symbol)
            if mark is not None:
                self.figures[index] = at_mark(self.terms[index], mark)
        return moved

    def _isolated_fails(self, index: int) -> bool:
        term, figures = self.terms[index], self.figures[index]
        return term.isolated and term.margin + figures.unrealized_pnl <= figures.maintenance_margin

    def _cross_totals(self) -> CrossTotals:
        terms = [self.terms[i] for i in self.open]
        marked = [self.figures[i] for i in self.open]
        return cross_totals(wallet=self.wallet, terms=terms, marked=marked)

    def _settle_isolated(self, step: int, index: int) -> LiquidationEvent:
        margin = self.terms[index].margin
        left = EXACT.add(margin, self.figures[index].unrealized_pnl)
        return self._settle(step, index, loss=margin, fee_cap=left)

    def _settle_cross(self, step: int, cross: CrossTotals) -> list[LiquidationEvent]:
        indices = [i for i in self.open if not self.terms[i].isolated]
        pnls = [self.figures[i].unrealized_pnl for i in indices]
        left = max(ZERO, exact_sum([cross.wallet, *pnls]))
        events = []
        for index in indices:
            events.append(self._settle(step, index, loss=self.shares[index], fee_cap=left))
            left = EXACT.subtract(left, events[-1].fee)
        return events

    def _state(self, cross: CrossTotals) -> AccountResult:
        results = {}
        for group in self.groups:
            results.update(zip(group, self._results(group, cross), strict=True))
        positions = tuple(results[index] for index in self.open)
        marked = [self.figures[i] for i in self.open]
        return account_result(wallet=self.wallet, cross=cross, marked=marked, positions=positions)

    def _results(self, group: tuple[int, ...], cross: CrossTotals) -> tuple[PositionResult, ...]:
        """A group's results, reused while neither its marks nor (if cross) the totals move."""
        terms, marks = self.terms, [self.figures[i] for i in group]
        totals = None if terms[group[0]].isolated else cross
        cached = self.results.get(group)
        if cached is not None and cached[0] == marks and cached[1] == totals:
            return cached[2]  # lists and tuples compare identical members at once
        held, backing = collateral(group, terms, self.figures, cross)
        members = [terms[i] for i in group]
        prices = group_prices(members, marks, held=held, backing=backing)
        results = tuple(
            position_result(term, marked, cross, prices)
            for term, marked in zip(members, marks, strict=True)
        )
        self.results[group] = (marks, totals, results)
        return results

    def _settle(
        self, step: int, index: int, *, loss: Decimal, fee_cap: Decimal
    ) -> LiquidationEvent:
        """Close a position at its mark; the trader gives up `loss`, the fund gets the rest."""
        term, figures = self.terms[index], self.figures[index]
        pnl = figures.unrealized_pnl
        with localcontext(EXACT):
            fee = trimmed(min(self.fee_rate * figures.notional, max(fee_cap, ZERO)))
            insurance = trimmed(loss + pnl - fee)
            self.wallet = trimmed(self.wallet + pnl - fee - insurance)
            self.realized_pnl = trimmed(self.realized_pnl + pnl)
            self.fees = trimmed(self.fees + fee)
            self.insurance_fund = trimmed(self.insurance_fund + insurance)
        self.open.remove(index)
        self.groups = [kept for group in self.groups if (kept := _without(group, index))]
        event = LiquidationEvent(
            step=step,
            position_id=term.id,
            position_index=index,
            market=term.market.symbol,
            margin_mode=term.margin_mode,
            mark_price=figures.mark_price,
            realized_pnl=pnl,
            loss=loss,
            insurance_fund=insurance,
            fee=fee,
        )
        self.events.append(event)
        return event
