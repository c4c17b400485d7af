"""The calculators' number fields refuse what no exchange would take, on the field itself."""

import pytest

SEED = {
    "wallet": "1000",
    "margin": "100",
    "leverage": "10",
    "entry": "60000",
    "market": "BTC-PERP",
    "side": "long",
    "price": "55000",
    "mode": "isolated",
}
URL = "/calculators/isolated-vs-cross/"


def _errors_on(response, field: str) -> str:
    html = response.content.decode()
    assert response.status_code == 422
    assert f'href="#calc-{field}"' in html
    return html


@pytest.mark.parametrize("htmx", [False, True])
def test_a_vanishing_entry_price_is_refused_on_its_field_not_a_500(client, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(URL, SEED | {"entry": "1e-999999999"}, headers=headers)

    assert "decimal places" in _errors_on(response, "entry")


def test_a_price_below_the_smallest_tick_is_refused_on_its_field(client):
    # XRP-PERP's tick, 0.0001 USDC, is the smallest of the markets.
    response = client.get(URL, SEED | {"price": "0.00001"})

    assert "at least 0.0001 USDC" in _errors_on(response, "price")


def test_a_size_below_the_smallest_lot_is_refused_on_its_field(client):
    query = {"market": "BTC-PERP", "side": "long", "mode": "isolated", "size": "0.0001"}
    query |= {"entry": "60000", "leverage": "10", "wallet": "1000"}
    response = client.get("/calculators/liquidation-price/", query)

    assert "must be at least 0.001." in _errors_on(response, "size")


@pytest.mark.parametrize("digits", ["٣٠٠", "３００", "𝟑𝟎𝟎"])
def test_digits_of_other_scripts_are_refused_as_the_api_refuses_them(client, digits):
    response = client.get(URL, SEED | {"margin": digits})

    assert "as a number" in _errors_on(response, "margin")


def test_a_size_in_the_coin_names_the_coin_of_every_market(client):
    html = client.get("/calculators/cross-contagion/").content.decode()
    assert "In the market&#x27;s coin: BTC, ETH, SOL, XRP, AVAX." in html
