"""7. Target price: the exit in a sentence, its figures, and a ladder of common ROE targets."""

from explainer.formatting import rate, usdc

from ..display import leverage, price, signed_percent, signed_usdc
from ..questions.target import TargetOutcome
from ..tables import ILLUSTRATIVE, Presentation, Row, Table, math_group, trade_words


def target(outcome: TargetOutcome) -> Presentation:
    found, market = outcome.target, outcome.trade.market
    figures = Table(
        caption="Your target",
        head=("Figure", "Value"),
        rows=(
            Row("Exit price", (price(found.exit_price, market),), current=True),
            Row("Move from the entry price", (signed_percent(found.move),)),
            Row("PnL after fees" if outcome.with_fees else "PnL", (signed_usdc(found.pnl),)),
            Row("ROE", (signed_percent(found.roe),)),
            Row("Initial margin", (usdc(found.initial_margin),)),
            *_fee_rows(outcome),
            Row("Isolated liquidation price", (price(outcome.liquidation_price, market),)),
        ),
        note=_fees_note(outcome),
    )
    ladder = Table(
        caption="Exit prices for common ROE targets",
        head=("ROE", "Exit price", "Move", "PnL"),
        rows=tuple(
            Row(
                signed_percent(step.roe),
                (price(step.exit_price, market), signed_percent(step.move), signed_usdc(step.pnl)),
                current=step is found,
            )
            for step in outcome.ladder
        ),
        note="The highlighted row is your target. Targets no price reaches are left out.",
    )
    return Presentation(_lede(outcome), (figures, ladder), (math_group("", outcome.derivations),))


def _fee_rows(outcome: TargetOutcome) -> tuple[Row, ...]:
    if not outcome.with_fees:
        return ()
    return (
        Row(f"Opening fee ({outcome.opening})", (usdc(outcome.target.opening_fee),)),
        Row(f"Closing fee ({outcome.closing})", (usdc(outcome.target.closing_fee),)),
    )


def _fees_note(outcome: TargetOutcome) -> str:
    market = outcome.trade.market
    fees = f"{rate(market.fees.maker)} maker, {rate(market.fees.taker)} taker"
    if not outcome.with_fees:
        return f"Fees left out; {market.symbol} charges {fees} of the notional traded."
    return f"{market.symbol} fees: {fees} of the notional traded. {ILLUSTRATIVE}"


def _lede(outcome: TargetOutcome) -> str:
    found, trade = outcome.target, outcome.trade
    market = trade.market
    aim = f"{signed_usdc(found.pnl)} (an ROE of {signed_percent(found.roe)})"
    if outcome.by == "roe":
        aim = f"an ROE of {signed_percent(found.roe)} ({signed_usdc(found.pnl)})"
    lede = (
        f"For {aim} on this {trade_words(market, trade.side, trade.size)} at "
        f"{leverage(trade.leverage)}, close at {price(found.exit_price, market)}, "
        f"{signed_percent(found.move)} from the entry price"
    )
    if outcome.with_fees:
        lede += (
            f", after {usdc(found.opening_fee)} in fees to open and "
            f"{usdc(found.closing_fee)} to close"
        )
    lede += "."
    if outcome.liquidated_first:
        lede += (
            " That exit is never reached by an isolated position holding only its initial "
            f"margin: it is liquidated first, at {price(outcome.liquidation_price, market)}."
        )
    return lede
