"""The phone, 390 px wide: every calculator in the registry shows each results table whole,
keeps its key figures in view while the reader edits, draws no chart label over another, and
makes every control a tap target of at least 24 × 24 px (WCAG 2.2, 2.5.8), as the help center's
pages do too. New calculators are covered as they join widgets.CALCULATORS."""

import pytest
from playwright.sync_api import expect

from explainer.calculators import presets
from explainer.calculators.widgets import CALCULATORS

from .conftest import PHONE, SCREENSHOTS, shoot

RESULTS = "#calc-results"
PLOT = f"{RESULTS} .js-plotly-plot"
SUMMARY = "#calc-summary"

# Each calculator's starting numbers and its presets, plus states that put two chart labels
# close together: a what-if or exit price near the entry, a short, a cross account.
STATES = [
    (slug, f"?{query}")
    for slug in CALCULATORS
    for query in ("", *(query for _, query in presets.links(slug)))
] + [
    ("isolated-vs-cross", "?price=49500"),
    ("liquidation-price", "?side=short&mode=cross"),
    ("margin-pnl-roe", "?price=50400"),
    ("cross-contagion", "?a_side=short&b_side=short"),
]

# Controls that are too small, as "tag#id "text" width×height". A link inside a sentence is
# exempt (its height is the line's); so is what is visually hidden until focused (1 px).
SMALL_TARGETS = """() => {
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"]), [role=button]';
  const inSentence = (el) => {
    const block = el.parentElement.closest('p, li, dd, dt, td, th, figcaption, div')
      || document.body;
    return getComputedStyle(el).display === 'inline'
      && /\\w/.test(block.textContent.replace(el.textContent, ''));
  };
  return [...document.querySelectorAll(controls)].filter((el) => {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) { return false; }
    if (box.width >= 24 && box.height >= 24) { return false; }
    return !(el.tagName === 'A' && inSentence(el));
  }).map((el) => {
    const box = el.getBoundingClientRect();
    const text = (el.textContent || el.value || '').trim().slice(0, 30);
    return `${el.tagName.toLowerCase()}#${el.id} "${text}" ${box.width}×${box.height}`;
  });
}"""

# Pairs of labels Plotly drew over or against each other: an annotation needs 8 px of room
# from any other text (closer, two labels read as one); legend entries and axis titles, laid
# out by Plotly itself, only must not overlap.
OVERLAPPING_LABELS = """(plot) => {
  const texts = [...plot.querySelectorAll(
    '.annotation-text, .legendtext, .g-xtitle text, .g-ytitle text, .g-y2title text'
  )].filter((text) => text.textContent.trim());
  const labels = texts.map((text) => ({
    name: text.textContent, box: text.getBoundingClientRect(),
    note: text.classList.contains('annotation-text'),
  }));
  const apart = (a, b, room) => a.right + room <= b.left || b.right + room <= a.left
    || a.bottom + room <= b.top || b.bottom + room <= a.top;
  const pairs = [];
  labels.forEach((one, i) => labels.slice(i + 1).forEach((other) => {
    const room = one.note || other.note ? 8 : 0;
    if (!apart(one.box, other.box, room)) { pairs.push(`${one.name} / ${other.name}`); }
  }));
  return pairs;
}"""

TABLES_TOO_WIDE = """() => [...document.querySelectorAll('.calc-results .calc-table-wrap')]
  .filter((wrap) => wrap.scrollWidth > wrap.clientWidth)
  .map((wrap) => `${wrap.getAttribute('aria-label')}: ${wrap.scrollWidth} > ${wrap.clientWidth}`)"""


def on_phone(page, url):
    page.set_viewport_size(PHONE)
    page.goto(url)


def draw_chart(page):
    """Charts draw once they come near the viewport; on a phone that is screens down."""
    page.locator(f"{RESULTS} [data-figure]").scroll_into_view_if_needed()
    page.wait_for_selector(f"{PLOT} .trace", state="attached")


@pytest.mark.parametrize("slug", CALCULATORS)
def test_it_shows_every_table_whole_and_every_control_large_enough(page, site, axe, slug):
    on_phone(page, f"{site}/calculators/{slug}/")
    draw_chart(page)
    assert page.evaluate(TABLES_TOO_WIDE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.evaluate("window.scrollTo(0, 0)")  # the summary in its place, not stuck over the form
    shoot(page, f"phone-{slug}")
    page.set_viewport_size(PHONE)
    page.locator(f"{RESULTS} .calc-math summary").first.click()  # the math opens, too
    assert page.evaluate(SMALL_TARGETS) == []
    axe(page)  # the cards and the summary, as a phone lays them out


@pytest.mark.parametrize("slug", CALCULATORS)
def test_it_keeps_the_key_figures_in_view_while_the_reader_edits(page, site, slug):
    on_phone(page, f"{site}/calculators/{slug}/")
    summary, before = page.locator(SUMMARY), page.locator(SUMMARY).inner_text()
    fields = filled_numbers(page)
    for field in reversed(fields):  # from the field furthest below the summary up
        edit(page, field)
        summary_box, field_box = summary.bounding_box(), field.bounding_box()
        assert summary_box["y"] >= 0, "the summary has scrolled away"
        assert summary_box["y"] + summary_box["height"] <= field_box["y"], "it covers the field"
        if summary.inner_text() != before:
            break
    assert summary.inner_text() != before, "no edit changed the key figures"
    after = summary.inner_text()
    page.goto(page.url)  # the full page for the same numbers says the same
    expect(summary).to_have_text(after, use_inner_text=True)


def filled_numbers(page) -> list:
    boxes = page.locator("#calc-form input[type=number]").all()
    return [box for box in boxes if box.is_visible() and box.input_value()]


def edit(page, field) -> None:
    """Types a tenth more (at least 1 more for a whole number) and waits for the results."""
    value = field.input_value()
    number = float(value) * 1.1
    typed = str(max(int(value) + 1, round(number))) if value.isdigit() else f"{number:.6g}"
    field.scroll_into_view_if_needed()
    with page.expect_response(lambda response: response.request.headers.get("hx-request")):
        field.fill(typed)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("slug, query", STATES, ids=[f"{s}{q}" for s, q in STATES])
def test_it_draws_no_chart_label_over_another_nor_a_table_too_wide(page, site, slug, query):
    on_phone(page, f"{site}/calculators/{slug}/{query}")
    draw_chart(page)
    assert page.locator(PLOT).evaluate(OVERLAPPING_LABELS) == []
    assert page.evaluate(TABLES_TOO_WIDE) == []


HELP_CENTER = {
    "home": "/",
    "article": "/articles/margin-explained/",
    "article-faq": "/articles/why-was-my-position-liquidated/",
    "article-with-a-prediction": "/articles/cross-vs-isolated-margin/",
    "category": "/categories/margin-modes/",
    "search": "/search/?q=isolated+margin",
    "search-empty": "/search/?q=zebra",
    "glossary": "/glossary/",
    "calculators": "/calculators/",
    "practice": "/practice/",
    "practice-scenario": "/practice/scenarios/cross-contagion/",
    "new-topic": "/articles/insurance-fund-and-auto-deleveraging/",
}


@pytest.mark.parametrize("path", HELP_CENTER.values(), ids=list(HELP_CENTER))
def test_it_makes_every_help_center_control_a_24_px_target(page, site, path):
    on_phone(page, site + path)
    assert page.evaluate(SMALL_TARGETS) == []  # before htmx swaps in the feedback form
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(SMALL_TARGETS) == []


def test_it_makes_the_reasons_asked_after_a_no_24_px_targets(page, site):
    on_phone(page, site + "/articles/margin-explained/")
    page.get_by_role("button", name="No").click()
    expect(page.locator("#feedback input[name=reason]").first).to_be_visible()
    assert page.evaluate(SMALL_TARGETS) == []
    page.locator("#feedback").screenshot(path=SCREENSHOTS / "phone-feedback-reasons-390.png")
