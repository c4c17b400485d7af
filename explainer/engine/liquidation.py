"""Liquidation price, bankruptcy price and maximum loss of one position.

Isolated and cross positions solve the same equation; only what backs the position differs.
That backing, the collateral C, is the allocated margin for an isolated position, and for a
cross position the cross wallet plus every other cross position's uPnL minus their
maintenance margin (the others held at their own marks).

    liquidation:  C + s·q·(P − E) = q·P·rate − amount   ⇒  P = (s·q·E − C − amount) / (q·(s − rate))
    bankruptcy:   C₀ + s·q·(P − E) = 0                 ⇒  P = (s·q·E − C₀) / (q·s)

C₀ is C with every maintenance margin set to zero. A price that comes out at zero or below
means the position cannot be liquidated (or go bankrupt) at any price: it is reported as None.
"""

from decimal import Decimal

from .decimals import ZERO


def liquidation_price(
    *,
    sign: int,
    size: Decimal,
    entry: Decimal,
    collateral: Decimal,
    rate: Decimal,
    amount: Decimal,
) -> Decimal | None:
    return _positive((sign * size * entry - collateral - amount) / (size * (sign - rate)))


def raw_bankruptcy_price(
    *, sign: int, size: Decimal, entry: Decimal, collateral: Decimal
) -> Decimal:
    return (sign * size * entry - collateral) / (size * sign)


def bankruptcy_price(
    *, sign: int, size: Decimal, entry: Decimal, collateral: Decimal
) -> Decimal | None:
    return _positive(raw_bankruptcy_price(sign=sign, size=size, entry=entry, collateral=collateral))


def max_loss(*, sign: int, size: Decimal, entry: Decimal, collateral: Decimal) -> Decimal:
    """s·q·(E − bankruptcy price), which is exactly C₀; a long cannot lose more than q·E.

    Computed from C₀ directly, so it carries no rounding from the division.
    """
    loss = max(collateral, ZERO)
    return min(loss, size * entry) if sign == 1 else loss


def _positive(price: Decimal) -> Decimal | None:
    return price if price > 0 else None
