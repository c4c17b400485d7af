"""A replay's running books: the open positions, the wallet, and what each step does to them.

Checking every position at every step is the replay's hot path, so each open position keeps
the straight line its equity follows inside its current bracket,

    uPnL − requirement = n·(s − rate − reserve) + (amount − s·q·E),   n = q·M the notional,

and a step costs one multiply and one multiply-add per position that moved, and a sum over
the cross positions. Only when a line comes within GUARD of zero is the position checked
exactly, with the same figures `evaluate` uses, so an event happens at exactly the step
where `evaluate` would first say `liquidated`.

Order within a step: the marks move; funding falls due; named positions are
auto-deleveraged; isolated positions are liquidated; then the cross account.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal, localcontext

from .account import CrossTotals, cross_totals
from .decimals import EXACT, ZERO, exact_sum, trimmed
from .errors import MarginError
from .events import EventKind, LiquidationEvent
from .funding import payment
from .models import Account
from .paths import Move
from .positions import Marked, Terms, at_mark, requirement, resized

_INFINITY = Decimal("Infinity")
# Far below a cent, far above the rounding of 40 significant digits on any figure the engine
# accepts.
GUARD = Decimal("1e-9")


@dataclass(frozen=True)
class Rules:
    """How the replay charges and liquidates; see `simulation.replay`."""

    liquidation_fees: dict[str, Decimal]  # by market
    funding: dict[str, tuple[Decimal, Decimal]]  # by market: (rate, interval hours)
    insurance_fund: Decimal | None  # the fund's balance at the start; None never runs out
    partial_liquidation: bool


class Book:
    def __init__(
        self, account: Account, terms: Sequence[Terms], rules: Rules, *, clock: Decimal = ZERO
    ):
        """`clock`: the hours already played, for a book resumed part-way along a path (the
        practice account's); funding next falls due at the first interval after it."""
        self.rules = rules
        self.terms = list(terms)
        self.open = list(range(len(terms)))
        self.wallet = Decimal(account.wallet_balance)
        self.marks: dict[str, Decimal] = {}
        for term, position in zip(terms, account.positions, strict=True):
            self.marks.setdefault(term.market.symbol, Decimal(position.mark))
        self.realized_pnl = self.fees = self.insurance_fund = ZERO
        self.funding = self.deleveraged = ZERO
        self.fund_balance = rules.insurance_fund
        self.events: list[LiquidationEvent] = []
        self.due = {
            symbol: (clock // interval + 1) * interval
            for symbol, (_, interval) in rules.funding.items()
        }
        self.next_due = min(self.due.values(), default=_INFINITY)
        count = len(terms)
        self.slope, self.offset = [ZERO] * count, [ZERO] * count
        self.low, self.high, self.equity = [ZERO] * count, [ZERO] * count, [ZERO] * count
        self._regroup()
        for index in self.open:
            self._remark(index)

    # The hot path ---------------------------------------------------------------------

    def advance(self, step: int, move: Move) -> list[LiquidationEvent]:
        self.marks = {**self.marks, **move.marks}
        sizes, low, high, slope, offset, equity = (
            self.sizes,
            self.low,
            self.high,
            self.slope,
            self.offset,
            self.equity,
        )
        isolated, margins, near = self.isolated, self.margins, []
        for symbol, mark in move.marks.items():
            for index in self.by_market.get(symbol, ()):
                notional = sizes[index] * mark
                if not low[index] <= notional < high[index]:
                    self._rebracket(index, notional)
                value = equity[index] = notional * slope[index] + offset[index]
                if isolated[index] and margins[index] + value <= GUARD:
                    near.append(index)
        events: list[LiquidationEvent] = []
        if move.hours is not None and move.hours >= self.next_due:
            events += self._fund(step, move)
        if move.deleverage:
            events += self._deleverage(step, move)
        if step == 0 or events:  # margins changed (new lists), or nothing was checked yet
            margins = self.margins
            near = [i for i in self.open if self.isolated[i] and margins[i] + equity[i] <= GUARD]
        for index in near:
            if index in self.open and self._isolated_fails(index):
                events += self._liquidate_isolated(step, index, move)
        if self.cross:
            total = sum(map(equity.__getitem__, self.cross), self.cross_wallet)
            if total <= GUARD and self._cross_totals().liquidated:
                events += self._liquidate_cross(step, move)
        return events

    # Per-position lines -----------------------------------------------------------------

    def _remark(self, index: int) -> None:
        notional = self.terms[index].size * self.marks[self.terms[index].market.symbol]
        self._rebracket(index, notional)
        self.equity[index] = notional * self.slope[index] + self.offset[index]

    def _rebracket(self, index: int, notional: Decimal) -> None:
        term = self.terms[index]
        brackets = term.brackets
        at = term.market.tier_index(notional) if len(brackets) > 1 else 0
        bracket = brackets[at]
        self.low[index] = bracket.floor if at else -_INFINITY
        self.high[index] = _INFINITY if bracket.cap is None else bracket.cap
        self.slope[index] = term.sign - bracket.maintenance_margin_rate - term.reserve
        self.offset[index] = bracket.maintenance_amount - term.signed_notional

    def _regroup(self) -> None:
        """Rebuild the lookups after positions open, close or change."""
        terms = self.terms
        self.sizes = [term.size for term in terms]
        self.isolated = [term.isolated for term in terms]
        self.margins = [term.margin for term in terms]
        self.by_market: dict[str, list[int]] = {}
        for index in self.open:
            self.by_market.setdefault(terms[index].market.symbol, []).append(index)
        self.cross = [index for index in self.open if not terms[index].isolated]
        isolated = [terms[index].margin for index in self.open if terms[index].isolated]
        self.cross_wallet = EXACT.subtract(self.wallet, exact_sum(isolated))
        self.snapshot = tuple(terms[index] for index in self.open)

    # Exact checks -------------------------------------------------------------------------

    def figures(self, index: int) -> Marked:
        term = self.terms[index]
        return at_mark(term, self.marks[term.market.symbol])

    def _isolated_fails(self, index: int) -> bool:
        term, figures = self.terms[index], self.figures(index)
        return term.margin + figures.unrealized_pnl <= requirement(term, figures)

    def _cross_totals(self) -> CrossTotals:
        marked = [self.figures(index) for index in self.open]
        return cross_totals(wallet=self.wallet, terms=self.snapshot, marked=marked)

    # Funding and auto-deleveraging ----------------------------------------------------------

    def _fund(self, step: int, move: Move) -> list[LiquidationEvent]:
        events = []
        for symbol, (rate, interval) in self.rules.funding.items():
            while move.hours >= self.due[symbol]:
                for index in self.by_market.get(symbol, ()):
                    events.append(self._pay_funding(step, index, rate, move))
                self.due[symbol] += interval
        self.next_due = min(self.due.values())
        if events:
            self._regroup()
        return events

    def _pay_funding(self, step: int, index: int, rate: Decimal, move: Move) -> LiquidationEvent:
        term = self.terms[index]
        mark = self.marks[term.market.symbol]
        paid = payment(sign=term.sign, size=term.size, mark=mark, rate=rate)
        with localcontext(EXACT):
            # Exact sums; trailing zeros are trimmed once, at the end of the replay.
            self.wallet -= paid
            self.funding += paid
            if term.isolated:
                self.terms[index] = replace(term, margin=term.margin - paid)
        return self._event(step, index, mark, move, kind=EventKind.FUNDING, funding=paid)

    def _deleverage(self, step: int, move: Move) -> list[LiquidationEvent]:
        events = []
        for position_id in move.deleverage:
            field = f"path[{step}].deleverage"
            index = next((i for i in self.open if self.terms[i].id == position_id), None)
            if index is None:
                raise MarginError(f"No open position has the id {position_id!r}.", field=field)
            figures = self.figures(index)
            if figures.unrealized_pnl <= 0:
                raise MarginError(
                    f"Auto-deleveraging closes only a profitable position, and {position_id!r} "
                    "is not in profit at this step.",
                    field=field,
                )
            events.append(self._close(step, index, move, kind=EventKind.ADL))
        return events

    # Liquidation ------------------------------------------------------------------------------

    def _liquidate_isolated(self, step: int, index: int, move: Move) -> list[LiquidationEvent]:
        events = []
        term, figures = self.terms[index], self.figures(index)
        # Past bankruptcy there is nothing a cut could save: the position is closed at once.
        solvent = term.margin + figures.unrealized_pnl > 0
        if self.rules.partial_liquidation and solvent:
            while (reduced := self._reduce(step, index, move)) is not None:
                events.append(reduced)
                if not self._isolated_fails(index):
                    return events
        term, figures = self.terms[index], self.figures(index)
        left = EXACT.add(term.margin, figures.unrealized_pnl)
        events.append(self._close(step, index, move, loss=term.margin, fee_cap=left))
        return events

    def _liquidate_cross(self, step: int, move: Move) -> list[LiquidationEvent]:
        events = []
        solvent = self._cross_totals().margin_balance > 0
        if self.rules.partial_liquidation and solvent:
            while reducible := [i for i in self.cross if self._lower_size(i) is not None]:
                largest = max(reducible, key=lambda i: self.figures(i).maintenance_margin)
                events.append(self._reduce(step, largest, move))
                if not self._cross_totals().liquidated:
                    return events
        cross = self._cross_totals()
        indices = list(self.cross)
        shares = cross_shares(cross.wallet, [self.terms[i] for i in indices])
        pnls = [self.figures(i).unrealized_pnl for i in indices]
        left = max(ZERO, exact_sum([cross.wallet, *pnls]))
        for index, share in zip(indices, shares, strict=True):
            events.append(self._close(step, index, move, loss=share, fee_cap=left))
            left = EXACT.subtract(left, events[-1].fee)
        return events

    def _lower_size(self, index: int) -> Decimal | None:
        """The size that brings the notional at the mark just into the bracket below, on the
        market's lot; None when the position is in its lowest bracket already."""
        term, figures = self.terms[index], self.figures(index)
        if not term.tiered or not figures.bracket:
            return None
        lot, mark = term.market.lot_size, figures.mark_price
        floor = term.brackets[figures.bracket].floor
        size = (floor / mark).quantize(lot, rounding=ROUND_DOWN)
        if size * mark >= floor:
            size -= lot
        return size if size > 0 else None

    def _reduce(self, step: int, index: int, move: Move) -> LiquidationEvent | None:
        """Close part of a position so that the rest falls in a lower bracket."""
        size = self._lower_size(index)
        if size is None:
            return None
        term, figures = self.terms[index], self.figures(index)
        closed = EXACT.subtract(term.size, size)
        pnl = term.sign * closed * (figures.mark_price - term.entry_price)
        if term.isolated:
            equity = term.margin + figures.unrealized_pnl
        else:
            equity = self._cross_totals().margin_balance
        fee = min(self._fee_rate(term) * closed * figures.mark_price, max(equity, ZERO))
        with localcontext(EXACT):
            pnl, fee = trimmed(pnl), trimmed(fee)
            self.wallet = trimmed(self.wallet + pnl - fee)
            self.realized_pnl = trimmed(self.realized_pnl + pnl)
            self.fees = trimmed(self.fees + fee)
            margin = trimmed(term.margin + pnl - fee)
        smaller = resized(term, size=size, margin=margin)
        if not term.isolated:  # a cross position's margin is its initial margin
            smaller = replace(smaller, margin=smaller.initial_margin)
        self.terms[index] = smaller
        self._regroup()
        self._remark(index)
        return self._event(
            step,
            index,
            figures.mark_price,
            move,
            kind=EventKind.PARTIAL_LIQUIDATION,
            realized_pnl=pnl,
            fee=fee,
            size=closed,
            remaining=size,
        )

    def _fee_rate(self, term: Terms) -> Decimal:
        return self.rules.liquidation_fees.get(term.market.symbol, ZERO)

    def _close(
        self,
        step: int,
        index: int,
        move: Move,
        *,
        loss: Decimal = ZERO,
        fee_cap: Decimal = ZERO,
        kind: EventKind = EventKind.LIQUIDATION,
    ) -> LiquidationEvent:
        """Close a position at its mark. In a liquidation the trader gives up `loss` and the
        insurance fund gets what is left after the fee, or covers what is missing; an ADL
        closes a profitable position with no fee and nothing for the fund."""
        term, figures = self.terms[index], self.figures(index)
        pnl = figures.unrealized_pnl
        with localcontext(EXACT):
            if kind is EventKind.ADL:
                fee = insurance = deleveraged = ZERO
            else:
                fee = trimmed(min(self._fee_rate(term) * figures.notional, max(fee_cap, ZERO)))
                insurance, deleveraged = self._cover(trimmed(loss + pnl - fee))
            # What the fund and the deleveraged traders cover is not the trader's loss.
            self.wallet = trimmed(self.wallet + pnl - fee - insurance + deleveraged)
            self.realized_pnl = trimmed(self.realized_pnl + pnl)
            self.fees = trimmed(self.fees + fee)
            self.insurance_fund = trimmed(self.insurance_fund + insurance)
            self.deleveraged = trimmed(self.deleveraged + deleveraged)
        self.open.remove(index)
        self._regroup()
        return self._event(
            step,
            index,
            figures.mark_price,
            move,
            kind=kind,
            realized_pnl=pnl,
            loss=loss,
            insurance=insurance,
            fee=fee,
            size=term.size,
            deleveraged=deleveraged,
        )

    def _cover(self, left: Decimal) -> tuple[Decimal, Decimal]:
        """(paid into the fund, passed to auto-deleveraging) for what is left after the fee;
        a negative amount is a loss past bankruptcy the fund pays, as far as it can."""
        if self.fund_balance is None:
            return left, ZERO
        paid = left if left >= 0 else -min(-left, max(self.fund_balance, ZERO))
        self.fund_balance = trimmed(self.fund_balance + paid)
        return paid, trimmed(paid - left)

    def _event(
        self,
        step: int,
        index: int,
        mark: Decimal,
        move: Move,
        *,
        kind: EventKind,
        realized_pnl: Decimal = ZERO,
        loss: Decimal = ZERO,
        insurance: Decimal = ZERO,
        fee: Decimal = ZERO,
        size: Decimal = ZERO,
        remaining: Decimal | None = None,
        funding: Decimal = ZERO,
        deleveraged: Decimal = ZERO,
    ) -> LiquidationEvent:
        term = self.terms[index]
        quote = move.quotes.get(term.market.symbol)
        left = term.size if remaining is None and kind is EventKind.FUNDING else remaining
        event = LiquidationEvent(
            step=step,
            position_id=term.id,
            position_index=index,
            market=term.market.symbol,
            margin_mode=term.margin_mode,
            mark_price=mark,
            realized_pnl=realized_pnl,
            loss=loss,
            insurance_fund=insurance,
            fee=fee,
            kind=kind,
            size=size,
            remaining_size=ZERO if left is None else left,
            last_price=None if quote is None else quote.last,
            index_price=None if quote is None else quote.index,
            hours=move.hours,
            funding=funding,
            deleveraged=deleveraged,
            insurance_fund_balance=self.fund_balance,
        )
        self.events.append(event)
        return event


def cross_shares(cross_wallet: Decimal, terms: Sequence[Terms]) -> list[Decimal]:
    """Each cross position's share of the cross wallet, by initial margin; they sum to it
    exactly (0 for isolated ones)."""
    cross = [index for index, term in enumerate(terms) if not term.isolated]
    shares = [ZERO] * len(terms)
    if not cross:
        return shares
    total = exact_sum(terms[index].initial_margin for index in cross)
    for index in cross[:-1]:
        shares[index] = cross_wallet * terms[index].initial_margin / total
    shares[cross[-1]] = EXACT.subtract(cross_wallet, exact_sum(shares))
    return shares
