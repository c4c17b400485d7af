import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(client):
    return client.get("/")


def test_csp_allows_only_our_own_origin_and_this_requests_nonce(home):
    policy = home["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert re.search(r"script-src 'self' 'nonce-[\w+/=-]+'", policy)
    assert re.search(r"style-src 'self' 'nonce-[\w+/=-]+'", policy)
    assert "frame-ancestors 'none'" in policy


def test_csp_never_allows_inline_or_eval(home):
    assert "unsafe-inline" not in home["Content-Security-Policy"]
    assert "unsafe-eval" not in home["Content-Security-Policy"]


def test_the_nonce_changes_with_every_request(client):
    nonce = re.compile(r"'nonce-([^']+)'")
    first = nonce.search(client.get("/")["Content-Security-Policy"]).group(1)
    second = nonce.search(client.get("/")["Content-Security-Policy"]).group(1)
    assert first != second


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
