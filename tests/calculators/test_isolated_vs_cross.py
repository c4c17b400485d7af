import html

from explainer.worked_examples import figure

SLUG = "isolated-vs-cross"


def test_it_shows_the_seed_in_both_modes(fetch):
    response = fetch(SLUG)
    assert response.status_code == 200
    assert "<html" in response.text
    for value in ("45,226.13 USDC", "25,125.63 USDC", "9.55 %", "49.75 %", "400.00 USDC"):
        assert value in response.text
    assert figure("seed_isolated", "liquidation_price") in response.text
    assert figure("seed_cross", "liquidation_price") in response.text


def test_it_answers_htmx_with_the_results_partial_only(fetch):
    response = fetch(SLUG, htmx=True, price="45000")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'name="wallet"' not in response.text  # the inputs are never sent back
    assert 'id="calc-figure-json" type="application/json"' in response.text
    assert "Show the math" in response.text
    assert 'hx-swap-oob="innerHTML"' in response.text
    assert "HX-Request" in response["Vary"]


def test_the_what_if_price_gives_each_modes_account_value(fetch):
    response = fetch(SLUG, htmx=True, price="44000")
    # isolated was liquidated at 45,226.13 and keeps 400; cross is still open: 500 − 0.02 × 6,000
    assert "400.00 USDC (liquidated)" in response.text
    assert "380.00 USDC" in response.text


def test_a_permalink_restores_the_same_numbers(fetch):
    changes = {"wallet": "800", "margin": "150", "leverage": "5", "side": "short", "price": "52000"}
    partial = fetch(SLUG, htmx=True, **changes)
    page = fetch(SLUG, **changes)
    lede = partial.text.split('<p class="calc-lede">')[1].split("</p>")[0]
    assert lede in page.text
    assert 'value="800"' in page.text and 'value="short" class="form-check-input"' in page.text


def test_a_history_restore_gets_the_whole_page(client):
    response = client.get(
        f"/calculators/{SLUG}/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.text


def test_the_form_works_without_javascript(fetch):
    page = fetch(SLUG)
    assert 'method="get"' in page.text and f'action="/calculators/{SLUG}/"' in page.text
    submitted = fetch(SLUG, wallet="1000")
    assert submitted.status_code == 200
    assert "1,000.00 USDC" in submitted.text


def test_the_presets_are_plain_links(fetch):
    page = fetch(SLUG)
    assert "100 USDC in isolated" in page.text and "500 USDC available in cross" in page.text
    assert "?wallet=500&amp;leverage=10" in page.text


def test_it_refuses_nonsense_next_to_the_field(fetch, field_error, nonsense):
    value, words = nonsense
    for htmx in (False, True):
        response = fetch(SLUG, htmx=htmx, wallet=value)
        assert response.status_code == 422
        assert words in field_error(response, "wallet")
        assert field_error(response, "margin") == ""


def test_it_refuses_leverage_above_the_market_max(fetch, field_error):
    response = fetch(SLUG, leverage="126")
    assert response.status_code == 422
    assert "at most 125×" in field_error(response, "leverage")
    response = fetch(SLUG, htmx=True, leverage="101", market="ETH-PERP")
    assert response.status_code == 422
    assert "ETH-PERP allows at most 100×" in field_error(response, "leverage")


def test_it_maps_the_engines_wallet_error_to_the_balance(fetch, field_error):
    response = fetch(SLUG, wallet="50")
    assert response.status_code == 422
    assert "less than the isolated margins" in field_error(response, "wallet")


def test_the_math_writes_a_loss_with_the_engines_bracketed_minus(fetch):
    response = fetch(SLUG, htmx=True, price="47000")
    assert "value = 500 + (−60)" in response.text
    assert "(-60)" not in response.text


def test_the_lede_says_what_the_account_is_worth_above_or_below_its_balance(fetch):
    # A short of 0.02 BTC from 50,000 gains 0.02 × 20,000 = 400 USDC at 30,000.
    profit = html.unescape(fetch(SLUG, htmx=True, side="short", price="30000").text)
    assert "the account's 500.00 USDC is worth 900.00 USDC in isolated and 900.00" in profit
    assert "of 500.00 USDC" not in profit
    # At 60,000 isolated has been liquidated (100 USDC lost), cross is down 200 USDC.
    loss = fetch(SLUG, htmx=True, side="short", price="60000")
    assert "worth 400.00 USDC in isolated (liquidated) and 300.00 USDC in cross." in loss.text
