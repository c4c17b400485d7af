"""The desk and its controls: a fresh account for a new reader, every control kept in the
session, 303 back to the desk without JavaScript, the new state for htmx, private answers."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.practice.data import BTC_LONG, HTMX

pytestmark = pytest.mark.django_db


def test_it_shows_a_fresh_account_to_a_new_reader(client):
    response = client.get("/practice/")
    assertContains(response, "1,000.00 USDC")
    assertContains(response, "No open positions")
    assert response["Cache-Control"] == "private, no-store"


def test_it_keeps_the_positions_opened_for_the_next_request(alice):
    response = alice.get("/practice/")
    assertContains(response, "p1 BTC-PERP")
    assertContains(response, "ETH-PERP</th>")
    assertContains(response, "Two markets pull apart: step 0 of")


@pytest.mark.parametrize(
    ("control", "data"),
    [
        ("leverage", {"market": "BTC-PERP", "leverage": "5"}),
        ("order", {**BTC_LONG, "kind": "limit", "price": "50000"}),
        ("mode", {"position_id": "p1", "mode": "isolated"}),
        ("close", {"position_id": "p1", "size": "0.01"}),
        ("step", {"steps": "3"}),
        ("path", {"path": "custom", "custom": "BTC-PERP 59000\nBTC-PERP 58000", "hours": "8"}),
    ],
)
def test_it_sends_the_reader_back_to_the_desk_without_javascript(alice, control, data):
    response = alice.post(f"/practice/{control}/", data)
    assert response.status_code == 303
    assert response["Location"] == "/practice/"
    assert response["Cache-Control"] == "private, no-store"


def test_it_adds_margin_to_a_position_switched_to_isolated(alice, kept):
    alice.post("/practice/mode/", {"position_id": "p1", "mode": "isolated"})
    before = kept(alice).evaluate().positions[0].margin
    data = {"position_id": "p1", "direction": "add", "amount": "10"}
    assert alice.post("/practice/margin/", data).status_code == 303
    assert kept(alice).evaluate().positions[0].margin == before + 10


def test_it_cancels_a_resting_order(alice, kept):
    alice.post("/practice/order/", {**BTC_LONG, "kind": "limit", "price": "50000"})
    order = kept(alice).orders[0]
    assert alice.post("/practice/cancel/", {"order_id": order.id}).status_code == 303
    assert kept(alice).orders == ()


def test_it_closes_every_position_at_once(alice, kept):
    alice.post("/practice/close/", {"position_id": "all"})
    assert kept(alice).account.positions == ()


def test_it_answers_htmx_with_the_new_state_and_clears_the_errors(alice):
    response = alice.post("/practice/leverage/", {"market": "BTC-PERP", "leverage": "5"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="practice-state"') or 'id="practice-state"' in html[:300]
    assert '<div id="leverage-leverage_error" class="calc-error"' in html
    assert 'hx-swap-oob="innerHTML"></div>' in html


def test_it_sends_each_step_played_before_the_last_for_the_player(alice):
    html = alice.post("/practice/step/", {"steps": "4"}, **HTMX).content.decode()
    assert html.count('<template data-step="') == 3
    assert 'data-step="4"' in html


def test_it_stops_a_batch_on_the_step_that_pauses(alice, kept):
    alice.post("/practice/step/", {"steps": "50"}, **HTMX)
    practice = kept(alice)
    assert practice.step < 50
    assert any(h.pauses for h in practice.frames[-1].happenings)


def test_it_plays_to_the_cross_liquidation_and_explains_it(alice, kept):
    alice.post("/practice/step/", {"steps": "50"})  # pauses on the first funding
    alice.post("/practice/step/", {"steps": "50"})
    desk = alice.get("/practice/").content.decode()
    assert "every cross position was liquidated together" in desk
    assert "/articles/cross-vs-isolated-margin/#several-cross-positions-share-one-balance" in desk
    assert kept(alice).account.positions == ()


def test_it_resets_to_a_fresh_account(alice):
    assert alice.post("/practice/reset/").status_code == 303
    assertContains(alice.get("/practice/"), "No open positions")


def test_it_refuses_a_get_on_a_control(client):
    assert client.get("/practice/order/").status_code == 405


def test_it_ignores_fields_it_does_not_know(client, kept):
    response = client.post("/practice/order/", {**BTC_LONG, "wallet": "1e9", "admin": "1"})
    assert response.status_code == 303
    assert kept(client).account.wallet_balance < 1000


def test_it_links_the_three_scenarios_from_the_desk(client):
    response = client.get("/practice/")
    for slug in ("cross-contagion", "funding-moves-liquidation", "isolated-caps-the-loss"):
        assertContains(response, f'href="/practice/scenarios/{slug}/"')
    assertNotContains(response, "You predicted")


def test_it_offers_a_phone_a_way_past_the_controls_to_the_replay(client):
    response = client.get("/practice/")
    assertContains(response, 'href="#practice-player"', count=1)
    assertContains(response, 'id="practice-player"', count=1)


def test_it_leaves_the_math_to_load_when_opened_unless_the_reader_has_it_open(alice):
    closed = alice.post("/practice/step/", {"steps": "1"}, **HTMX).content.decode()
    assert 'hx-get="/practice/math/" hx-trigger="toggle once"' in closed
    assert "Initial margin" not in closed
    opened = alice.post(
        "/practice/step/", {"steps": "1"}, **HTMX, HTTP_X_PRACTICE_MATH_OPEN="1"
    ).content.decode()
    assert '<details class="calc-math" open>' in opened
    assert "IM = q·E / leverage" in opened


def test_it_serves_the_math_open_for_the_account_as_it_is(alice):
    response = alice.get("/practice/math/", **HTMX)
    assertContains(response, '<details class="calc-math" open>')
    assertContains(response, "p1 BTC-PERP long")
    assert response["Cache-Control"] == "private, no-store"


def test_it_shows_the_math_in_the_page_without_javascript(alice):
    assertContains(alice.get("/practice/"), "IM = q·E / leverage")


def test_it_holds_a_long_and_a_short_in_one_market_in_hedge_mode(client, kept):
    assert client.post("/practice/position_mode/", {"position_mode": "hedge"}).status_code == 303
    client.post("/practice/order/", BTC_LONG)
    client.post("/practice/order/", {**BTC_LONG, "side": "short"})
    assert [p.side.value for p in kept(client).account.positions] == ["long", "short"]


def test_it_refuses_to_change_the_position_mode_with_a_position_open(alice):
    response = alice.post("/practice/position_mode/", {"position_mode": "hedge"})
    assert response.status_code == 422
    error = response.content.decode().split('id="position_mode-position_mode_error"')[1][:300]
    assert "<span>" in error
