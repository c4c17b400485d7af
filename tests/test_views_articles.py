import pytest
from pytest_django.asserts import assertContains, assertNotContains

from explainer.models import Article

pytestmark = pytest.mark.django_db


def test_home_shows_categories_featured_articles_and_search(client):
    response = client.get("/")
    assertContains(response, "Margin Academy")
    assertContains(response, "Margin basics")
    assertContains(response, 'role="search"')
    featured = Article.objects.filter(featured=True).first()
    assertContains(response, featured.title)


REQUIRED_ARTICLES = [
    "margin-explained",
    "cross-vs-isolated-margin",
    "liquidation-price-and-risk-engine",
    "leverage-and-position-size",
    "adding-or-removing-margin",
    "why-was-my-position-liquidated",
]


@pytest.mark.parametrize("slug", REQUIRED_ARTICLES)
def test_each_required_article_is_published_and_names_the_controls(client, slug):
    response = client.get(f"/articles/{slug}/")
    assert response.status_code == 200
    assertContains(response, "Open positions and orders")


def test_article_page_has_breadcrumbs_toc_dates_and_feedback(client):
    response = client.get("/articles/cross-vs-isolated-margin/")
    assertContains(response, 'aria-label="Breadcrumb"')
    assertContains(response, "On this page")
    assertContains(response, '<time datetime="')
    assertContains(response, "Was this article helpful?")
    assertContains(response, "<title>Cross margin vs isolated margin")
    assertContains(response, 'property="og:title"')


def test_article_links_related_articles_and_its_neighbours(client):
    article = Article.objects.get(slug="cross-vs-isolated-margin")
    response = client.get(article.get_absolute_url())
    related = Article.objects.filter(slug__in=article.related_slugs)
    for other in related:
        assertContains(response, other.get_absolute_url())
    assert 'rel="prev"' in response.text or 'rel="next"' in response.text


def test_glossary_terms_in_articles_link_to_definitions_with_a_tip(client):
    response = client.get("/articles/margin-explained/")
    assertContains(response, 'class="glossary-term" href="/glossary/#')
    assertContains(response, 'role="tooltip"')


def test_unpublished_articles_are_not_found(client):
    Article.objects.filter(slug="margin-explained").update(published=False)
    assert client.get("/articles/margin-explained/").status_code == 404


def test_category_page_lists_its_articles(client):
    response = client.get("/categories/margin-modes/")
    assertContains(response, "Cross margin vs isolated margin")
    assertNotContains(response, "Why was my position liquidated?")


def test_unknown_pages_get_the_site_styled_404(client):
    response = client.get("/articles/no-such-article/")
    assertContains(response, "We can’t find that page", status_code=404)


def test_glossary_lists_every_term_with_an_anchor(client):
    response = client.get("/glossary/")
    for slug in [
        "leverage",
        "maintenance-margin",
        "liquidation-price",
        "bankruptcy-price",
        "insurance-fund",
        "isolated-margin",
        "cross-margin",
        "margin-ratio",
    ]:
        assertContains(response, f'id="{slug}"')


@pytest.mark.django_db
def test_an_article_with_a_predict_widget_loads_its_script(client):
    response = client.get("/articles/margin-explained/")
    assertContains(response, "predict-widget")
    assertContains(response, "js/predict.js")


@pytest.mark.django_db
def test_an_article_without_one_does_not(client):
    assertNotContains(client.get("/articles/adding-or-removing-margin/"), "js/predict.js")
