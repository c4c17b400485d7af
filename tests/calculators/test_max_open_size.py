"""Maximum open size: the largest position a balance opens at a leverage, fee included."""

import json
import re

SLUG = "max-open-size"


def test_it_shows_the_largest_seed_position_in_the_coin_and_in_usdc(fetch):
    # 500 × 10 / (1 + 10 × 0.0005) = 4,975.12 USDC: 0.099 BTC, 4,950 USDC of notional,
    # 495 USDC of margin and 2.475 USDC of fee.
    response = fetch(SLUG)
    assert response.status_code == 200
    for value in ("0.099 BTC", "4,950.00 USDC", "495.00 USDC", "2.48 USDC", "497.48 USDC"):
        assert value in response.text
    assert "The balance limits it." in response.text


def test_without_a_fee_the_balance_times_the_leverage_opens(fetch):
    response = fetch(SLUG, htmx=True, fee="0")
    assert "0.100 BTC" in response.text and "5,000.00 USDC of notional" in response.text


def test_a_tier_cap_limits_a_large_balance_and_is_marked(fetch):
    # 100,000 × 50 is far above 250,000 USDC, where tier 3 (40× at most) begins.
    response = fetch(SLUG, htmx=True, wallet="100000", leverage="50", fee="0")
    assert "4.999 BTC" in response.text
    assert "tier 2&#x27;s cap of 250,000.00 USDC" in response.text
    assert "Tier 2 (caps it)" in response.text


def test_the_chart_draws_the_frontier_the_tier_staircase_and_the_chosen_leverage(fetch):
    response = fetch(SLUG, htmx=True)
    data = re.search(r'type="application/json">(.*?)</script>', response.text).group(1)
    figure = json.loads(data)
    frontier, caps, chosen = figure["data"]
    assert frontier["x"][:3] == [1, 2, 3] and frontier["x"][-1] == 125
    assert frontier["y"][9] == 4950  # at 10×
    assert caps["y"][-1] == 50000 and caps["x"][-1] == 125  # tier 1 allows 125× below 50,000
    assert (chosen["x"], chosen["y"]) == ([10], [4950])


def test_the_math_shows_the_balance_the_fee_and_the_rounding_to_the_lot(fetch):
    text = fetch(SLUG, htmx=True).text
    assert "N = 500 × 10 / (1 + 10 × 0.0005)" in text
    assert "q = ⌊4975.12 / 50000⌋ to 0.001" in text
    assert "cost = 495 + 2.475" in text


def test_a_balance_too_small_for_one_lot_is_refused_on_the_balance(fetch, field_error):
    response = fetch(SLUG, htmx=True, wallet="1", leverage="10")  # 10 USDC < 0.001 × 50,000
    assert response.status_code == 422
    assert "cannot open even one lot (0.001 BTC)" in field_error(response, "wallet")


def test_it_refuses_leverage_the_market_does_not_offer(fetch, field_error):
    response = fetch(SLUG, market="SOL-PERP", entry="150", leverage="100")
    assert response.status_code == 422
    assert field_error(response, "leverage")
    assert 'value="150"' in response.text  # the inputs are kept


def test_it_refuses_nonsense_next_to_the_field(fetch, field_error, nonsense):
    value, words = nonsense
    for name in ("wallet", "entry", "leverage"):
        for htmx in (False, True):
            response = fetch(SLUG, htmx=htmx, **{name: value})
            assert response.status_code == 422
            assert words in field_error(response, name)


def test_it_refuses_a_fee_below_zero_or_above_one_percent(fetch, field_error):
    assert "at least 0 %" in field_error(fetch(SLUG, fee="-0.1"), "fee")
    assert "at most 1 %" in field_error(fetch(SLUG, fee="2"), "fee")
    assert "as a number" in field_error(fetch(SLUG, fee="NaN"), "fee")
    assert "Enter the taker fee." in field_error(fetch(SLUG, fee=""), "fee")


def test_htmx_gets_the_partial_and_a_permalink_the_page(fetch):
    partial = fetch(SLUG, htmx=True, side="short", wallet="2000")
    page = fetch(SLUG, side="short", wallet="2000")
    assert "<html" not in partial.text and "<html" in page.text
    lede = partial.text.split('<p class="calc-lede">')[1].split("</p>")[0]
    assert lede in page.text and "0.398 BTC" in lede  # 2,000 × 10 / 1.005 = 19,900.50


def test_the_summary_kept_in_view_gives_the_size_its_notional_and_its_cost(fetch):
    summary = fetch(SLUG).text.split('id="calc-summary"')[1].split("All results")[0]
    for figure in ("0.099 BTC", "4,950.00 USDC", "497.48 USDC"):
        assert figure in summary
