"""The `[[predict slug]]` markers in the seed articles become widgets, each linked to a
section that exists."""

import re

import pytest
from pytest_django.asserts import assertContains

from explainer.content.render import render_body
from explainer.models import Article
from explainer.predict.questions import QUESTIONS

pytestmark = pytest.mark.django_db
PLACED = {
    "cross-vs-isolated-margin": ["which-mode-keeps-more", "eth-survives-btc-drop"],
    "liquidation-price-and-risk-engine": ["isolated-long-liquidation", "bankruptcy-price"],
    "margin-explained": ["add-margin-moves-liquidation", "funding-week-drift"],
}


@pytest.mark.parametrize(("article", "slugs"), PLACED.items())
def test_it_renders_each_marker_as_a_widget_in_the_article(client, article, slugs):
    response = client.get(f"/articles/{article}/")
    for slug in slugs:
        assertContains(
            response,
            f'<section class="calc-widget calc-embedded predict-widget" id="predict-{slug}"',
        )
        assertContains(response, f'hx-get="/predict/{slug}/" hx-target="#predict-{slug}-reveal"')
    assert "[[predict" not in response.content.decode()


def test_it_keeps_the_widgets_out_of_the_text_search_reads():
    text = Article.objects.get(slug="cross-vs-isolated-margin").body_text
    assert "Reveal the answer" not in text


@pytest.mark.parametrize("question", QUESTIONS.values(), ids=QUESTIONS.keys())
def test_each_widget_links_to_a_section_that_exists(client, question):
    html = client.get(f"/articles/{question.section.article}/").content.decode()
    assert re.search(rf'<h[23] id="{question.section.anchor}">', html)


def test_it_stops_on_a_marker_for_no_widget():
    with pytest.raises(KeyError, match="no predict widget 'no-such-widget'"):
        render_body("[[predict no-such-widget]]", figure=lambda *a: "", glossary=[])
