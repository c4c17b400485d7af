"""Each preset is a worked example: its report must tell the story the preset is named for,
with the explanation that applies and the customer's numbers in it."""

import pytest

from explainer.engine.findings import Reason
from explainer.support.presets import PRESETS
from explainer.support.report import build_report


def report(slug):
    return build_report(PRESETS[slug].spec)


def reasons(chapter):
    return {explanation.reason for explanation in chapter.explanations}


def explanation(report, reason):
    return next(
        e for chapter in report.story.chapters for e in chapter.explanations if e.reason == reason
    )


def test_a_wick_on_the_last_price_liquidates_nothing():
    told = report("last-price-wick")
    assert not told.story.chapters
    (wick,) = told.story.reassurance
    assert wick.reason == Reason.MARK_NOT_LAST
    assert "only the mark triggers liquidation" in wick.text
    assert "56,800.0 USDC" in wick.text  # the wick's low, at BTC-PERP's tick
    assert told.story.summary[0] == "On this path the engine liquidates none of the positions."


def test_one_cross_loss_takes_a_profitable_position_down():
    told = report("cross-contagion")
    btc = told.story.chapters[0]
    assert btc.heading.startswith("Position 1, the BTC-PERP long")
    assert Reason.CROSS_CONTAGION in reasons(btc)
    contagion = explanation(told, Reason.CROSS_CONTAGION)
    assert "in profit" in contagion.text
    assert "losses used up the margin they shared" in contagion.text
    labels = dict(contagion.evidence)
    assert labels["Liquidation price on its own"] != labels["Liquidation price with the others"]
    # Funding received helped the account: it is not told as having eaten margin.
    assert Reason.FEES_AND_FUNDING not in reasons(btc)


def test_a_week_of_funding_moves_an_isolated_liquidation_price():
    told = report("funding-week")
    (chapter,) = told.story.chapters
    assert Reason.FEES_AND_FUNDING in reasons(chapter)
    paid = dict(explanation(told, Reason.FEES_AND_FUNDING).evidence)
    assert paid["Funding paid along the path"] != "0.00 USDC"
    assert paid["Liquidation price as it was"] != paid["Without fees and funding"]


def test_the_liquidation_fee_and_the_leftover_margin_are_accounted_for():
    told = report("fees-leftover")
    left = explanation(told, Reason.LEFTOVER)
    figures = dict(left.evidence)
    assert figures["Liquidation fee"] != "0.00 USDC"
    assert figures["To the insurance fund"] != "0.00 USDC"
    assert "went to the insurance fund" in left.text
    # The exchange's figure is a few ticks off the engine's: rounding.
    assert any("within a few ticks" in line for line in told.story.comparison)


def test_a_large_position_in_a_high_tier_is_cut_before_it_is_closed():
    told = report("large-bracket-partial")
    (chapter,) = told.story.chapters
    assert {Reason.HIGHER_BRACKET, Reason.PARTIAL} <= reasons(chapter)
    assert "began cutting it down" in chapter.what
    partial = explanation(told, Reason.PARTIAL)
    assert partial.text.count("closed") >= 2


def test_the_insurance_fund_runs_out_and_the_rest_goes_to_adl():
    told = report("insurance-adl")
    fund = explanation(told, Reason.INSURANCE_AND_ADL)
    assert "auto-deleveraged" in fund.text
    assert dict(fund.evidence)["Passed to auto-deleveraging"] != "0.00 USDC"


@pytest.mark.parametrize("slug", PRESETS)
def test_every_explanation_links_to_a_section_that_exists(slug, client, db):
    for chapter in report(slug).story.chapters:
        for told in chapter.explanations:
            page, section = told.article.split("#")
            response = client.get(f"/articles/{page}/")
            assert response.status_code == 200
            assert f'id="{section}"' in response.content.decode()
