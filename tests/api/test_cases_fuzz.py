"""Whatever JSON a help-desk app sends with a valid token, POST /api/v1/cases answers 201 or a
400 naming its fields, never a 500."""

import json
import os

import pytest
from django.contrib.auth.models import Group, User
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.support.access import SUPPORT_GROUP
from explainer.support.models import ApiToken

pytestmark = pytest.mark.django_db

CASE_KEYS = ["ticket_reference", "wallet_balance", "position_mode", "positions", "marks"]
CASE_KEYS += ["path_csv", "reported", "partial_liquidation", "insurance_fund"]
CASE_KEYS += ["funding_along_path", "link_days"]
POSITION_KEYS = ["market", "side", "size", "entry_price", "leverage", "margin_mode"]
POSITION_KEYS += ["isolated_margin", "fees_paid", "funding_paid"]
PLAUSIBLE = ["0", "-0", "0.1", "1", "10", "125", "60000", "1e15", "1e-18", "NaN", "1e400", ""]
PLAUSIBLE += ["long", "short", "cross", "isolated", "BTC-PERP", "ETH-PERP", "one_way", "hedge"]
PLAUSIBLE += ["time,market,mark\n2024-05-01T00:00:00Z,BTC-PERP,60000\n", "time,market\n,,\n"]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(PLAUSIBLE)
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(CASE_KEYS + POSITION_KEYS) | st.text(max_size=6), inner)
    ),
    max_leaves=12,
)
positions = st.lists(st.dictionaries(st.sampled_from(POSITION_KEYS), scalars), max_size=3)
near_valid = st.fixed_dictionaries(
    {"wallet_balance": scalars, "positions": positions},
    optional={key: junk for key in CASE_KEYS if key not in {"wallet_balance", "positions"}},
)
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def secret():
    alice = User.objects.create_user("alice")
    alice.groups.add(Group.objects.get_or_create(name=SUPPORT_GROUP)[0])
    token = ApiToken(user=alice, name="fuzz")
    secret = token.issue()
    token.save()
    return secret


@FUZZ
@given(body=junk | near_valid)
def test_junk_sent_with_a_valid_token_is_a_201_or_a_400_naming_fields(client, secret, body):
    response = client.post(
        "/api/v1/cases",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    assert response.status_code in {201, 400}
    if response.status_code == 400:
        errors = response.json()["errors"]
        assert errors
        assert all(set(error) == {"field", "message"} and error["message"] for error in errors)
