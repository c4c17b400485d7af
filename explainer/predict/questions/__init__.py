"""Every predict-then-reveal widget, one module each, by slug."""

from ..question import Question
from . import (
    add_margin,
    bankruptcy,
    eth_survives,
    fund_runs_out,
    funding_week,
    isolated_liquidation,
    leftover_margin,
    mark_wick,
    partial_cut,
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
        mark_wick,
        leftover_margin,
        fund_runs_out,
        partial_cut,
    )
}
