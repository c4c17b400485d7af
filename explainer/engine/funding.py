"""Funding: what a perpetual position pays or receives at each funding time.

Payment = s·q·M·rate, at the mark M of the funding time: positive means the position pays.
With a positive rate longs pay shorts, with a negative rate shorts pay longs; an equal long
and short in one market pay each other exactly, so funding sums to zero between them
(Binance USDⓈ-M: funding amount = position notional × funding rate, "longs pay shorts when
the rate is positive"). A cross position pays from the cross wallet; an isolated one from its
own allocated margin (Binance and Bybit deduct an isolated position's funding from its
margin), which moves its liquidation price.
"""

from decimal import Decimal


def payment(*, sign: int, size: Decimal, mark: Decimal, rate: Decimal) -> Decimal:
    """What the position pays at one funding time (negative: what it receives)."""
    return sign * size * mark * rate
