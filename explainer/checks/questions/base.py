"""What a generated question is, and the small tools every topic module draws its numbers with.

A question is made whole from its seed: the prompt and facts the reader sees, the choices (for
multiple choice) in the order the seed shuffled them, and, kept on the server until the
attempt is scored, the right answer and the explanation written with the same numbers.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from explainer.calculators import display
from explainer.engine import Market


@dataclass(frozen=True)
class Link:
    article: str  # the article's slug
    section: str  # the id of the heading that teaches it
    label: str  # that heading, as the link's words

    @property
    def url(self) -> str:
        return f"/articles/{self.article}/#{self.section}"


@dataclass(frozen=True)
class Choice:
    key: str  # "a", "b", ...: a letter for the place the seed shuffled it to, nothing more
    text: str


@dataclass(frozen=True)
class Question:
    id: str  # stable across attempts and seeds: what the statistics count by
    title: str
    prompt: str
    facts: tuple[tuple[str, str], ...]
    link: Link
    explanation: str
    choices: tuple[Choice, ...] = ()
    answer_key: str = ""  # multiple choice: the right choice's key
    answer: Decimal | None = None  # numeric: the engine's figure, full precision
    unit: str = ""  # numeric: "USDC", "%" or "USDC price"
    tolerance: Decimal = Decimal(0)
    relative: bool = False  # the tolerance is a fraction of the answer, not an amount
    answer_text: str = ""  # the right answer as the result page shows it
    table: tuple[tuple[str, ...], ...] = ()  # an optional table, first row the headings

    @property
    def numeric(self) -> bool:
        return not self.choices

    @property
    def tolerance_text(self) -> str:
        if self.relative:
            return f"within {display.formatting.rate(self.tolerance)} of the right price"
        if self.unit == "%":
            return f"within {display.formatting.plain(self.tolerance)} percentage points"
        return f"within {display.formatting.plain(self.tolerance)} USDC"

    def is_right(self, given: str | Decimal | None) -> bool:
        if given is None:
            return False
        if not self.numeric:
            return given == self.answer_key
        allowed = self.tolerance * abs(self.answer) if self.relative else self.tolerance
        return abs(Decimal(given) - self.answer) <= allowed


KEYS = "abcdefgh"


def shuffled(rng: random.Random, right: str, wrong: list[str]) -> tuple[tuple[Choice, ...], str]:
    """The choices in an order the seed picks, and the key the right one landed on."""
    texts = [right, *wrong]
    rng.shuffle(texts)
    choices = tuple(Choice(KEYS[i], text) for i, text in enumerate(texts))
    return choices, KEYS[texts.index(right)]


def on_tick(rng: random.Random, market: Market, low: Decimal, high: Decimal) -> Decimal:
    """A price between low and high on the market's tick."""
    tick = market.tick_size
    return rng.randint(int(low / tick), int(high / tick)) * tick


def on_lot(rng: random.Random, market: Market, low: Decimal, high: Decimal) -> Decimal:
    lot = market.lot_size
    return rng.randint(max(1, int(low / lot)), int(high / lot)) * lot


def rounded(value: Decimal, market: Market) -> Decimal:
    """A figure the engine computed, rounded to the market's tick, to use as a price."""
    return value.quantize(market.tick_size)


def step(rng: random.Random, low: str, high: str, by: str) -> Decimal:
    """A number from low to high in steps of `by` (a leverage, a rate, an amount)."""
    unit = Decimal(by)
    return rng.randint(int(Decimal(low) / unit), int(Decimal(high) / unit)) * unit
