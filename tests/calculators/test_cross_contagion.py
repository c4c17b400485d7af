SLUG = "cross-contagion"


def test_the_first_market_moves_the_second_liquidation_price(fetch):
    response = fetch(SLUG)
    assert response.status_code == 200
    assert "from 2,020.10 USDC to 2,220.10 USDC" in response.text
    assert "it stays at 2,713.57 USDC" in response.text


def test_at_the_entry_price_nothing_has_moved_yet(fetch):
    response = fetch(SLUG, htmx=True, price="50000")
    assert "from 2,020.10 USDC to 2,020.10 USDC" in response.text


def test_far_enough_every_cross_position_is_liquidated(fetch):
    response = fetch(SLUG, htmx=True, price="25000")
    assert "every cross position has been liquidated" in response.text
    assert "liquidated, liquidated" in response.text


def test_a_permalink_restores_the_same_numbers(fetch):
    changes = {"b_market": "SOL-PERP", "b_size": "10", "b_entry": "150", "price": "47000"}
    partial = fetch(SLUG, htmx=True, **changes)
    page = fetch(SLUG, **changes)
    lede = partial.text.split('<p class="calc-lede">')[1].split("</p>")[0]
    assert lede in page.text and "SOL-PERP" in lede


def test_the_markets_must_differ(fetch, field_error):
    response = fetch(SLUG, b_market="BTC-PERP")
    assert response.status_code == 422
    assert "different market" in field_error(response, "b_market")


def test_it_refuses_nonsense_next_to_the_field(fetch, field_error, nonsense):
    value, words = nonsense
    for htmx in (False, True):
        response = fetch(SLUG, htmx=htmx, b_size=value)
        assert response.status_code == 422
        assert words in field_error(response, "b_size")


def test_it_refuses_leverage_above_the_market_max(fetch, field_error):
    response = fetch(SLUG, htmx=True, b_leverage="101")
    assert response.status_code == 422
    assert "ETH-PERP allows at most 100×" in field_error(response, "b_leverage")


def test_a_cross_account_the_isolated_margins_would_not_fit_still_gets_its_answer(fetch):
    response = fetch(SLUG, wallet="200")
    assert response.status_code == 200
    assert "from 2,623.12 USDC to 2,823.12 USDC" in response.text
    assert "Both isolated cannot be compared for this balance" in response.text
    assert "more together than the 200.00 USDC" in response.text
    assert '<th scope="col">Both isolated</th>' not in response.text


def test_the_second_market_can_move_too(fetch):
    response = fetch(SLUG, htmx=True, b_price="3300")
    assert "ETH-PERP is at 3,300.00 USDC (+10.00 %)" in response.text
    assert "+150.00 USDC of unrealised PnL" in response.text
    assert "and ETH-PERP at 3,300.00 USDC (+10.00 %)" in response.text  # the table's caption
    assert "At 18,002.51 USDC on BTC-PERP every cross position is liquidated" in response.text


def test_an_old_permalink_keeps_the_second_market_at_its_entry(fetch):
    response = fetch(SLUG, htmx=True, price="45000")
    assert "with ETH-PERP held at 3,000.00 USDC" in response.text
    assert "ETH-PERP is at" not in response.text


def test_it_refuses_a_second_price_that_is_not_a_number(fetch, field_error):
    response = fetch(SLUG, htmx=True, b_price="abc")
    assert response.status_code == 422
    assert "second market's price as a number" in field_error(response, "b_price")
