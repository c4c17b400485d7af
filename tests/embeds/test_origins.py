"""EMBED_ALLOWED_ORIGINS: scheme://host[:port] and nothing else, checked when settings load."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from explainer.embeds.origins import checked_origins


def test_it_accepts_origins_with_and_without_a_port():
    values = ["https://learn.example.com", "http://localhost:8000", "http://127.0.0.1:*"]
    assert checked_origins(values) == values


def test_it_lower_cases_origins():
    assert checked_origins(["HTTPS://Learn.Example.COM"]) == ["https://learn.example.com"]


@pytest.mark.parametrize(
    "value",
    [
        "https://learn.example.com/",
        "https://learn.example.com/onboarding",
        "https://learn.example.com?x=1",
        "learn.example.com",
        "ftp://learn.example.com",
        "*",
        "https://*.example.com",
        "'self'",
        "https://learn.example.com:port",
    ],
)
def test_it_refuses_anything_that_is_not_an_origin(value):
    with pytest.raises(ImproperlyConfigured, match="EMBED_ALLOWED_ORIGINS"):
        checked_origins([value])


def test_the_error_names_the_bad_value():
    with pytest.raises(ImproperlyConfigured, match="https://a.example/path"):
        checked_origins(["https://ok.example", "https://a.example/path"])
