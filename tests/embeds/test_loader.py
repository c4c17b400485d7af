"""/embed.js: the loader partners link, small, cached, and aware of every embed."""

import gzip

import pytest

from explainer.calculators.widgets import CALCULATORS

pytestmark = pytest.mark.django_db
GZIP_LIMIT = 2 * 1024


@pytest.fixture
def loader(client):
    return client.get("/embed.js")


def test_it_is_javascript(loader):
    assert loader.status_code == 200
    assert loader["Content-Type"] == "text/javascript; charset=utf-8"


def test_it_is_kept_a_day_and_revalidated(client, loader):
    assert "public" in loader["Cache-Control"] and "max-age=86400" in loader["Cache-Control"]
    again = client.get("/embed.js", HTTP_IF_NONE_MATCH=loader["ETag"])
    assert again.status_code == 304


def test_it_is_at_most_2_kb_gzipped(loader):
    assert len(gzip.compress(loader.content, compresslevel=9)) <= GZIP_LIMIT


def test_it_is_served_gzipped(client):
    response = client.get("/embed.js", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= GZIP_LIMIT


def test_it_knows_every_embed(loader):
    for name in [*CALCULATORS, "check", "predict\\/"]:
        assert name in loader.content.decode()


def test_it_never_posts_or_listens_to_any_origin(loader):
    source = loader.content.decode()
    assert "'*'" not in source and '"*"' not in source
    assert "event.origin !== origin" in source
