"""The seed trade as a reader is told it before guessing: inputs only, never a result."""

from decimal import Decimal

from explainer.worked_examples import SEED_ISOLATED_MARGIN, SEED_TRADE, SEED_WALLET


def figure(value: Decimal) -> str:
    """An input as a person would say it: 50,000 and 0.02, not 50,000.00 or 5E+4."""
    return f"{value.normalize():,f}"


TRADE = (
    f"A long of {figure(SEED_TRADE['size'])} BTC on {SEED_TRADE['market']}, opened at "
    f"{figure(SEED_TRADE['entry_price'])} USDC with {figure(SEED_TRADE['leverage'])}× leverage."
)
ISOLATED = (
    f"Isolated margin: {figure(SEED_ISOLATED_MARGIN)} USDC, in an account holding "
    f"{figure(SEED_WALLET)} USDC."
)
MARK = "The mark price starts at the entry price; nothing else changes."
