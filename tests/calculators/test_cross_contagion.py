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


def test_it_refuses_margins_the_balance_cannot_hold(fetch, field_error):
    response = fetch(SLUG, wallet="200")
    assert response.status_code == 422
    assert "less than the isolated margins" in field_error(response, "wallet")
