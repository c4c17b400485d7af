"""The list of cases: found by ticket reference, author and date, 25 a page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from explainer.support.models import Case, CaseLink
from explainer.support.spec import to_json

from .conftest import two_positions

pytestmark = pytest.mark.django_db
CASES = reverse("support:cases")


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bobs_case(bob):
    return Case.objects.create(spec=to_json(two_positions()), author=bob, ticket_reference="IC-77")


def _shown(response) -> set[str]:
    return {case.ticket_reference for case in response.context["page"].object_list}


def test_each_row_says_what_the_case_holds(signed_in, a_case, alice):
    CaseLink.objects.create(case=a_case, created_by=alice, expires=CaseLink.lasting(), views=3)
    response = signed_in.get(CASES)
    assertContains(response, f"Case {a_case.pk}")
    assertContains(response, "ZD-1001")
    assertContains(response, "<td>alice</td>", html=True)
    assertContains(response, "2 positions: BTC-PERP long, ETH-PERP short")
    row = response.context["page"].object_list[0]
    assert (row.live_links, row.customer_views) == (1, 3)


def test_expired_and_revoked_links_are_not_counted_as_live(
    signed_in, a_case, a_link, expired_link, revoked_link
):
    row = signed_in.get(CASES).context["page"].object_list[0]
    assert row.live_links == 1


def test_the_search_finds_part_of_a_ticket_reference_in_any_case(signed_in, a_case, bobs_case):
    assert _shown(signed_in.get(CASES, {"q": "zd-10"})) == {"ZD-1001"}
    assert _shown(signed_in.get(CASES)) == {"ZD-1001", "IC-77"}


def test_the_author_filter_shows_one_persons_cases(signed_in, a_case, bobs_case):
    response = signed_in.get(CASES, {"author": "bob"})
    assert _shown(response) == {"IC-77"}
    assertContains(response, '<option value="bob" selected>bob</option>', html=True)


def test_the_dates_keep_cases_created_on_those_days(signed_in, a_case, bobs_case):
    Case.objects.filter(pk=bobs_case.pk).update(created=timezone.now() - timedelta(days=10))
    today = timezone.now().date()
    assert _shown(signed_in.get(CASES, {"from": today.isoformat()})) == {"ZD-1001"}
    assert _shown(signed_in.get(CASES, {"to": (today - timedelta(days=1)).isoformat()})) == {
        "IC-77"
    }
    assert _shown(signed_in.get(CASES, {"from": today, "to": today})) == {"ZD-1001"}


@pytest.mark.parametrize("bad", ["yesterday", "2026-02-30", "99999-01-01", "1" * 5000])
def test_a_date_that_is_not_one_is_named_not_a_crash(signed_in, a_case, bad):
    response = signed_in.get(CASES, {"from": bad})
    assertContains(response, "Enter a date like 2026-12-01.", status_code=422)
    assert response.context["form"].errors.keys() == {"from"}
    assertNotContains(response, f"Case {a_case.pk}", status_code=422)


def test_an_end_before_the_start_is_named(signed_in):
    response = signed_in.get(CASES, {"from": "2026-12-02", "to": "2026-12-01"})
    assert response.status_code == 422
    assert response.context["form"].errors.keys() == {"to"}


def test_an_unknown_author_is_named(signed_in):
    response = signed_in.get(CASES, {"author": "mallory"})
    assert response.status_code == 422
    assert response.context["form"].errors.keys() == {"author"}


def test_cases_come_25_a_page_newest_first(signed_in, alice):
    spec = to_json(two_positions())
    Case.objects.bulk_create(
        Case(spec=spec, author=alice, ticket_reference=f"T-{n}") for n in range(30)
    )
    first, second = signed_in.get(CASES), signed_in.get(CASES, {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assertContains(first, "?page=2")
    assert signed_in.get(CASES, {"page": "abc"}).status_code == 200


def test_the_pages_keep_the_filters(signed_in, alice):
    spec = to_json(two_positions())
    Case.objects.bulk_create(
        Case(spec=spec, author=alice, ticket_reference="ZD-1") for _ in range(26)
    )
    assertContains(signed_in.get(CASES, {"q": "ZD"}), "?q=ZD&amp;page=2")


def test_the_list_offers_a_new_case(signed_in):
    assertContains(signed_in.get(CASES), f'href="{reverse("support:new")}"')


def test_with_no_cases_the_list_says_so(signed_in):
    assertContains(signed_in.get(CASES), "No cases yet.")
