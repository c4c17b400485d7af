"""Figures the practice desk shows beyond `evaluate`'s, each with its show-the-math.

- Margin balance = wallet balance + Σ uPnL of every position (the account's equity, as
  exchanges word it).
- A position's margin ratio: a cross position shows the account's (Σ cross MM / cross
  margin balance); an isolated one its own, MM / (margin + uPnL), None when that equity is
  zero or below. At 1 (100 %) the position is liquidated.
"""

from collections.abc import Mapping
from decimal import Decimal

from ..decimals import in_context, operand, plain, series
from ..derivation import explain
from ..models import MarginMode
from ..results import AccountResult, Derivation, PositionResult
from .orders import position_index
from .state import Practice


@in_context
def margin_balance(result: AccountResult) -> Decimal:
    return result.wallet_balance + result.unrealized_pnl


def margin_ratio(result: AccountResult, position: PositionResult) -> Decimal | None:
    if position.margin_mode == MarginMode.CROSS:
        return result.margin_ratio
    equity = position.margin + position.unrealized_pnl
    return position.maintenance_margin / equity if equity > 0 else None


@in_context
def margin_ratios(p: Practice) -> Mapping[str, Decimal | None]:
    """Every open position's margin ratio, by id."""
    result = p.evaluate()
    return {position.id: margin_ratio(result, position) for position in result.positions}


@in_context
def explain_account(p: Practice) -> tuple[Derivation, ...]:
    result = p.evaluate()
    pnls = series(position.unrealized_pnl for position in result.positions)
    return (
        Derivation(
            name="margin_balance",
            label="Margin balance",
            words="the wallet plus the unrealised PnL of every open position",
            formula="margin balance = wallet + Σ uPnL",
            substituted=f"margin balance = {plain(result.wallet_balance)} + {pnls}",
            value=margin_balance(result),
        ),
    )


@in_context
def explain_position(p: Practice, position_id: str) -> tuple[Derivation, ...]:
    """`engine.explain` for the position, with its own margin ratio when it is isolated."""
    index = position_index(p, position_id)
    found = explain(p.account, index)
    position = p.evaluate().positions[index]
    if position.margin_mode == MarginMode.CROSS:
        return found
    words = (
        "the share of the position's own equity (its margin plus uPnL) the maintenance "
        "margin takes; at 1 (100 %) it is liquidated"
    )
    if (ratio := margin_ratio(p.evaluate(), position)) is None:
        words += "; undefined here: the margin plus uPnL is 0 or below"
    mm, margin = operand(position.maintenance_margin), plain(position.margin)
    own = Derivation(
        name="position_margin_ratio",
        label="Margin ratio",
        words=words,
        formula="margin ratio = MM / (margin + uPnL)",
        substituted=f"margin ratio = {mm} / ({margin} + {operand(position.unrealized_pnl)})",
        value=ratio,
    )
    return (*found, own)
