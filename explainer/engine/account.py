"""Evaluate an account: every position's figures and the cross-margin totals."""

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from .decimals import EXACT, ZERO, exact_sum, in_context
from .liquidation import bankruptcy_price, liquidation_price, max_loss
from .markets import get_market
from .models import Account
from .positions import Marked, Terms, at_mark
from .results import AccountResult, PositionResult
from .validation import checked_terms, positive


class CrossTotals(NamedTuple):
    wallet: Decimal
    unrealized_pnl: Decimal
    maintenance_margin: Decimal
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
    return tuple(
        assemble(
            wallet=wallet,
            terms=terms,
            marked=[
                figures or at_mark(term, mark) for term, figures in zip(terms, held, strict=True)
            ],
        )
        for mark in marks
    )


def assemble(*, wallet: Decimal, terms: Sequence[Terms], marked: Sequence[Marked]) -> AccountResult:
    """Build the result from positions already marked (runs inside the engine's context)."""
    cross = cross_totals(wallet=wallet, terms=terms, marked=marked)
    positions = tuple(
        position_result(term, figures, cross) for term, figures in zip(terms, marked, strict=True)
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
    cross_wallet = EXACT.subtract(wallet, exact_sum(t.margin for t in terms if t.isolated))
    pnl = maintenance = initial = ZERO
    for term, figures in zip(terms, marked, strict=True):
        if not term.isolated:
            pnl += figures.unrealized_pnl
            maintenance += figures.maintenance_margin
            initial += term.initial_margin
    balance = cross_wallet + pnl
    has_positions = not all(term.isolated for term in terms)
    return CrossTotals(
        wallet=cross_wallet,
        unrealized_pnl=pnl,
        maintenance_margin=maintenance,
        initial_margin=initial,
        margin_balance=balance,
        has_positions=has_positions,
        liquidated=has_positions and balance <= maintenance,
    )


def collateral(term: Terms, figures: Marked, cross: CrossTotals) -> tuple[Decimal, Decimal]:
    """What backs the position: (with maintenance margins, without them).

    Isolated: its margin, twice. Cross: the cross wallet plus the other cross positions'
    uPnL, less their maintenance margin for the first figure.
    """
    if term.isolated:
        return term.margin, term.margin
    backing = cross.wallet + (cross.unrealized_pnl - figures.unrealized_pnl)
    others_maintenance = cross.maintenance_margin - figures.maintenance_margin
    return backing - others_maintenance, backing


def position_result(term: Terms, figures: Marked, cross: CrossTotals) -> PositionResult:
    liquidation, bankruptcy, loss = _prices(term, figures, cross)
    if term.isolated:
        liquidated = term.margin + figures.unrealized_pnl <= figures.maintenance_margin
    else:
        liquidated = cross.liquidated
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
        liquidation_price=liquidation,
        bankruptcy_price=bankruptcy,
        max_loss=loss,
        liquidated=liquidated,
    )


def _prices(
    term: Terms, figures: Marked, cross: CrossTotals
) -> tuple[Decimal | None, Decimal | None, Decimal]:
    held, backing = collateral(term, figures, cross)
    sign, size, entry = term.sign, term.size, term.entry_price
    liquidation = liquidation_price(
        sign=sign, size=size, entry=entry, collateral=held, rate=figures.rate, amount=figures.amount
    )
    bankruptcy = bankruptcy_price(sign=sign, size=size, entry=entry, collateral=backing)
    return liquidation, bankruptcy, max_loss(sign=sign, size=size, entry=entry, collateral=backing)
