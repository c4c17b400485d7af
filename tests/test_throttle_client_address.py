"""Which address a request is counted against: REMOTE_ADDR, or a trusted proxy's report."""

import pytest
from django.test import RequestFactory

from explainer.throttle import client_address

FORWARDED = "10.0.0.1, 198.51.100.20, 203.0.113.5"


def _request(forwarded_for: str = FORWARDED):
    return RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request()) == "192.0.2.1"


@pytest.mark.parametrize("proxies, address", [(1, "203.0.113.5"), (2, "198.51.100.20")])
def test_with_trusted_proxies_the_address_the_outermost_one_saw_is_used(settings, proxies, address):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(_request()) == address


@pytest.mark.parametrize("forwarded_for", ["", "203.0.113.5", "not-an-address, 203.0.113.5"])
def test_a_request_that_did_not_pass_every_proxy_keeps_remote_addr(settings, forwarded_for):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(forwarded_for)) == "192.0.2.1"


def test_a_request_with_no_address_is_answered_not_counted(client):
    response = client.post(
        "/api/v1/evaluate", "{}", content_type="application/json", REMOTE_ADDR=""
    )

    assert response.status_code == 400
    assert response.json()["errors"]
