"""Every confusion traders bring to support has an answer that the site's search finds, in
the words a trader would type: the answering article is among the first results, and the
section that answers it holds every word of the question."""

import html
import re

import pytest

from explainer.search import search

pytestmark = pytest.mark.django_db
TOP = 3

CONFUSIONS = {
    "candle never touched my price": (
        "mark-index-and-last-price",
        "the-candle-never-touched-my-liquidation-price",
    ),
    "liquidated at a different price": (
        "mark-index-and-last-price",
        "i-was-liquidated-at-a-different-price-from-my-liquidation-price",
    ),
    "where did my leftover margin go": (
        "trading-fees-and-the-liquidation-fee",
        "where-did-my-leftover-margin-go",
    ),
    "one cross loss took my account": (
        "why-was-my-position-liquidated",
        "one-cross-loss-took-my-whole-account-what-happened",
    ),
    "funding moved my liquidation price": (
        "funding-payments",
        "funding-moved-my-liquidation-price",
    ),
    "calculators disagree": ("why-was-my-position-liquidated", "why-do-the-calculators-disagree"),
    "my limit order's entry": (
        "trading-fees-and-the-liquidation-fee",
        "my-limit-orders-entry-price-is-not-the-price-i-set",
    ),
    "negative pnl after entry": (
        "trading-fees-and-the-liquidation-fee",
        "my-pnl-is-negative-right-after-entry",
    ),
    "ADL": (
        "insurance-fund-and-auto-deleveraging",
        "when-the-fund-is-not-enough-auto-deleveraging",
    ),
    "insurance fund not enough": (
        "insurance-fund-and-auto-deleveraging",
        "when-the-fund-is-not-enough-auto-deleveraging",
    ),
    "large position partially liquidated": (
        "partial-liquidation-of-large-positions",
        "one-bracket-at-a-time",
    ),
    "wick on the chart": ("mark-index-and-last-price", "a-wick-that-liquidates-nobody"),
}


def article_urls(query: str) -> list[str]:
    return [hit.url for hit in search(query) if hit.kind == "article"][:TOP]


def section_text(page: str, anchor: str) -> str:
    """The section's heading and body, up to the article's next heading (a widget's own
    heading inside the section does not end it)."""
    after = page.split(f'id="{anchor}"', 1)[1].split(">", 1)[1]
    section = re.split(r'<h[1-6] id="(?!predict-)', after, maxsplit=1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", section)).lower()


def words(query: str) -> list[str]:
    found = re.findall(r"[a-z0-9]+", query.lower())
    return [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in found]


@pytest.mark.parametrize(("query", "answer"), CONFUSIONS.items(), ids=CONFUSIONS.keys())
def test_search_puts_the_answering_article_first_or_near_it(query, answer):
    assert f"/articles/{answer[0]}/" in article_urls(query)


@pytest.mark.parametrize(("query", "answer"), CONFUSIONS.items(), ids=CONFUSIONS.keys())
def test_the_answering_section_holds_every_word_of_the_question(client, query, answer):
    page = client.get(f"/articles/{answer[0]}/").content.decode()
    text = section_text(page, answer[1])
    missing = [w for w in words(query) if len(w) > 1 and not re.search(rf"\b{w}", text)]
    assert missing == []
