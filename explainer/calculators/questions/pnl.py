"""4. Margin, PnL and ROE: size, margin and leverage, and what a price move does to them."""

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from explainer.engine import (
    Account,
    AccountResult,
    Derivation,
    LargestPosition,
    MarginMode,
    PositionResult,
    check_openable,
    evaluate,
    evaluate_at_marks,
    explain,
    largest_position,
)

from . import PRECISION, Trade, math, operand, price_grid

SOLVE_FOR = ("margin", "size", "leverage")


@dataclass(frozen=True)
class PnlPoint:
    price: Decimal
    pnl: Decimal
    roe: Decimal


@dataclass(frozen=True)
class PnlOutcome:
    trade: Trade
    mode: MarginMode
    solved: str
    exit_price: Decimal
    account: AccountResult
    position: PositionResult
    largest: LargestPosition
    curve: tuple[PnlPoint, ...]
    derivations: tuple[Derivation, ...]


def solve_trade(trade: Trade, *, solve: str, margin: Decimal | None) -> Trade:
    """Work out the size or the leverage from the margin; the margin itself the engine gives."""
    with localcontext(prec=PRECISION):
        if solve == "size":
            return replace(trade, size=(margin * trade.leverage / trade.entry).normalize())
        if solve == "leverage":
            return replace(trade, leverage=(trade.size * trade.entry / margin).normalize())
    return trade


def pnl(
    *, trade: Trade, mode: MarginMode, wallet: Decimal, exit_price: Decimal, solved: str
) -> PnlOutcome:
    account = Account(wallet, (trade.position(mode, mark_price=exit_price),))
    result = evaluate(account)
    check_openable(account.positions[0], wallet_balance=wallet)
    found = largest(trade, wallet)
    grid = price_grid(
        [trade.entry * Decimal("0.75"), trade.entry * Decimal("1.25"), exit_price], count=61
    )
    names = ("notional", "initial_margin", "unrealized_pnl", "roe", "available_balance")
    return PnlOutcome(
        trade=trade,
        mode=mode,
        solved=solved,
        exit_price=exit_price,
        account=result,
        position=result.positions[0],
        largest=found,
        curve=_curve(account, trade.market.symbol, grid),
        derivations=(*math(explain(account), names), _largest_math(trade, found)),
    )


def _curve(account: Account, market: str, grid: list[Decimal]) -> tuple[PnlPoint, ...]:
    results = evaluate_at_marks(account, market=market, prices=grid)
    return tuple(
        PnlPoint(price, result.positions[0].unrealized_pnl, result.positions[0].roe)
        for price, result in zip(grid, results, strict=True)
    )


def largest(trade: Trade, wallet: Decimal) -> LargestPosition:
    """The largest position the balance allows at this trade's leverage, and what limits it."""
    return largest_position(
        market=trade.market.symbol,
        entry_price=trade.entry,
        leverage=trade.leverage,
        wallet_balance=wallet,
    )


def _largest_math(trade: Trade, found: LargestPosition) -> Derivation:
    words = "the balance as initial margin at this leverage gives the notional; size is that "
    words += "notional over the entry price, rounded down to the market's lot size"
    if found.tier is not None:
        words += (
            f"; kept below {operand(found.tier.cap)} USDC notional, where a tier allowing less "
            "than this leverage begins"
        )
    return Derivation(
        name="largest_size",
        label="Largest position",
        words=words,
        formula="size = ⌊min(balance × leverage, below the tier cap) / E⌋ to the lot",
        substituted=f"size = {operand(found.notional)} / {operand(trade.entry)}",
        value=found.size,
    )
