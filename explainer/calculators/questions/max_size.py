"""Maximum open size: the largest position a balance opens at a leverage, fee included, and
how the largest size changes with leverage until the market's tiers cap it."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from explainer.engine import (
    Account,
    Derivation,
    LargestPosition,
    MarginError,
    MarginMode,
    Market,
    PositionResult,
    Side,
    evaluate,
    largest_position,
    operand,
)

from . import Trade

CENT = Decimal("0.01")


@dataclass(frozen=True)
class FrontierPoint:
    leverage: Decimal
    notional: Decimal  # the largest that opens at this leverage


@dataclass(frozen=True)
class MaxSizeOutcome:
    market: Market
    side: Side
    entry: Decimal
    leverage: Decimal
    wallet: Decimal
    fee_rate: Decimal
    largest: LargestPosition
    position: PositionResult  # the largest, opened isolated with its initial margin
    frontier: tuple[FrontierPoint, ...]
    derivations: tuple[Derivation, ...]


def max_size(
    *, market: Market, side: Side, entry: Decimal, leverage: Decimal, wallet: Decimal, fee: Decimal
) -> MaxSizeOutcome:
    found = _largest(market, entry, leverage, wallet, fee)
    if found.size <= 0:
        raise MarginError(
            f"This balance cannot open even one lot ({operand(market.lot_size)} {market.base}) "
            "at this leverage, fee included.",
            field="wallet_balance",
        )
    trade = Trade(market, side, found.size, entry, leverage)
    position = evaluate(Account(wallet, (trade.position(MarginMode.ISOLATED),))).positions[0]
    return MaxSizeOutcome(
        market=market,
        side=side,
        entry=entry,
        leverage=leverage,
        wallet=wallet,
        fee_rate=fee,
        largest=found,
        position=position,
        frontier=_frontier(market, entry, leverage, wallet, fee),
        derivations=_math(found, market, entry=entry, leverage=leverage, wallet=wallet, fee=fee),
    )


def _largest(market: Market, entry, leverage, wallet, fee) -> LargestPosition:
    return largest_position(
        market=market.symbol,
        entry_price=entry,
        leverage=leverage,
        wallet_balance=wallet,
        taker_fee_rate=fee,
    )


def _frontier(market: Market, entry, leverage, wallet, fee) -> tuple[FrontierPoint, ...]:
    """The largest notional at every whole leverage from 1× to the market's maximum."""
    grid = sorted({*map(Decimal, range(1, int(market.max_leverage) + 1)), leverage})
    return tuple(
        FrontierPoint(at, _largest(market, entry, at, wallet, fee).notional) for at in grid
    )


def _math(
    found: LargestPosition, market: Market, *, entry, leverage, wallet, fee
) -> tuple[Derivation, ...]:
    capped = "" if found.tier is None else f", kept below the tier cap of {operand(found.tier.cap)}"
    b, lev, f = operand(wallet), operand(leverage), operand(fee)
    n = operand(found.notional)
    allowed = found.by_balance if found.tier is None else found.tier.cap
    shown = operand(allowed.quantize(CENT, rounding=ROUND_DOWN))  # to cents, as in distance_math
    return (
        Derivation(
            name="by_balance",
            label="Notional the balance allows",
            words="the initial margin (notional ÷ leverage) and the taker fee of opening "
            "(notional × fee rate) together use the whole balance",
            formula="N = B × L / (1 + L × f)",
            substituted=f"N = {b} × {lev} / (1 + {lev} × {f})",
            value=found.by_balance,
        ),
        Derivation(
            name="largest_size",
            label="Largest size",
            words="that notional over the entry price, rounded down to the market's lot" + capped,
            formula="q = ⌊min(N, below the tier cap) / E⌋ to the lot",
            substituted=f"q = ⌊{shown} / {operand(entry)}⌋ to {operand(market.lot_size)}",
            value=found.size,
        ),
        Derivation(
            name="initial_margin",
            label="Initial margin",
            words="the notional of that size at the entry price, over the leverage",
            formula="margin = q × E / L",
            substituted=f"margin = {n} / {lev}",
            value=found.initial_margin,
        ),
        Derivation(
            name="opening_fee",
            label="Opening fee",
            words="the taker rate of the notional, paid when the order fills",
            formula="fee = q × E × f",
            substituted=f"fee = {n} × {f}",
            value=found.opening_fee,
        ),
        Derivation(
            name="cost",
            label="Cost to open",
            words="what opening takes from the balance: the margin and the fee",
            formula="cost = margin + fee",
            substituted=f"cost = {operand(found.initial_margin)} + {operand(found.opening_fee)}",
            value=found.cost,
        ),
    )
