"""A widget's page and its embed: nothing of the answer before a guess, the reveal after one,
a field-named 422 for a guess that is not one, and the reveal alone for htmx."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from explainer.predict.question import Kind
from explainer.predict.questions import QUESTIONS

pytestmark = pytest.mark.django_db
SLUGS = list(QUESTIONS)
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "predict-isolated-long-liquidation-reveal"}
LIQUIDATION = "/predict/isolated-long-liquidation/"


def leaks(question) -> list[str]:
    """What would give the answer away: its figures, written any way, and the reveal's parts."""
    answer = question.answer
    found = ["data-correct", "predict-reveal ", "engine’s answer", *answer.explanation[:2]]
    if question.kind is Kind.NUMBER:
        cents = answer.shown.removesuffix(" USDC")
        found += [cents, cents.replace(",", ""), f"{answer.value:f}"[:8]]
    return found


@pytest.mark.parametrize(
    "url", ["/predict/{}/", "/embed/predict/{}/", "/embed/predict/{}/?theme=dark"]
)
@pytest.mark.parametrize("slug", SLUGS)
def test_it_shows_nothing_of_the_answer_before_a_guess(client, slug, url):
    html = client.get(url.format(slug)).content.decode()
    assert 'name="guess"' in html
    for giveaway in leaks(QUESTIONS[slug]):
        assert giveaway not in html


def test_it_serves_the_unguessed_page_as_public_and_the_reveal_as_private(client):
    assert "public" in client.get(LIQUIDATION)["Cache-Control"]
    assert client.get(f"{LIQUIDATION}?guess=45000")["Cache-Control"] == "private, no-store"


def test_it_reveals_the_answer_and_how_far_a_wrong_guess_was_without_javascript(client):
    response = client.get(f"{LIQUIDATION}?guess=46456.13")
    assertContains(response, "<strong>45,226.13 USDC</strong>")
    assertContains(response, "1,230.00 USDC (2.72 %) too high.")
    assertContains(response, 'data-correct="false"')
    assertContains(response, 'href="/articles/liquidation-price-and-risk-engine/#the-isolated')
    assertContains(response, f'href="{LIQUIDATION}" data-predict-again>Try another guess')
    assertContains(response, 'value="46456.13"')


def test_it_calls_a_close_guess_right(client):
    response = client.get(f"{LIQUIDATION}?guess=45,230")
    assertContains(response, "<strong>Right.</strong> Your guess was 45,230.00 USDC, 3.87 USDC")
    assertContains(response, 'data-correct="true"')


def test_it_reveals_a_choice(client):
    response = client.get("/predict/eth-survives-btc-drop/?guess=yes")
    assertContains(response, "You chose “Yes, it stays open”.")
    assertContains(response, "The engine’s answer: <strong>No, it is closed too</strong>")
    assertContains(response, 'value="yes" class="form-check-input" id="predict-eth-')
    assertContains(response, 'btc-drop-guess_0" required checked')


@pytest.mark.parametrize("guess", ["abc", "NaN", "Infinity", "-Infinity", "1e400", "-5", ""])
def test_it_answers_a_guess_that_is_not_a_number_with_422_naming_the_field(client, guess):
    response = client.get(LIQUIDATION, {"guess": guess})
    assert response.status_code == 422
    assertContains(
        response, 'href="#predict-isolated-long-liquidation-guess">Your guess</a>:', status_code=422
    )
    assertContains(response, f'value="{guess}"' if guess else 'name="guess"', status_code=422)
    assertNotContains(response, "engine’s answer", status_code=422)


def test_it_refuses_a_choice_it_does_not_offer(client):
    response = client.get("/predict/which-mode-keeps-more/?guess=both")
    assertContains(response, "Choose one of the answers shown.", status_code=422)


def test_it_answers_htmx_with_the_reveal_alone(client):
    response = client.get(LIQUIDATION, {"guess": "45000"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert (
        'class="predict-reveal alert alert-info" data-question="isolated-long-liquidation"' in html
    )
    assert 'href="#predict-isolated-long-liquidation-guess" data-predict-again' in html
    assert response["Cache-Control"] == "private, no-store" and "HX-Request" in response["Vary"]


def test_it_answers_htmx_with_a_bad_guess_as_422_and_the_error_out_of_band(client):
    response = client.get(LIQUIDATION, {"guess": "lots"}, **HTMX)
    assert response.status_code == 422
    assertContains(response, 'hx-swap-oob="innerHTML"><span>Enter the liquidation', status_code=422)


def test_it_keeps_the_embed_theme_in_the_form_and_opens_the_article_outside_the_frame(client):
    response = client.get("/embed/predict/bankruptcy-price/", {"theme": "dark", "guess": "45000"})
    assertContains(response, '<input type="hidden" name="theme" value="dark">')
    assertContains(
        response, 'href="/embed/predict/bankruptcy-price/?theme=dark" data-predict-again'
    )
    assertContains(response, '#the-bankruptcy-price" target="_blank" rel="noopener">')
    assertContains(response, "<strong>Right.</strong>")
    assert "X-Frame-Options" not in response.headers


def test_it_refuses_an_unknown_theme_with_a_400(client):
    assert client.get("/embed/predict/bankruptcy-price/?theme=drak").status_code == 400


@pytest.mark.parametrize("url", ["/predict/no-such-widget/", "/embed/predict/no-such-widget/"])
def test_it_answers_an_unknown_widget_with_404(client, url):
    assert client.get(url).status_code == 404
