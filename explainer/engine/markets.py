"""Market data: contract sizes, maintenance-margin tiers, fee rates and funding terms.

The numbers are illustrative, shaped like the tables large exchanges publish; they are not
Entry Finance's live risk limits.

Each tier covers a band of notional (size × mark) with its own maintenance margin rate and
maximum leverage. Only the floors, rates and leverages are written down: the maintenance
amounts are derived, amount_k = amount_{k−1} + floor_k · (rate_k − rate_{k−1}), which makes
maintenance margin (notional · rate − amount) continuous where one tier meets the next.

Fees are rates of the notional traded: maker for an order that rested on the book, taker for
one that took liquidity, and the liquidation (clearance) fee charged on what the liquidation
engine closes. The defaults are shaped like Binance USDⓈ-M's regular tier (0.02 % maker,
0.05 % taker). Funding is paid every `interval_hours` (8 by default, as on Binance, Bybit
and OKX); the default rate, 0.01 % per interval, is the interest-rate baseline those
exchanges publish, the rate a calm market settles at.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .decimals import ZERO
from .errors import MarginError


@dataclass(frozen=True)
class Tier:
    floor: Decimal
    cap: Decimal | None
    maintenance_margin_rate: Decimal
    maintenance_amount: Decimal
    max_leverage: Decimal


@dataclass(frozen=True)
class FeeRates:
    maker: Decimal
    taker: Decimal
    liquidation: Decimal


@dataclass(frozen=True)
class Funding:
    rate: Decimal  # per interval; positive: longs pay shorts
    interval_hours: Decimal


@dataclass(frozen=True)
class Market:
    symbol: str
    base: str
    tick_size: Decimal
    lot_size: Decimal
    max_leverage: Decimal
    tiers: tuple[Tier, ...]
    fees: FeeRates
    funding: Funding

    def tier_index(self, notional: Decimal) -> int:
        for index, tier in enumerate(self.tiers):
            if tier.cap is None or notional < tier.cap:
                return index
        raise AssertionError("the last tier has no cap")

    def tier_for(self, notional: Decimal) -> Tier:
        return self.tiers[self.tier_index(notional)]


def _tiers(*rows: tuple[str, str, int]) -> tuple[Tier, ...]:
    """Build tiers from (floor, rate, max leverage) rows, deriving caps and amounts."""
    floors = [Decimal(floor) for floor, _, _ in rows]
    caps = [*floors[1:], None]
    tiers, amount, previous_rate = [], ZERO, ZERO
    for (_, rate_text, leverage), floor, cap in zip(rows, floors, caps, strict=True):
        rate = Decimal(rate_text)
        amount += floor * (rate - previous_rate)
        tiers.append(Tier(floor, cap, rate, amount, Decimal(leverage)))
        previous_rate = rate
    return tuple(tiers)


_FUNDING = Funding(rate=Decimal("0.0001"), interval_hours=Decimal(8))


def _market(
    symbol: str, tick: str, lot: str, tiers: tuple[Tier, ...], *, liquidation_fee: str
) -> Market:
    base = symbol.removesuffix("-PERP")
    fees = FeeRates(Decimal("0.0002"), Decimal("0.0005"), Decimal(liquidation_fee))
    leverage = tiers[0].max_leverage
    return Market(symbol, base, Decimal(tick), Decimal(lot), leverage, tiers, fees, _FUNDING)


MARKETS: Mapping[str, Market] = {
    market.symbol: market
    for market in (
        _market(
            "BTC-PERP",
            "0.1",
            "0.001",
            _tiers(
                ("0", "0.005", 125),
                ("50000", "0.01", 75),
                ("250000", "0.02", 40),
                ("1000000", "0.05", 15),
                ("5000000", "0.1", 5),
                ("20000000", "0.15", 3),
            ),
            liquidation_fee="0.005",
        ),
        _market(
            "ETH-PERP",
            "0.01",
            "0.001",
            _tiers(
                ("0", "0.005", 100),
                ("25000", "0.01", 50),
                ("100000", "0.025", 25),
                ("500000", "0.05", 10),
                ("2000000", "0.1", 5),
            ),
            liquidation_fee="0.005",
        ),
        _market(
            "SOL-PERP",
            "0.001",
            "0.01",
            _tiers(
                ("0", "0.01", 50),
                ("10000", "0.02", 25),
                ("50000", "0.05", 10),
                ("250000", "0.1", 5),
            ),
            liquidation_fee="0.01",
        ),
        _market(
            "XRP-PERP",
            "0.0001",
            "0.1",
            _tiers(
                ("0", "0.01", 50),
                ("10000", "0.025", 20),
                ("100000", "0.05", 10),
                ("500000", "0.1", 5),
            ),
            liquidation_fee="0.01",
        ),
        _market(
            "AVAX-PERP",
            "0.001",
            "0.1",
            _tiers(
                ("0", "0.01", 50),
                ("5000", "0.025", 20),
                ("50000", "0.05", 10),
                ("250000", "0.1", 5),
            ),
            liquidation_fee="0.015",
        ),
    )
}


def get_market(symbol: str, *, field: str = "market") -> Market:
    try:
        return MARKETS[symbol]
    except (KeyError, TypeError):
        known = ", ".join(MARKETS)
        raise MarginError(
            f"Unknown market {symbol!r}; choose one of {known}.", field=field
        ) from None
