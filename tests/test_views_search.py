import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [hit.title for hit in response.context["hits"]]


def test_search_ranks_a_title_match_first(client):
    response = client.get("/search/", {"q": "isolated"})
    assert titles(response)[0] in {"Cross margin vs isolated margin", "Isolated margin"}


def test_search_finds_glossary_terms(client):
    response = client.get("/search/", {"q": "bankruptcy price"})
    assert "Bankruptcy price" in titles(response)


def test_search_highlights_the_words_in_snippets(client):
    response = client.get("/search/", {"q": "liquidation"})
    assertContains(response, "<mark>")


def test_every_word_of_the_query_must_match(client):
    response = client.get("/search/", {"q": "liquidation zebra"})
    assert titles(response) == []
    assertContains(response, "Nothing matches")


def test_an_empty_query_suggests_where_to_start(client):
    response = client.get("/search/")
    assertContains(response, "Type a word such as")


def test_htmx_gets_only_the_results_fragment(client):
    response = client.get("/search/", {"q": "leverage"}, headers={"HX-Request": "true"})
    assertContains(response, 'id="search-results"')
    assertNotContains(response, "<html")
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get("/search/", {"q": "leverage"}, headers=headers)
    assertContains(response, "<html")


@pytest.mark.parametrize(
    "query", ["<script>alert(1)</script>", "'; DROP TABLE", "\x00", "a" * 5000]
)
def test_hostile_queries_are_escaped_and_never_fail(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assertNotContains(response, "<script>alert")


def test_highlighting_never_breaks_an_escaped_character():
    from explainer.search import highlight, query_words

    patterns = [re.compile(rf"\b{word}", re.IGNORECASE) for word in query_words("amp quot")]
    assert highlight('Tom & "Jerry" amp', patterns) == (
        "Tom &amp; &quot;Jerry&quot; <mark>amp</mark>"
    )
