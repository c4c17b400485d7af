"""Named accounts for the practice desk's tests, made by posting the controls a reader uses."""

import pytest

from explainer.practice import store
from tests.practice.data import BTC_LONG, ETH_SHORT


@pytest.fixture
def alice(client):
    """Alice holds a cross BTC long and a cross ETH short, and has chosen the path on which
    the two markets pull apart."""
    assert client.post("/practice/order/", BTC_LONG).status_code == 303
    assert client.post("/practice/order/", ETH_SHORT).status_code == 303
    assert client.post("/practice/path/", {"path": "markets-pull-apart"}).status_code == 303
    return client


@pytest.fixture
def kept():
    """The account kept in a test client's session, read as the desk reads it."""

    def read(client):
        return store.load(type("Request", (), {"session": client.session})())

    return read
