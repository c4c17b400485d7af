"""Average entry: several fills become one position, with its margin and liquidation price."""

import json
import re

import pytest

from explainer.calculators.presets import ROWS

SLUG = "average-entry"
SEED_ROWS = ROWS[SLUG][1]


def rows(*pairs: tuple[str, str]) -> dict:
    """A query with these fills and the count of rows."""
    query = {"fills": str(len(pairs))}
    for number, (price, size) in enumerate(pairs, start=1):
        query |= {f"price{number}": price, f"size{number}": size}
    return query


@pytest.fixture
def ask(fetch):
    def get(*pairs, htmx=True, **changes):
        return fetch(SLUG, htmx=htmx, **((rows(*pairs) if pairs else SEED_ROWS) | changes))

    return get


def test_it_averages_the_seed_fills_and_finds_the_combined_liquidation_price(fetch):
    # (0.01 × 50,000 + 0.006 × 48,000 + 0.004 × 46,000) / 0.02 = 972 / 0.02 = 48,600;
    # 972 / 10 = 97.20 of margin; (972 − 97.2) / (0.02 × 0.995) = 43,959.80.
    response = fetch(SLUG)
    assert response.status_code == 200
    for value in ("48,600.00 USDC", "0.020 BTC", "972.00 USDC", "97.20 USDC", "43,959.80 USDC"):
        assert value in response.text
    assert "E = (0.01 × 50000 + 0.006 × 48000 + 0.004 × 46000) / (0.01 + 0.006 + 0.004)" in (
        response.text
    )


def test_two_equal_fills_average_to_the_middle(ask):
    response = ask(("50000", "0.01"), ("48000", "0.01"))
    assert "average entry of 49,000.00 USDC" in response.text
    assert '<th scope="row">Fill 2</th>' in response.text


def test_the_order_of_the_fills_does_not_change_the_answer(ask):
    one = ask(("50000", "0.01"), ("47000", "0.02"), ("52000", "0.005"))
    other = ask(("52000", "0.005"), ("50000", "0.01"), ("47000", "0.02"))
    lede = re.compile(r'<p class="calc-lede">.*?</p>', re.S)
    assert lede.search(one.text).group(0) == lede.search(other.text).group(0)


def test_an_empty_row_is_skipped(ask):
    response = ask(("50000", "0.01"), ("", " "), ("48000", "0.01"))
    assert response.status_code == 200
    assert "2 fills make one" in response.text and "49,000.00 USDC" in response.text


def test_sizes_in_usdc_are_turned_into_the_coin_at_each_fills_price(ask):
    # 500 USDC at 50,000 is 0.01 BTC and 480 USDC at 48,000 is 0.01 BTC: the same as in coins.
    in_usdc = ask(("50000", "500"), ("48000", "480"), size_in="usdc")
    in_coin = ask(("50000", "0.01"), ("48000", "0.01"))
    lede = re.compile(r'<p class="calc-lede">.*?</p>', re.S)
    assert lede.search(in_usdc.text).group(0) == lede.search(in_coin.text).group(0)
    assert "Fill 2 in the coin" in in_usdc.text and "q = 480 / 48000" in in_usdc.text


def test_a_half_filled_row_is_refused_on_the_missing_box(ask, field_error):
    response = ask(("50000", "0.01"), ("48000", ""), htmx=False)
    assert response.status_code == 422
    assert field_error(response, "size2") == "Enter the size of fill 2, or clear the row."
    assert 'value="48000"' in response.text  # the inputs are kept


def test_no_fill_at_all_is_refused_on_the_first_row(ask, field_error):
    response = ask(("", ""))
    assert response.status_code == 422
    assert "Enter at least one fill" in field_error(response, "price1")


def test_too_many_rows_are_refused_on_the_count(ask, field_error):
    response = ask(*[("50000", "0.01")] * 11, htmx=False)
    assert response.status_code == 422
    assert "at most 10 fills" in field_error(response, "fills")
    assert 'name="price10"' in response.text and 'name="price11"' not in response.text


@pytest.mark.parametrize("count", ["0", "-3", "two", "1e400", ""])
def test_a_count_that_is_not_one_to_ten_is_refused(ask, field_error, count):
    response = ask(("50000", "0.01"), fills=count)
    assert response.status_code == 422
    assert field_error(response, "fills")


def test_it_refuses_nonsense_next_to_the_fill(ask, field_error, nonsense):
    value, words = nonsense
    for htmx in (False, True):
        for name in ("price2", "size2"):
            query = {"price2": "48000", "size2": "0.01"} | {name: value}
            pairs = (("50000", "0.01"), (query["price2"], query["size2"]))
            response = ask(*pairs, htmx=htmx)
            assert response.status_code == 422
            assert words in field_error(response, name)


def test_a_balance_that_cannot_cover_the_combined_margin_is_refused(ask, field_error):
    response = ask(wallet="90")  # 97.20 USDC of initial margin
    assert response.status_code == 422
    assert "(97.2 USDC)" in field_error(response, "wallet")


def test_the_count_buttons_add_and_remove_a_row(ask):
    response = ask(("50000", "0.01"), ("48000", "0.01"), htmx=False)
    assert (
        '<button type="submit" class="btn btn-sm btn-outline-primary" name="fills" value="3"'
        in (response.text)
    )
    assert 'name="fills" value="1" hx-get=""' in response.text
    # The count the button sends comes after the hidden one: the last value is the one read.
    more = ask(("50000", "0.01"), ("48000", "0.01"), htmx=False, fills=["2", "3"])
    assert 'name="price3"' in more.text and more.status_code == 200


def test_a_removed_seed_row_does_not_come_back(fetch):
    response = fetch(SLUG, fills="2", price1="50000", size1="0.01", price2="48000", size2="0.006")
    assert "2 fills make one" in response.text and 'name="price3"' not in response.text
    again = fetch(SLUG, fills="3", price1="50000", size1="0.01", price2="48000", size2="0.006")
    assert re.search(r'name="price3"(?![^>]*value=)', again.text)


def test_htmx_gets_the_partial_and_a_permalink_the_page(ask):
    # (3,000 + 3 × 2,800) / 4 = 2,850, with 1,140 USDC of margin at 10×.
    partial = ask(("3000", "1"), ("2800", "3"), market="ETH-PERP", wallet="2000")
    page = ask(("3000", "1"), ("2800", "3"), market="ETH-PERP", wallet="2000", htmx=False)
    assert "<html" not in partial.text and "<html" in page.text
    assert "2,850.00 USDC" in partial.text and "2,850.00 USDC" in page.text


def test_the_summary_kept_in_view_gives_the_average_size_and_liquidation(fetch):
    summary = fetch(SLUG).text.split('id="calc-summary"')[1].split("All results")[0]
    for figure in ("48,600.00 USDC", "0.020 BTC", "43,959.80 USDC"):
        assert figure in summary


def test_the_chart_labels_lean_away_from_each_other(fetch):
    # A long at 100× is liquidated 0.5 % below its average: the two lines nearly touch.
    text = fetch(SLUG, htmx=True, leverage="100").text
    figure = json.loads(re.search(r'type="application/json">(.*?)</script>', text).group(1))
    anchors = {note["text"]: note["xanchor"] for note in figure["layout"]["annotations"]}
    assert anchors == {"Average entry": "left", "Liquidation": "right"}
    short = fetch(SLUG, htmx=True, leverage="100", side="short").text
    figure = json.loads(re.search(r'type="application/json">(.*?)</script>', short).group(1))
    anchors = {note["text"]: note["xanchor"] for note in figure["layout"]["annotations"]}
    assert anchors == {"Average entry": "right", "Liquidation": "left"}
