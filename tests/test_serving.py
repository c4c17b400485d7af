"""Public pages are the same bytes for every reader, kept by Django's cache under the content
version and revalidated with ETags; what belongs to one reader comes as a private fragment."""

import gzip
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from explainer.content import version
from explainer.models import Article
from explainer.votes import VISITOR_COOKIE

URL = "/articles/cross-vs-isolated-margin/"
FRAGMENT = f"{URL}feedback/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PUBLIC_PAGES = ["/", URL, "/categories/margin-basics/", "/glossary/", "/calculators/"]

pytestmark = pytest.mark.django_db


def test_two_readers_get_byte_identical_article_pages():
    first, second = Client(), Client()
    first.get(FRAGMENT)  # each holds a CSRF cookie of their own now
    second.get(FRAGMENT)
    assert first.get(URL).content == second.get(URL).content


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_hold_no_token_nonce_or_cookie(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.text
    assert "nonce" not in response.text
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_may_be_kept_by_any_cache_and_revalidated(client, url):
    response = client.get(url)
    control = response["Cache-Control"]
    assert "public" in control and "max-age=60" in control
    assert "stale-while-revalidate=600" in control
    assert "HX-Request" in response["Vary"]
    assert response["ETag"]


def test_a_matching_etag_is_answered_304(client):
    etag = client.get(URL)["ETag"]
    again = client.get(URL, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_new_content_version_shows_an_edit_at_once_with_a_new_etag(client):
    before = client.get(URL)
    Article.objects.filter(slug="cross-vs-isolated-margin").update(title="An edited title")
    assert "An edited title" not in client.get(URL).text  # the kept page
    version.bump()
    after = client.get(URL, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert "An edited title" in after.text
    assert after["ETag"] != before["ETag"]


def test_load_content_bumps_the_version():
    before = version.current()
    call_command("load_content", stdout=io.StringIO())
    assert version.current() > before


def test_an_edit_in_the_admin_bumps_the_version(django_capture_on_commit_callbacks):
    before = version.current()
    article = Article.objects.get(slug="cross-vs-isolated-margin")
    article.title = "Edited"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert version.current() > before


def test_the_feedback_fragment_is_private_and_holds_this_readers_token(client):
    response = client.get(FRAGMENT, headers={"hx-request": "true"})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert TOKEN.search(response.text)
    assert "<html" not in response.text


def test_neither_readers_token_or_vote_shows_to_the_other():
    voter, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token = TOKEN.search(voter.get(FRAGMENT).text).group(1)
    assert voter.post(FRAGMENT, {"helpful": "yes", "csrfmiddlewaretoken": token}).status_code == 302
    assert voter.cookies[VISITOR_COOKIE].value
    assert "You told us this article was" in voter.get(FRAGMENT).text
    theirs = other.get(FRAGMENT).text
    assert "You told us" not in theirs and token not in theirs
    assert "You told us" not in other.get(URL).text


def test_a_post_with_another_readers_token_is_refused():
    owner, thief = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token = TOKEN.search(owner.get(FRAGMENT).text).group(1)
    thief.get(FRAGMENT)  # the thief has a CSRF cookie of their own
    refused = thief.post(FRAGMENT, {"helpful": "yes", "csrfmiddlewaretoken": token})
    assert refused.status_code == 403


def test_without_javascript_the_article_links_to_the_feedback_form(client):
    page = client.get(URL).text
    assert f'<a href="{FRAGMENT}">' in page
    form = client.get(FRAGMENT)
    assert "<html" in form.text and TOKEN.search(form.text)


def test_the_canonical_address_has_no_query_string(client):
    response = client.get(URL + "?utm_source=newsletter")
    assert f'<link rel="canonical" href="http://testserver{URL}">' in response.text


def test_an_unknown_category_is_not_found(client):
    assert client.get("/categories/no-such-thing/").status_code == 404


def test_a_gzipped_page_is_the_same_page_and_is_compressed_once(client):
    plain = client.get(URL).content
    first = client.get(URL, headers={"accept-encoding": "gzip"})
    second = client.get(URL, headers={"accept-encoding": "gzip"})
    assert first["Content-Encoding"] == "gzip"
    assert first.content == second.content  # the kept stream, not a new one
    assert gzip.decompress(second.content) == plain
    assert "Accept-Encoding" in second["Vary"]
