"""A trader's abbreviation finds the words an article spells out, and the other way round."""

import re

import pytest

from explainer.models import Article, Category
from explainer.search import run
from explainer.synonyms import terms

ADL_TEXT = "When the insurance fund runs dry, auto-deleveraging closes profitable positions."


@pytest.fixture
def adl_article(db):
    category = Category.objects.create(slug="test-risk", name="Test risk", description="Tests")
    return Article.objects.create(
        slug="test-adl",
        title="When the fund runs dry",
        category=category,
        summary="A test.",
        description="A test.",
        body_html=f"<p>{ADL_TEXT}</p>",
        body_text=ADL_TEXT,
        updated="2026-12-01",
    )


def titles(query: str) -> list[str]:
    return [hit.title for hit in run(query).hits]


@pytest.mark.parametrize("query", ["adl", "ADL", "auto-deleveraging", "auto deleveraging"])
def test_adl_and_auto_deleveraging_find_each_other(adl_article, query):
    assert adl_article.title in titles(query)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("liq price", "Liquidation price"),
        ("pnl", "Unrealized PnL"),
        ("p&l", "Realized PnL"),
        ("profit and loss", "Realized PnL"),
        ("im", "Initial margin"),
        ("mm", "Maintenance margin"),
        ("mark price", "Mark price"),
    ],
)
def test_trader_words_find_their_articles_and_terms(query, title):
    assert title in titles(query)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("the funding payment was due", "funding fee"),
        ("their profit and loss", "pnl"),
        ("IM rises with size", "initial margin"),
        ("liquidations happen", "liq"),
        ("a spike in the last price", "wick"),
        ("where the remaining margin goes", "leftover margin"),
        ("the entry price of a limit order", "fill price"),
        ("the position was partially liquidated", "partial liquidation"),
        ("auto-deleveraging ranks traders", "deleveraging"),
    ],
)
def test_a_phrase_matches_any_phrase_of_its_group(text, query):
    (pattern,) = terms(query.split())
    assert re.search(pattern, text, re.IGNORECASE)


def test_a_short_abbreviation_matches_only_a_whole_word():
    (pattern,) = terms(["im"])
    assert not re.search(pattern, "the impact of fees", re.IGNORECASE)


def test_words_outside_the_groups_still_match_the_start_of_a_word():
    assert terms(["liquid", "margin"]) == [r"\bliquid", r"\bmargin"]
