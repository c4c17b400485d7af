"""4. Margin, PnL and ROE: size, margin and leverage, and what a price move does to them."""

from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal, localcontext

from explainer.engine import (
    Account,
    AccountResult,
    Derivation,
    MarginMode,
    PositionResult,
    Tier,
    evaluate,
    evaluate_at_marks,
    explain,
)

from . import PRECISION, Trade, math, operand, price_grid, require_openable

SOLVE_FOR = ("margin", "size", "leverage")


@dataclass(frozen=True)
class Largest:
    """The largest position the balance allows at this leverage, and what limits it."""

    notional: Decimal
    size: Decimal
    tier: Tier | None  # the tier whose cap binds, or None when the balance does


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
    largest: Largest
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
    require_openable(result.positions[0], wallet)
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
        largest=largest(trade, wallet),
        curve=_curve(account, trade.market.symbol, grid),
        derivations=(*math(explain(account), names), _largest_math(trade, wallet)),
    )


def _curve(account: Account, market: str, grid: list[Decimal]) -> tuple[PnlPoint, ...]:
    results = evaluate_at_marks(account, market=market, prices=grid)
    return tuple(
        PnlPoint(price, result.positions[0].unrealized_pnl, result.positions[0].roe)
        for price, result in zip(grid, results, strict=True)
    )


def largest(trade: Trade, wallet: Decimal) -> Largest:
    """Balance × leverage, unless a tier that allows this leverage ends before that.

    Tiers allow less leverage as notional grows, so the allowed notionals run from 0 to the
    cap of the last tier whose maximum leverage is at least this one.
    """
    by_balance = wallet * trade.leverage
    allowing = [tier for tier in trade.market.tiers if tier.max_leverage >= trade.leverage]
    binding = allowing[-1] if allowing and allowing[-1].cap is not None else None
    if binding is None or by_balance < binding.cap:
        notional, binding = by_balance, None
    else:
        notional = binding.cap
    lot = trade.market.lot_size
    with localcontext(prec=PRECISION):
        size = (notional / trade.entry / lot).to_integral_value(ROUND_FLOOR) * lot
        # A tier's cap belongs to the next tier, so a position exactly at it is refused.
        if binding is not None and size * trade.entry >= binding.cap:
            size -= lot
        return Largest(size * trade.entry, size, binding)


def _largest_math(trade: Trade, wallet: Decimal) -> Derivation:
    found = largest(trade, wallet)
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
