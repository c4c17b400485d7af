"""The worked examples of the articles on mark price, funding, fees, the insurance fund and
partial liquidation, computed by the engine wherever they appear (`{{ name.field }}` tokens,
see worked_examples.figure) and in the predict widgets that go with them.

Every example but the last is the help text's seed trade (a 10× isolated long of 0.02 BTC at
50,000 USDC with 100 USDC of margin) meeting one event: a wick in the last price, the mark
touching its liquidation price, a week of funding, a gap past bankruptcy. The partial
liquidation example is a 20× isolated long of 20 ETH at 3,000 USDC, large enough to sit in
ETH-PERP's second bracket. Prices typed here are inputs; every figure is the engine's.
"""

from dataclasses import replace
from decimal import Decimal
from functools import cache

from explainer.engine import (
    Account,
    MarginMode,
    PathStep,
    Position,
    PositionResult,
    Quote,
    Side,
    evaluate,
    funding_drift,
    get_market,
    replay,
)
from explainer.engine.events import LiquidationEvent

from . import formatting
from .worked_examples import SEED_TRADE, seed_cross, seed_isolated

BTC = get_market(SEED_TRADE["market"])
# A wick: the last price trades far below the liquidation price for a moment while the mark
# (which follows the index of spot prices) barely moves.
WICK = Quote(mark=Decimal("45900"), last=Decimal("44800"), index=Decimal("45910"))
# The other way round: the mark reaches the liquidation price, the candles stay above it.
TOUCH = Quote(mark=Decimal("45200"), last=Decimal("45500"), index=Decimal("45190"))
# A mark that passes the liquidation price between two updates, and one that gaps past the
# bankruptcy price; the fund's balance for the gap is illustrative.
GAP_TO = Decimal("45100")
PAST_BANKRUPTCY = Decimal("44000")
SMALL_FUND = Decimal("5")
JUST_AFTER_ENTRY = Decimal("49990")
WEEK_OF_FUNDING = 21  # 7 days of 8-hour funding

# Two traders' profitable shorts when the mark has fallen to PAST_BANKRUPTCY: a big profit at
# low leverage, and a smaller one at high leverage. Which does the ADL queue close first?
ADL_SHORTS = {
    "low": Position(
        Side.SHORT, Decimal("0.1"), Decimal("50000"), Decimal("5"), MarginMode.ISOLATED
    ),
    "high": Position(
        Side.SHORT, Decimal("0.1"), Decimal("46000"), Decimal("20"), MarginMode.ISOLATED
    ),
}
ADL_WALLET = Decimal("2000")

LARGE_TRADE = Position(
    market="ETH-PERP",
    side=Side.LONG,
    size=Decimal("20"),
    entry_price=Decimal("3000"),
    leverage=Decimal("20"),
    margin_mode=MarginMode.ISOLATED,
)
LARGE_WALLET = Decimal("5000")
LARGE_FALLS_TO = Decimal("2872")


def seed_replay(*prices: Decimal | Quote, fund: Decimal | None = None):
    """The seed's isolated long along `prices`, with the market's liquidation fee."""
    path = [PathStep({BTC.symbol: price}) for price in prices]
    return replay(seed_isolated(), path=path, liquidation_fee_rate=None, insurance_fund=fund)


def liquidation(events) -> LiquidationEvent | None:
    return next((event for event in events if event.kind == "liquidation"), None)


def large_account() -> Account:
    return Account(wallet_balance=LARGE_WALLET, positions=(LARGE_TRADE,))


def large_replay(*, partial: bool):
    path = [{LARGE_TRADE.market: LARGE_FALLS_TO}]
    return replay(
        large_account(), path=path, liquidation_fee_rate=None, partial_liquidation=partial
    )


def _equity(account: Account, mark: Decimal) -> Decimal:
    position = evaluate(_marked(account, mark)).positions[0]
    return position.margin + position.unrealized_pnl


def _marked(account: Account, mark: Decimal) -> Account:
    return replace(account, positions=(replace(account.positions[0], mark_price=mark),))


@cache
def mark_figures() -> dict[str, str]:
    seed = evaluate(seed_isolated()).positions[0]
    touched = liquidation(seed_replay(TOUCH).events)
    return {
        "liquidation_price": formatting.usdc(seed.liquidation_price),
        "wick_last": formatting.usdc(WICK.last),
        "wick_mark": formatting.usdc(WICK.mark),
        "wick_index": formatting.usdc(WICK.index),
        "wick_margin_left": formatting.usdc(_equity(seed_isolated(), WICK.mark)),
        "touch_mark": formatting.usdc(TOUCH.mark),
        "touch_last": formatting.usdc(TOUCH.last),
        "touch_loss": formatting.usdc(touched.loss),
        "gap_mark": formatting.usdc(GAP_TO),
    }


@cache
def funding_figures() -> dict[str, str]:
    isolated = funding_drift(seed_isolated(), intervals=WEEK_OF_FUNDING)
    cross = funding_drift(seed_cross(), intervals=WEEK_OF_FUNDING)
    first, last = isolated[0].state.positions[0], isolated[-1].state.positions[0]
    cross_first, cross_last = cross[0].state.positions[0], cross[-1].state.positions[0]
    return {
        "rate": formatting.rate(BTC.funding.rate),
        "interval": f"{formatting.plain(BTC.funding.interval_hours)} hours",
        "payment": formatting.usdc(isolated[1].payments[0]),
        "week_paid": formatting.usdc(isolated[-1].funding_paid[0]),
        "isolated_margin_after": formatting.usdc(last.margin),
        "isolated_before": formatting.usdc(first.liquidation_price),
        "isolated_after": formatting.usdc(last.liquidation_price),
        "cross_wallet_after": formatting.usdc(cross[-1].wallet_balance),
        "cross_before": formatting.usdc(cross_first.liquidation_price),
        "cross_after": formatting.usdc(cross_last.liquidation_price),
    }


@cache
def fee_figures() -> dict[str, str]:
    seed = evaluate(seed_isolated()).positions[0]
    at_liquidation = liquidation(seed_replay(seed.liquidation_price).events)
    gapped = liquidation(seed_replay(GAP_TO).events)
    just_after = evaluate(_marked(seed_isolated(), JUST_AFTER_ENTRY)).positions[0]
    fees = BTC.fees
    opening = seed.notional * fees.taker
    return {
        "maker_rate": formatting.rate(fees.maker),
        "taker_rate": formatting.rate(fees.taker),
        "liquidation_rate": formatting.rate(fees.liquidation),
        "second_bracket_rate": formatting.rate(BTC.tiers[1].maintenance_margin_rate),
        "maker_fee": formatting.usdc(seed.notional * fees.maker),
        "taker_fee": formatting.usdc(opening),
        "round_trip": formatting.usdc(2 * opening),
        "left_at_liquidation": formatting.usdc(at_liquidation.loss + at_liquidation.realized_pnl),
        "liquidation_fee": formatting.usdc(at_liquidation.fee),
        "to_fund": formatting.usdc(at_liquidation.insurance_fund),
        "gap_left": formatting.usdc(gapped.loss + gapped.realized_pnl),
        "gap_fee": formatting.usdc(gapped.fee),
        "gap_to_fund": formatting.usdc(gapped.insurance_fund),
        "pnl_after_entry": formatting.usdc(just_after.unrealized_pnl),
        "roe_after_entry": formatting.percent(just_after.roe),
        "down_after_entry": formatting.usdc(opening - just_after.unrealized_pnl),
    }


@cache
def insurance_figures() -> dict[str, str]:
    unlimited = liquidation(seed_replay(PAST_BANKRUPTCY).events)
    limited = liquidation(seed_replay(PAST_BANKRUPTCY, fund=SMALL_FUND).events)
    return {
        "gap_mark": formatting.usdc(PAST_BANKRUPTCY),
        "loss_at_gap": formatting.usdc(-unlimited.realized_pnl),
        "trader_loss": formatting.usdc(unlimited.loss),
        "past_bankruptcy": formatting.usdc(-unlimited.insurance_fund),
        "small_fund": formatting.usdc(SMALL_FUND),
        "fund_paid": formatting.usdc(-limited.insurance_fund),
        "deleveraged": formatting.usdc(limited.deleveraged),
    }


def adl_ranked() -> dict[str, PositionResult]:
    """Each short's figures at the gap's mark, by name, the first in the ADL queue first."""
    ranked = {
        name: evaluate(_marked(Account(ADL_WALLET, (short,)), PAST_BANKRUPTCY)).positions[0]
        for name, short in ADL_SHORTS.items()
    }
    return dict(sorted(ranked.items(), key=lambda item: -item[1].adl_score))


@cache
def adl_figures() -> dict[str, str]:
    ranked = adl_ranked()
    figures = {"first": f"{formatting.plain(next(iter(ranked.values())).leverage)}×"}
    for name, position in ranked.items():
        figures |= {
            f"{name}_pnl": formatting.usdc(position.unrealized_pnl),
            f"{name}_roe": formatting.percent(position.roe),
            f"{name}_score": formatting.amount(position.adl_score, 3),
        }
    return figures


@cache
def partial_figures() -> dict[str, str]:
    market = get_market(LARGE_TRADE.market)
    entry = evaluate(large_account()).positions[0]
    cut_replay = large_replay(partial=True)
    cut, rest = cut_replay.events[0], cut_replay.steps[0].state.positions[0]
    whole = liquidation(large_replay(partial=False).events)
    return {
        "notional": formatting.usdc(entry.notional),
        "entry_bracket_rate": formatting.rate(entry.maintenance_margin_rate),
        "first_cap": formatting.usdc(market.tiers[0].cap),
        "first_rate": formatting.rate(market.tiers[0].maintenance_margin_rate),
        "liquidation_price": formatting.usdc(entry.liquidation_price),
        "closed": f"{formatting.plain(cut.size)} ETH",
        "kept": f"{formatting.plain(cut.remaining_size)} ETH",
        "kept_notional": formatting.usdc(cut.remaining_size * cut.mark_price),
        "cut_loss": formatting.usdc(-cut.realized_pnl),
        "cut_fee": formatting.usdc(cut.fee),
        "kept_margin": formatting.usdc(rest.margin),
        "kept_liquidation_price": formatting.usdc(rest.liquidation_price),
        "whole_loss": formatting.usdc(whole.loss),
    }


FIGURES = {
    "mark": mark_figures,
    "funding": funding_figures,
    "fees": fee_figures,
    "insurance": insurance_figures,
    "adl": adl_figures,
    "partial": partial_figures,
}
