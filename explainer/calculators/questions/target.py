"""7. Target price: where to close for a chosen ROE or PnL, with the fees or without them.

The engine's targets module finds the exit; this adds a ladder of common ROE targets for
the table, the net PnL across a range of exit prices for the chart, and where an isolated
position holding just its initial margin would be liquidated, since a loss target beyond it
is never reached.
"""

from dataclasses import dataclass
from decimal import Decimal

from explainer.engine import Account, Derivation, MarginError, MarginMode, Market, evaluate
from explainer.engine.targets import Target, TargetTrade, net_pnl, target_math, target_price

from . import Trade, price_grid

FEES = {"none": "None", "maker": "Maker", "taker": "Taker"}
LADDER = tuple(Decimal(roe) for roe in ("-0.5", "-0.25", "0.25", "0.5", "1", "2", "5"))


@dataclass(frozen=True)
class PnlAt:
    price: Decimal
    net: Decimal
    before_fees: Decimal


@dataclass(frozen=True)
class TargetOutcome:
    trade: Trade
    by: str  # "roe" or "pnl": what the reader aimed at
    opening: str
    closing: str
    target: Target
    ladder: tuple[Target, ...]
    curve: tuple[PnlAt, ...]
    liquidation_price: Decimal | None
    derivations: tuple[Derivation, ...]

    @property
    def with_fees(self) -> bool:
        return self.opening != "none" or self.closing != "none"

    @property
    def liquidated_first(self) -> bool:
        """A loss target beyond the isolated liquidation price: the exit is never reached."""
        price, sign = self.liquidation_price, self.trade.side.sign
        return price is not None and sign * (self.target.exit_price - price) <= 0


def fee_rate(market: Market, kind: str) -> Decimal:
    return {"none": Decimal(0), "maker": market.fees.maker, "taker": market.fees.taker}[kind]


def target(*, trade: Trade, by: str, goal: Decimal, opening: str, closing: str) -> TargetOutcome:
    """`goal` is the target ROE (a fraction) when `by` is "roe", else the PnL in USDC."""
    chosen = _target_trade(trade, opening, closing)
    found = target_price(trade=chosen, **{by: goal})
    grid = price_grid([trade.entry, found.exit_price], count=61)
    free = _target_trade(trade, "none", "none")
    curve = tuple(
        PnlAt(
            price,
            net_pnl(trade=chosen, exit_price=price),
            net_pnl(trade=free, exit_price=price),
        )
        for price in grid
    )
    isolated = evaluate(Account(found.initial_margin, (trade.position(MarginMode.ISOLATED),)))
    names = ("initial_margin", "target_pnl", "exit_price")
    if opening != "none" or closing != "none":
        names += ("opening_fee", "closing_fee")
    return TargetOutcome(
        trade=trade,
        by=by,
        opening=opening,
        closing=closing,
        target=found,
        ladder=_ladder(chosen, found),
        curve=curve,
        liquidation_price=isolated.positions[0].liquidation_price,
        derivations=tuple(d for d in target_math(found) if d.name in names),
    )


def _target_trade(trade: Trade, opening: str, closing: str) -> TargetTrade:
    return TargetTrade(
        market=trade.market.symbol,
        side=trade.side,
        size=trade.size,
        entry_price=trade.entry,
        leverage=trade.leverage,
        opening_fee_rate=fee_rate(trade.market, opening),
        closing_fee_rate=fee_rate(trade.market, closing),
    )


def _ladder(trade: TargetTrade, found: Target) -> tuple[Target, ...]:
    """Common ROE targets that some price reaches, with the reader's own in its place."""
    steps = {found.roe: found}
    for roe in LADDER:
        try:
            steps.setdefault(roe, target_price(trade=trade, roe=roe))
        except MarginError:  # a short cannot make 500 % at 2×: no price gets there
            continue
    return tuple(steps[roe] for roe in sorted(steps))
