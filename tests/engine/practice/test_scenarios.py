"""The guided scenarios: set up as they say, and their answer is what playing them shows."""

from explainer.engine.practice import SCENARIOS
from tests.engine.practice.helpers import kinds, played


def test_every_scenario_starts_fresh_with_its_path_chosen_and_its_answer_among_the_choices():
    for scenario in SCENARIOS.values():
        p = scenario.setup()
        assert p.path is not None and p.step == 0 and p.account.positions
        assert scenario.answer in {value for value, _ in scenario.choices}
        assert "#" in scenario.lesson_anchor


def test_cross_contagion_closes_both_cross_positions_at_one_step():
    p = played(SCENARIOS["cross-contagion"].setup())
    steps = {step for kind, step in kinds(p) if kind == "liquidation"}
    assert len(steps) == 1 and p.account.positions == ()


def test_funding_moves_the_isolated_longs_liquidation_price_closer():
    p = played(SCENARIOS["funding-moves-liquidation"].setup())
    start, end = p.frames[0].liquidation_prices["p1"], p.frames[-1].liquidation_prices["p1"]
    assert end > start and p.account.positions


def test_isolated_caps_the_loss_at_the_margin_and_fees():
    # 20× isolated long: 300 margin, 3 opening fee; it pays a little funding out of that
    # margin, then loses exactly what is left of it: the wallet ends at 1,000 − 300 − 3.
    p = played(SCENARIOS["isolated-caps-the-loss"].setup())
    assert ("liquidation", 16) in kinds(p)
    assert p.account.wallet_balance == 697
