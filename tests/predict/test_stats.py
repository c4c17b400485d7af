"""Guesses are counted per widget, bucket and rightness, and nothing else is kept."""

import pytest
from django.db import OperationalError

from explainer.predict import stats
from explainer.predict.models import PredictionTally

pytestmark = pytest.mark.django_db
LIQUIDATION = "/predict/isolated-long-liquidation/"


def tallies(widget: str) -> dict[tuple[str, bool], int]:
    rows = PredictionTally.objects.filter(widget=widget)
    return {(row.bucket, row.correct): row.count for row in rows}


def summary(slug: str) -> stats.Summary:
    return next(row for row in stats.summaries() if row.question.slug == slug)


def test_it_counts_each_guess_in_its_bucket(client):
    for guess in ["45230", "45200", "46456.13", "30000"]:
        client.get(LIQUIDATION, {"guess": guess})
    client.get(LIQUIDATION, {"guess": "45230"}, HTTP_HX_REQUEST="true")
    assert tallies("isolated-long-liquidation") == {
        ("within-1", True): 3,
        ("high-1", False): 1,
        ("low-20", False): 1,
    }


def test_it_does_not_count_a_guess_it_refused_or_a_page_without_one(client):
    client.get(LIQUIDATION, {"guess": "NaN"})
    client.get(LIQUIDATION)
    assert tallies("isolated-long-liquidation") == {}


def test_it_keeps_no_personal_data():
    fields = {field.name for field in PredictionTally._meta.get_fields()}
    assert fields == {"id", "widget", "bucket", "correct", "count"}


def test_it_summarises_guesses_share_right_and_the_median_bucket(client):
    for guess in ["45230", "40000", "39000", "38000", "50000"]:
        client.get(LIQUIDATION, {"guess": guess})
    row = summary("isolated-long-liquidation")
    assert (row.guesses, row.correct, row.share_correct) == (5, 1, 0.2)
    assert row.typical_miss == "5–20 % too low"
    assert dict(row.histogram)["Within 1 %"] == 1


def test_it_summarises_a_choice_by_its_commonest_wrong_answer(client):
    for guess in ["cross", "cross", "same", "isolated"]:
        client.get("/predict/which-mode-keeps-more/", {"guess": guess})
    row = summary("which-mode-keeps-more")
    assert dict(row.histogram) == {"Isolated": 1, "Cross": 2, "Both leave the same": 1}
    assert (row.correct, row.typical_miss) == (1, "Cross")


def test_it_summarises_a_widget_nobody_tried():
    row = summary("bankruptcy-price")
    assert (row.guesses, row.share_correct, row.typical_miss) == (0, None, "—")


def test_it_still_reveals_when_the_database_cannot_count(client, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(PredictionTally.objects, "filter", locked)
    response = client.get(LIQUIDATION, {"guess": "45000"})
    assert response.status_code == 200 and b"engine\xe2\x80\x99s answer" in response.content
