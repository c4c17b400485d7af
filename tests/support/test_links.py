"""A case's page: its customer links (made with an expiry, revoked) and its audit trail."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from explainer.support.links import count_view, short_name
from explainer.support.models import CaseEvent, CaseLink

pytestmark = pytest.mark.django_db


def _case_page(a_case) -> str:
    return reverse("support:case", args=[a_case.pk])


def _create(client, a_case, days="30"):
    return client.post(reverse("support:create_link", args=[a_case.pk]), {"days": days})


def test_the_case_page_shows_the_report_and_the_staff_facts(client, bob, a_case):
    client.force_login(bob)
    response = client.get(_case_page(a_case))
    assertContains(response, "ZD-1001")
    assertContains(response, "<dd>alice</dd>", html=True)
    assertContains(response, 'class="case-report"')
    assertContains(response, f'href="{reverse("support:edit", args=[a_case.pk])}"')


def test_a_new_link_lasts_30_days_unless_staff_choose(client, alice, a_case):
    client.force_login(alice)
    response = _create(client, a_case)
    assert response["Location"] == _case_page(a_case) + "#links"
    link = a_case.links.get()
    assert timedelta(days=29, hours=23) < link.expires - timezone.now() <= timedelta(days=30)
    _create(client, a_case, days="7")
    assert a_case.links.first().expires - timezone.now() <= timedelta(days=7)


def test_a_link_carries_at_least_128_bits_of_secret(client, alice, a_case):
    client.force_login(alice)
    _create(client, a_case)
    _create(client, a_case)
    first, second = (link.token for link in a_case.links.all())
    assert first != second
    assert len(first) >= 22  # 22 URL-safe characters hold 132 bits


def test_the_case_page_lists_each_link_with_its_address_and_state(
    client, bob, a_case, a_link, expired_link, revoked_link
):
    client.force_login(bob)
    response = client.get(_case_page(a_case))
    assertContains(response, f"http://testserver/cases/{a_link.token}/")
    for state in ("Live", "Expired", "Revoked"):
        assertContains(response, f">{state}</span>")
    assertContains(response, "Revoke ", count=1)  # only the live link can be revoked


@pytest.mark.parametrize("days", ["0", "-1", "1e400", "abc", "366", "", "٣٠", "30.5"])
def test_a_bad_expiry_is_named_and_changes_nothing(client, alice, a_case, days):
    client.force_login(alice)
    response = _create(client, a_case, days=days)
    assert response.status_code == 422
    assert response.context["link_form"].errors.keys() == {"days"}
    assertContains(response, 'id="id_days_error"', status_code=422)
    assert a_case.links.count() == 0
    assert not a_case.events.filter(kind=CaseEvent.Kind.LINK_CREATED).exists()


def test_revoking_a_link_stops_it_at_once(client, bob, a_link):
    client.force_login(bob)
    response = client.post(reverse("support:revoke_link", args=[a_link.pk]))
    assert response["Location"] == _case_page(a_link.case) + "#links"
    assert client.get(reverse("support:customer", args=[a_link.token])).status_code == 410


def test_revoking_twice_records_it_once(client, bob, a_link):
    client.force_login(bob)
    for _ in range(2):
        client.post(reverse("support:revoke_link", args=[a_link.pk]))
    assert a_link.case.events.filter(kind=CaseEvent.Kind.REVOKED).count() == 1


def test_the_audit_trail_names_who_did_what(client, alice, bob, a_case):
    client.force_login(alice)
    _create(client, a_case)
    link = a_case.links.get()
    client.force_login(bob)
    client.post(reverse("support:revoke_link", args=[link.pk]))
    events = [(event.kind, event.actor.username) for event in a_case.events.all()]
    assert events == [("created", "alice"), ("link_created", "alice"), ("revoked", "bob")]
    audit = client.get(_case_page(a_case)).context["audit"]
    assert [(line.what, line.who) for line in audit] == [
        ("Case created", "alice"),
        (f"Customer link {short_name(link)} created", "alice"),
        (f"Customer link {short_name(link)} revoked", "bob"),
    ]


def test_the_audit_trail_counts_the_customers_views(client, bob, a_link):
    for _ in range(3):
        count_view(a_link)
    client.force_login(bob)
    response = client.get(_case_page(a_link.case))
    assertContains(response, "viewed by the customer 3 times, last at")
    assertContains(response, "Viewed 3 times")


def test_a_view_is_not_counted_on_a_link_that_is_no_longer_live(expired_link, revoked_link):
    assert not count_view(expired_link)
    assert not count_view(revoked_link)
    assert CaseLink.objects.filter(views__gt=0).count() == 0


def test_creating_and_revoking_need_the_form_token(alice, a_case, a_link):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert _create(client, a_case).status_code == 403
    assert client.post(reverse("support:revoke_link", args=[a_link.pk])).status_code == 403
    assert a_case.links.count() == 1
    a_link.refresh_from_db()
    assert a_link.revoked is None


def test_with_the_form_token_creating_works(alice, a_case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    token = client.get(_case_page(a_case)).context["csrf_token"]
    url = reverse("support:create_link", args=[a_case.pk])
    assert client.post(url, {"days": "30", "csrfmiddlewaretoken": token}).status_code == 302
    assert a_case.links.count() == 1


def test_links_are_made_and_revoked_by_post_only(client, alice, a_case, a_link):
    client.force_login(alice)
    assert client.get(reverse("support:create_link", args=[a_case.pk])).status_code == 405
    assert client.get(reverse("support:revoke_link", args=[a_link.pk])).status_code == 405
