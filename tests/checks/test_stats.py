import pytest
from django.contrib.auth import get_user_model
from pytest_django.asserts import assertContains

from explainer.checks.questions import attempt
from explainer.models import QuestionStat

pytestmark = pytest.mark.django_db


def answers_with_first_right(seed: int) -> dict[str, str]:
    first = attempt(seed)[0]
    return {first.id: first.answer_key}


def test_each_scored_attempt_counts_every_question_once(client):
    for seed in (1, 2, 3):
        client.post(f"/check/{seed}/", answers_with_first_right(seed))
    stats = {stat.question: (stat.answered, stat.correct) for stat in QuestionStat.objects.all()}
    assert len(stats) == len(attempt(1))
    assert stats["mark-vs-last"] == (3, 3)
    assert stats["funding"] == (3, 0)


def test_an_attempt_that_could_not_be_read_is_not_counted(client):
    question = next(q for q in attempt(5) if q.numeric)
    client.post("/check/5/", {question.id: "NaN"})
    assert not QuestionStat.objects.exists()


def test_one_address_past_the_limit_is_scored_but_no_longer_counted(client, settings):
    settings.CHECK_STATS_RATE_LIMIT = "2/h"
    for seed in (1, 2, 3):
        response = client.post(f"/check/{seed}/", answers_with_first_right(seed))
        assert response.status_code == 200
    assert QuestionStat.objects.get(question="mark-vs-last").answered == 2


def test_nothing_about_the_reader_is_kept():
    fields = {field.name for field in QuestionStat._meta.get_fields()}
    assert fields == {"id", "question", "answered", "correct"}


def test_the_admin_lists_the_worst_understood_question_first(client):
    client.post("/check/1/", answers_with_first_right(1))
    client.post("/check/2/", {})
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw-123-long")
    client.force_login(admin)
    response = client.get("/admin/explainer/questionstat/")
    assertContains(response, "50 %")
    assertContains(response, "Mark price or last price")
    page = response.content.decode()
    assert page.index("Funding payments") < page.index("Mark price or last price")
    assert b"/admin/explainer/questionstat/add/" not in response.content
