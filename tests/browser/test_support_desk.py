"""The support desk in Chromium, end to end: a member of staff signs in, enters a customer's
two-position cross case by hand, reads what happened, makes a customer link; the customer
opens it in a browser of their own and prints it, every chart drawn in the PDF."""

import io

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect
from pypdf import PdfReader

from bench.chromium import CHROMIUM_ARGS  # noqa: F401 - the launch arguments the suite uses
from explainer.support.access import SUPPORT_GROUP

PASSWORD = "a-long-support-passphrase-42"


@pytest.fixture
def alice(site):
    user = User.objects.create_user("alice", password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=SUPPORT_GROUP)[0])
    return user


def sign_in(page, site):
    page.goto(site + "/support/")
    expect(page).to_have_url(site + "/support/login/?next=/support/cases/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()


def enter_position(page, index, market, side, size, entry, leverage, mode):
    page.locator(f"[name='positions-{index}-market']").select_option(market)
    page.locator(f"[name='positions-{index}-side'][value='{side}']").check()
    page.locator(f"[name='positions-{index}-size']").fill(size)
    page.locator(f"[name='positions-{index}-entry_price']").fill(entry)
    page.locator(f"[name='positions-{index}-leverage']").fill(leverage)
    page.locator(f"[name='positions-{index}-margin_mode'][value='{mode}']").check()


def enter_the_case(page, site):
    """The seed's 500 USDC cross account: a BTC long and an ETH short; ETH rallies to 4,000
    while BTC edges up to 50,500 (tests/engine/test_diagnosis.py derives the figures)."""
    page.get_by_role("link", name="New case").first.click()
    page.get_by_label("Wallet balance").fill("500")
    enter_position(page, 0, "BTC-PERP", "long", "0.02", "50000", "10", "cross")
    enter_position(page, 1, "ETH-PERP", "short", "0.5", "3000", "10", "cross")
    page.get_by_label("BTC-PERP mark price").fill("50500")
    page.get_by_label("ETH-PERP mark price").fill("4000")
    page.get_by_label("Ticket reference").fill("ZD-4242")
    page.get_by_role("button", name="Save the case").click()


def charts_drawn(page):
    """Every chart placeholder has become a drawn plotly chart (the same element)."""
    count = page.locator("[data-figure]").count()
    assert count > 0
    expect(page.locator(".js-plotly-plot")).to_have_count(count)


def test_staff_explain_a_cross_liquidation_and_the_customer_prints_it(
    page, browser, site, alice, axe, shoot
):
    sign_in(page, site)
    enter_the_case(page, site)

    report = page.locator(".case-report")
    expect(report).to_contain_text("the liquidation engine took position 1 (BTC-PERP long)")
    expect(report).to_contain_text("Other cross positions moved its liquidation price")
    # BTC's price alone, 500 / 0.0199, beside its price with the ETH short's loss.
    expect(report).to_contain_text("25,125.6 USDC")
    expect(report).to_contain_text("50,501.3 USDC")
    expect(page.locator("body")).to_contain_text("ZD-4242")
    charts_drawn(page)
    axe(page)
    shoot(page, "support-case")

    page.get_by_role("button", name="Create customer link").click()
    link = page.locator(".link-url").first.inner_text()
    assert link.startswith(site + "/cases/")

    customer = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        reader = customer.new_page()
        response = reader.goto(link)
        assert response.status == 200
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "no-store" in response.headers["cache-control"]
        expect(reader.locator("body")).not_to_contain_text("ZD-4242")
        expect(reader.locator("body")).not_to_contain_text("alice")
        expect(reader.locator("form")).to_have_count(1)  # the site's search box, nothing else
        charts_drawn(reader)
        axe(reader)
        shoot(reader, "support-customer-page")

        pdf = PdfReader(io.BytesIO(reader.pdf(format="A4", print_background=True)))
        text = "".join(sheet.extract_text() for sheet in pdf.pages)
        for title in ("BTC-PERP price (USDC)", "ETH-PERP price (USDC)"):
            assert title in text, f"the chart {title!r} is missing from the printed page"
        assert "What happened" in text and "Timeline" in text
        assert "Search" not in text and "Create customer link" not in text
        letter = PdfReader(io.BytesIO(reader.pdf(format="Letter")))
        assert len(letter.pages) == len(pdf.pages) or len(letter.pages) > 1
    finally:
        customer.close()

    page.get_by_role("button", name="Revoke").first.click()
    gone = browser.new_context()
    try:
        assert gone.new_page().goto(link).status == 410
    finally:
        gone.close()
