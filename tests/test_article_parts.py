"""An article's shared parts and its page are kept for a short while: an edit shows once they
expire, and an address with no article is asked of the database every time."""

import time

import pytest
from django.core.cache import caches

from explainer.article_parts import KEEP_SECONDS
from explainer.models import Article

pytestmark = pytest.mark.django_db
SLUG = "margin-explained"
URL = f"/articles/{SLUG}/"


def test_an_edit_shows_once_the_kept_page_expires(client, monkeypatch):
    assert client.get(URL).status_code == 200
    Article.objects.filter(slug=SLUG).update(title="Margin, renamed")
    assert "Margin, renamed" not in client.get(URL).text
    later = time.time() + 2 * KEEP_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert '<h1 id="article-title">Margin, renamed</h1>' in client.get(URL).text


def test_an_unpublished_article_is_gone_once_the_kept_page_expires(client, monkeypatch):
    client.get(URL)
    Article.objects.filter(slug=SLUG).update(published=False)
    later = time.time() + 2 * KEEP_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(URL).status_code == 404


def test_addresses_without_an_article_are_never_kept(client):
    for n in range(5):
        assert client.get(f"/articles/no-such-article-{n}/").status_code == 404
    assert not any(caches["rendered"].get(f"article:no-such-article-{n}") for n in range(5))
