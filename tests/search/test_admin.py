"""Search analytics in the admin: totals per query over the chosen days, most searched first."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from explainer.models import ResultClick, SearchStat

DAY = datetime.date(2026, 11, 30)
EARLIER = datetime.date(2026, 10, 1)


@pytest.fixture
def counted(db):
    SearchStat.objects.create(day=DAY, query="leverage", results=12, searches=8, clicks=2)
    SearchStat.objects.create(day=EARLIER, query="leverage", results=12, searches=2, clicks=3)
    SearchStat.objects.create(day=DAY, query="adl", results=0, searches=3)
    ResultClick.objects.create(
        day=DAY, query="leverage", url="/articles/x/", title="Leverage", position=2, clicks=4
    )


def rows(response) -> list[tuple]:
    return response.context["summary"]


def test_it_totals_each_query_over_the_days_most_searched_first(admin_client, counted):
    response = admin_client.get("/admin/explainer/searchstat/")
    assert rows(response) == [("leverage", 10, 12, "—", 5, "50%"), ("adl", 3, 0, "—", 0, "0%")]
    assertContains(response, "<h1>What readers search for</h1>")


def test_the_found_filter_lists_the_queries_with_no_result(admin_client, counted):
    response = admin_client.get("/admin/explainer/searchstat/", {"found": "nothing"})
    assert [row[0] for row in rows(response)] == ["adl"]


def test_the_date_hierarchy_narrows_the_totals(admin_client, counted):
    response = admin_client.get(
        "/admin/explainer/searchstat/", {"day__month": 10, "day__year": 2026}
    )
    assert rows(response) == [("leverage", 2, 12, "—", 3, "150%")]


def test_clicks_list_which_result_at_which_position(admin_client, counted):
    response = admin_client.get("/admin/explainer/resultclick/")
    assert rows(response) == [("leverage", 2, "Leverage", 4, 1)]
    assertContains(response, '<th scope="row">leverage</th>')


def test_nothing_can_be_added_or_edited(admin_client, counted):
    assert admin_client.get("/admin/explainer/searchstat/add/").status_code == 403
    response = admin_client.get("/admin/explainer/searchstat/")
    assertNotContains(response, "/admin/explainer/searchstat/add/")


def test_an_unknown_filter_does_not_fail(admin_client, counted):
    response = admin_client.get("/admin/explainer/searchstat/", {"nonsense": "1"})
    assert response.status_code in (200, 302)


def test_staff_without_a_login_are_sent_to_it(client, counted):
    response = client.get("/admin/explainer/searchstat/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
