"""The guided scenarios: an account set up to show one lesson, a question to predict, a path.

Each setup opens its positions on a fresh account with market orders (paying the taker
fee, as a reader's would) and chooses the path that teaches the lesson.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..models import MarginMode, Side
from .controls import set_leverage
from .orders import market_order
from .paths import PATHS
from .state import Practice, fresh
from .stepping import choose_path


@dataclass(frozen=True)
class Scenario:
    slug: str
    title: str
    question: str
    choices: tuple[tuple[str, str], ...]  # (value, label)
    answer: str
    lesson_anchor: str  # article slug#section
    build: Callable[[], Practice]

    def setup(self) -> Practice:
        return self.build()


def _cross_pair() -> Practice:
    """A cross BTC long (0.1 at 60,000, 10×: 600 USDC margin) and a cross ETH short (1 at
    3,000, 10×: 300 USDC margin), on the path where BTC falls and ETH rises."""
    p = fresh()
    p = market_order(
        p, market="BTC-PERP", side=Side.LONG, size=Decimal("0.1"), margin_mode=MarginMode.CROSS
    )
    p = market_order(
        p, market="ETH-PERP", side=Side.SHORT, size=Decimal("1"), margin_mode=MarginMode.CROSS
    )
    return choose_path(p, PATHS["markets-pull-apart"])


def _funded_long() -> Practice:
    """An isolated BTC long, 0.1 at 60,000, 10× (600 USDC margin), through a week of 0.05 %
    funding: 21 payments of about 3 USDC each come out of its margin."""
    p = fresh()
    p = market_order(
        p, market="BTC-PERP", side=Side.LONG, size=Decimal("0.1"), margin_mode=MarginMode.ISOLATED
    )
    return choose_path(p, PATHS["week-of-funding"])


def _isolated_long() -> Practice:
    """An isolated BTC long at 20× (0.1 at 60,000: 300 USDC margin) in a 1,000 USDC wallet,
    on the slow slide."""
    p = set_leverage(fresh(), market="BTC-PERP", leverage=Decimal(20))
    p = market_order(
        p, market="BTC-PERP", side=Side.LONG, size=Decimal("0.1"), margin_mode=MarginMode.ISOLATED
    )
    return choose_path(p, PATHS["slow-slide"])


SCENARIOS: Mapping[str, Scenario] = {
    scenario.slug: scenario
    for scenario in (
        Scenario(
            slug="cross-contagion",
            title="See cross contagion",
            question=(
                "You hold a cross BTC long and a cross ETH short. BTC falls and ETH rises, a "
                "little each step. What does the liquidation engine do?"
            ),
            choices=(
                ("together", "It closes both positions at the same step"),
                ("btc-only", "It closes the BTC long and leaves the ETH short open"),
                ("neither", "Nothing: each position has its own margin"),
            ),
            answer="together",
            lesson_anchor="cross-vs-isolated-margin#several-cross-positions-share-one-balance",
            build=_cross_pair,
        ),
        Scenario(
            slug="funding-moves-liquidation",
            title="See funding move your liquidation price",
            question=(
                "Your isolated BTC long pays funding every eight hours for a week while the "
                "price goes nowhere. What happens to its liquidation price?"
            ),
            choices=(
                ("closer", "It creeps up, closer to the mark"),
                ("same", "It stays where it was: the price did not move"),
                ("further", "It moves down, further from the mark"),
            ),
            answer="closer",
            lesson_anchor="funding-payments#funding-moved-my-liquidation-price",
            build=_funded_long,
        ),
        Scenario(
            slug="isolated-caps-the-loss",
            title="See why isolated caps the loss",
            question=(
                "Your 20× isolated BTC long uses a small part of your wallet. BTC slides for "
                "days. How much of the wallet can this position lose?"
            ),
            choices=(
                ("margin", "Only the margin set aside for it, and the fees"),
                ("wallet", "All of the wallet"),
                ("nothing", "Nothing: it is closed before any loss"),
            ),
            answer="margin",
            lesson_anchor="cross-vs-isolated-margin#isolated-margin-a-fixed-amount-for-one-trade",
            build=_isolated_long,
        ),
    )
}
