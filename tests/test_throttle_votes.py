"""Votes are limited per client address, per article and overall, whatever the cookie says."""

import pytest
from pytest_django.asserts import assertContains

from explainer.models import Feedback

pytestmark = pytest.mark.django_db
URL = "/articles/margin-explained/feedback/"
OTHER_URL = "/articles/cross-vs-isolated-margin/feedback/"
LIMITED = "we have had too many answers from your address in the past hour"


def _vote_as_a_new_visitor(client, url=URL, **extra):
    client.cookies.clear()
    return client.post(url, {"helpful": "no", "comment": "Kept for later"}, **extra)


def test_a_sixth_vote_on_one_article_from_one_address_in_an_hour_is_refused(client):
    assert [_vote_as_a_new_visitor(client).status_code for _ in range(5)] == [302] * 5
    response = _vote_as_a_new_visitor(client)
    assertContains(response, LIMITED, status_code=429)
    assertContains(response, "Kept for later</textarea>", status_code=429)
    assert 0 < int(response["Retry-After"]) <= 3600
    assert Feedback.objects.count() == 5


def test_with_htmx_a_limited_vote_gets_the_fragment_with_a_plain_sentence(client, settings):
    settings.VOTE_RATE_LIMIT_PER_ARTICLE = "1/h"
    _vote_as_a_new_visitor(client)
    response = _vote_as_a_new_visitor(client, headers={"HX-Request": "true"})
    assertContains(response, LIMITED, status_code=429)
    assert "<html" not in response.text and "Retry-After" in response


def test_votes_from_one_address_are_limited_across_articles(client, settings):
    settings.VOTE_RATE_LIMIT = "2/h"
    _vote_as_a_new_visitor(client, URL)
    _vote_as_a_new_visitor(client, OTHER_URL)
    response = _vote_as_a_new_visitor(client, "/articles/margin-explained/feedback/")
    assert response.status_code == 429
    assert Feedback.objects.count() == 2


def test_another_address_still_votes_while_one_is_limited(client, settings):
    settings.VOTE_RATE_LIMIT_PER_ARTICLE = "1/h"
    _vote_as_a_new_visitor(client)
    assert _vote_as_a_new_visitor(client).status_code == 429
    assert _vote_as_a_new_visitor(client, REMOTE_ADDR="198.51.100.7").status_code == 302
