"""Article pages are served from a kept shell. Whatever belongs to one response (its CSP nonce,
its CSRF token, the reader's vote) must still be that response's own."""

import re
import zlib

import pytest
from django.core.cache import caches
from django.test import Client

from explainer.votes import VISITOR_COOKIE

pytestmark = pytest.mark.django_db
URL = "/articles/cross-vs-isolated-margin/"
NONCE = re.compile(r'nonce="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def header_nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_every_response_has_its_own_nonce_in_its_header_and_its_tags(client):
    first, second = client.get(URL), client.get(URL)
    for response in (first, second):
        assert response.status_code == 200
        assert set(NONCE.findall(response.text)) == {header_nonce(response)}
    assert header_nonce(first) != header_nonce(second)


def test_the_kept_shell_holds_neither_nonce_nor_form_token(client):
    response = client.get(URL)
    kept = caches["rendered"].get("shell:http://testserver:article:cross-vs-isolated-margin")
    shell = b"".join(kept.texts).decode()
    assert "<h1" in shell and "Was this article helpful?" in shell
    assert header_nonce(response) not in shell
    assert CSRF.search(response.text).group(1) not in shell


def test_each_reader_gets_their_own_form_token(client):
    other = Client()
    mine, theirs = client.get(URL), other.get(URL)
    assert CSRF.search(mine.text).group(1) != CSRF.search(theirs.text).group(1)


def test_a_reader_who_voted_sees_their_vote_and_others_still_see_the_form(client):
    client.get(URL)  # the shell is now kept
    client.post(f"{URL}feedback/", {"helpful": "yes"})
    voter = client.get(URL)
    assert "You told us this article was" in voter.text
    assert client.cookies[VISITOR_COOKIE].value
    newcomer = Client().get(URL)
    assert "Yes, it helped" in newcomer.text
    assert "You told us" not in newcomer.text


def test_the_canonical_address_has_no_query_string(client):
    client.get(URL)
    response = client.get(URL + "?utm_source=newsletter")
    assert f'<link rel="canonical" href="http://testserver{URL}">' in response.text


def test_feedback_errors_without_javascript_show_on_the_article_page(client):
    client.get(URL)
    response = client.post(f"{URL}feedback/", {"helpful": "maybe"})
    assert response.status_code == 400
    assert 'class="alert alert-danger"' in response.text
    assert f'<link rel="canonical" href="http://testserver{URL}">' in response.text


def test_the_form_token_in_a_kept_page_is_accepted():
    reader = Client(enforce_csrf_checks=True)
    Client().get(URL)  # someone else's visit leaves the shell
    page = reader.get(URL)
    token = CSRF.search(page.text).group(1)
    response = reader.post(f"{URL}feedback/", {"helpful": "yes", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_kept_page_without_its_token_is_still_refused():
    reader = Client(enforce_csrf_checks=True)
    reader.get(URL)
    reader.get(URL)
    response = reader.post(f"{URL}feedback/", {"helpful": "yes"})
    assert response.status_code == 403


def one_gzip_member(body: bytes) -> str:
    """The text of a gzip body that is exactly one complete member, as browsers expect."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    text = inflater.decompress(body)
    assert inflater.eof and inflater.unused_data == b""
    return text.decode()


def own_values_masked(text: str, response) -> str:
    text = text.replace(header_nonce(response), "NONCE")
    return CSRF.sub('name="csrfmiddlewaretoken" value="TOKEN"', text)


@pytest.mark.parametrize("kept", [False, True], ids=["first visit", "kept page"])
def test_a_gzipped_page_is_the_same_page(client, kept):
    gzip = {"Accept-Encoding": "gzip, deflate, br"}
    if kept:
        client.get(URL)
    packed = client.get(URL, headers=gzip)
    plain = client.get(URL)
    assert packed["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 3
    unpacked = one_gzip_member(packed.content)
    assert own_values_masked(unpacked, packed) == own_values_masked(plain.text, plain)
    assert set(NONCE.findall(unpacked)) == {header_nonce(packed)}


def test_the_token_in_a_gzipped_kept_page_is_accepted():
    reader = Client(enforce_csrf_checks=True, headers={"Accept-Encoding": "gzip"})
    Client().get(URL)
    token = CSRF.search(one_gzip_member(reader.get(URL).content)).group(1)
    response = reader.post(f"{URL}feedback/", {"helpful": "no", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


@pytest.mark.parametrize("url", ["/", "/categories/margin-modes/", "/glossary/", URL])
def test_every_kept_content_page_gets_its_own_nonce(client, url):
    first, second = client.get(url), client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.status_code == second.status_code == 200
    assert set(NONCE.findall(first.text)) == {header_nonce(first)}
    assert set(NONCE.findall(one_gzip_member(second.content))) == {header_nonce(second)}
    assert header_nonce(first) != header_nonce(second)


def test_an_unknown_category_is_not_found_and_never_kept(client):
    assert client.get("/categories/no-such-category/").status_code == 404
    assert client.get("/categories/no-such-category/").status_code == 404
    assert caches["rendered"].get("shell:http://testserver:category:no-such-category") is None
