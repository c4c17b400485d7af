"""Every predict-then-reveal widget, one module each, by slug."""

from ..question import Question
from . import (
    add_margin,
    bankruptcy,
    eth_survives,
    funding_week,
    isolated_liquidation,
    which_mode,
)

QUESTIONS: dict[str, Question] = {
    module.QUESTION.slug: module.QUESTION
    for module in (
        isolated_liquidation,
        which_mode,
        eth_survives,
        funding_week,
        bankruptcy,
        add_margin,
    )
}
