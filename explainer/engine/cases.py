"""A customer's case as support enters it: the account as it was opened, what it had already
paid, how the market moved, and what the exchange reported. `diagnosis` explains it."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .decimals import ZERO
from .models import Account, PathStep


@dataclass(frozen=True)
class Paid:
    """What a position had paid before the path starts. Fees come out of the wallet; funding
    out of the cross wallet, or out of the position's isolated margin. Negative funding was
    received."""

    fees: Decimal = ZERO
    funding: Decimal = ZERO


@dataclass(frozen=True)
class Reported:
    """What the exchange told the customer: which position, at what mark, when (hours since
    the path's start). Any of them may be unknown."""

    position_id: str | None = None
    price: Decimal | None = None
    hours: Decimal | None = None


@dataclass(frozen=True)
class Case:
    # The account with the wallet as it was before the amounts in `paid` left it.
    account: Account
    path: tuple[PathStep, ...]
    paid: Mapping[str, Paid] = field(default_factory=dict)
    reported: Reported | None = None
    partial_liquidation: bool = False
    # The insurance fund's balance at the start; None never runs out.
    insurance_fund: Decimal | None = None
    # Charge each market's default funding along the path (every step must give its hours).
    funding: bool = False
