"""How large a request body may be: 64 KB everywhere, 2 MB of price path (and room for the
rest of the form) on the routes that create or edit a support case."""

import pytest
from django.contrib.auth.models import Group, User
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from explainer.middleware import CASE_API_PATH, BodyLimitMiddleware
from explainer.support.access import SUPPORT_GROUP

pytestmark = pytest.mark.django_db

KB = 1024
MB = 1024 * KB
FEEDBACK = "/articles/margin-explained/feedback/"


@pytest.fixture
def support_client(client):
    alice = User.objects.create_user("alice", password="unused-here")
    alice.groups.add(Group.objects.get_or_create(name=SUPPORT_GROUP)[0])
    client.force_login(alice)
    return client


def _passes(method: str, path: str, length: int) -> bool:
    """Whether the middleware lets a body of `length` bytes through to the view."""
    reached = []

    def view(request):
        reached.append(request)
        return HttpResponse()

    request = RequestFactory().generic(method, path, b"", CONTENT_LENGTH=str(length))
    BodyLimitMiddleware(view)(request)
    return bool(reached)


def test_a_comment_of_65_kb_is_still_a_413_saying_nothing_was_saved(client):
    response = client.post(FEEDBACK, {"comment": "x" * 65 * KB})

    assert response.status_code == 413
    assert "64 KB" in response.content.decode()
    assert "nothing was saved" in response.content.decode()


def test_an_api_body_of_65_kb_is_still_the_apis_json_413(client):
    body = '{"wallet_balance": "500"' + " " * (65 * KB) + "}"

    response = client.post(reverse("api-evaluate"), body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["errors"] == [{"field": None, "message": "The body is over 64 KB."}]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "no-store"


def test_a_support_case_of_2_mb_reaches_the_staff_form(support_client):
    csv = "time,market,mark\n" + "2024-05-01T00:00:00Z,BTC-PERP,60000.0\n" * (2 * MB // 38)

    response = support_client.post(reverse("support:new"), {"path_csv": csv[: 2 * MB]})

    assert response.status_code != 413


def test_a_support_case_over_the_limit_is_a_413_naming_2_mb_and_20000_rows(support_client):
    response = support_client.post(reverse("support:new"), {"path_csv": "x" * 3 * MB})

    assert response.status_code == 413
    assert "2 MB" in response.content.decode()
    assert "20,000 rows" in response.content.decode()


def test_the_case_api_takes_2_mb_and_refuses_3_mb_in_json(client, settings):
    assert _passes("POST", CASE_API_PATH, 2 * MB)

    response = client.post(CASE_API_PATH, b" " * 3 * MB, content_type="application/json")

    assert response.status_code == 413
    assert "2 MB" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", FEEDBACK),
        ("POST", "/support/login/"),
        ("POST", "/api/v1/simulate"),
        ("PUT", "/support/cases/1/edit/"),
    ],
)
def test_every_other_route_keeps_the_64_kb_limit(method, path):
    assert _passes(method, path, 64 * KB)
    assert not _passes(method, path, 64 * KB + 1)


@pytest.mark.parametrize("path", ["/support/cases/new/", "/support/cases/7/edit/", CASE_API_PATH])
def test_the_case_routes_take_up_to_the_case_limit(settings, path):
    assert _passes("POST", path, settings.CASE_BODY_LIMIT)
    assert not _passes("POST", path, settings.CASE_BODY_LIMIT + 1)


@pytest.mark.parametrize("length", ["", "not a number", "-5"])
def test_a_missing_or_malformed_length_is_left_to_django(length):
    request = RequestFactory().post(FEEDBACK)
    request.META["CONTENT_LENGTH"] = length

    response = BodyLimitMiddleware(lambda request: HttpResponse("read"))(request)

    assert response.content == b"read"


def test_django_reads_as_much_as_the_largest_route_takes(settings):
    assert settings.BODY_LIMIT == 64 * KB
    assert settings.CASE_BODY_LIMIT >= 2 * MB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.CASE_BODY_LIMIT
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE >= 2 * MB


def test_the_limit_is_checked_before_sessions_or_csrf_read_anything(settings):
    middleware = settings.MIDDLEWARE
    limit = middleware.index("explainer.middleware.BodyLimitMiddleware")

    assert middleware[limit - 1] == "explainer.middleware.UrlLengthMiddleware"
    assert limit < middleware.index("django.middleware.csrf.CsrfViewMiddleware")
