"""The environment helpers refuse a value they would otherwise misread."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from entryfinance.settings import envbool, envrate


@pytest.mark.parametrize("value", ["1", "true", "Yes", " on "])
def test_envbool_reads_yes_values_as_true(monkeypatch, value):
    monkeypatch.setenv("FLAG", value)
    assert envbool("FLAG", "0") is True


@pytest.mark.parametrize("value", ["0", "false", "NO", "off"])
def test_envbool_reads_no_values_as_false(monkeypatch, value):
    monkeypatch.setenv("FLAG", value)
    assert envbool("FLAG", "1") is False


@pytest.mark.parametrize("value", ["ture", "", "2", "enabled"])
def test_envbool_refuses_a_typo_instead_of_reading_it_as_false(monkeypatch, value):
    monkeypatch.setenv("FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="FLAG=.* is not a yes/no value"):
        envbool("FLAG", "1")


def test_envbool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)
    assert envbool("FLAG", "1") is True


@pytest.mark.parametrize("value", ["600/m", "5/h", "10/30s", "1000000/m"])
def test_envrate_accepts_django_ratelimit_rates(monkeypatch, value):
    monkeypatch.setenv("RATE", value)
    assert envrate("RATE", "1/s") == value


@pytest.mark.parametrize("value", ["600", "600 per minute", "/m", "5/w"])
def test_envrate_refuses_what_django_ratelimit_cannot_read(monkeypatch, value):
    monkeypatch.setenv("RATE", value)
    with pytest.raises(ImproperlyConfigured, match="write a rate like 600/m"):
        envrate("RATE", "1/s")
