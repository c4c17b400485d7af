"""Hypothesis strategies for valid positions and accounts (not collected: no test_ prefix)."""

from decimal import Decimal, localcontext

from hypothesis import strategies as st

from explainer.engine import MARKETS, Account, MarginMode, Position, Side
from explainer.engine.decimals import CONTEXT, exact_sum

ENTRY = {"BTC-PERP": Decimal(50000), "ETH-PERP": Decimal(3000), "SOL-PERP": Decimal(150)}
factors = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("1.5"), places=3)
sizes = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("50"), places=3)


@st.composite
def positions(draw, mode=None, market=None, marked=True):
    symbol = market or draw(st.sampled_from(sorted(MARKETS)))
    size = draw(sizes)
    entry = ENTRY[symbol] * draw(factors)
    cap = MARKETS[symbol].tier_for(size * entry).max_leverage
    return Position(
        side=draw(st.sampled_from(Side)),
        size=size,
        entry_price=entry,
        leverage=Decimal(draw(st.integers(1, int(cap)))),
        margin_mode=mode or draw(st.sampled_from(MarginMode)),
        market=symbol,
        mark_price=entry * draw(factors) if marked else None,
    )


@st.composite
def accounts(draw, mode=None, max_positions=4):
    held = draw(st.lists(positions(mode=mode), min_size=1, max_size=max_positions))
    with localcontext(CONTEXT):
        margins = [p.size * p.entry_price / p.leverage for p in held if p.margin_mode == "isolated"]
    extra = draw(st.decimals(min_value=0, max_value=10**6, places=2))
    return Account(wallet_balance=exact_sum([*margins, extra]), positions=tuple(held))
