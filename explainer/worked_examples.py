"""The help text's two worked examples, computed by the engine wherever they appear.

Both are the same trade: a 10× long of 0.02 BTC at 50,000 USDC, in an account holding 500 USDC.
In isolated mode 100 USDC (the initial margin) backs it; in cross mode the whole 500 USDC does.
A third, `btc_crossing`, shows a liquidation price worked out in a lower tier than the one
the position is in at entry. `seed_contagion` holds the seed trade beside an ETH long in one
cross account: a BTC loss moves the ETH liquidation price.
"""

from decimal import Decimal
from functools import cache

from explainer.engine import (
    Account,
    MarginMode,
    Position,
    Side,
    evaluate,
    get_market,
    liquidation_distance,
)

from . import formatting

SEED_TRADE = {
    "market": "BTC-PERP",
    "side": Side.LONG,
    "size": Decimal("0.02"),
    "entry_price": Decimal("50000"),
    "leverage": Decimal("10"),
}
SEED_WALLET = Decimal("500")
SEED_ISOLATED_MARGIN = Decimal("100")


def seed_isolated() -> Account:
    position = Position(
        **SEED_TRADE, margin_mode=MarginMode.ISOLATED, isolated_margin=SEED_ISOLATED_MARGIN
    )
    return Account(wallet_balance=SEED_WALLET, positions=(position,))


def seed_cross() -> Account:
    position = Position(**SEED_TRADE, margin_mode=MarginMode.CROSS)
    return Account(wallet_balance=SEED_WALLET, positions=(position,))


EXAMPLES = {"seed_isolated": seed_isolated, "seed_cross": seed_cross}


@cache
def figures(name: str) -> dict[str, str]:
    """Every figure of a worked example, formatted for prose."""
    account = EXAMPLES[name]()
    result = evaluate(account)
    position = result.positions[0]
    return {
        "size": f"{formatting.plain(position.size)} BTC",
        "entry_price": formatting.usdc(position.entry_price),
        "leverage": f"{formatting.plain(position.leverage)}×",
        "wallet_balance": formatting.usdc(result.wallet_balance),
        "notional": formatting.usdc(position.notional),
        "initial_margin": formatting.usdc(position.initial_margin),
        "maintenance_margin": formatting.usdc(position.maintenance_margin),
        "maintenance_margin_rate": formatting.percent(position.maintenance_margin_rate),
        "liquidation_price": formatting.usdc(position.liquidation_price),
        "bankruptcy_price": formatting.usdc(position.bankruptcy_price),
        "max_loss": formatting.usdc(position.max_loss),
        "distance_to_liquidation": formatting.percent(liquidation_distance(position)),
        "account_left_after_liquidation": formatting.usdc(
            result.wallet_balance - position.max_loss
        ),
    }


@cache
def btc_tier_figures() -> dict[str, str]:
    """How BTC-PERP's first two maintenance tiers meet at their border, from the market data."""
    first, second = get_market("BTC-PERP").tiers[:2]
    border = first.cap
    return {
        "border": formatting.usdc(border),
        "first_rate": formatting.rate(first.maintenance_margin_rate),
        "first_max_leverage": f"{formatting.plain(first.max_leverage)}×",
        "second_rate": formatting.rate(second.maintenance_margin_rate),
        "first_mm_at_border": formatting.usdc(
            border * first.maintenance_margin_rate - first.maintenance_amount
        ),
        "second_rate_alone_at_border": formatting.usdc(border * second.maintenance_margin_rate),
        "second_amount": formatting.usdc(second.maintenance_amount),
    }


CROSSING_TRADE = {
    "market": "BTC-PERP",
    "side": Side.LONG,
    "size": Decimal("2"),
    "entry_price": Decimal("30000"),
    "leverage": Decimal("2"),
    "margin_mode": MarginMode.ISOLATED,
}


@cache
def btc_crossing_figures() -> dict[str, str]:
    """A long whose fall to liquidation takes its notional from BTC-PERP's second tier into
    the first: the liquidation price uses the first tier's rate and amount."""
    market = get_market("BTC-PERP")
    position = Position(**CROSSING_TRADE)
    result = evaluate(Account(wallet_balance=Decimal("30000"), positions=(position,)))
    figures = result.positions[0]
    price = figures.liquidation_price
    entry_tier = market.tier_for(figures.notional)
    held = Position(
        **CROSSING_TRADE,
        maintenance_margin_rate=entry_tier.maintenance_margin_rate,
        maintenance_amount=entry_tier.maintenance_amount,
    )
    kept = evaluate(Account(wallet_balance=Decimal("30000"), positions=(held,))).positions[0]
    at_price = market.tier_for(figures.size * price)
    return {
        "notional": formatting.usdc(figures.notional),
        "entry_tier": str(market.tiers.index(entry_tier) + 1),
        "entry_rate": formatting.rate(entry_tier.maintenance_margin_rate),
        "liquidation_price": formatting.usdc(price),
        "liquidation_notional": formatting.usdc(figures.size * price),
        "liquidation_tier": str(market.tiers.index(at_price) + 1),
        "liquidation_rate": formatting.rate(at_price.maintenance_margin_rate),
        "entry_tier_price": formatting.usdc(kept.liquidation_price),
    }


# Cross contagion: the seed trade beside an ETH long in one cross account (the contagion
# calculator's defaults), before and after BTC falls to 45,000 USDC while ETH stays put.
SECOND_TRADE = {
    "market": "ETH-PERP",
    "side": Side.LONG,
    "size": Decimal("0.5"),
    "entry_price": Decimal("3000"),
    "leverage": Decimal("10"),
}
CONTAGION_FIRST_PRICE = Decimal("45000")


def _pair(mode: MarginMode, first_price: Decimal) -> Account:
    first = Position(**SEED_TRADE, margin_mode=mode, mark_price=first_price)
    second = Position(**SECOND_TRADE, margin_mode=mode)
    return Account(wallet_balance=SEED_WALLET, positions=(first, second))


@cache
def contagion_figures() -> dict[str, str]:
    entry = SEED_TRADE["entry_price"]
    before = evaluate(_pair(MarginMode.CROSS, entry)).positions[1]
    first, after = evaluate(_pair(MarginMode.CROSS, CONTAGION_FIRST_PRICE)).positions
    isolated = evaluate(_pair(MarginMode.ISOLATED, CONTAGION_FIRST_PRICE)).positions[1]
    return {
        "first_loss": formatting.usdc(-first.unrealized_pnl),
        "second_liquidation_before": formatting.usdc(before.liquidation_price),
        "second_liquidation_after": formatting.usdc(after.liquidation_price),
        "second_liquidation_isolated": formatting.usdc(isolated.liquidation_price),
    }


def figure(name: str, field: str) -> str:
    try:
        if name == "btc_tiers":
            return btc_tier_figures()[field]
        if name == "btc_crossing":
            return btc_crossing_figures()[field]
        if name == "seed_contagion":
            return contagion_figures()[field]
        from . import topic_examples  # it builds on this module's seed trade

        if name in topic_examples.FIGURES:
            return topic_examples.FIGURES[name]()[field]
        return figures(name)[field]
    except KeyError:
        raise KeyError(f"no worked-example figure {name}.{field}") from None
