"""Average entry: several fills on one side become one position, and that position's margin
and liquidation price (the liquidation-price question, asked of the average)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from explainer.engine import (
    Average,
    Derivation,
    Fill,
    MarginMode,
    Market,
    Side,
    average_entry,
    operand,
)
from explainer.engine.decimals import joined, series

from . import Trade
from .liquidation import LiquidationOutcome, liquidation


@dataclass(frozen=True)
class AverageOutcome:
    fills: tuple[Fill, ...]
    rows: tuple[int, ...]  # each fill's row in the form, counting from 1
    average: Average
    combined: LiquidationOutcome
    derivations: tuple[Derivation, ...]


def average(
    *,
    fills: Sequence[Fill],
    rows: Sequence[int],
    market: Market,
    side: Side,
    leverage: Decimal,
    mode: MarginMode,
    wallet: Decimal,
) -> AverageOutcome:
    found = average_entry(fills)
    trade = Trade(market, side, found.size, found.entry_price, leverage)
    combined = liquidation(trade=trade, mode=mode, wallet=wallet, margin=None)
    return AverageOutcome(
        fills=tuple(fills),
        rows=tuple(rows),
        average=found,
        combined=combined,
        derivations=(*_math(fills, found), *combined.derivations),
    )


def _math(fills: Sequence[Fill], found: Average) -> tuple[Derivation, ...]:
    products = joined([f"{operand(fill.size)} × {operand(fill.price)}" for fill in fills])
    sizes = series([fill.size for fill in fills])
    return (
        Derivation(
            name="total_size",
            label="Total size",
            words="the sizes of the fills added up",
            formula="q = Σ qᵢ",
            substituted=f"q = {sizes}",
            value=found.size,
        ),
        Derivation(
            name="average_entry",
            label="Average entry price",
            words="each fill's price weighted by its size: what the fills cost together, "
            "over their total size",
            formula="E = Σ qᵢ × Eᵢ / Σ qᵢ",
            substituted=f"E = ({products}) / {sizes}",
            value=found.entry_price,
        ),
    )
