"""Playing a path: each step is one step of `simulation.replay`, on the same Book.

A step, in this order:
1. The marks (and last prices) move to the step's quotes; markets it does not name hold.
2. Resting limit orders the step's last price (its mark when it gives no last) reaches
   fill as makers, at the limit price or at the better price the step gapped to. One the
   account cannot fill (margin and fee not available, or liquidated at once) is cancelled.
3. The Book plays the step exactly as `replay` would: funding at every funding time the
   path's clock passed (the path's funding rates, else the market's, every 8 hours), named
   auto-deleveraging, then isolated and cross liquidations with partial liquidation and
   each market's liquidation fee, against the finite insurance fund (see `state`).
4. A Frame records the step's figures, computed by `evaluate`'s own `assemble`.

Auto-deleveraging of the reader's own positions happens only when a path step names a
market in `PathStep.deleverage` (a practice path names markets, not ids): at that step every
profitable position of the reader's in that market is closed at the mark, as when a
trader on the other side went bankrupt beyond the fund. The reader's own loss past
bankruptcy beyond the fund is reported as passed on to traders on the other side.

`choose_path` rewinds the clock to the start of the path and keeps positions and orders;
it does not move the marks: the first step played moves them to the path's first prices
(the illustrative paths start where a fresh account stands, START_MARKS).

Advancing the same Practice by n steps or by n single steps gives the same result when no
step pauses: a Book resumed from a state (with `clock`) continues as the one before it.
"""

from dataclasses import replace
from decimal import Decimal

from ..account import assemble
from ..book import Book, Rules
from ..decimals import ZERO, in_context, trimmed
from ..errors import MarginError
from ..events import EventKind, LiquidationEvent
from ..markets import get_market
from ..models import Account, Position, PositionMode, Quote
from ..paths import Move
from ..positions import at_mark, terms_of
from .happenings import from_events
from .ledger import booked, happening
from .state import MAX_STEPS, Frame, Happening, Order, Practice, PracticePath
from .trading import fill


def choose_path(p: Practice, path: PracticePath) -> Practice:
    if not isinstance(path, PracticePath):
        raise MarginError("Choose one of the paths, or type your own.", field="path")
    if not 1 <= len(path.steps) <= MAX_STEPS:
        raise MarginError(f"A path has between 1 and {MAX_STEPS} steps.", field="path")
    return replace(p, path=path, step=0, frames=(), hours=ZERO, funding_seen=False, notices=())


@in_context
def advance(p: Practice, steps: int = 1) -> Practice:
    """Play up to `steps` steps, stopping after the first step with a pausing Happening."""
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= MAX_STEPS:
        raise MarginError(f"Play between 1 and {MAX_STEPS} steps.", field="steps")
    if p.path is None:
        raise MarginError("Choose a path to play first.", field="path")
    if p.finished:
        raise MarginError("The path is played to its end; choose one to play again.", field="steps")
    run = _Run(p)
    for _ in range(min(steps, len(p.path.steps) - p.step)):
        if run.play():
            break
    return run.result()


class _Run:
    """The state while steps are played: a Book, rebuilt only when a fill changes the account."""

    def __init__(self, p: Practice):
        self.p, self.path = p, p.path
        self.account, self.orders = p.account, p.orders
        self.marks, self.lasts = dict(p.marks), dict(p.lasts)
        self.step, self.hours, self.fund = p.step, p.hours, p.insurance_fund
        self.next_id, self.funding_seen = p.next_id, p.funding_seen
        self.ledger, self.frames = p.ledger, list(p.frames)
        self.book: Book | None = None

    def play(self) -> bool:
        """One step; whether it paused."""
        index = self.step
        move = self._move(index)
        self.marks.update(move.marks)
        for symbol in move.marks:
            self.lasts[symbol] = move.quotes[symbol].last if symbol in move.quotes else None
        happenings = self._fill_orders(index, move)
        if self.book is None and self.account.positions:
            self.book = self._book()
        if self.book is not None:
            moved = replace_move(move, deleverage=self._deleverage(index))
            events = self.book.advance(index, moved)
            happenings += self._happenings(events)
            self.account = None  # the Book holds the account now
        self.step, self.hours = index + 1, move.hours
        self.frames.append(self._frame(index, move.hours, tuple(happenings)))
        return any(h.pauses for h in happenings)

    # Steps and orders --------------------------------------------------------------------

    def _move(self, index: int) -> Move:
        step = self.path.steps[index]
        marks, quotes = {}, {}
        for symbol, price in step.prices.items():
            if isinstance(price, Quote):
                marks[symbol] = price.mark
                if price.last is not None:
                    quotes[symbol] = price
            else:
                marks[symbol] = price
        hours = step.hours if step.hours is not None else index * self.path.hours_per_step
        return Move(marks, quotes, hours, tuple(step.deleverage))

    def _deleverage(self, index: int) -> tuple[str, ...]:
        markets = self.path.steps[index].deleverage
        if not markets:
            return ()
        # Profitable at the step's marks, where the Book deleverages them (it refuses others).
        return tuple(
            term.id
            for term in self.book.snapshot
            if term.market.symbol in markets
            and at_mark(term, self.marks[term.market.symbol]).unrealized_pnl > 0
        )

    def _fill_orders(self, index: int, move: Move) -> list[Happening]:
        happenings, resting = [], []
        for order in self.orders:
            price = _fill_price(order, move)
            if price is None:
                resting.append(order)
                continue
            happenings.append(self._fill(index, move, order, price))
        self.orders = tuple(resting)
        return happenings

    def _fill(self, index: int, move: Move, order: Order, price: Decimal) -> Happening:
        account = self._synced()
        market = get_market(order.market)
        mark = self.marks[order.market]
        view = self._view(index, move)
        detail = {"limit_price": order.price}
        try:
            done = fill(
                account,
                market=order.market,
                side=order.side,
                size=order.size,
                price=price,
                mark=mark,
                margin_mode=order.margin_mode,
                leverage=order.leverage,
                fee_rate=market.fees.maker,
                new_id=f"p{self.next_id}",
            )
        except MarginError:
            return self._cancelled(index, move, order, account)
        self.account, self.book = done.account, None
        self.ledger = booked(self.ledger, realized_pnl=done.realized_pnl, fees=done.fee)
        self.next_id += 1 if done.opened else 0
        detail |= {"fee": done.fee, "taker": ZERO}
        last = _last(move, order.market)
        return happening(
            view,
            "order_filled",
            done,
            order.market,
            order.margin_mode,
            order.size,
            price,
            detail,
            step=index,
            hours=move.hours,
            last=last,
        )

    def _cancelled(self, index: int, move: Move, order: Order, account: Account) -> Happening:
        needed = order.size * order.price / order.leverage
        available = _available(account, self.marks)
        return Happening(
            kind="order_cancelled",
            step=index,
            hours=move.hours,
            position_id="",
            market=order.market,
            margin_mode=order.margin_mode,
            mark_price=self.marks[order.market],
            last_price=_last(move, order.market),
            size=order.size,
            remaining_size=ZERO,
            amount=order.price,
            detail={
                "needed": needed if needed > available else None,
                "available_balance": available,
            },
            pauses=True,
        )

    def _view(self, index: int, move: Move) -> Practice:
        return replace(self.p, marks=dict(self.marks), step=index, hours=move.hours)

    # The Book ------------------------------------------------------------------------------

    def _book(self) -> Book:
        terms = [terms_of(position) for position in self.account.positions]
        symbols = dict.fromkeys(term.market.symbol for term in terms)
        rates = self.path.funding_rates
        rules = Rules(
            liquidation_fees={s: get_market(s).fees.liquidation for s in symbols},
            funding={
                s: (rates.get(s, get_market(s).funding.rate), get_market(s).funding.interval_hours)
                for s in symbols
            },
            insurance_fund=self.fund,
            partial_liquidation=True,
        )
        book = Book(self.account, terms, rules, clock=self.hours if self.step else ZERO)
        return book

    def _synced(self) -> Account:
        """The account as the Book holds it, marked at the current marks."""
        if (book := self.book) is not None:
            mode = self.p.account.position_mode
            self.account = book_account(book, self.marks, mode)
            # The Book's sums are its own since it was built: they join the ledger now.
            self.ledger = booked(
                self.ledger,
                realized_pnl=book.realized_pnl,
                fees=book.fees,
                funding=book.funding,
                insurance_fund=book.insurance_fund,
                deleveraged=book.deleveraged,
            )
            self.book = None
        return self.account

    def _happenings(self, events: list[LiquidationEvent]) -> list[Happening]:
        book = self.book
        self.fund = book.fund_balance
        happenings = from_events(events, book, seen=self.funding_seen)
        if any(event.kind is EventKind.FUNDING for event in events):
            self.funding_seen = True
        return happenings

    # Frames and the result ---------------------------------------------------------------------

    def _frame(self, index: int, hours: Decimal | None, happenings: tuple) -> Frame:
        if self.book is not None:
            wallet, terms = trimmed(self.book.wallet), self.book.snapshot
        else:
            account = self.account
            wallet, terms = account.wallet_balance, [terms_of(q) for q in account.positions]
        marked = [at_mark(term, self.marks[term.market.symbol]) for term in terms]
        result = assemble(wallet=wallet, terms=terms, marked=marked)
        shown = dict.fromkeys((*self.path.markets, *(t.market.symbol for t in terms)))
        return Frame(
            step=index,
            hours=hours,
            marks={m: self.marks[m] for m in shown},
            lasts={m: self.lasts.get(m) for m in shown},
            liquidation_prices={q.id: q.liquidation_price for q in result.positions},
            wallet_balance=wallet,
            margin_balance=wallet + result.unrealized_pnl,
            happenings=happenings,
        )

    def result(self) -> Practice:
        account = self._synced() if self.book is not None else self.account
        return replace(
            self.p,
            account=account,
            orders=self.orders,
            marks=self.marks,
            lasts=self.lasts,
            step=self.step,
            hours=self.hours,
            frames=tuple(self.frames),
            insurance_fund=self.fund,
            next_id=self.next_id,
            ledger=self.ledger,
            funding_seen=self.funding_seen,
            notices=(),
        )


def replace_move(move: Move, *, deleverage: tuple[str, ...]) -> Move:
    return move._replace(deleverage=deleverage)


def book_account(book: Book, marks: dict[str, Decimal], mode: PositionMode) -> Account:
    """What the Book holds, as an Account that `evaluate` and the operations accept."""
    positions = tuple(
        Position(
            side=term.side,
            size=term.size,
            entry_price=term.entry_price,
            leverage=term.leverage,
            margin_mode=term.margin_mode,
            market=term.market.symbol,
            mark_price=marks[term.market.symbol],
            isolated_margin=term.margin if term.isolated else None,
            id=term.id,
        )
        for term in book.snapshot
    )
    return Account(wallet_balance=trimmed(book.wallet), positions=positions, position_mode=mode)


def _fill_price(order: Order, move: Move) -> Decimal | None:
    """The price a resting order fills at in this step, or None while it keeps resting."""
    if order.market not in move.marks:
        return None
    seen = _last(move, order.market) or move.marks[order.market]
    if order.side.sign > 0:
        return min(order.price, seen) if seen <= order.price else None
    return max(order.price, seen) if seen >= order.price else None


def _last(move: Move, market: str) -> Decimal | None:
    quote = move.quotes.get(market)
    return None if quote is None else quote.last


def _available(account: Account, marks: dict[str, Decimal]) -> Decimal:
    if not account.positions:
        return account.wallet_balance
    terms = [terms_of(position) for position in account.positions]
    marked = [at_mark(term, marks[term.market.symbol]) for term in terms]
    return assemble(wallet=account.wallet_balance, terms=terms, marked=marked).available_balance
