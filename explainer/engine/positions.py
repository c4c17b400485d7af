"""One position's figures: what is fixed at entry, and what follows the mark price.

Terms holds everything that does not depend on the mark, so sweeps and replays compute it
once; `at_mark` then costs a handful of Decimal operations per price.

A position's maintenance brackets are the bands of notional its maintenance margin is
measured in: the market's tiers; a single band covering every notional when the position
gives its own rate; or the tiers' rates with the position's own amount when it gives only
an amount. Only that last schedule can jump where two bands meet (`continuous` is False).
"""

from dataclasses import dataclass, replace
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
    # As given; None: follow the market's tiers.
    rate: Decimal | None
    amount: Decimal | None
    brackets: tuple[Tier, ...]
    continuous: bool
    signed_size: Decimal  # s·q
    signed_notional: Decimal  # s·q·E
    # The closing fee rate reserved in the liquidation and bankruptcy prices; 0 when none is.
    reserve: Decimal = ZERO

    @property
    def tiered(self) -> bool:
        """Whether the brackets are the market's own tiers (the position gave no rate)."""
        return self.rate is None


class Marked(NamedTuple):
    mark_price: Decimal
    notional: Decimal
    rate: Decimal
    amount: Decimal
    maintenance_margin: Decimal
    unrealized_pnl: Decimal
    # Index into Terms.brackets of the bracket the notional falls in.
    bracket: int


_SIDES = {side.value: side for side in Side}
_MODES = {mode.value: mode for mode in MarginMode}


def terms_of(position: Position, *, reserve: Decimal = ZERO) -> Terms:
    side, mode = _SIDES[position.side], _MODES[position.margin_mode]
    size, entry, leverage = (
        Decimal(position.size),
        Decimal(position.entry_price),
        Decimal(position.leverage),
    )
    initial_margin, notional = size * entry / leverage, size * entry
    isolated = mode is MarginMode.ISOLATED
    given_margin = position.isolated_margin if isolated else None
    market = get_market(position.market)
    rate = _optional(position.maintenance_margin_rate)
    amount = _optional(position.maintenance_amount)
    return Terms(
        id=position.id,
        side=side,
        sign=side.sign,
        margin_mode=mode,
        isolated=isolated,
        market=market,
        size=size,
        entry_price=entry,
        leverage=leverage,
        entry_notional=notional,
        initial_margin=initial_margin,
        margin=initial_margin if given_margin is None else Decimal(given_margin),
        rate=rate,
        amount=amount,
        brackets=_brackets(market, rate, amount),
        continuous=rate is not None or amount is None,
        signed_size=size if side is Side.LONG else -size,
        signed_notional=notional if side is Side.LONG else -notional,
        reserve=reserve,
    )


def _optional(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _brackets(market: Market, rate: Decimal | None, amount: Decimal | None) -> tuple[Tier, ...]:
    if rate is not None:
        return (Tier(ZERO, None, rate, ZERO if amount is None else amount, market.max_leverage),)
    if amount is None:
        return market.tiers
    return tuple(replace(tier, maintenance_amount=amount) for tier in market.tiers)


def at_mark(terms: Terms, mark: Decimal) -> Marked:
    notional = terms.size * mark
    brackets = terms.brackets
    # A bracket's floor is included, its cap excluded; the tiers' bands are the market's.
    index = terms.market.tier_index(notional) if len(brackets) > 1 else 0
    bracket = brackets[index]
    rate, amount = bracket.maintenance_margin_rate, bracket.maintenance_amount
    pnl = terms.sign * terms.size * (mark - terms.entry_price)
    return Marked(mark, notional, rate, amount, notional * rate - amount, pnl, index)


def requirement(terms: Terms, figures: Marked) -> Decimal:
    """What liquidation is measured against: the maintenance margin, plus the closing fee
    q·M·reserve when it is reserved."""
    if terms.reserve:
        return figures.maintenance_margin + terms.reserve * figures.notional
    return figures.maintenance_margin


def resized(terms: Terms, *, size: Decimal, margin: Decimal) -> Terms:
    """The same position with a smaller size (the rest was closed) and the margin left."""
    notional = size * terms.entry_price
    return replace(
        terms,
        size=size,
        entry_notional=notional,
        initial_margin=notional / terms.leverage,
        margin=margin,
        signed_size=terms.sign * size,
        signed_notional=terms.sign * notional,
    )
