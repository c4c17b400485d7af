"""The customer's page, /cases/<token>/: the report only, while the link is live."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from explainer.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db


def _open(client, link):
    return client.get(reverse("support:customer", args=[link.token]))


def test_a_live_link_shows_the_report(client, a_link):
    response = _open(client, a_link)
    assertContains(response, "Your liquidation, explained")
    assertContains(response, 'class="case-report"')


def test_each_opening_is_counted_with_its_time(client, a_link):
    _open(client, a_link)
    _open(client, a_link)
    a_link.refresh_from_db()
    assert a_link.views == 2
    assert a_link.last_viewed is not None


def test_a_head_request_is_not_counted(client, a_link):
    assert client.head(reverse("support:customer", args=[a_link.token])).status_code == 200
    a_link.refresh_from_db()
    assert a_link.views == 0


def test_support_checking_the_link_is_not_counted_as_the_customer(client, bob, a_link):
    client.force_login(bob)
    assert _open(client, a_link).status_code == 200
    a_link.refresh_from_db()
    assert a_link.views == 0


def test_the_page_shows_nothing_of_the_support_desk(client, alice, a_link):
    response = _open(client, a_link)
    for staff_only in ("ZD-1001", "alice", "/support/", f"Case {a_link.case.pk}", "csrf"):
        assertNotContains(response, staff_only)


def test_the_page_is_private_unreferred_and_unindexed(client, a_link):
    response = _open(client, a_link)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assertContains(response, '<meta name="robots" content="noindex, nofollow">')


def test_the_page_prints_with_its_own_rules(client, a_link):
    assertContains(_open(client, a_link), 'href="/static/css/support-print.css" media="print"')


def test_a_revoked_link_says_politely_that_it_no_longer_works(client, revoked_link):
    response = _open(client, revoked_link)
    assertContains(response, "This link no longer works", status_code=410)
    assertContains(response, "ask for a new link", status_code=410)
    assertNotContains(response, 'class="case-report"', status_code=410)
    assert "no-store" in response["Cache-Control"]


def test_an_expired_link_says_the_same(client, expired_link):
    assertContains(_open(client, expired_link), "This link no longer works", status_code=410)
    expired_link.refresh_from_db()
    assert expired_link.views == 0


@pytest.mark.parametrize("token", ["nope", "x" * 64, "x" * 300])
def test_an_unknown_link_is_not_found(client, a_link, token):
    response = client.get(reverse("support:customer", args=[token]))
    assertContains(response, "We can’t find that page", status_code=404)


def test_customer_pages_are_not_in_the_sitemap(client, a_link):
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert "/cases/" not in sitemap
    assert all("case" not in name for name in SITEMAPS)


def test_the_page_takes_no_posts(client, a_link):
    response = client.post(reverse("support:customer", args=[a_link.token]))
    assert response.status_code == 405
