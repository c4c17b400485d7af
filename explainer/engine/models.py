"""What a trader holds: the engine's inputs."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .markets import FeeRates


class Side(StrEnum):
    LONG = "long"
    SHORT = "short"

    @property
    def sign(self) -> int:
        return 1 if self is Side.LONG else -1


class MarginMode(StrEnum):
    ISOLATED = "isolated"
    CROSS = "cross"


class PositionMode(StrEnum):
    # One position per market (a second order in the market changes that position).
    ONE_WAY = "one_way"
    # One long and one short per market, held side by side.
    HEDGE = "hedge"


@dataclass(frozen=True)
class Position:
    side: Side
    size: Decimal
    entry_price: Decimal
    leverage: Decimal
    margin_mode: MarginMode
    market: str = "BTC-PERP"
    mark_price: Decimal | None = None
    # Isolated only; None means the initial margin. It differs after margin is added or removed.
    isolated_margin: Decimal | None = None
    # None takes rate and amount from the market's tier for the notional at mark, and the
    # liquidation price from the tier for the notional at that price.
    maintenance_margin_rate: Decimal | None = None
    # None takes the tier's amount, or 0 when a rate is given.
    maintenance_amount: Decimal | None = None
    id: str = ""

    @property
    def mark(self) -> Decimal:
        return self.entry_price if self.mark_price is None else self.mark_price


@dataclass(frozen=True)
class Account:
    # Everything in the derivatives account, isolated margins included.
    wallet_balance: Decimal
    positions: tuple[Position, ...]
    position_mode: PositionMode = PositionMode.ONE_WAY
    # Reserve the taker fee of closing each position in its bankruptcy and liquidation
    # prices (as OKX and Gate do): the position is liquidated while there is still enough
    # to pay for closing it.
    reserve_closing_fee: bool = False
    # Fee rates by market symbol, replacing the market's illustrative ones.
    fee_rates: Mapping[str, FeeRates] = field(default_factory=dict)


@dataclass(frozen=True)
class Quote:
    """One market's prices at one moment. Only the mark decides liquidation; the last traded
    price and the index (the spot exchanges' average the mark follows) are carried so that
    events can show all three."""

    mark: Decimal
    last: Decimal | None = None
    index: Decimal | None = None


@dataclass(frozen=True)
class PathStep:
    """One step of a price path: the markets that move, and what else happens then."""

    prices: Mapping[str, Decimal | Quote]
    # Hours since the start (the account as given). None: the step's number times the
    # replay's hours_per_step.
    hours: Decimal | None = None
    # Ids of profitable positions the exchange auto-deleverages at this step, because a
    # liquidation elsewhere went past what the insurance fund held.
    deleverage: tuple[str, ...] = ()
