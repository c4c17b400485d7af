"""Requests written before engine 2 get the answers they got then.

data/old_answers.json holds requests and the answers the API gave them at b6daaf1, the last
commit before the API took engine 2's inputs (each request run through `views.answer`, as
the docs page runs its examples). A simulate answer must be the same to the last byte. An
evaluate answer gains one figure per position, adl_score, and nothing else changes. A 400
names the same fields (its messages may say more, e.g. list the new fields).
"""

import json
from pathlib import Path

import pytest

OLD = json.loads((Path(__file__).parent / "data" / "old_answers.json").read_text())


@pytest.mark.parametrize("case", OLD, ids=[case["title"] for case in OLD])
def test_an_old_request_gets_its_old_answer(post, case):
    response = post(case["endpoint"], case["request"])

    assert response.status_code == case["status"]
    body, old = response.json(), case["response"]
    if case["status"] != 200:
        assert _fields(body) == _fields(old)
    elif case["endpoint"] == "evaluate":
        scores = [position.pop("adl_score") for position in body["positions"]]
        assert all(score is None or isinstance(score, str) for score in scores)
        assert body == old
    else:
        assert body == old


def test_the_saved_answers_cover_both_endpoints_and_their_errors():
    kinds = {(case["endpoint"], case["status"]) for case in OLD}

    assert kinds == {("evaluate", 200), ("evaluate", 400), ("simulate", 200), ("simulate", 400)}


def _fields(body):
    return [error["field"] for error in body["errors"]]
