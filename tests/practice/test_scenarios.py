"""A guided scenario: its page shows the account it sets up and asks for a prediction; the
prediction starts it on the desk, which reveals the answer once the path has paused or ended."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from explainer.engine.practice import SCENARIOS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", list(SCENARIOS))
def test_it_shows_the_set_up_and_asks_before_it_plays(client, slug):
    scenario = SCENARIOS[slug]
    response = client.get(f"/practice/scenarios/{slug}/")
    assertContains(response, scenario.question)
    assertContains(response, 'name="guess"', count=len(scenario.choices))
    assertContains(response, "Open positions")
    assert response["Cache-Control"] == "private, no-store"


def test_it_asks_again_with_a_field_error_when_no_answer_is_picked(client):
    response = client.post("/practice/scenarios/cross-contagion/", {"guess": "maybe"})
    assert response.status_code == 422
    assertContains(response, "Pick one of the answers listed.", status_code=422)


def test_it_sets_the_account_up_and_reveals_the_answer_after_the_pause(client, kept):
    response = client.post("/practice/scenarios/cross-contagion/", {"guess": "btc-only"})
    assert response.status_code == 303
    desk = client.get("/practice/")
    assertContains(desk, "You predicted: <strong>It closes the BTC long")
    assertNotContains(desk, "the answer is")
    while not kept(client).finished and "the answer is" not in desk.content.decode():
        client.post("/practice/step/", {"steps": "50"})
        desk = client.get("/practice/")
    assertContains(desk, "Not this time: the answer is <strong>It closes both positions")


def test_it_answers_404_for_a_scenario_it_does_not_have(client):
    assert client.get("/practice/scenarios/moon-shot/").status_code == 404


def test_it_keeps_the_answer_back_at_the_first_funding_and_shows_it_at_the_end(client, kept):
    client.post("/practice/scenarios/funding-moves-liquidation/", {"guess": "closer"})
    client.post("/practice/step/", {"steps": "50"})  # pauses on the first funding payment
    assert kept(client).frames[-1].happenings[0].kind == "funding"
    assertNotContains(client.get("/practice/"), "You were right")
    while not kept(client).finished:
        client.post("/practice/step/", {"steps": "50"})
    assertContains(client.get("/practice/"), "You were right: <strong>It creeps up")
