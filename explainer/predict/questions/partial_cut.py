"""A large ETH long reaches its liquidation price: how much does the liquidation engine's
first cut close? It closes just enough to bring what is left into the bracket below."""

from explainer.engine import get_market
from explainer.formatting import plain, rate, usdc
from explainer.topic_examples import LARGE_FALLS_TO, LARGE_TRADE, LARGE_WALLET, large_replay

from ..question import Answer, Kind, Question, Section
from . import seed

MARKET = get_market(LARGE_TRADE.market)


def solve() -> Answer:
    run = large_replay(partial=True)
    cut, rest = run.events[0], run.steps[0].state.positions
    first = MARKET.tiers[0]
    return Answer(
        shown=f"{plain(cut.size)} {MARKET.base}",
        value=cut.size,
        explanation=(
            f"At {usdc(LARGE_FALLS_TO)} the position is worth "
            f"{usdc(LARGE_TRADE.size * LARGE_FALLS_TO)}, in the bracket that asks "
            f"{rate(MARKET.tier_for(LARGE_TRADE.size * LARGE_FALLS_TO).maintenance_margin_rate)}"
            " maintenance margin.",
            f"The engine keeps the largest size whose value falls below {usdc(first.cap)}, the "
            f"top of the first bracket: {plain(cut.remaining_size)} {MARKET.base}, worth "
            f"{usdc(cut.remaining_size * cut.mark_price)}. It closes the other "
            f"{plain(cut.size)} {MARKET.base}, for a loss of {usdc(-cut.realized_pnl)} and a "
            f"liquidation fee of {usdc(cut.fee)}.",
            _rest(rest),
        ),
    )


def _rest(rest) -> str:
    if not rest:
        return "What was left still failed its maintenance margin, so it was closed too."
    position = rest[0]
    return (
        f"What is left needs only {rate(position.maintenance_margin_rate)} maintenance margin "
        f"and has {usdc(position.margin)} of margin behind it, so it stays open, with a new "
        f"liquidation price of {usdc(position.liquidation_price)}."
    )


QUESTION = Question(
    slug="partial-first-cut",
    title="How much of a large position does the first cut close?",
    setup=(
        f"A long of {seed.figure(LARGE_TRADE.size)} {MARKET.base} on {MARKET.symbol}, opened "
        f"at {seed.figure(LARGE_TRADE.entry_price)} USDC with "
        f"{seed.figure(LARGE_TRADE.leverage)}× leverage, isolated, in an account holding "
        f"{seed.figure(LARGE_WALLET)} USDC.",
        f"The mark price falls to {seed.figure(LARGE_FALLS_TO)} USDC, just past the position's "
        "liquidation price, and the liquidation engine cuts it one bracket at a time.",
    ),
    prompt=f"How many {MARKET.base} does the first cut close?",
    kind=Kind.NUMBER,
    unit=MARKET.base,
    noun="size closed",
    section=Section(
        "partial-liquidation-of-large-positions",
        "one-bracket-at-a-time",
        "One bracket at a time",
    ),
    solve=solve,
)
