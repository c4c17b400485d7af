"""A "No" asks why, once: a reason from the list and an optional comment, added to the vote."""

from unittest import mock

import pytest
from django.db import OperationalError
from pytest_django.asserts import assertContains, assertNotContains

from explainer.models import Feedback

pytestmark = pytest.mark.django_db
URL = "/articles/margin-explained/feedback/"
WHY = "/articles/margin-explained/feedback/why/"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def voted_no(client):
    client.post(URL, {"helpful": "no", "comment": "Lost me at tiers"})
    return Feedback.objects.get()


def test_after_a_no_the_reader_is_asked_why_with_their_comment_kept(client, voted_no):
    response = client.get(URL)
    assertContains(response, "What was wrong with it?")
    for label in [
        "It needs more detail",
        "Something in it is inaccurate",
        "It is hard to understand",
        "Something else",
    ]:
        assertContains(response, label)
    assertContains(response, "Lost me at tiers</textarea>")


def test_with_htmx_a_no_comes_back_with_the_question(client):
    response = client.post(URL, {"helpful": "no"}, headers=HTMX)
    assertContains(response, 'action="/articles/margin-explained/feedback/why/"', status_code=201)


def test_a_yes_is_not_asked_why(client):
    response = client.post(URL, {"helpful": "yes"}, headers=HTMX)
    assertNotContains(response, "What was wrong with it?", status_code=201)


def test_without_javascript_the_reason_is_saved_and_the_page_comes_back(client, voted_no):
    response = client.post(WHY, {"reason": "unclear", "comment": "Tiers need an example"})
    assert (response.status_code, response["Location"]) == (302, URL)
    voted_no.refresh_from_db()
    assert (voted_no.reason, voted_no.comment) == ("unclear", "Tiers need an example")
    assertContains(client.get(URL), "The reason you gave: it is hard to understand.")


def test_with_htmx_the_reason_returns_the_thanks_fragment(client, voted_no):
    response = client.post(WHY, {"reason": "detail"}, headers=HTMX)
    assertContains(response, "it needs more detail")
    assertNotContains(response, "What was wrong with it?")
    assert "private" in response["Cache-Control"] and "<html" not in response.text


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "Choose what was wrong."), ("bored", "Choose one of the reasons listed.")],
)
def test_a_missing_or_unknown_reason_is_refused_keeping_the_comment(
    client, voted_no, reason, message
):
    response = client.post(WHY, {"reason": reason, "comment": "Keep me"}, headers=HTMX)
    assertContains(response, f"<strong>Reason:</strong> {message}", status_code=422)
    assertContains(response, "Keep me</textarea>", status_code=422)
    assert Feedback.objects.get().reason == ""


def test_a_too_long_comment_is_refused_by_name(client, voted_no):
    response = client.post(WHY, {"reason": "other", "comment": "x" * 2001})
    assertContains(response, "<strong>Comment:</strong>", status_code=422)


def test_a_reason_is_given_once(client, voted_no):
    client.post(WHY, {"reason": "detail"})
    response = client.post(WHY, {"reason": "inaccurate"}, headers=HTMX)
    assertContains(response, "You have already answered", status_code=409)
    assert Feedback.objects.get().reason == "detail"


def test_a_yes_cannot_be_given_a_reason(client):
    client.post(URL, {"helpful": "yes"})
    response = client.post(WHY, {"reason": "detail"})
    assert response.status_code == 409
    assert Feedback.objects.get().reason == ""


def test_a_reader_who_has_not_voted_is_offered_the_first_question(client):
    response = client.post(WHY, {"reason": "detail"}, headers=HTMX)
    assertContains(response, "Yes, it helped", status_code=409)
    assert not Feedback.objects.exists()


def test_a_reason_the_database_cannot_save_asks_to_retry_and_keeps_the_text(client, voted_no):
    with mock.patch(
        "django.db.models.query.QuerySet.update", side_effect=OperationalError("locked")
    ):
        response = client.post(WHY, {"reason": "other", "comment": "Still here"}, headers=HTMX)
    assertContains(response, "request-failed", status_code=503)
    assertContains(response, "Still here</textarea>", status_code=503)
    assert response["Retry-After"] == "5"


def test_the_reason_needs_a_post_and_a_known_article(client, voted_no):
    assert client.get(WHY).status_code == 405
    assert client.post("/articles/nope/feedback/why/", {"reason": "detail"}).status_code == 404


def test_the_admin_shows_and_filters_reasons(admin_client, voted_no):
    Feedback.objects.filter(pk=voted_no.pk).update(reason="inaccurate")
    response = admin_client.get("/admin/explainer/feedback/", {"reason": "inaccurate"})
    assertContains(response, "Something in it is inaccurate")
    assert list(response.context["cl"].result_list) == [voted_no]
