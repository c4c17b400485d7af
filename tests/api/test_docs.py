import re

import pytest
from django.urls import reverse

from explainer.api.openapi import EXAMPLES


def test_the_docs_page_renders(client):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    assert b"POST /api/v1/evaluate" in response.content
    assert b"positions[0].leverage" in response.content


def test_its_example_responses_come_from_the_engine(client):
    page = client.get(reverse("api-docs")).content.decode()

    # The first example's liquidation price, which nobody typed into the template.
    assert "54271.35678391959798994974874371859296482" in page
    assert "HTTP 400" in page
    assert "Unknown field" in page


def test_it_uses_no_inline_script_or_style(client):
    page = client.get(reverse("api-docs")).content.decode()

    assert "<style" not in page
    assert " style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


@pytest.mark.parametrize(
    ("operation", "example"),
    [(operation, example) for operation, named in EXAMPLES.items() for example in named.values()],
    ids=lambda value: value if isinstance(value, str) else value["summary"],
)
def test_every_example_answers_with_the_status_it_expects(post, operation, example):
    assert post(operation, example["value"]).status_code == example.get("x-status", 200)
