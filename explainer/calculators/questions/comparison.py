"""1. Isolated vs cross, side by side: the same trade in both modes."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from explainer.engine import (
    Account,
    AccountResult,
    Derivation,
    MarginMode,
    PositionResult,
    SweepPoint,
    evaluate,
    explain,
    liquidation_distance,
    sweep,
)

from . import (
    CROSS,
    ISOLATED,
    POSITION_MATH,
    PRECISION,
    Trade,
    distance_math,
    math,
    operand,
    price_grid,
)


@dataclass(frozen=True)
class ModeOutcome:
    mode: MarginMode
    account: AccountResult
    position: PositionResult
    distance: Decimal | None
    left_after_liquidation: Decimal
    what_if: SweepPoint
    curve: tuple[SweepPoint, ...]
    derivations: tuple[Derivation, ...]

    @property
    def liquidated_at_what_if(self) -> bool:
        return self.what_if.liquidated[0]


@dataclass(frozen=True)
class Comparison:
    trade: Trade
    wallet: Decimal
    what_if_price: Decimal
    move: Decimal
    chosen: MarginMode
    isolated: ModeOutcome
    cross: ModeOutcome

    @property
    def modes(self) -> tuple[ModeOutcome, ModeOutcome]:
        return (self.isolated, self.cross)


def compare(
    *, trade: Trade, wallet: Decimal, margin: Decimal, what_if: Decimal, chosen: MarginMode
) -> Comparison:
    accounts = {
        ISOLATED: Account(wallet, (trade.position(ISOLATED, isolated_margin=margin),)),
        CROSS: Account(wallet, (trade.position(CROSS),)),
    }
    results = {mode: evaluate(account) for mode, account in accounts.items()}
    positions = [result.positions[0] for result in results.values()]
    low_end = [trade.entry / 20] if any(p.liquidation_price is None for p in positions) else []
    grid = price_grid(
        [trade.entry, what_if, *low_end, *(p.liquidation_price for p in positions)],
        extra=[*_edges(positions), *(p.bankruptcy_price for p in positions if p.bankruptcy_price)],
    )
    outcomes = {
        mode: _mode_outcome(mode, accounts[mode], results[mode], grid, what_if) for mode in accounts
    }
    with localcontext(prec=PRECISION):
        move = (what_if - trade.entry) / trade.entry
    return Comparison(trade, wallet, what_if, move, chosen, outcomes[ISOLATED], outcomes[CROSS])


def _edges(positions: Iterable[PositionResult]) -> list[Decimal]:
    """A price just on the safe side of each liquidation price, so the chart's drop is sharp."""
    edges = []
    for position in positions:
        if position.liquidation_price is not None:
            nudge = position.liquidation_price * Decimal("0.000001")
            edges.append(position.liquidation_price + position.side.sign * nudge)
    return edges


def _mode_outcome(
    mode: MarginMode, account: Account, result: AccountResult, grid: list[Decimal], what_if: Decimal
) -> ModeOutcome:
    position = result.positions[0]
    symbol = position.market
    marked = replace(account, positions=(replace(account.positions[0], mark_price=what_if),))
    at_what_if = sweep(account, market=symbol, prices=[what_if])[0]
    derivations = (
        *math(explain(account), POSITION_MATH),
        distance_math(position),
        _left_math(result),
        *math(explain(marked), ["unrealized_pnl"]),
        _value_math(result, at_what_if),
    )
    return ModeOutcome(
        mode=mode,
        account=result,
        position=position,
        distance=liquidation_distance(position),
        left_after_liquidation=result.wallet_balance - position.max_loss,
        what_if=at_what_if,
        curve=sweep(account, market=symbol, prices=grid),
        derivations=derivations,
    )


def _left_math(result: AccountResult) -> Derivation:
    position = result.positions[0]
    wallet, loss = operand(result.wallet_balance), operand(position.max_loss)
    return Derivation(
        name="left_after_liquidation",
        label="Left in the account if liquidated",
        words="the account balance less the most this position can lose",
        formula="left = wallet − max loss",
        substituted=f"left = {wallet} − {loss}",
        value=result.wallet_balance - position.max_loss,
    )


def _value_math(result: AccountResult, point: SweepPoint) -> Derivation:
    wallet = operand(result.wallet_balance)
    price = operand(point.price)
    if point.liquidated[0]:
        return Derivation(
            name="account_value",
            label=f"Account value at {price}",
            words="the position has been liquidated at this price, so what is left is the "
            "balance less the maximum loss",
            formula="value = wallet − max loss",
            substituted=f"value = {wallet} − {operand(result.positions[0].max_loss)}",
            value=point.account_value,
        )
    return Derivation(
        name="account_value",
        label=f"Account value at {price}",
        words="the position is still open: the balance plus its unrealised PnL at this price",
        formula="value = wallet + uPnL",
        substituted=f"value = {wallet} + {operand(point.account_value - result.wallet_balance)}",
        value=point.account_value,
    )
