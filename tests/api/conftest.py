import json

import pytest
from django.urls import reverse


@pytest.fixture
def post(client):
    """POST to an API endpoint by name; a dict is sent as JSON, a str or bytes as it is."""

    def send(name, body, content_type="application/json"):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return client.post(reverse(f"api-{name}"), data, content_type=content_type)

    return send


@pytest.fixture
def seed():
    """The seed example: a BTC-PERP long, 0.02 at 50,000 with 10× leverage, 100 USDC isolated."""
    return {
        "side": "long",
        "size": "0.02",
        "entry_price": "50000",
        "leverage": "10",
        "margin_mode": "isolated",
        "isolated_margin": "100",
    }


@pytest.fixture
def cross_seed(seed):
    """The same long on cross margin, backed by the whole 500 USDC wallet."""
    return {key: value for key, value in seed.items() if key != "isolated_margin"} | {
        "margin_mode": "cross"
    }


@pytest.fixture
def cross_eth():
    """A cross ETH-PERP long, 1 at 3,000 with 10× leverage: in one-way mode an account holds
    one position per market, so a second position goes in another market."""
    return {
        "market": "ETH-PERP",
        "side": "long",
        "size": "1",
        "entry_price": "3000",
        "leverage": "10",
        "margin_mode": "cross",
    }
