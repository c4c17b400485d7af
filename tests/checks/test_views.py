import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains

from explainer import formatting
from explainer.checks.questions import attempt

SEED = 424_242
URL = f"/check/{SEED}/"
QUESTIONS = attempt(SEED)
NUMERIC = [q for q in QUESTIONS if q.numeric]
pytestmark = pytest.mark.django_db


def right_answers() -> dict[str, str]:
    return {q.id: f"{q.answer:.6f}" if q.numeric else q.answer_key for q in QUESTIONS}


def test_the_landing_page_is_public_and_the_same_for_everyone(client):
    first = client.get("/check/")
    client.cookies["sessionid"] = "someone-else"
    second = client.get("/check/")
    assert first.status_code == 200 and first.content == second.content
    assert "public" in first["Cache-Control"]
    assertContains(first, 'hx-get="/check/progress/"')
    assertContains(first, 'href="/check/progress/"')


def test_start_redirects_to_a_fresh_seed_privately(client):
    response = client.get("/check/start/")
    assert response.status_code == 303
    assert re.fullmatch(r"/check/\d+/", response["Location"])
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_attempt_is_public_with_no_token_and_the_same_for_a_seed(client):
    first, second = client.get(URL), client.get(URL)
    assert first.status_code == 200 and first.content == second.content
    assert "public" in first["Cache-Control"]
    assert b"csrfmiddlewaretoken" not in first.content
    assert "csrftoken" not in first.cookies


def test_the_attempt_page_leaks_no_answer(client):
    page = client.get(URL).content.decode()
    for question in NUMERIC:
        assert formatting.amount(question.answer) not in page, question.id
        assert formatting.amount(question.answer).replace(",", "") not in page, question.id
    assert " checked" not in page
    for marker in ("correct", "answer_key", "data-right", "is-right"):
        assert marker not in page


def test_it_scores_all_right_answers_as_passed_privately(client):
    response = client.post(URL, right_answers())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assertContains(response, f"{len(QUESTIONS)} of {len(QUESTIONS)} (100 %)")
    assertContains(response, "You passed")
    assertContains(response, 'href="/check/start/"')


def test_the_result_explains_each_answer_with_a_link(client):
    response = client.post(URL, {})
    assertContains(response, "Not passed yet")
    for question in QUESTIONS:
        assertContains(response, question.explanation.replace("'", "&#x27;"))
        assertContains(response, f'href="{question.link.url}"')


def test_a_malformed_number_is_a_422_naming_the_field_and_keeping_the_answers(client):
    answers = right_answers()
    answers[NUMERIC[0].id] = "twelve"
    response = client.post(URL, answers)
    assert response.status_code == 422
    assert "no-store" in response["Cache-Control"]
    assertContains(response, f'href="#id_{NUMERIC[0].id}"', status_code=422)
    assertContains(response, 'value="twelve"', status_code=422)
    assertContains(response, f'value="{answers[NUMERIC[1].id]}"', status_code=422)
    assertContains(response, " checked", count=len(QUESTIONS) - len(NUMERIC), status_code=422)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "", " ", "9" * 400, "\x00"]),
        st.text(max_size=50),
    )
)
def test_no_typed_answer_is_ever_a_server_error(client, typed):
    response = client.post(URL, {question.id: typed for question in QUESTIONS})
    assert response.status_code in (200, 422)


def test_an_unknown_seed_is_not_found(client):
    assert client.get(f"/check/{10**9}/").status_code == 404


def test_progress_is_kept_in_the_session_and_shown_privately(client):
    client.post(URL, right_answers())
    client.post("/check/7/", {})
    fragment = client.get("/check/progress/", headers={"HX-Request": "true"})
    assert "private" in fragment["Cache-Control"]
    assert b"<html" not in fragment.content
    assertContains(fragment, "0 of 14, not passed")
    assertContains(fragment, "14 of 14, passed")
    assertContains(fragment, f'href="{URL}"')


def test_progress_without_javascript_is_a_whole_page(client):
    response = client.get("/check/progress/")
    assertContains(response, "<html")
    assertContains(response, "No attempts yet in this browser.")
