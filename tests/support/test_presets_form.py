"""The presets: each fills the new-case form with a case the form takes back as it is, and
each tells the story it is named for when the engine replays it."""

from decimal import Decimal

import pytest
from django.utils.html import escape
from pytest_django.asserts import assertContains

from explainer.engine import EventKind
from explainer.support.entry import replay_case
from explainer.support.models import Case
from explainer.support.presets import PRESETS
from explainer.support.spec import from_json, to_case, to_json

from .html_form import form_data

NEW = "/support/cases/new/"


def _taken(slug: str) -> list:
    events = replay_case(to_case(PRESETS[slug].spec)).events
    return [event for event in events if event.kind != EventKind.FUNDING]


@pytest.mark.parametrize("slug", PRESETS)
def test_each_preset_posted_back_from_the_form_saves_the_same_case(client, alice, slug):
    client.force_login(alice)
    page = client.get(NEW, {"preset": slug})
    assert page.status_code == 200

    response = client.post(NEW, form_data(page.content.decode()))

    assert response.status_code == 303, _summary(response)
    saved = Case.objects.get()
    assert from_json(saved.spec) == PRESETS[slug].spec
    assert from_json(to_json(PRESETS[slug].spec)) == PRESETS[slug].spec


def test_the_new_case_page_lists_every_preset_with_its_story(client, alice):
    client.force_login(alice)
    page = client.get(NEW)
    for preset in PRESETS.values():
        assertContains(page, f'href="{NEW}?preset={preset.slug}"')
        assertContains(page, escape(preset.story))


def test_an_unknown_preset_is_refused_naming_the_known_ones(client, alice):
    client.force_login(alice)
    response = client.get(NEW, {"preset": "moon"})
    assert response.status_code == 400
    assertContains(response, "last-price-wick", status_code=400)


def test_the_wick_on_the_last_price_liquidates_nothing():
    spec = PRESETS["last-price-wick"].spec
    assert _taken("last-price-wick") == []
    liquidation = Decimal("57286.43")  # 1,500 margin, 0.5 % maintenance
    assert min(row.last for row in spec.path) < liquidation < min(row.mark for row in spec.path)


def test_the_cross_loss_takes_the_profitable_long_down_with_the_short():
    btc, eth = _taken("cross-contagion")
    assert (btc.kind, btc.position_id, eth.kind, eth.position_id) == (
        EventKind.LIQUIDATION,
        "P1",
        EventKind.LIQUIDATION,
        "P2",
    )
    assert btc.step == eth.step and btc.realized_pnl > 0 > eth.realized_pnl


def test_a_week_of_funding_brings_the_liquidation_to_a_small_dip():
    spec = PRESETS["funding-week"].spec
    events = replay_case(to_case(spec)).events
    funding = [event for event in events if event.kind == EventKind.FUNDING]
    (liquidation,) = _taken("funding-week")
    assert len(funding) == 21 and liquidation.hours == 168
    # Without the funding its liquidation price was 59,698.5: below every mark of the week.
    assert min(row.mark for row in spec.path) > Decimal("59698.5")


def test_the_leftover_margin_pays_the_fee_and_the_rest_goes_to_the_fund():
    (liquidation,) = _taken("fees-leftover")
    assert liquidation.kind == EventKind.LIQUIDATION
    assert liquidation.fee > 0 and liquidation.insurance_fund > 0
    assert PRESETS["fees-leftover"].spec.positions[0].fees_paid == 30


def test_the_large_position_is_cut_into_a_lower_bracket_then_closed():
    events = _taken("large-bracket-partial")
    assert events[0].kind == EventKind.PARTIAL_LIQUIDATION
    assert events[0].remaining_size * events[0].mark_price < 1_000_000  # below the 5 % tier
    assert events[-1].kind == EventKind.LIQUIDATION and events[-1].remaining_size == 0
    assert all(event.insurance_fund >= 0 for event in events)  # never past bankruptcy


def test_the_gap_past_bankruptcy_empties_the_fund_and_the_rest_is_deleveraged():
    (liquidation,) = _taken("insurance-adl")
    assert (liquidation.position_id, liquidation.insurance_fund) == ("P1", -300)
    assert liquidation.deleveraged == 500 and liquidation.insurance_fund_balance == 0


def _summary(response) -> str:
    html = response.content.decode()
    start = html.find('id="case-errors"')
    return html[start : start + 2000]
