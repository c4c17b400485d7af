"""One position's figures: what is fixed at entry, and what follows the mark price.

Terms holds everything that does not depend on the mark, so sweeps and replays compute it
once; `at_mark` then costs a handful of Decimal operations per price.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .decimals import ZERO
from .markets import Market, Tier, get_market
from .models import MarginMode, Position, Side


@dataclass(frozen=True, slots=True)
class Terms:
    id: str
    side: Side
    sign: int
    margin_mode: MarginMode
    isolated: bool
    market: Market
    size: Decimal
    entry_price: Decimal
    leverage: Decimal
    entry_notional: Decimal
    initial_margin: Decimal
    margin: Decimal
    # None: follow the market's tiers at the mark notional.
    rate: Decimal | None
    amount: Decimal | None


class Marked(NamedTuple):
    mark_price: Decimal
    notional: Decimal
    rate: Decimal
    amount: Decimal
    maintenance_margin: Decimal
    unrealized_pnl: Decimal


def terms_of(position: Position) -> Terms:
    side, mode = Side(position.side), MarginMode(position.margin_mode)
    size, entry, leverage = (
        Decimal(position.size),
        Decimal(position.entry_price),
        Decimal(position.leverage),
    )
    initial_margin = size * entry / leverage
    isolated = mode is MarginMode.ISOLATED
    given_margin = position.isolated_margin if isolated else None
    return Terms(
        id=position.id,
        side=side,
        sign=side.sign,
        margin_mode=mode,
        isolated=isolated,
        market=get_market(position.market),
        size=size,
        entry_price=entry,
        leverage=leverage,
        entry_notional=size * entry,
        initial_margin=initial_margin,
        margin=initial_margin if given_margin is None else Decimal(given_margin),
        rate=_optional(position.maintenance_margin_rate),
        amount=_optional(position.maintenance_amount),
    )


def _optional(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def maintenance_terms(terms: Terms, notional: Decimal) -> tuple[Decimal, Decimal, Tier | None]:
    """Rate, amount and the tier they came from (None when the position gives a rate)."""
    if terms.rate is not None:
        return terms.rate, ZERO if terms.amount is None else terms.amount, None
    tier = terms.market.tier_for(notional)
    amount = tier.maintenance_amount if terms.amount is None else terms.amount
    return tier.maintenance_margin_rate, amount, tier


def at_mark(terms: Terms, mark: Decimal) -> Marked:
    notional = terms.size * mark
    rate, amount, _ = maintenance_terms(terms, notional)
    pnl = terms.sign * terms.size * (mark - terms.entry_price)
    maintenance = notional * rate - amount
    return Marked(mark, notional, rate, amount, maintenance, pnl)
