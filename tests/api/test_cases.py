"""POST /api/v1/cases: a help-desk app opens a case with a staff member's API token."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from explainer.middleware import CASE_API_PATH
from explainer.support.access import SUPPORT_GROUP
from explainer.support.models import LINK_DAYS, ApiToken, Case, CaseEvent

pytestmark = pytest.mark.django_db

URL = "/api/v1/cases"
CSV = "time,market,mark\n2024-05-01T00:00:00Z,BTC-PERP,60000\n2024-05-01T01:00:00Z,BTC-PERP,52000\n"


@pytest.fixture
def alice():
    """On the support team."""
    alice = User.objects.create_user("alice")
    alice.groups.add(Group.objects.get_or_create(name=SUPPORT_GROUP)[0])
    return alice


@pytest.fixture
def bob():
    """Had a token once, but is no longer on the support team."""
    return User.objects.create_user("bob")


def issue(user: User) -> tuple[ApiToken, str]:
    token = ApiToken(user=user, name="Zendesk sidebar")
    secret = token.issue()
    token.save()
    return token, secret


@pytest.fixture
def secret(alice):
    return issue(alice)[1]


@pytest.fixture
def send(client):
    """POST to /api/v1/cases: a dict as JSON, a str or bytes as it is; `token` as Bearer."""

    def post(body, token=None, content_type="application/json", headers=None):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return client.post(URL, data, content_type=content_type, headers=headers)

    return post


@pytest.fixture
def case():
    """A cross BTC long of 0.1 at 60,000 with 10×, the mark down at 52,000."""
    return {
        "ticket_reference": "ZD-1042",
        "wallet_balance": "1000",
        "position_mode": "one_way",
        "positions": [
            {
                "market": "BTC-PERP",
                "side": "long",
                "size": "0.1",
                "entry_price": "60000",
                "leverage": "10",
                "margin_mode": "cross",
            }
        ],
        "marks": {"BTC-PERP": "52000"},
    }


def fields(response) -> list[str | None]:
    return [error["field"] for error in response.json()["errors"]]


def test_the_route_is_the_one_the_body_limit_knows():
    assert reverse("api-cases") == URL == CASE_API_PATH


def test_it_refuses_a_request_without_a_token_with_401(send, case):
    response = send(case)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert fields(response) == [None]
    assert "Authorization: Bearer" in response.json()["errors"][0]["message"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("header", ["Basic YWxpY2U6cGFzc3dvcmQ=", "Bearer", "Bearer   ", "Token x"])
def test_it_refuses_an_authorization_that_is_not_a_bearer_token(send, case, header):
    response = send(case, headers={"Authorization": header})

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_a_wrong_token_with_401(send, case, secret):
    response = send(case, token=secret[:-1] + ("A" if secret[-1] != "A" else "B"))

    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert not Case.objects.exists()


def test_it_refuses_a_revoked_token_with_401(send, case, alice):
    token, secret = issue(alice)
    token.revoked = timezone.now()
    token.save()

    assert send(case, token=secret).status_code == 401


def test_it_refuses_the_token_of_a_switched_off_account_with_401(send, case, alice, secret):
    alice.is_active = False
    alice.save()

    assert send(case, token=secret).status_code == 401


def test_it_refuses_the_token_of_someone_no_longer_in_support_with_403(send, case, bob):
    response = send(case, token=issue(bob)[1])

    assert response.status_code == 403
    assert "no longer on the support team" in response.json()["errors"][0]["message"]
    assert not Case.objects.exists()


def test_a_signed_in_staff_session_is_not_a_token(client, send, case, alice):
    client.force_login(alice)

    assert send(case).status_code == 401


def test_the_scheme_may_be_written_in_any_case(send, case, secret):
    response = send(case, headers={"Authorization": f"bearer {secret}"})

    assert response.status_code == 201


def test_it_creates_the_case_a_customer_link_and_their_audit_lines(send, case, alice, secret):
    response = send(case, token=secret)

    assert response.status_code == 201
    saved = Case.objects.get()
    assert (saved.author, saved.ticket_reference) == (alice, "ZD-1042")
    link = saved.links.get()
    assert link.created_by == alice
    assert [event.kind for event in saved.events.all()] == [
        CaseEvent.Kind.CREATED,
        CaseEvent.Kind.LINK_CREATED,
    ]
    assert saved.events.last().link == link


def test_it_answers_the_staff_and_customer_urls_and_the_expiry(send, case, secret):
    response = send(case, token=secret)

    saved = Case.objects.get()
    link = saved.links.get()
    staff_url = "http://testserver" + reverse("support:case", args=[saved.pk])
    assert response.json() == {
        "id": saved.pk,
        "staff_url": staff_url,
        "customer_url": "http://testserver" + reverse("support:customer", args=[link.token]),
        "expires": link.expires.isoformat(),
    }
    assert response["Location"] == staff_url
    assert response["Cache-Control"] == "no-store"


def test_the_link_lasts_30_days_unless_asked(send, case, secret):
    send(case, token=secret)

    expires = Case.objects.get().links.get().expires
    assert abs(expires - timezone.now() - timedelta(days=LINK_DAYS)) < timedelta(minutes=1)


def test_link_days_sets_how_long_the_link_works(send, case, secret):
    send(case | {"link_days": 7}, token=secret)

    expires = Case.objects.get().links.get().expires
    assert abs(expires - timezone.now() - timedelta(days=7)) < timedelta(minutes=1)


@pytest.mark.parametrize("days", ["0", "366", "1.5", '"30"', "true", "-3", "NaN", "1e400", "[]"])
def test_link_days_must_be_a_whole_number_from_1_to_365(send, case, secret, days):
    body = json.dumps(case | {"link_days": "DAYS"}).replace('"DAYS"', days)

    response = send(body, token=secret)

    assert response.status_code == 400
    assert fields(response) == ["link_days"]
    assert "from 1 to 365" in response.json()["errors"][0]["message"]


def test_a_bad_link_days_is_named_beside_the_cases_own_errors(send, case, secret):
    response = send(case | {"link_days": 0, "wallet_balance": "-5"}, token=secret)

    assert response.status_code == 400
    assert {"wallet_balance", "link_days"} <= set(fields(response))


def test_the_token_records_when_it_was_last_used(send, case, alice):
    token, secret = issue(alice)

    send(case, token=secret)

    token.refresh_from_db()
    assert timezone.now() - token.last_used < timedelta(minutes=1)


def test_the_customer_url_opens_the_customers_page(client, send, case, secret):
    customer_url = send(case, token=secret).json()["customer_url"]

    assert client.get(customer_url).status_code == 200


def test_the_staff_url_opens_the_case_for_support_staff(client, send, case, alice, secret):
    staff_url = send(case, token=secret).json()["staff_url"]
    client.force_login(alice)

    assert client.get(staff_url).status_code == 200


@pytest.mark.parametrize("value", ['"-5"', "-5", "NaN", "Infinity", "1e400", '"abc"', "true"])
def test_a_bad_wallet_balance_is_a_400_naming_it(send, case, secret, value):
    body = json.dumps(case | {"wallet_balance": "VALUE"}).replace('"VALUE"', value)

    response = send(body, token=secret)

    assert response.status_code == 400
    assert fields(response) == ["wallet_balance"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("value", ['"0"', "-1", "NaN", "-Infinity", "1e400", '"lots"'])
def test_a_bad_position_size_is_a_400_naming_its_path(send, case, secret, value):
    body = json.dumps(case).replace('"size": "0.1"', f'"size": {value}')

    response = send(body, token=secret)

    assert response.status_code == 400
    assert fields(response) == ["positions[0].size"]


def test_a_bad_mark_is_named_by_its_market(send, case, secret):
    response = send(case | {"marks": {"BTC-PERP": "-1"}}, token=secret)

    assert response.status_code == 400
    assert fields(response) == ["marks.BTC-PERP"]


def test_an_unknown_key_is_a_400_naming_it(send, case, secret):
    response = send(case | {"colour": "red"}, token=secret)

    assert response.status_code == 400
    assert fields(response) == ["colour"]


def test_every_mistake_is_named_at_once(send, case, secret):
    case["positions"][0] |= {"size": "-1", "leverage": "abc"}

    response = send(case | {"wallet_balance": "-5", "colour": "red"}, token=secret)

    assert response.status_code == 400
    assert {"wallet_balance", "positions[0].size", "positions[0].leverage", "colour"} <= set(
        fields(response)
    )


def test_a_price_path_as_csv_makes_a_case(send, case, secret):
    del case["marks"]

    assert send(case | {"path_csv": CSV}, token=secret).status_code == 201


def test_csv_mistakes_are_named_by_row_and_column(send, case, secret):
    del case["marks"]
    csv = CSV + "2024-05-01T02:00:00Z,BTC-PERP,cheap\n"

    response = send(case | {"path_csv": csv}, token=secret)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "path_csv"
    assert "Row 4" in error["message"] and "mark" in error["message"]


@pytest.mark.parametrize("body", ["[]", '"a case"', "null", "12"])
def test_a_body_that_is_not_an_object_is_a_400(send, secret, body):
    response = send(body, token=secret)

    assert response.status_code == 400
    assert fields(response) == [None]


def test_a_body_that_is_not_json_is_a_400(send, secret):
    response = send("{wallet_balance: 1000", token=secret)

    assert response.status_code == 400
    assert fields(response) == [None]


def test_a_body_not_sent_as_json_is_a_415(send, case, secret):
    response = send(json.dumps(case), token=secret, content_type="text/plain")

    assert response.status_code == 415


def test_a_body_of_3_mb_is_a_413_naming_the_2_mb_path_limit(send, case, secret):
    del case["marks"]
    rows = "2024-05-01T00:00:00Z,BTC-PERP,60000\n" * (3 * 1024 * 1024 // 36)

    response = send(case | {"path_csv": "time,market,mark\n" + rows}, token=secret)

    assert response.status_code == 413
    assert "2 MB" in response.json()["errors"][0]["message"]
    assert not Case.objects.exists()


def test_a_price_path_over_2_mb_in_a_body_that_fits_is_a_413_naming_it(send, case, secret):
    del case["marks"]
    rows = "2024-05-01T00:00:00Z,BTC-PERP,60000\n" * (int(2.1 * 1024 * 1024) // 36)

    response = send(case | {"path_csv": "time,market,mark\n" + rows}, token=secret)

    assert response.status_code == 413
    assert fields(response) == ["path_csv"]
    assert "2 MB" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reported", '{"position": 1e5000}'),
        ("link_days", "1e5000"),
        ("wallet_balance", "1e5000"),
    ],
)
def test_a_number_too_large_to_write_out_is_a_400_not_a_500(send, case, secret, field, value):
    body = json.dumps(case | {field: "VALUE"}).replace('"VALUE"', value)

    response = send(body, token=secret)

    assert response.status_code == 400
    assert fields(response)[0].startswith(field)


def test_a_get_is_a_json_405(client):
    response = client.get(URL)

    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"


def test_a_preflight_allows_the_authorization_header(client):
    response = client.options(URL)

    assert response.status_code == 204
    assert "Authorization" in response["Access-Control-Allow-Headers"]


def test_it_is_rate_limited_like_the_rest_of_the_api(send, case, secret, settings):
    settings.API_RATE_LIMIT = "2/m"

    statuses = [send(case, token=secret).status_code for _ in range(3)]

    assert statuses == [201, 201, 429]
