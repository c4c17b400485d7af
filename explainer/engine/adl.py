"""The auto-deleveraging rank: which profitable positions an exchange closes first when the
insurance fund cannot absorb a bankrupt position.

    PnL ratio          = s·(M − E) / E                 (position value at mark vs at entry)
    effective leverage = q·M / equity                  (equity = what backs it + uPnL)
    score              = PnL ratio × effective leverage    when the PnL ratio is positive
                       = PnL ratio ÷ effective leverage    otherwise

This is the ranking BitMEX publishes ("Auto Deleveraging": effective leverage = abs(mark
value) / (mark value − bankrupt value), which for one position is its notional over its
equity, since s·q·(M − bankruptcy price) = H₀ + uPnL) and MEXC repeats. Binance ranks by
"LeveragePnL" (unrealised PnL over collateral, times the margin ratio), which needs the
whole account and every other trader's; the score here orders one account's positions the
way an ADL queue would, the most profitable and most leveraged first. A hedged pair's
equity is the pair's. None when the equity is zero or less: such a position is bankrupt.
"""

from decimal import Decimal

from .positions import Marked, Terms


def adl_score(terms: Terms, figures: Marked, equity: Decimal) -> Decimal | None:
    if equity <= 0:
        return None
    ratio = terms.sign * (figures.mark_price - terms.entry_price) / terms.entry_price
    leverage = figures.notional / equity
    return ratio * leverage if ratio > 0 else ratio / leverage
