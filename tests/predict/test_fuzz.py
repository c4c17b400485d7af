"""Whatever a reader (or a bot) sends as a guess, the answer is a reveal (200) or the form
with a field-named error (422), never a 500."""

import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.predict.questions import QUESTIONS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 40))
HOSTILE = ["", "NaN", "sNaN", "-Infinity", "1e400", "1e-400", "-0", "٣", "\x00", "<b>", "1_0"]
guesses = st.sampled_from(HOSTILE) | st.text(max_size=14) | st.decimals().map(str)


@pytest.mark.django_db
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slug=st.sampled_from(list(QUESTIONS)), guess=guesses, htmx=st.booleans())
def test_it_never_fails_on_a_guess(slug, guess, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = Client().get(f"/predict/{slug}/", {"guess": guess}, **headers)
    assert response.status_code in (200, 422)
    assert (b"engine\xe2\x80\x99s answer" in response.content) == (response.status_code == 200)
