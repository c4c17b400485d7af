"""A vote the database cannot store is answered 503 with the reader's comment kept, never a 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from pytest_django.asserts import assertContains

from explainer.models import Feedback

pytestmark = pytest.mark.django_db
URL = "/articles/margin-explained/feedback/"
NOT_SAVED = "Your answer was not saved; please try again in a moment."


@pytest.fixture(params=["database is locked", "attempt to write a readonly database"])
def unwritable_database(request):
    error = OperationalError(request.param)
    with mock.patch.object(Feedback.objects, "create", side_effect=error):
        yield


def test_a_locked_database_answers_503_and_keeps_the_comment(client, unwritable_database):
    response = client.post(URL, {"helpful": "no", "comment": "Say more about fees"})
    assertContains(response, NOT_SAVED, status_code=503)
    assertContains(response, "Say more about fees</textarea>", status_code=503)
    assert response["Retry-After"] == "5"
    assert "<html" in response.text


def test_with_htmx_the_fragment_says_the_answer_was_not_saved(client, unwritable_database):
    data = {"helpful": "yes", "comment": "Clear"}
    response = client.post(URL, data, headers={"HX-Request": "true"})
    assertContains(response, NOT_SAVED, status_code=503)
    assertContains(response, "Clear</textarea>", status_code=503)
    assert response["Retry-After"] == "5"
    assert "<html" not in response.text


def test_the_htmx_503_message_is_one_static_js_errors_js_shows_in_place(
    client, unwritable_database
):
    response = client.post(URL, {"helpful": "yes"}, headers={"HX-Request": "true"})
    assertContains(response, 'class="alert alert-warning request-failed"', status_code=503)


def test_trying_again_once_the_database_is_writable_stores_the_vote(client):
    locked = OperationalError("database is locked")
    with mock.patch.object(Feedback.objects, "create", side_effect=locked):
        client.post(URL, {"helpful": "no", "comment": "Retry me"})
    assert client.post(URL, {"helpful": "no", "comment": "Retry me"}).status_code == 302
    assert list(Feedback.objects.values_list("comment", flat=True)) == ["Retry me"]
