"""The readiness check's questions, generated from the margin engine with fresh numbers for
each attempt.

An attempt is its seed: `attempt(seed)` gives the same questions, numbers, choice orders and
answers every time, so an attempt can be replayed and scored from the seed alone, with no
session. Each question draws from its own generator, seeded by the attempt's seed and the
question's id, so adding or changing one question leaves every other one's numbers as they
were. One module per topic; every number shown or expected comes from `explainer.engine`.
"""

import random
from collections.abc import Callable
from functools import lru_cache

from . import adding, fees, funding, maintenance, modes, prices, shortfall
from .base import Choice, Link, Question

__all__ = ["GENERATORS", "PASS_PERCENT", "Choice", "Link", "Question", "attempt", "titles"]

PASS_PERCENT = 80
SEEDS = 10**9  # seeds are 0 … SEEDS − 1, drawn by secrets.randbelow

# In the order they are asked: prices first, then modes, brackets, costs, and what protects you.
GENERATORS: dict[str, Callable[[random.Random], Question]] = {
    "mark-vs-last": prices.mark_vs_last,
    "liquidation-vs-bankruptcy": prices.liquidation_vs_bankruptcy,
    "liquidation-price": prices.liquidation_price,
    "mode-survival": modes.mode_survival,
    "cross-risk": modes.cross_risk,
    "max-loss": modes.max_loss,
    "maintenance-tier": maintenance.maintenance_tier,
    "margin-ratio": maintenance.margin_ratio,
    "adding-margin": adding.adding_margin,
    "funding": funding.funding,
    "trading-fees": fees.trading_fees,
    "liquidation-fee": fees.liquidation_fee,
    "insurance-fund": shortfall.insurance_fund,
    "adl-rank": shortfall.adl_rank,
}


# Kept for the seeds asked lately: a page and its scoring ask for the same seed in turn.
@lru_cache(maxsize=256)
def attempt(seed: int) -> tuple[Question, ...]:
    questions = []
    for question_id, generate in GENERATORS.items():
        question = generate(random.Random(f"{seed}:{question_id}"))
        assert question.id == question_id, question.id
        questions.append(question)
    return tuple(questions)


def titles() -> dict[str, str]:
    """Each question id's title, for the admin (from one attempt: titles do not vary)."""
    return {question.id: question.title for question in attempt(0)}
