import re

SLUG = "liquidation-price"


def test_it_shows_the_seed_position_and_its_tier(fetch):
    response = fetch(SLUG)
    assert response.status_code == 200
    for value in ("45,226.13 USDC", "45,000.00 USDC", "1,000.00 USDC", "5.00 USDC (0.5 %)"):
        assert value in response.text
    assert '<tr class="calc-current">\n        <th scope="row">1 (applies)</th>' in response.text
    assert "illustrative" in response.text


def test_more_isolated_margin_moves_the_liquidation_price_away(fetch):
    assert "42,713.57 USDC" in fetch(SLUG, htmx=True, margin="150").text
    assert "40,201.01 USDC" in fetch(SLUG, htmx=True, margin="200").text


def test_cross_mode_uses_the_whole_balance(fetch):
    response = fetch(SLUG, htmx=True, mode="cross")
    assert "25,125.63 USDC" in response.text
    assert "500.00 USDC" in response.text  # the most it can lose


def test_a_bigger_position_lands_in_a_higher_tier(fetch):
    response = fetch(SLUG, htmx=True, size="2", leverage="20", wallet="10000", margin="")
    assert "2 (applies)" in response.text  # 100,000 USDC notional


def test_a_maintenance_rate_override_replaces_the_tiers(fetch):
    response = fetch(SLUG, htmx=True, mmr="1")
    assert "no tier applies" in response.text
    assert "45,454.55 USDC" in response.text  # (1000 − 100) / (0.02 × 0.99)


def test_htmx_gets_the_partial_and_a_permalink_the_page(fetch):
    partial = fetch(SLUG, htmx=True, side="short", margin="120")
    page = fetch(SLUG, side="short", margin="120")
    assert "<html" not in partial.text and "<html" in page.text
    assert "55,721.39 USDC" in partial.text and "55,721.39 USDC" in page.text


def test_it_refuses_nonsense_next_to_the_field(fetch, field_error, nonsense):
    value, words = nonsense
    for htmx in (False, True):
        response = fetch(SLUG, htmx=htmx, size=value)
        assert response.status_code == 422
        assert words in field_error(response, "size")


def test_it_refuses_leverage_above_the_tier_for_a_large_position(fetch, field_error):
    response = fetch(SLUG, size="10", leverage="100", wallet="100000", margin="")
    assert response.status_code == 422
    assert "for a position of this size" in field_error(response, "leverage")
    assert fetch(SLUG, leverage="0").status_code == 422
    assert "at least 1×" in field_error(fetch(SLUG, leverage="0.5"), "leverage")


def test_it_refuses_an_unknown_market_and_side(fetch, field_error):
    response = fetch(SLUG, market="DOGE-PERP", side="sideways")
    assert response.status_code == 422
    assert "listed markets" in field_error(response, "market")
    assert "Long or Short" in field_error(response, "side")


def test_by_default_the_margin_follows_leverage_so_the_price_moves(fetch):
    assert "47,738.69 USDC" in fetch(SLUG, htmx=True, leverage="20").text


def test_an_isolated_margin_below_the_initial_margin_is_refused(fetch, field_error):
    response = fetch(SLUG, htmx=True, margin="50")
    assert response.status_code == 422
    assert "at least the initial margin (100.00 USDC)" in field_error(response, "margin")


def test_a_balance_that_cannot_cover_the_initial_margin_is_refused(fetch, field_error):
    response = fetch(SLUG, htmx=True, mode="cross", wallet="50")
    assert response.status_code == 422
    assert "cannot cover this position's initial margin" in field_error(response, "wallet")


def test_cross_mode_lists_each_figure_once_and_names_what_backs_it(fetch):
    response = fetch(SLUG, htmx=True, mode="cross", wallet="800")
    labels = re.findall(r'<th scope="row">([^<]+)</th>', response.text)
    assert len(labels) == len(set(labels)), labels
    row = '<th scope="row">{}</th>\n        <td data-label="Value">{} USDC</td>'
    assert row.format("Cross margin balance", "800.00") in response.text
    isolated = fetch(SLUG, htmx=True, margin="150")
    assert row.format("Allocated margin", "150.00") in isolated.text


def test_the_leverage_help_names_the_maximum_of_every_market(fetch):
    page = fetch(SLUG, market="ETH-PERP", size="0.5", entry="3000")
    help_text = re.search(r'id="calc-leverage_helptext"[^>]*>([^<]*)<', page.text)[1]
    assert "125× on BTC-PERP" not in help_text
    for symbol, most in (("BTC-PERP", "125×"), ("ETH-PERP", "100×"), ("SOL-PERP", "50×")):
        assert f"{symbol} {most}" in help_text
