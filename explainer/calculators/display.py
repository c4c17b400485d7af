"""Display helpers the calculators add to explainer.formatting. Rounding happens here only."""

from decimal import Decimal

from explainer import formatting
from explainer.engine import Derivation, Market

# Derivations whose value is a fraction shown as a percentage; every other one is in USDC.
FRACTIONS = {"roe", "margin_ratio", "maintenance_margin_rate", "distance"}
PLAIN = {"largest_size", "size_in_base", "total_size"}


def price(value: Decimal | None, market: Market) -> str:
    """A price with at least cents, or the market's tick when that is finer (SOL-PERP)."""
    if value is None:
        return "—"
    places = max(2, -market.tick_size.as_tuple().exponent)
    return f"{formatting.amount(value, places)} USDC"


def size(value: Decimal, market: Market) -> str:
    places = max(3, -market.lot_size.as_tuple().exponent)
    return f"{formatting.amount(value, places)} {market.base}"


def signed_usdc(value: Decimal) -> str:
    text = formatting.usdc(value)
    return f"+{text}" if value > 0 else text


def signed_percent(fraction: Decimal | None) -> str:
    text = formatting.percent(fraction)
    return f"+{text}" if fraction is not None and fraction > 0 else text


def leverage(value: Decimal, *, rounding: str | None = None) -> str:
    """10 as "10×"; a worked-out leverage such as 33.333… as "33.33×" (or, with
    rounding=ROUND_CEILING, "33.34×": the least shown leverage at or above it)."""
    return f"{formatting.plain(value.quantize(Decimal('0.01'), rounding=rounding))}×"


def derivation_value(derivation: Derivation) -> str:
    if derivation.value is None:
        return "none"
    if derivation.name in FRACTIONS:
        return formatting.percent(derivation.value)
    if derivation.name in PLAIN:
        return formatting.plain(derivation.value)
    return formatting.usdc(derivation.value)
