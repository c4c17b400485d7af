"""One set of input bounds: the calculators' forms, the API and the engine accept and refuse
the same numbers (explainer/engine/bounds.py)."""

import pytest

from explainer.calculators.presets import DEFAULTS
from explainer.engine import MarginError, bounds
from explainer.engine.validation import number
from tests.engine.builders import D

ABOVE = "1000000000000001"  # 1e15 + 1
AT = "1000000000000000"


def test_the_engine_takes_1e15_and_refuses_anything_larger():
    assert number(D(AT), field="x") == bounds.LARGEST
    with pytest.raises(MarginError):
        number(D(ABOVE), field="x")


@pytest.mark.django_db
def test_a_form_takes_the_same_largest_balance_as_the_engine(client):
    url = "/calculators/isolated-vs-cross/"
    refused = client.get(url, DEFAULTS["isolated-vs-cross"] | {"wallet": ABOVE})
    taken = client.get(url, DEFAULTS["isolated-vs-cross"] | {"wallet": AT})
    assert refused.status_code == 422
    assert "can be at most 1,000,000,000,000,000 USDC" in refused.text
    assert "can be at most" not in taken.text


@pytest.mark.django_db
def test_the_api_takes_the_same_largest_balance_as_the_engine(client):
    def evaluate(wallet):
        body = {
            "wallet_balance": wallet,
            "positions": [
                {"side": "long", "size": "0.02", "entry_price": "50000", "leverage": "10",
                 "margin_mode": "cross"}
            ],
        }  # fmt: skip
        return client.post("/api/v1/evaluate", body, content_type="application/json")

    assert evaluate(AT).status_code == 200
    refused = evaluate(ABOVE)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "wallet_balance"
