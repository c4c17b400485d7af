import pytest

from explainer.content.sources import read_articles
from explainer.content.sync import load_content
from explainer.models import Article, Feedback

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    before = list(Article.objects.values_list("slug", "body_html"))
    load_content()
    assert list(Article.objects.values_list("slug", "body_html")) == before


def test_every_article_file_is_loaded_and_published():
    slugs = {source.slug for source in read_articles()}
    assert set(Article.objects.filter(published=True).values_list("slug", flat=True)) == slugs


def test_an_article_whose_file_is_gone_is_unpublished_and_keeps_its_feedback(tmp_path):
    article = Article.objects.get(slug="margin-explained")
    Feedback.objects.create(article=article, visitor="v" * 32, helpful=True, comment="kept")
    Article.objects.filter(pk=article.pk).update(slug="retired-article")
    load_content()
    retired = Article.objects.get(slug="retired-article")
    assert retired.published is False
    assert retired.feedback.get().comment == "kept"


def test_no_figure_token_survives_loading():
    for article in Article.objects.all():
        assert "{{" not in article.body_html, article.slug


def test_every_related_slug_names_a_real_article():
    slugs = set(Article.objects.values_list("slug", flat=True))
    for article in Article.objects.all():
        assert set(article.related_slugs) <= slugs, article.slug


def test_the_seed_examples_in_the_prose_are_the_engines_numbers():
    # By hand: (0.02 × 50,000 − 100) / (0.02 × (1 − 0.005)) = 45,226.13; with 500: 25,125.63.
    body = Article.objects.get(slug="cross-vs-isolated-margin").body_text
    assert "liquidated near 45,226.13 USDC" in body
    assert "25,125.63 USDC" in body


def test_the_tier_example_is_read_from_the_market_data():
    body = Article.objects.get(slug="liquidation-price-and-risk-engine").body_text
    assert "the first tier asks for 250.00 USDC" in body
    assert "maintenance amount of 250.00 USDC" in body
