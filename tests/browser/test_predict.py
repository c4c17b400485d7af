"""Predict, then reveal in Chromium: a guess typed or chosen reveals the engine's answer in
place with htmx, on the widget's page, in an article and in an embed; the same works without
JavaScript; each reveal sends margin-academy:answered; axe finds nothing; no console errors."""

import re

from playwright.sync_api import expect

LIQUIDATION = "predict-isolated-long-liquidation"
LISTEN = """
window.__answered = [];
document.addEventListener('margin-academy:answered', (e) => window.__answered.push(e.detail));
"""


def listen(page) -> None:
    page.context.add_init_script(LISTEN)


def answered(page) -> list[dict]:
    return page.evaluate("window.__answered")


def announced(page) -> list[dict]:
    """What was announced, once something was: the event follows the swap, a moment later."""
    page.wait_for_function("window.__answered.length > 0")
    return answered(page)


def test_a_typed_guess_reveals_the_answer_in_place(page, site, shoot, axe):
    listen(page)
    page.goto(f"{site}/predict/isolated-long-liquidation/")
    expect(page.locator(f"#{LIQUIDATION}-reveal")).to_be_empty()
    page.fill(f"#{LIQUIDATION}-guess", "46456.13")
    page.keyboard.press("Enter")
    reveal = page.locator(f"#{LIQUIDATION}-reveal .predict-reveal")
    expect(reveal).to_contain_text("1,230.00 USDC (2.72 %) too high.")
    expect(reveal).to_contain_text("The engine’s answer: 45,226.13 USDC")
    assert page.url.endswith("/predict/isolated-long-liquidation/")  # swapped, not reloaded
    assert page.evaluate("document.activeElement.id") == f"{LIQUIDATION}-guess"
    assert announced(page) == [{"question": "isolated-long-liquidation", "correct": False}]
    axe(page)
    shoot(page, "predict-reveal")


def test_try_another_guess_clears_the_reveal_and_returns_to_the_guess(page, site):
    page.goto(f"{site}/predict/isolated-long-liquidation/")
    page.fill(f"#{LIQUIDATION}-guess", "45000")
    page.click("text=Reveal the answer")
    page.click("text=Try another guess")
    expect(page.locator(f"#{LIQUIDATION}-reveal")).to_be_empty()
    assert page.evaluate("document.activeElement.id") == f"{LIQUIDATION}-guess"


def test_a_choice_in_an_article_reveals_there(page, site, shoot, axe):
    page.goto(f"{site}/articles/cross-vs-isolated-margin/")
    widget = page.locator("#predict-which-mode-keeps-more")
    widget.get_by_label("Isolated").check()
    widget.get_by_role("button", name="Reveal the answer").click()
    expect(widget.locator(".predict-reveal")).to_contain_text("Right. You chose “Isolated”")
    assert page.url.endswith("/articles/cross-vs-isolated-margin/")
    axe(page)
    widget.scroll_into_view_if_needed()
    shoot(page, "predict-in-article")


def test_a_guess_reveals_without_javascript(page_without_js, site, axe):
    page = page_without_js
    page.goto(f"{site}/predict/bankruptcy-price/")
    assert page.locator(".predict-reveal").count() == 0
    page.fill("#predict-bankruptcy-price-guess", "45,000")
    page.click("text=Reveal the answer")
    expect(page).to_have_url(re.compile(r"/predict/bankruptcy-price/\?guess=45%2C000$"))
    expect(page.locator(".predict-reveal")).to_contain_text("Right. Your guess was 45,000.00 USDC")
    page.click("text=Try another guess")
    expect(page).to_have_url(re.compile(r"/predict/bankruptcy-price/$"))


def test_an_embed_reveals_and_announces_the_answer(page, site, shoot, axe):
    listen(page)
    page.goto(f"{site}/embed/predict/eth-survives-btc-drop/?theme=dark")
    page.get_by_label("Yes, it stays open").check()
    page.click("text=Reveal the answer")
    expect(page.locator(".predict-reveal")).to_contain_text("The engine’s answer: No, it is")
    assert announced(page) == [{"question": "eth-survives-btc-drop", "correct": False}]
    axe(page)
    shoot(page, "predict-embed-dark")


def test_a_revealed_page_loaded_whole_announces_once(page, site):
    listen(page)
    page.goto(f"{site}/embed/predict/funding-week-drift/?guess=105")
    expect(page.locator(".predict-reveal")).to_contain_text("Right.")
    assert announced(page) == [{"question": "funding-week-drift", "correct": True}]


def test_a_bad_guess_names_the_field_and_keeps_what_was_typed(page_expecting_422, site, axe):
    page = page_expecting_422
    listen(page)
    page.goto(f"{site}/predict/isolated-long-liquidation/")
    page.fill(f"#{LIQUIDATION}-guess", "Infinity")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{LIQUIDATION}-guess_error")).to_have_text(
        "Enter the liquidation price as a number, like 500 or 0.02."
    )
    expect(page.locator(f"#{LIQUIDATION}-guess")).to_have_value("Infinity")
    assert answered(page) == []
    axe(page)
