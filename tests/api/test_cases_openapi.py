"""POST /cases in the OpenAPI document and on the docs page: what it takes, answers and needs."""

import json

import jsonschema_rs
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from explainer.api.openapi import CASE_EXAMPLES
from explainer.support.access import SUPPORT_GROUP
from explainer.support.models import ApiToken

URL = "/api/v1/cases"


@pytest.fixture
def document(client):
    return json.loads(client.get("/api/v1/openapi.json").content)


@pytest.fixture
def operation(document):
    return document["paths"]["/cases"]["post"]


@pytest.fixture
def send(db, client):
    """POST a body to /cases with a support team member's token."""
    alice = User.objects.create_user("alice")
    alice.groups.add(Group.objects.get_or_create(name=SUPPORT_GROUP)[0])
    token = ApiToken(user=alice, name="Intercom inbox")
    secret = token.issue()
    token.save()
    headers = {"Authorization": f"Bearer {secret}"}
    return lambda body: client.post(
        URL, json.dumps(body), content_type="application/json", headers=headers
    )


def validator(document, name):
    """A validator for one component schema, its references resolved in the document."""
    return jsonschema_rs.Draft202012Validator(document | {"$ref": f"#/components/schemas/{name}"})


def test_it_takes_a_bearer_token_and_only_there(document, operation):
    scheme = document["components"]["securitySchemes"]["supportToken"]

    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert operation["security"] == [{"supportToken": []}]
    assert "security" not in document
    others = [
        op for path, ops in document["paths"].items() if path != "/cases" for op in ops.values()
    ]
    assert others and not any("security" in op for op in others)


def test_it_documents_each_answer(operation):
    assert {"201", "400", "401", "403", "405", "413", "415"} <= set(operation["responses"])
    assert "Location" in operation["responses"]["201"]["headers"]


def test_the_401_says_to_send_a_bearer_token(document):
    unauthorized = document["components"]["responses"]["Unauthorized"]

    assert "WWW-Authenticate" in unauthorized["headers"]


def test_the_413_names_the_2_mb_path_limit(document):
    assert "2 MB" in document["components"]["responses"]["CaseTooLarge"]["description"]
    assert "20,000 rows" in document["components"]["responses"]["CaseTooLarge"]["description"]


@pytest.mark.parametrize("example", CASE_EXAMPLES)
def test_every_example_is_valid_by_the_schema_and_makes_a_case(document, send, example):
    body = CASE_EXAMPLES[example]["value"]
    assert validator(document, "CaseRequest").is_valid(body)

    response = send(body)

    assert response.status_code == 201, response.json()
    assert validator(document, "CaseCreated").is_valid(response.json())


def test_the_request_schema_names_exactly_the_fields_the_api_takes(document, send):
    accepted = set(document["components"]["schemas"]["CaseRequest"]["properties"])
    body = CASE_EXAMPLES["marks"]["value"] | {"nonsense": 1}

    [unknown] = send(body).json()["errors"]

    assert unknown["field"] == "nonsense"
    # link_days is the API's own, read before the form sees the body.
    assert all(name in unknown["message"] for name in accepted - {"link_days"})


@pytest.mark.parametrize(
    ("schema", "where"),
    [
        ("CasePosition", lambda body: body["positions"][0]),
        ("CaseReported", lambda b: b["reported"]),
    ],
)
def test_the_nested_schemas_name_exactly_the_fields_the_api_takes(document, send, schema, where):
    accepted = set(document["components"]["schemas"][schema]["properties"])
    body = json.loads(json.dumps(CASE_EXAMPLES["path"]["value"]))
    where(body)["nonsense"] = 1

    [unknown] = send(body).json()["errors"]

    assert unknown["field"].endswith(".nonsense")
    assert all(name in unknown["message"] for name in accepted)


@pytest.mark.parametrize(
    ("field", "bound", "past"),
    [("size", "minimum", -0.0005), ("leverage", "maximum", 1), ("entry_price", "minimum", -1e-5)],
)
def test_the_documented_bounds_are_the_forms(document, send, field, bound, past):
    [number, _] = document["components"]["schemas"]["CasePosition"]["properties"][field]["anyOf"]
    body = json.loads(json.dumps(CASE_EXAMPLES["path"]["value"]))

    body["positions"][0][field] = str(number[bound] + past)

    errors = send(body).json()["errors"]
    assert [error["field"] for error in errors] == [f"positions[0].{field}"]


def test_the_docs_page_shows_how_a_help_desk_app_opens_a_case(client):
    page = client.get(reverse("api-docs")).content.decode()

    assert 'id="cases"' in page
    assert "Authorization: Bearer" in page
    assert "curl" in page and URL in page
    assert "Zendesk" in page and "Intercom" in page
    assert "link_days" in page and "customer_url" in page
