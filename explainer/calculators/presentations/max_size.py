"""Maximum open size: the largest position in the coin and in USDC, what it costs to open,
what limits it, and the market's tiers with the leverage each allows."""

from explainer.engine import liquidation_distance
from explainer.formatting import amount, percent, rate, usdc

from ..display import leverage, price, size
from ..questions.max_size import MaxSizeOutcome
from ..tables import ILLUSTRATIVE, Presentation, Row, Table, math_group


def max_size(outcome: MaxSizeOutcome) -> Presentation:
    market, largest, position = outcome.market, outcome.largest, outcome.position
    at = leverage(outcome.leverage)
    lede = (
        f"With {usdc(outcome.wallet)} at {at}, the largest {market.symbol} {outcome.side.value} "
        f"that opens is {size(largest.size, market)}: {usdc(largest.notional)} of notional, "
        f"costing {usdc(largest.cost)} with the {rate(outcome.fee_rate)} taker fee. "
        f"{_capital(_limit(outcome))} limits it."
    )
    figures = Table(
        caption="The largest position",
        head=("Figure", "Value"),
        rows=(
            Row("Size", (size(largest.size, market),), current=True),
            Row("Notional at entry", (usdc(largest.notional),), key=True),
            Row("Initial margin", (usdc(largest.initial_margin),)),
            Row(f"Opening fee ({rate(outcome.fee_rate)})", (usdc(largest.opening_fee),)),
            Row("Cost to open", (usdc(largest.cost),), key=True),
            Row("Limited by", (_limit(outcome),)),
            Row("Liquidation price, isolated", (price(position.liquidation_price, market),)),
            Row("Distance to it", (percent(liquidation_distance(position)),)),
        ),
    )
    return Presentation(lede, (figures, _tiers(outcome)), (math_group("", outcome.derivations),))


def _limit(outcome: MaxSizeOutcome) -> str:
    tier = outcome.largest.tier
    if tier is None:
        return "the balance"
    return f"tier {outcome.market.tiers.index(tier) + 1}'s cap of {usdc(tier.cap)}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tiers(outcome: MaxSizeOutcome) -> Table:
    market, binding = outcome.market, outcome.largest.tier
    rows = []
    for index, tier in enumerate(market.tiers):
        floor, cap = amount(tier.floor, 0), tier.cap and amount(tier.cap, 0)
        band = f"{floor} – {cap} USDC" if cap else f"from {floor} USDC"
        allows = "yes" if tier.max_leverage >= outcome.leverage else "no"
        label = f"Tier {index + 1}{' (caps it)' if tier is binding else ''}"
        rows.append(
            Row(label, (band, leverage(tier.max_leverage), allows), current=tier is binding)
        )
    return Table(
        caption=f"{market.symbol} tiers: the most leverage each notional allows",
        head=("Tier", "Notional", "Max leverage", f"Allows {leverage(outcome.leverage)}"),
        rows=tuple(rows),
        note=f"A position opens at a leverage only below the cap of the last tier that allows "
        f"it. {ILLUSTRATIVE}",
    )
