"""The exchange's figure beside the engine's, and the likeliest reason they differ.

The engine's figure is the exact liquidation price at the moment the position was taken
(the account just before, at that step's marks); the mark of that step is the first one on
the path at or past it. The likely reasons, tried in this order:
- SAME: within a few ticks (ROUNDING_TICKS) of the exact price, or of the step's mark
  (where an exchange that reports the mark at which its engine acted would put it): the
  exchanges round margins and prices along the way;
- FEE_CONVENTION: reserving the closing fee in the liquidation price, as OKX and Gate do,
  brings the engine within a tick of the exchange's figure;
- SAMPLING: the figure lies between the exact price and the step's mark: the path is coarser
  than the exchange's price feed;
- MISSING: the exchange took the position earlier than the engine would (a long higher, a
  short lower): something that weakened it is missing from the case, such as another cross
  position, a fee or funding payment, or a lower wallet balance;
- EXTRA: the exchange took it later: the account had more behind it than entered (margin
  added, a profitable position);
- NOT_TAKEN: the engine does not liquidate that position on this path at all.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from .account import evaluate
from .decimals import in_context
from .diagnosis import Closest, Diagnosis, Moment
from .markets import get_market
from .models import Side

ROUNDING_TICKS = 5


class Likely(StrEnum):
    SAME = "same"
    FEE_CONVENTION = "fee_convention"
    SAMPLING = "sampling"
    MISSING = "missing"
    EXTRA = "extra"
    NOT_TAKEN = "not_taken"


@dataclass(frozen=True)
class Comparison:
    position_id: str
    reported_price: Decimal | None
    reported_hours: Decimal | None
    computed_price: Decimal | None  # the exact liquidation price at the moment
    computed_mark: Decimal | None  # the mark of the step that took it
    computed_hours: Decimal | None
    likely: Likely
    tick: Decimal
    # The price with the closing fee reserved, when that convention explains the figure.
    fee_convention_price: Decimal | None = None
    # The position the engine took first, when the exchange named another.
    first_taken: str | None = None
    closest: Closest | None = None

    @property
    def difference(self) -> Decimal | None:
        if self.reported_price is None or self.computed_price is None:
            return None
        return self.reported_price - self.computed_price

    @property
    def hours_difference(self) -> Decimal | None:
        if self.reported_hours is None or self.computed_hours is None:
            return None
        return self.reported_hours - self.computed_hours


@in_context
def compare(diagnosis: Diagnosis) -> Comparison | None:
    reported = diagnosis.case.reported
    if reported is None or (reported.price is None and reported.hours is None):
        return None
    first = diagnosis.moments[0].position_id if diagnosis.moments else None
    position_id = reported.position_id or first
    if position_id is None:
        position_id = diagnosis.opened.positions[0].id
    market = next(p.market for p in diagnosis.opened.positions if p.id == position_id)
    tick = get_market(market).tick_size
    moment = diagnosis.moment_of(position_id)
    base = Comparison(
        position_id,
        reported.price,
        reported.hours,
        moment.result.liquidation_price if moment else None,
        moment.event.mark_price if moment else None,
        moment.event.hours if moment else None,
        Likely.NOT_TAKEN,
        tick,
        first_taken=first if first != position_id else None,
        closest=diagnosis.closest,
    )
    if moment is None or reported.price is None or base.computed_price is None:
        return base
    likely, fee_price = _likely(moment, reported.price, tick)
    return replace(base, likely=likely, fee_convention_price=fee_price)


def _likely(moment: Moment, reported: Decimal, tick: Decimal) -> tuple[Likely, Decimal | None]:
    exact = moment.result.liquidation_price
    mark = moment.event.mark_price
    near = tick * ROUNDING_TICKS
    if abs(reported - exact) <= near or abs(reported - mark) <= near:
        return Likely.SAME, None
    reserved = evaluate(replace(moment.account, reserve_closing_fee=True))
    fee_price = reserved.positions[moment.index].liquidation_price
    if fee_price is not None and abs(reported - fee_price) <= tick:
        return Likely.FEE_CONVENTION, fee_price
    if min(exact, mark) <= reported <= max(exact, mark):
        return Likely.SAMPLING, None
    earlier = reported > exact if moment.result.side == Side.LONG else reported < exact
    return (Likely.MISSING if earlier else Likely.EXTRA), None
