import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assertContains(response, "Sitemap: http://testserver/sitemap.xml")
    assertContains(response, "Disallow: /admin/")


def test_sitemap_lists_every_article(client):
    response = client.get("/sitemap.xml")
    assertContains(response, "<loc>http://testserver/articles/cross-vs-isolated-margin/</loc>")
    assertContains(response, "<loc>http://testserver/glossary/</loc>")


def test_server_errors_get_the_site_styled_page(client, settings):
    from django.test import RequestFactory

    from explainer.views.site import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_each_page_has_its_own_title_and_description(client):
    pages = ["/", "/glossary/", "/search/", "/categories/liquidation/"]
    titles = {client.get(url).content.split(b"<title>")[1].split(b"</title>")[0] for url in pages}
    assert len(titles) == len(pages)


def test_sitemap_lists_the_calculators_and_the_readiness_check(client):
    response = client.get("/sitemap.xml")
    assertContains(response, "http://testserver/calculators/</loc>")
    assertContains(response, "http://testserver/check/</loc>")
