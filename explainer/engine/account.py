"""Evaluate an account: every position's figures and the cross-margin totals."""

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from .adl import adl_score
from .decimals import EXACT, ZERO, exact_sum, in_context
from .liquidation import Prices, group_prices
from .markets import get_market
from .models import Account
from .positions import Marked, Terms, at_mark, requirement
from .results import AccountResult, PositionResult
from .validation import checked_terms, positive


class CrossTotals(NamedTuple):
    wallet: Decimal
    unrealized_pnl: Decimal
    maintenance_margin: Decimal
    # What liquidation is measured against: the maintenance margin, plus the closing fees
    # when they are reserved.
    requirement: Decimal
    initial_margin: Decimal
    margin_balance: Decimal
    has_positions: bool
    liquidated: bool


@in_context
def evaluate(account: Account) -> AccountResult:
    terms = checked_terms(account)
    marked = [
        at_mark(term, Decimal(position.mark))
        for term, position in zip(terms, account.positions, strict=True)
    ]
    return assemble(wallet=Decimal(account.wallet_balance), terms=terms, marked=marked)


@in_context
def evaluate_at_marks(
    account: Account, *, market: str, prices: Sequence[Decimal]
) -> tuple[AccountResult, ...]:
    """`evaluate` with every position in `market` marked at each price in turn, the others held
    at their own marks. The account is validated once, which is what makes a chart's hundreds
    of points cheap."""
    terms = checked_terms(account)
    get_market(market, field="market")
    marks = [positive(price, field=f"prices[{index}]") for index, price in enumerate(prices)]
    wallet = Decimal(account.wallet_balance)
    held = [
        None if term.market.symbol == market else at_mark(term, Decimal(position.mark))
        for term, position in zip(terms, account.positions, strict=True)
    ]
    grouped = groups(terms)
    return tuple(
        assemble(
            wallet=wallet,
            terms=terms,
            marked=[
                figures or at_mark(term, mark) for term, figures in zip(terms, held, strict=True)
            ],
            grouped=grouped,
        )
        for mark in marks
    )


def assemble(
    *,
    wallet: Decimal,
    terms: Sequence[Terms],
    marked: Sequence[Marked],
    grouped: Sequence[Sequence[int]] | None = None,
) -> AccountResult:
    """Build the result from positions already marked (runs inside the engine's context).
    `grouped` is `groups(terms)`, passed in by callers that assemble many times."""
    cross = cross_totals(wallet=wallet, terms=terms, marked=marked)
    prices = position_prices(terms, marked, cross, grouped or groups(terms))
    positions = tuple(
        position_result(term, figures, cross, price)
        for term, figures, price in zip(terms, marked, prices, strict=True)
    )
    return account_result(wallet=wallet, cross=cross, marked=marked, positions=positions)


def account_result(
    *,
    wallet: Decimal,
    cross: CrossTotals,
    marked: Sequence[Marked],
    positions: tuple[PositionResult, ...],
) -> AccountResult:
    balance = cross.margin_balance
    ratio = None
    if cross.has_positions and balance > 0:
        ratio = cross.maintenance_margin / balance
    return AccountResult(
        wallet_balance=wallet,
        cross_wallet_balance=cross.wallet,
        cross_margin_balance=balance,
        cross_maintenance_margin=cross.maintenance_margin,
        margin_ratio=ratio,
        available_balance=max(ZERO, balance - cross.initial_margin),
        unrealized_pnl=sum((figures.unrealized_pnl for figures in marked), ZERO),
        positions=positions,
    )


def cross_totals(
    *, wallet: Decimal, terms: Sequence[Terms], marked: Sequence[Marked]
) -> CrossTotals:
    margins = [term.margin for term in terms if term.isolated]
    cross_wallet = EXACT.subtract(wallet, exact_sum(margins)) if margins else wallet
    pnl = maintenance = initial = reserved = ZERO
    for term, figures in zip(terms, marked, strict=True):
        if not term.isolated:
            pnl += figures.unrealized_pnl
            maintenance += figures.maintenance_margin
            initial += term.initial_margin
            if term.reserve:
                reserved += term.reserve * figures.notional
    balance = cross_wallet + pnl
    requirement = maintenance + reserved if reserved else maintenance
    has_positions = len(margins) < len(terms)
    return CrossTotals(
        wallet=cross_wallet,
        unrealized_pnl=pnl,
        maintenance_margin=maintenance,
        requirement=requirement,
        initial_margin=initial,
        margin_balance=balance,
        has_positions=has_positions,
        liquidated=has_positions and balance <= requirement,
    )


def groups(terms: Sequence[Terms]) -> list[tuple[int, ...]]:
    """Positions that move together: each isolated one alone, the cross ones by market."""
    if len(terms) == 1:
        return [(0,)]
    cross = [term.market.symbol for term in terms if not term.isolated]
    if len(set(cross)) == len(cross):  # one-way mode: every position on its own
        return [(index,) for index in range(len(terms))]
    alone, markets = [], {}
    for index, term in enumerate(terms):
        if term.isolated:
            alone.append((index,))
        else:
            markets.setdefault(term.market.symbol, []).append(index)
    return alone + [tuple(indices) for indices in markets.values()]


def collateral(
    group: Sequence[int], terms: Sequence[Terms], marked: Sequence[Marked], cross: CrossTotals
) -> tuple[Decimal, Decimal]:
    """What backs the group: (with maintenance margins, without them).

    Isolated: its margin, twice. Cross: the cross wallet plus the other markets' cross uPnL,
    less their maintenance margin (and reserved closing fees) for the first figure.
    """
    if len(group) == 1:
        (index,) = group
        if terms[index].isolated:
            return terms[index].margin, terms[index].margin
        pnl, required = marked[index].unrealized_pnl, requirement(terms[index], marked[index])
    else:
        pnl = sum(marked[index].unrealized_pnl for index in group)
        required = sum(requirement(terms[index], marked[index]) for index in group)
    backing = cross.wallet + (cross.unrealized_pnl - pnl)
    return backing - (cross.requirement - required), backing


def position_prices(
    terms: Sequence[Terms],
    marked: Sequence[Marked],
    cross: CrossTotals,
    grouped: Sequence[Sequence[int]],
) -> list[Prices]:
    """Every position's liquidation and bankruptcy prices and maximum loss, once per group."""
    prices: list[Prices] = [None] * len(terms)  # type: ignore[list-item]
    for group in grouped:
        held, backing = collateral(group, terms, marked, cross)
        if len(group) == 1:
            (index,) = group
            prices[index] = group_prices(
                (terms[index],), (marked[index],), held=held, backing=backing
            )
            continue
        members = [terms[i] for i in group], [marked[i] for i in group]
        found = group_prices(*members, held=held, backing=backing)
        for index in group:
            prices[index] = found
    return prices


def position_result(
    term: Terms, figures: Marked, cross: CrossTotals, prices: Prices
) -> PositionResult:
    if term.isolated:
        liquidated = term.margin + figures.unrealized_pnl <= requirement(term, figures)
    else:
        liquidated = cross.liquidated
    crossing = prices.liquidation
    return PositionResult(
        id=term.id,
        market=term.market.symbol,
        side=term.side,
        margin_mode=term.margin_mode,
        size=term.size,
        entry_price=term.entry_price,
        mark_price=figures.mark_price,
        leverage=term.leverage,
        notional=figures.notional,
        initial_margin=term.initial_margin,
        margin=term.margin,
        maintenance_margin_rate=figures.rate,
        maintenance_amount=figures.amount,
        maintenance_margin=figures.maintenance_margin,
        unrealized_pnl=figures.unrealized_pnl,
        roe=figures.unrealized_pnl / term.margin,
        liquidation_price=None if crossing is None else crossing.price,
        bankruptcy_price=prices.bankruptcy,
        max_loss=prices.max_loss,
        liquidated=liquidated,
        adl_score=adl_score(term, figures, prices.equity),
    )
