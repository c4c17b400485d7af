import json
import re

import pytest
from pytest_django.asserts import assertContains

from explainer.checks.questions import attempt

SEED = 1234
pytestmark = pytest.mark.django_db


def test_the_embedded_check_may_be_framed_and_keeps_its_theme(client):
    response = client.get("/embed/check/?theme=dark")
    assert response.status_code == 200 and "X-Frame-Options" not in response
    assertContains(response, 'class="embed theme-dark"')
    assertContains(response, 'action="/embed/check/start/"')
    assertContains(response, 'name="theme" value="dark"')
    assert b"hx-get" not in response.content


def test_an_unknown_theme_is_a_400_naming_it(client):
    response = client.get(f"/embed/check/{SEED}/?theme=drak")
    assertContains(response, "theme=drak", status_code=400)


def test_start_keeps_the_theme(client):
    response = client.get("/embed/check/start/?theme=dark")
    assert response.status_code == 303
    assert re.fullmatch(r"/embed/check/\d+/\?theme=dark", response["Location"])


def test_scoring_in_a_frame_needs_no_session_and_reports_the_outcome(client):
    questions = attempt(SEED)
    answers = {q.id: q.answer_key for q in questions if not q.numeric}
    response = client.post(f"/embed/check/{SEED}/?theme=light", answers)
    assert response.status_code == 200 and "sessionid" not in response.cookies
    block = re.search(
        rb'<script id="check-outcome" type="application/json">(.*?)</script>', response.content
    )
    outcome = json.loads(block.group(1))
    assert outcome["passed"] is False and len(outcome["questions"]) == len(questions)
    assert {q["question"]: q["correct"] for q in outcome["questions"]} == {
        q.id: not q.numeric for q in questions
    }
    assertContains(response, "js/check.js")
