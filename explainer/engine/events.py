"""What a replay reports happening: funding, partial and full liquidations, auto-deleveraging."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .decimals import ZERO
from .models import MarginMode


class EventKind(StrEnum):
    # A funding payment at a funding time: `funding` paid (negative: received).
    FUNDING = "funding"
    # The liquidation engine closed part of a position to bring it into a lower bracket.
    PARTIAL_LIQUIDATION = "partial_liquidation"
    # The liquidation engine closed the (rest of the) position.
    LIQUIDATION = "liquidation"
    # The exchange closed a profitable position at the mark to cover a liquidation elsewhere
    # that the insurance fund could not (auto-deleveraging).
    ADL = "adl"


@dataclass(frozen=True)
class LiquidationEvent:
    """One event of a replay. The name is the first kind it had; it covers every kind."""

    step: int
    position_id: str
    position_index: int
    market: str
    margin_mode: MarginMode
    mark_price: Decimal
    # PnL realised by what was closed: s·q·(M − E) for the size closed.
    realized_pnl: Decimal
    # What the trader gave up in a liquidation: the isolated margin, or the position's share
    # of the cross wallet. 0 for the other kinds.
    loss: Decimal
    # Paid into the insurance fund (negative: paid out of it to cover a loss past bankruptcy).
    insurance_fund: Decimal
    # The liquidation fee, or the fee of the part closed.
    fee: Decimal
    kind: EventKind = EventKind.LIQUIDATION
    # The size closed (0 for funding) and the size left open after the event.
    size: Decimal = ZERO
    remaining_size: Decimal = ZERO
    # The last traded and index prices of the market at the step, when the path gave them.
    last_price: Decimal | None = None
    index_price: Decimal | None = None
    # Hours since the start, when the path has a clock.
    hours: Decimal | None = None
    # Funding paid at this event (negative: received).
    funding: Decimal = ZERO
    # The part of a loss past bankruptcy that the insurance fund could not cover, passed on
    # to auto-deleveraging of profitable traders on the other side.
    deleveraged: Decimal = ZERO
    # The insurance fund's balance after the event, when the replay gives it one.
    insurance_fund_balance: Decimal | None = None


Event = LiquidationEvent
