"""Framing: only /embed/… routes may be framed, by the site and EMBED_ALLOWED_ORIGINS."""

import pytest

pytestmark = pytest.mark.django_db

PARTNER = "https://learn.partner.example"


@pytest.fixture
def partner(settings):
    settings.EMBED_ALLOWED_ORIGINS = [PARTNER, "http://localhost:*"]


def frame_ancestors(response) -> str:
    directives = response["Content-Security-Policy"].split("; ")
    return next(d for d in directives if d.startswith("frame-ancestors"))


def test_it_lets_the_site_and_allowed_origins_frame_an_embed(client, partner):
    response = client.get("/embed/isolated-vs-cross/")
    assert frame_ancestors(response) == f"frame-ancestors 'self' {PARTNER} http://localhost:*"
    assert "X-Frame-Options" not in response


def test_it_keeps_the_rest_of_the_site_policy_on_an_embed(client, partner):
    policy = client.get("/embed/liquidation-price/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy and "nonce" not in policy


@pytest.mark.parametrize("path", ["/", "/calculators/isolated-vs-cross/", "/embed/", "/embed.js"])
def test_it_refuses_framing_everywhere_else(client, partner, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) == "frame-ancestors 'none'"


def test_it_allows_only_the_site_when_no_partner_is_listed(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = []
    assert frame_ancestors(client.get("/embed/margin-pnl-roe/")) == "frame-ancestors 'self'"


def test_it_reads_the_list_at_request_time(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = [PARTNER]
    assert PARTNER in frame_ancestors(client.get("/embed/cross-contagion/"))
    settings.EMBED_ALLOWED_ORIGINS = []
    assert PARTNER not in frame_ancestors(client.get("/embed/cross-contagion/"))


def test_it_frames_error_answers_on_embed_routes_too(client, partner):
    for path in ("/embed/isolated-vs-cross/?theme=drak", "/embed/no-such-calculator/"):
        response = client.get(path)
        assert response.status_code in (400, 404)
        assert "X-Frame-Options" not in response
        assert PARTNER in frame_ancestors(response)


def test_it_tells_the_page_which_origins_it_may_message(client, partner):
    response = client.get("/embed/leverage-explorer/")
    assert f'data-allowed-origins="{PARTNER} http://localhost:*"' in response.text
