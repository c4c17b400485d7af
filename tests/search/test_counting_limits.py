"""Past a limit per address, and one over all addresses, searches and clicks are served but no
longer counted, so a flood cannot fill the statistics tables."""

import pytest

from explainer.models import ResultClick, SearchStat

pytestmark = pytest.mark.django_db


def _search(client, query, address="203.0.113.7"):
    return client.get("/search/seen/", {"q": query}, REMOTE_ADDR=address)


def test_one_address_past_its_limit_is_no_longer_counted(client, settings):
    settings.SEARCH_STATS_RATE_LIMIT = "3/h"
    responses = [_search(client, f"leverage {n}") for n in range(10, 15)]
    assert {response.status_code for response in responses} == {200}
    assert SearchStat.objects.count() == 3


def test_another_address_is_still_counted(client, settings):
    settings.SEARCH_STATS_RATE_LIMIT = "1/h"
    _search(client, "leverage")
    _search(client, "margin")
    _search(client, "funding", address="198.51.100.2")
    assert sorted(SearchStat.objects.values_list("query", flat=True)) == ["funding", "leverage"]


def test_all_addresses_together_are_limited_too(client, settings):
    settings.SEARCH_STATS_TOTAL_RATE_LIMIT = "2/h"
    for n in range(4):
        _search(client, "leverage", address=f"198.51.100.{n + 1}")
    assert SearchStat.objects.get().searches == 2


def test_a_limited_click_still_reaches_its_result(client, settings):
    settings.SEARCH_STATS_RATE_LIMIT = "0/h"
    hit = client.get("/search/", {"q": "leverage"}).context["hits"][0]
    response = client.get("/search/go/", {"q": "leverage", "to": hit.url})
    assert response.status_code == 302 and response["Location"] == hit.url
    assert not ResultClick.objects.exists()
