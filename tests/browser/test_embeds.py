"""Embeds in Chromium, framed by a partner page served from another origin (a second port): the
frame sizes itself, the loader re-emits ready and change with the right data, a partner whose
origin is not allowed gets the browser's own refusal. The `page` fixture fails on any console
error or CSP violation (the frame's included); axe runs inside the frame."""

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, SCREENSHOTS

PARTNER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner onboarding</title>
<link rel="icon" href="data:,"></head>
<body><main><h1>Learn margin before you trade</h1>
<div id="embed" data-margin-academy="{name}" data-preset="{preset}" data-theme="{theme}"></div>
</main>
<script>
window.events = [];
['ready', 'resize', 'change', 'answered', 'completed'].forEach(function (type) {{
  document.getElementById('embed').addEventListener('margin-academy:' + type, function (event) {{
    window.events.push({{type: type, detail: event.detail}});
  }});
}});
</script>
<script src="{site}/embed.js" async></script>
</body></html>
"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - http.server's own signature
        pass


@pytest.fixture
def partner(tmp_path, site):
    """A static server on 127.0.0.1 at a free port: the partner's pages."""
    for name, preset, theme in [
        ("isolated-vs-cross", "seed-isolated", "light"),
        ("liquidation-price", "seed-cross", "dark"),
    ]:
        html = PARTNER_PAGE.format(name=name, preset=preset, theme=theme, site=site)
        (tmp_path / f"{name}.html").write_text(html)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=tmp_path))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def allowed(partner, settings):
    """The partner's origin, the only one allowed (the middleware reads it at request time)."""
    origin = f"http://127.0.0.1:{partner}"
    settings.EMBED_ALLOWED_ORIGINS = [origin]
    return origin


def events(page, kind: str) -> list[dict]:
    return [e["detail"] for e in page.evaluate("window.events") if e["type"] == kind]


def embed_frame(page):
    page.wait_for_function("window.events.some((e) => e.type === 'ready')")
    return page.locator("#embed iframe").element_handle().content_frame()


def assert_sized_to_its_content(page, frame) -> None:
    """The frame's height is its content's, once the last resize message has landed."""
    outer = inner = 0.0
    for _ in range(20):
        outer = page.locator("#embed iframe").evaluate("(f) => f.getBoundingClientRect().height")
        inner = frame.evaluate("document.body.getBoundingClientRect().height")
        if abs(outer - inner) <= 2:
            break
        page.wait_for_timeout(100)
    assert outer > 300 and abs(outer - inner) <= 2, (outer, inner)


def shoot_partner(page, frame, name: str) -> None:
    """The partner's page with its frame, at 1280 and 390 px. Chromium's full-page screenshot
    leaves part of a cross-origin frame undrawn, so the viewport is made as tall as the page
    (once the frame has resized to the new width) and shot as it is."""
    for label, viewport in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(viewport)
        assert_sized_to_its_content(page, frame)
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": viewport["width"], "height": height})
        assert_sized_to_its_content(page, frame)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png")
    page.set_viewport_size(DESKTOP)


def test_a_partner_page_embeds_a_calculator_that_sizes_itself(page, allowed, axe, shoot):
    page.goto(f"{allowed}/isolated-vs-cross.html")
    frame = embed_frame(page)
    assert frame.url.endswith("/embed/isolated-vs-cross/?preset=seed-isolated&theme=light")
    ready = events(page, "ready")[0]
    assert ready["source"] == "margin-academy" and ready["embed"] == "isolated-vs-cross"
    frame.wait_for_selector("#calc-results .js-plotly-plot", state="attached")
    assert_sized_to_its_content(page, frame)
    assert events(page, "resize")[-1]["height"] > 300
    axe(frame)
    shoot_partner(page, frame, "embed-partner-isolated-vs-cross")
    page.goto(frame.url)
    shoot(page, "embed-isolated-vs-cross")


def test_a_change_in_the_frame_reaches_the_partner_with_inputs_and_results(page, allowed):
    page.goto(f"{allowed}/isolated-vs-cross.html")
    frame = embed_frame(page)
    frame.fill("#calc-leverage", "20")
    page.wait_for_function("window.events.some((e) => e.type === 'change')")
    change = events(page, "change")[-1]
    assert change["calculator"] == "isolated-vs-cross" and change["valid"]
    assert change["inputs"]["leverage"] == "20" and change["inputs"]["mode"] == "isolated"
    liquidation = change["results"]["figures"]["Liquidation price"]
    assert liquidation == {"Isolated": "47,738.69 USDC", "Cross": "37,688.44 USDC"}
    expect(frame.locator("#calc-results")).to_contain_text("47,738.69 USDC")
    assert frame.evaluate("window.__cspViolations") == []


def test_a_dark_embed_is_accessible(page, allowed, axe, shoot):
    page.goto(f"{allowed}/liquidation-price.html")
    frame = embed_frame(page)
    assert "theme-dark" in frame.evaluate("document.documentElement.className")
    frame.wait_for_selector("#calc-results .js-plotly-plot", state="attached")
    assert_sized_to_its_content(page, frame)
    axe(frame)
    shoot_partner(page, frame, "embed-partner-liquidation-price-dark")
    page.goto(frame.url)
    shoot(page, "embed-liquidation-price-dark")


def test_a_partner_on_an_origin_not_allowed_is_refused_by_the_browser(browser, partner, settings):
    """localhost is another origin than the allowed 127.0.0.1. Chromium logs the refusal in the
    partner's console, so this page has no watcher."""
    settings.EMBED_ALLOWED_ORIGINS = [f"http://127.0.0.1:{partner}"]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    refusals = []
    page.on("console", lambda m: "frame-ancestors" in m.text and refusals.append(m.text))
    page.goto(f"http://localhost:{partner}/isolated-vs-cross.html")
    page.wait_for_selector("#embed iframe", state="attached")
    page.wait_for_timeout(1500)
    frame = page.locator("#embed iframe").element_handle().content_frame()
    assert not frame.url.startswith("http://"), frame.url
    assert page.evaluate("window.events") == []
    assert refusals
    context.close()


def test_the_embed_this_panel_previews_the_embed(page, site):
    page.goto(f"{site}/calculators/isolated-vs-cross/")
    page.click("#embed-this summary")
    frame = page.locator("#embed-this iframe")
    expect(frame).to_have_count(1)
    frame.scroll_into_view_if_needed()  # the loader's frames load lazily, near the viewport
    # frame_locator finds the frame again once it has navigated to the embed.
    expect(
        page.frame_locator("#embed-this iframe").locator("#calc-results .calc-lede")
    ).to_be_visible()
    page.wait_for_function(
        "document.querySelector('#embed-this iframe').getBoundingClientRect().height > 300"
    )
    snippet = page.input_value("#embed-snippet")
    assert f'<script src="{site}/embed.js" async></script>' in snippet
    assert json.dumps("isolated-vs-cross") in snippet
    expect(page.locator("[data-copy]")).to_be_visible()


def test_an_embed_works_without_javascript_and_keeps_its_theme(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/embed/isolated-vs-cross/?theme=dark")
    page.fill("#calc-leverage", "20")
    page.click("#calc-form button[type=submit]")
    assert "/embed/isolated-vs-cross/?theme=dark&" in page.url and "leverage=20" in page.url
    expect(page.locator("#calc-results")).to_contain_text("47,738.69 USDC")
    assert "theme-dark" in page.evaluate("document.documentElement.className")
