"""Several fills of one order, or several orders on the same side, make one position.

- Size: q = Σ qᵢ, the sizes of the fills added up.
- Average entry price: E = Σ qᵢ·Eᵢ / Σ qᵢ, each fill's price weighted by its size. The sums
  are exact; the one division is rounded to the engine's 40 digits, so the order of the fills
  never changes the answer.
- Notional at entry: Σ qᵢ·Eᵢ, which is also q·E.
- A size given in USDC is a notional at a price: the size in the base asset is that notional
  divided by the price (`size_in_base`).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .decimals import EXACT, exact_sum, in_context
from .errors import MarginError
from .validation import positive

MAX_FILLS = 100


@dataclass(frozen=True)
class Fill:
    price: Decimal
    size: Decimal


@dataclass(frozen=True)
class Average:
    entry_price: Decimal
    size: Decimal
    notional: Decimal  # Σ qᵢ·Eᵢ, at the fills' own prices


@in_context
def average_entry(fills: Sequence[Fill]) -> Average:
    if not fills:
        raise MarginError("Give at least one fill.", field="fills")
    if len(fills) > MAX_FILLS:
        raise MarginError(f"Give at most {MAX_FILLS} fills.", field="fills")
    checked = [_checked(fill, index) for index, fill in enumerate(fills)]
    notional = exact_sum(EXACT.multiply(fill.price, fill.size) for fill in checked)
    size = exact_sum(fill.size for fill in checked)
    return Average(entry_price=notional / size, size=size, notional=notional)


@in_context
def size_in_base(*, notional: Decimal, price: Decimal) -> Decimal:
    """The size, in the base asset, of `notional` USDC at `price`."""
    usdc = positive(notional, field="notional")
    return (usdc / positive(price, field="price")).normalize()


def _checked(fill: Fill, index: int) -> Fill:
    path = f"fills[{index}]"
    return Fill(
        price=positive(fill.price, field=f"{path}.price"),
        size=positive(fill.size, field=f"{path}.size"),
    )
