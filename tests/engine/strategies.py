"""Hypothesis strategies for valid positions and accounts (not collected: no test_ prefix)."""

from decimal import Decimal, localcontext

from hypothesis import strategies as st

from explainer.engine import MARKETS, Account, MarginMode, Position, PositionMode, Side
from explainer.engine.decimals import CONTEXT, exact_sum

ENTRY = {
    "BTC-PERP": Decimal(50000),
    "ETH-PERP": Decimal(3000),
    "SOL-PERP": Decimal(150),
    "XRP-PERP": Decimal("0.6"),
    "AVAX-PERP": Decimal(30),
}
# Sizes are drawn for BTC and scaled so that every market's notionals span its tiers alike.
SCALE = {"XRP-PERP": 10000, "AVAX-PERP": 10}
factors = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("1.5"), places=3)
sizes = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("50"), places=3)


@st.composite
def positions(draw, mode=None, market=None, marked=True, side=None, mark=None):
    symbol = market or draw(st.sampled_from(sorted(MARKETS)))
    size = draw(sizes) * SCALE.get(symbol, 1)
    entry = ENTRY[symbol] * draw(factors)
    cap = MARKETS[symbol].tier_for(size * entry).max_leverage
    if mark is None and marked:
        mark = entry * draw(factors)
    return Position(
        side=side or draw(st.sampled_from(Side)),
        size=size,
        entry_price=entry,
        leverage=Decimal(draw(st.integers(1, int(cap)))),
        margin_mode=mode or draw(st.sampled_from(MarginMode)),
        market=symbol,
        mark_price=mark,
    )


@st.composite
def accounts(draw, mode=None, max_positions=4, position_mode=None):
    """One position per market in one-way mode; in hedge mode up to a long and a short per
    market, which share the market's mark."""
    chosen_mode = position_mode or draw(st.sampled_from(PositionMode))
    sides = tuple(Side) if chosen_mode == PositionMode.HEDGE else (None,)
    slots = [(market, side) for market in sorted(MARKETS) for side in sides]
    picked = draw(st.lists(st.sampled_from(slots), min_size=1, max_size=max_positions, unique=True))
    marks = {market: ENTRY[market] * draw(factors) for market in MARKETS}
    held = [
        draw(positions(mode=mode, market=market, side=side, mark=marks[market]))
        for market, side in picked
    ]
    with localcontext(CONTEXT):
        margins = [p.size * p.entry_price / p.leverage for p in held if p.margin_mode == "isolated"]
    extra = draw(st.decimals(min_value=0, max_value=10**6, places=2))
    return Account(
        wallet_balance=exact_sum([*margins, extra]),
        positions=tuple(held),
        position_mode=chosen_mode,
    )


@st.composite
def hedged(draw, max_others=2):
    """Hedge mode with a cross long and a cross short in one market, and maybe more."""
    market = draw(st.sampled_from(sorted(MARKETS)))
    mark = ENTRY[market] * draw(factors)
    pair = [
        draw(positions(mode=MarginMode.CROSS, market=market, side=side, mark=mark)) for side in Side
    ]
    others = draw(accounts(max_positions=max_others, position_mode=PositionMode.HEDGE))
    kept = tuple(p for p in others.positions if p.market != market)
    wallet = draw(st.decimals(min_value=0, max_value=10**5, places=2)) + others.wallet_balance
    return Account(wallet, (*pair, *kept), position_mode=PositionMode.HEDGE)
