"""Before a position is opened: whether an exchange would open it, the largest one a balance
allows, and how far the price can move against it before it is liquidated.

- Openable. `evaluate` accepts any state an account can reach, such as a balance that losses
  have taken below a position's initial margin. Opening is stricter: the wallet balance must
  cover the initial margin, q·E / leverage, and an isolated position starts with at least
  that margin.
- Lowest leverage. The balance B covers the initial margin q·E / L from L = q·E / B up; below
  that leverage the position cannot be opened.
- Largest position. At leverage L a balance B sets aside initial margin for a notional of
  B·L at most; with a taker fee rate f charged on opening, the margin and the fee together,
  N/L + N·f, must fit in B, so N is at most B·L / (1 + L·f). The tiers allow less leverage
  as notional grows, so L is allowed only below the cap of the last tier whose maximum
  leverage is at least L (a tier's cap belongs to the next tier). The size is the notional
  over the entry price, rounded down to the market's lot; the notional reported is that size
  times the entry price.
- Distance to liquidation = s·(M − P) / M: the share of the mark price M the price can move
  against the position before it reaches the liquidation price P. None when no price
  liquidates the position.
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from .decimals import ZERO, in_context
from .errors import MarginError
from .markets import Tier, get_market
from .models import Position
from .positions import terms_of
from .results import PositionResult
from .validation import check_leverage, fraction, non_negative, positive, validate_position

CENT = Decimal("0.01")


@dataclass(frozen=True)
class LargestPosition:
    notional: Decimal  # at the entry price
    size: Decimal
    tier: Tier | None  # the tier whose cap binds, or None when the balance does
    by_balance: Decimal = ZERO  # B·L / (1 + L·f): the notional the balance alone allows
    initial_margin: Decimal = ZERO  # notional / L
    opening_fee: Decimal = ZERO  # notional · f

    @property
    def cost(self) -> Decimal:
        """What opening it takes from the balance: the initial margin and the fee."""
        return self.initial_margin + self.opening_fee


@in_context
def check_openable(position: Position, *, wallet_balance: Decimal) -> None:
    """Refuse, as an exchange would, to open `position` from an account holding
    `wallet_balance` and nothing else."""
    validate_position(position, path="position")
    wallet = non_negative(wallet_balance, field="wallet_balance")
    terms = terms_of(position)
    if terms.initial_margin > wallet:
        raise MarginError(
            f"The account balance ({_usdc(wallet)}) cannot cover this position's "
            f"initial margin ({_usdc(terms.initial_margin)}).",
            field="wallet_balance",
        )
    if terms.isolated and terms.margin < terms.initial_margin:
        raise MarginError(
            f"Isolated margin must be at least the initial margin "
            f"({_usdc(terms.initial_margin)}), or leave it empty.",
            field="position.isolated_margin",
        )


@in_context
def lowest_leverage(*, size: Decimal, entry_price: Decimal, wallet_balance: Decimal) -> Decimal:
    """The leverage at which the initial margin of `size` at `entry_price` equals the balance
    (it may be below 1×, when the balance holds the whole notional)."""
    notional = positive(size, field="size") * positive(entry_price, field="entry_price")
    return notional / positive(wallet_balance, field="wallet_balance")


@in_context
def largest_position(
    *,
    market: str,
    entry_price: Decimal,
    leverage: Decimal,
    wallet_balance: Decimal,
    taker_fee_rate: Decimal = ZERO,
) -> LargestPosition:
    found = get_market(market)
    entry = positive(entry_price, field="entry_price")
    leverage = check_leverage(found, ZERO, leverage, field="leverage")
    fee_rate = fraction(taker_fee_rate, field="taker_fee_rate")
    balance = non_negative(wallet_balance, field="wallet_balance")
    by_balance = balance * leverage / (1 + leverage * fee_rate)
    allowing = [tier for tier in found.tiers if tier.max_leverage >= leverage]
    binding = allowing[-1] if allowing[-1].cap is not None else None
    if binding is None or by_balance < binding.cap:
        notional, binding = by_balance, None
    else:
        notional = binding.cap
    lot = found.lot_size
    size = (notional / entry / lot).to_integral_value(ROUND_FLOOR) * lot
    if binding is not None and size * entry >= binding.cap:
        size -= lot
    notional = size * entry
    margin, fee = notional / leverage, notional * fee_rate
    return LargestPosition(notional, size, binding, by_balance, margin, fee)


@in_context
def liquidation_distance(position: PositionResult) -> Decimal | None:
    if position.liquidation_price is None:
        return None
    gap = position.mark_price - position.liquidation_price
    return position.side.sign * gap / position.mark_price


def _usdc(value: Decimal) -> str:
    """Money in a sentence as the pages show it: "1,000.00 USDC"."""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f} USDC"
