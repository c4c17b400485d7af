import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(client):
    return client.get("/")


def test_csp_allows_only_our_own_files(home):
    policy = home["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy


def test_csp_never_allows_inline_or_eval(home):
    assert "unsafe-inline" not in home["Content-Security-Policy"]
    assert "unsafe-eval" not in home["Content-Security-Policy"]


def test_no_page_needs_a_nonce_so_the_policy_is_the_same_for_every_reader(client):
    first, second = client.get("/"), client.get("/articles/margin-explained/")
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "nonce" not in first["Content-Security-Policy"]
    # Every script is a file, or chart data that is never run; there is no <style> at all.
    inline = re.findall(r"<script(?![^>]*\ssrc=)([^>]*)>", second.text)
    assert inline and all('type="application/json"' in attributes for attributes in inline)
    assert "<style" not in second.text and " style=" not in second.text


def test_pages_cannot_be_framed(home):
    assert home["X-Frame-Options"] == "DENY"


def test_content_type_sniffing_is_off(home):
    assert home["X-Content-Type-Options"] == "nosniff"


def test_referrer_policy_is_strict(home):
    assert home["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_permissions_policy_turns_off_powerful_features(home):
    assert "camera=()" in home["Permissions-Policy"]
    assert "geolocation=()" in home["Permissions-Policy"]


def test_pages_have_no_inline_script_without_the_nonce(home):
    html = home.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or "nonce=" in tag or 'type="application/json"' in tag, tag


def test_production_sends_hsts_on_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_api_and_calculators_carry_the_same_headers(client):
    for url in ["/calculators/isolated-vs-cross/", "/api/v1/markets", "/api/v1/docs/"]:
        response = client.get(url)
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert "camera=()" in response["Permissions-Policy"], url
