import html

SLUG = "leverage-explorer"


def test_it_shows_both_modes_at_the_chosen_leverage(fetch):
    response = fetch(SLUG)
    assert response.status_code == 200
    assert "needs 100.00 USDC of initial margin" in response.text
    assert "9.55 %" in response.text and "49.75 %" in response.text


def test_the_table_runs_from_1x_to_the_market_max(fetch):
    response = fetch(SLUG, htmx=True)
    assert '<th scope="row">1×</th>' in response.text
    assert '<th scope="row">125×</th>' in response.text
    assert "49,849.25 USDC" in response.text  # 125×, isolated
    eth = fetch(SLUG, htmx=True, market="ETH-PERP", size="0.5", entry="3000")
    assert '<th scope="row">100×</th>' in eth.text and "125×</th>" not in eth.text


def test_cross_does_not_depend_on_leverage(fetch):
    at_5 = fetch(SLUG, htmx=True, leverage="5")
    at_20 = fetch(SLUG, htmx=True, leverage="20")
    assert "cross, backed by 500.00 USDC, 49.75 % away" in at_5.text
    assert "cross, backed by 500.00 USDC, 49.75 % away" in at_20.text


def test_a_permalink_restores_the_same_numbers(fetch):
    partial = fetch(SLUG, htmx=True, leverage="20", side="short")
    page = fetch(SLUG, leverage="20", side="short")
    lede = partial.text.split('<p class="calc-lede">')[1].split("</p>")[0]
    assert lede in page.text and "4.48 %" in lede


def test_it_refuses_nonsense_next_to_the_field(fetch, field_error, nonsense):
    value, words = nonsense
    for htmx in (False, True):
        response = fetch(SLUG, htmx=htmx, entry=value)
        assert response.status_code == 422
        assert words in field_error(response, "entry")


def test_it_refuses_leverage_above_the_market_max(fetch, field_error):
    response = fetch(SLUG, htmx=True, leverage="51", market="SOL-PERP", entry="150")
    assert response.status_code == 422
    assert "SOL-PERP allows at most 50×" in field_error(response, "leverage")


def test_it_says_when_the_balance_cannot_cover_the_margin(fetch, field_error):
    response = fetch(SLUG, leverage="1")
    assert response.status_code == 422
    assert "less than the isolated margins" in field_error(response, "wallet")


def summary(response) -> str:
    return response.text.split('-chart-summary" class="visually-hidden">')[1].split("<")[0]


def test_it_names_the_lowest_leverage_the_balance_covers(fetch):
    # 0.02 × 50,000 = 1,000 USDC of notional over a 500 USDC balance: 2×, not a grid step.
    text = summary(fetch(SLUG, htmx=True))
    assert "The 500.00 USDC balance covers the initial margin only from 2× up." in text
    assert "1.92×" not in text
    # Over 300 USDC it is 3.333…×, rounded up to a leverage the balance does cover.
    assert "only from 3.34× up" in summary(fetch(SLUG, htmx=True, wallet="300"))
    assert "only from" not in summary(fetch(SLUG, htmx=True, wallet="1000"))


def test_a_position_no_price_liquidates_is_never_liquidated_not_impossible(fetch):
    # 2,000 USDC behind 1,000 USDC of notional: cross has no liquidation price at any leverage.
    response = fetch(SLUG, htmx=True, wallet="2000")
    text = html.unescape(response.text)
    assert "cross, backed by 2,000.00 USDC, is never liquidated." in text
    assert "— away" not in text and "stays at —" not in text
    assert "Never liquidated: no price, not even zero, liquidates the position" in text
    assert "cannot be opened" not in text  # every leverage in the table opens
    assert "no price, not even zero, liquidates it" in summary(response)
    assert '"name":"Cross: never liquidated, so no line"' in response.text
    seed = html.unescape(fetch(SLUG, htmx=True).text)  # 500 USDC: 1× cannot be opened
    assert "— means that leverage cannot be opened: the 500.00 USDC balance" in seed
