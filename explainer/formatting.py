"""Display rounding for engine numbers. The engine keeps full precision; pages round here only."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def amount(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-places)
    # "z": a loss that rounds to nothing reads 0.00, not -0.00.
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):z,.{places}f}"


def usdc(value: Decimal | None) -> str:
    return "—" if value is None else f"{amount(value)} USDC"


def percent(fraction: Decimal | None, places: int = 2) -> str:
    return "—" if fraction is None else f"{amount(fraction * 100, places)} %"


def plain(value: Decimal) -> str:
    """A number as a reader would type it: no exponent, no trailing zeros."""
    return f"{value.normalize():zf}"


def rate(value: Decimal) -> str:
    """A maintenance rate such as 0.005 as "0.5 %", without padding zeros."""
    return f"{plain(value * 100)} %"
