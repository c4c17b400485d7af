"""The practice desk in Chromium: two cross positions played along "two markets pull apart"
to their liquidation, explained, and the same after a reload; a refused order shows its error
beside the input without touching the account; without JavaScript every control is a form
post; axe finds nothing; no console error or CSP violation (the page fixtures fail on them)."""

from playwright.sync_api import expect


def order(page, market: str, side: str, size: str) -> None:
    form = page.locator("#order-form")
    form.locator("#order-market").select_option(market)
    form.get_by_label("Cross").check()
    form.get_by_label(side).check()
    form.get_by_label("Position size").fill(size)
    form.get_by_role("button", name="Place order").click()


def choose(page, path: str) -> None:
    form = page.locator("#path-form")
    form.get_by_label(path).check()
    form.get_by_role("button", name="Choose this path").click()


def test_two_cross_positions_pull_apart_to_a_liquidation_that_a_reload_keeps(
    page, site, shoot, axe
):
    page.goto(f"{site}/practice/")
    positions = page.locator(".practice-live .calc-table-wrap").first
    order(page, "BTC-PERP", "Long", "0.05")
    expect(positions).to_contain_text("p1 BTC-PERP")
    order(page, "ETH-PERP", "Short", "0.5")
    expect(positions).to_contain_text("ETH-PERP")
    # Every column of the table is in view at 1280 px, with no sideways scroll.
    assert positions.evaluate("wrap => wrap.scrollWidth <= wrap.clientWidth")
    choose(page, "Two markets pull apart")
    expect(page.locator(".practice-progress")).to_contain_text("Two markets pull apart: step 0")
    page.locator(".calc-math summary").click()  # loads the math, and keeps it open after
    expect(page.locator(".calc-math[open]")).to_contain_text("IM = q·E / leverage")
    page.get_by_label("Speed").select_option("10")
    play = page.get_by_role("button", name="Play")
    explanation = page.locator(".practice-explanation")
    play.click()
    expect(explanation).to_contain_text("Funding at step", timeout=15_000)  # the first pauses
    page.get_by_role("button", name="Play").click()
    expect(explanation).to_contain_text(
        "every cross position was liquidated together, because they share one balance",
        timeout=15_000,
    )
    expect(explanation.get_by_role("link", name="Read: Several cross positions")).to_have_count(1)
    expect(positions).to_contain_text("No open positions")
    expect(page.locator(".calc-math[open]")).to_have_count(1)
    player = page.locator("#practice-player")
    assert player.get_attribute("data-frames-shown") == player.get_attribute("data-steps-played")
    after = page.locator("#practice-state .practice-live").inner_text()
    axe(page)
    shoot(page, "practice-liquidated")
    page.reload()
    expect(page.locator(".practice-explanation")).to_contain_text("liquidated together")
    assert page.locator("#practice-state .practice-live").inner_text() == after


def test_a_refused_order_names_its_field_and_keeps_the_account(page_expecting_422, site):
    page = page_expecting_422
    page.goto(f"{site}/practice/")
    order(page, "BTC-PERP", "Long", "0.05")
    expect(page.locator(".practice-live")).to_contain_text("p1 BTC-PERP")
    order(page, "ETH-PERP", "Long", "3")
    error = page.locator("#order-size_error")
    expect(error).to_contain_text("available")
    expect(page.locator("#order-size")).to_have_value("3")
    expect(page.locator("#order-size")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".practice-live")).to_contain_text("p1 BTC-PERP")
    order(page, "ETH-PERP", "Long", "0.1")
    expect(error).to_be_empty()


def test_without_javascript_a_reader_opens_steps_and_closes(page_without_js, site, shoot):
    page = page_without_js
    page.goto(f"{site}/practice/")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_hidden()
    order(page, "BTC-PERP", "Long", "0.05")
    expect(page.locator(".practice-live")).to_contain_text("p1 BTC-PERP")
    choose(page, "Slow slide")
    page.get_by_role("button", name="Next step").click()
    expect(page.locator(".practice-progress")).to_contain_text("Slow slide: step 1 of")
    page.get_by_role("button", name="Play 10 steps").click()  # it stops on the first funding
    expect(page.locator(".practice-progress")).to_contain_text("Slow slide: step 9 of")
    expect(page.locator(".practice-explanation")).to_contain_text("Funding at step 9")
    shoot(page, "practice-no-js")
    close = page.locator("#close-form")
    close.get_by_label("Position", exact=True).select_option("p1")
    close.get_by_role("button", name="Close").click()
    expect(page.locator(".practice-live")).to_contain_text("No open positions")
    assert page.url.endswith("/practice/")


def test_a_scenario_asks_for_a_prediction_then_plays_on_the_desk(page, site, shoot, axe):
    page.goto(f"{site}/practice/scenarios/cross-contagion/")
    page.get_by_label("It closes both positions at the same step").check()
    axe(page)
    page.get_by_role("button", name="Start and play").click()
    expect(page.locator(".practice-scenario")).to_contain_text("You predicted")
    shoot(page, "practice-scenario")
