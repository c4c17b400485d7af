"""The FAQ's answer to "the chart never reached my liquidation price" gives both causes, with
the engine's numbers, and says truthfully what the calculators leave out."""

import pytest
from pytest_django.asserts import assertContains

from explainer.calculators.presets import data_for
from explainer.worked_examples import contagion_figures

pytestmark = pytest.mark.django_db
FAQ = "/articles/why-was-my-position-liquidated/"


def test_the_never_reached_answer_names_the_mark_price_and_another_cross_loss(client):
    page = client.get(FAQ).content.decode()
    answer = page.split('id="the-price-on-the-chart-never-reached')[1].split("<h3")[0]
    assert "The engine watches the mark price, not the last price" in answer
    assert "In cross mode, another position's loss moved your liquidation price" in answer


def test_the_cross_answer_shows_the_engine_figures(client):
    response = client.get(FAQ)
    figures = contagion_figures()
    for field in ("second_liquidation_before", "second_liquidation_after", "first_loss"):
        assertContains(response, figures[field])
    assert "{{" not in response.content.decode()


def test_its_example_is_the_contagion_calculators_own(client):
    figures = contagion_figures()
    response = client.get("/calculators/cross-contagion/", data_for("cross-contagion"))
    before, after = (figures[f"second_liquidation_{when}"] for when in ("before", "after"))
    assertContains(response, f"from {before} to {after}")


def test_it_says_the_calculators_leave_fees_and_funding_out(client):
    assertContains(client.get(FAQ), "They leave fees and funding out")
