"""2. Liquidation price: one position, either mode, against the market's tiers."""

from dataclasses import dataclass
from decimal import Decimal

from explainer.engine import (
    Account,
    AccountResult,
    Derivation,
    MarginMode,
    PositionResult,
    check_openable,
    evaluate,
    evaluate_at_marks,
    explain,
    liquidation_distance,
)

from . import (
    CROSS,
    ISOLATED,
    POSITION_MATH,
    Trade,
    distance_math,
    math,
    price_grid,
)


@dataclass(frozen=True)
class CurvePoint:
    price: Decimal
    backing: Decimal
    maintenance: Decimal


@dataclass(frozen=True)
class LiquidationOutcome:
    trade: Trade
    mode: MarginMode
    account: AccountResult
    position: PositionResult
    distance: Decimal | None
    tier_index: int | None
    curve: tuple[CurvePoint, ...]
    derivations: tuple[Derivation, ...]


def liquidation(
    *, trade: Trade, mode: MarginMode, wallet: Decimal, margin: Decimal | None
) -> LiquidationOutcome:
    extra = {"isolated_margin": margin} if mode is ISOLATED else {}
    account = Account(wallet, (trade.position(mode, **extra),))
    result = evaluate(account)
    check_openable(account.positions[0], wallet_balance=wallet)
    position = result.positions[0]
    grid = price_grid(
        [trade.entry, position.liquidation_price, position.bankruptcy_price], count=121
    )
    names = (*POSITION_MATH, "cross_margin_balance") if mode is CROSS else POSITION_MATH
    return LiquidationOutcome(
        trade=trade,
        mode=mode,
        account=result,
        position=position,
        distance=liquidation_distance(position),
        tier_index=None if trade.rate is not None else trade.market.tier_index(position.notional),
        curve=_curve(account, trade.market.symbol, grid),
        derivations=(*math(explain(account), names), distance_math(position)),
    )


def _curve(account: Account, market: str, grid: list[Decimal]) -> tuple[CurvePoint, ...]:
    """What backs the position at each price (margin + uPnL, or the cross margin balance)."""
    results = evaluate_at_marks(account, market=market, prices=grid)
    return tuple(_backing(price, result) for price, result in zip(grid, results, strict=True))


def _backing(price: Decimal, result: AccountResult) -> CurvePoint:
    position = result.positions[0]
    if position.margin_mode is ISOLATED:
        backing = position.margin + position.unrealized_pnl
    else:
        backing = result.cross_margin_balance
    return CurvePoint(price, backing, position.maintenance_margin)
