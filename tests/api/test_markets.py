def test_it_lists_the_markets_with_their_tiers(client):
    body = client.get("/api/v1/markets").json()

    assert [market["symbol"] for market in body["markets"]] == [
        "BTC-PERP",
        "ETH-PERP",
        "SOL-PERP",
        "XRP-PERP",
        "AVAX-PERP",
    ]
    assert body["markets"][0]["tiers"][0] == {
        "floor": "0",
        "cap": "50000",
        "maintenance_margin_rate": "0.005",
        "maintenance_amount": "0",
        "max_leverage": "125",
    }
    assert body["markets"][0]["tiers"][-1]["cap"] is None


def test_it_says_the_numbers_are_illustrative(client):
    assert "illustrative" in client.get("/api/v1/markets").json()["note"].lower()


def test_each_market_shows_its_fee_rates_and_funding_terms(client):
    btc, *_, avax = client.get("/api/v1/markets").json()["markets"]

    assert btc["fees"] == {"maker": "0.0002", "taker": "0.0005", "liquidation": "0.005"}
    assert btc["funding"] == {"rate": "0.0001", "interval_hours": "8"}
    assert avax["fees"]["liquidation"] == "0.015"
