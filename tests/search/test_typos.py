"""A misspelt word is searched as the nearest word the help center uses, and the page says so."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from explainer.search import run
from explainer.spelling import Vocabulary, corrected

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("liqudation", "liquidation"),
        ("levrage", "leverage"),
        ("isloated margin", "isolated margin"),
        ("corss margin", "cross margin"),
        ("maintainance margin", "maintenance margin"),
        ("bankrupcy price", "bankruptcy price"),
    ],
)
def test_it_searches_the_nearest_words_for_misspelt_ones(typed, meant):
    results = run(typed)
    assert results.corrected == meant
    assert results.hits == run(meant).hits


def test_it_says_what_it_searched_instead_and_links_to_the_exact_words(client):
    response = client.get("/search/", {"q": "liqudation"})
    assertContains(response, "Showing results for <strong>liquidation</strong>")
    assertContains(response, "(searched for “liqudation”)")
    assertContains(response, 'href="/search/?q=liqudation&amp;exact=1"')


def test_the_exact_words_are_searched_as_typed(client):
    response = client.get("/search/", {"q": "liqudation", "exact": "1"})
    assertContains(response, "Nothing matches “liqudation”")
    assertNotContains(response, "Showing results for")


def test_a_query_that_finds_results_is_never_corrected():
    assert run("liquidation").corrected is None


def test_a_word_near_nothing_is_not_guessed(client):
    response = client.get("/search/", {"q": "zxqvbn"})
    assertContains(response, "Nothing matches “zxqvbn”")


def test_a_word_that_starts_a_known_word_is_left_alone():
    vocabulary = Vocabulary(["liquidation", "leverage"])
    assert corrected(["liquid", "levrage"], vocabulary) == ["liquid", "leverage"]


def test_short_words_and_numbers_are_not_guessed():
    vocabulary = Vocabulary(["cross", "125"])
    assert vocabulary.closest("crs") is None
    assert vocabulary.closest("126") is None
