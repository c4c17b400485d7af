import pytest
from pytest_django.asserts import assertContains

from explainer.models import Article, Feedback
from explainer.votes import VISITOR_COOKIE

pytestmark = pytest.mark.django_db
URL = "/articles/margin-explained/feedback/"


def test_a_vote_without_javascript_is_stored_and_shows_the_thanks(client):
    response = client.post(URL, {"helpful": "yes", "comment": "Clear, thanks"})
    assert response.status_code == 302
    assert response["Location"] == URL
    vote = Feedback.objects.get()
    assert (vote.helpful, vote.comment) == (True, "Clear, thanks")
    assert client.cookies[VISITOR_COOKIE].value == vote.visitor


def test_after_voting_the_readers_fragment_thanks_them(client):
    client.post(URL, {"helpful": "no"})
    response = client.get(URL, headers={"HX-Request": "true"})
    assertContains(response, "not helpful yet")
    assert "private" in response["Cache-Control"]


def test_a_vote_with_htmx_returns_the_thanks_fragment(client):
    response = client.post(URL, {"helpful": "yes"}, headers={"HX-Request": "true"})
    assert response.status_code == 201
    assertContains(response, 'id="feedback"', status_code=201)
    assert "<html" not in response.text


def test_a_second_vote_from_the_same_visitor_is_refused_and_the_first_kept(client):
    client.post(URL, {"helpful": "yes", "comment": "first"})
    response = client.post(URL, {"helpful": "no", "comment": "second"})
    assertContains(response, "already answered", status_code=409)
    assert list(Feedback.objects.values_list("helpful", "comment")) == [(True, "first")]


def test_different_visitors_each_get_a_vote(client, django_user_model):
    client.post(URL, {"helpful": "yes"})
    client.cookies.clear()
    client.post(URL, {"helpful": "no"})
    assert Feedback.objects.count() == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choose Yes or No."),
        ({"helpful": "maybe"}, "Choose Yes or No."),
        ({"helpful": "yes", "comment": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_feedback_gets_a_field_named_error_not_a_500(client, data, message):
    response = client.post(URL, data)
    assertContains(response, message, status_code=422)
    assert Feedback.objects.count() == 0


def test_feedback_needs_a_csrf_token():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, {"helpful": "yes"})
    assert response.status_code == 403


def test_feedback_is_read_with_get_and_given_with_post(client):
    assert client.get(URL).status_code == 200
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_feedback_on_unknown_article_is_404(client):
    assert client.post("/articles/nope/feedback/", {"helpful": "yes"}).status_code == 404


def test_a_tampered_visitor_cookie_is_replaced(client):
    client.cookies[VISITOR_COOKIE] = "<script>"
    client.post(URL, {"helpful": "yes"})
    assert Feedback.objects.get().visitor.isalnum()


def test_admin_lists_per_article_counts(admin_client):
    article = Article.objects.get(slug="margin-explained")
    Feedback.objects.create(article=article, visitor="a" * 32, helpful=True)
    Feedback.objects.create(article=article, visitor="b" * 32, helpful=False)
    response = admin_client.get("/admin/explainer/article/")
    assertContains(response, "Not helpful")
    assert response.context["cl"].result_list.get(slug="margin-explained").yes == 1
