"""The results cache: a question asked again gets the bytes rendered the first time, and
nothing that belongs to one widget, one request or one reader is ever handed to another."""

import pytest

from explainer.calculators import views


@pytest.fixture
def renders(monkeypatch):
    """Counts how many times a calculator is actually built (form, engine, template)."""
    built = []
    real_build = views.widget_for

    def counting_build(*args, **kwargs):
        built.append(args[0])
        return real_build(*args, **kwargs)

    monkeypatch.setattr(views, "widget_for", counting_build)
    return built


def test_the_same_question_is_answered_once(fetch, renders):
    first = fetch("isolated-vs-cross", htmx=True, price="47000")
    second = fetch("isolated-vs-cross", htmx=True, price="47000")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert renders == ["isolated-vs-cross"]


def test_a_kept_answer_keeps_its_headers(fetch):
    fetch("liquidation-price", htmx=True)
    again = fetch("liquidation-price", htmx=True)
    assert again["Content-Type"] == "text/html; charset=utf-8"
    assert {"HX-Request", "HX-Target"} <= {h.strip() for h in again["Vary"].split(",")}
    assert "Content-Security-Policy" in again


def test_a_new_number_is_a_new_question(fetch, renders):
    at_10 = fetch("liquidation-price", htmx=True, leverage="10")
    at_20 = fetch("liquidation-price", htmx=True, leverage="20")
    assert renders == ["liquidation-price", "liquidation-price"]
    assert at_10.content != at_20.content


def test_names_the_form_ignores_do_not_make_a_new_question(fetch, renders):
    fetch("margin-pnl-roe", htmx=True)
    fetch("margin-pnl-roe", htmx=True, utm_source="newsletter", unknown="1")
    assert renders == ["margin-pnl-roe"]


def test_each_widget_gets_answers_with_its_own_ids(fetch):
    main = fetch("isolated-vs-cross", htmx=True)
    embedded = fetch("isolated-vs-cross", htmx=True, target="calc-2-results")
    assert 'id="calc-figure"' in main.text and "calc-2-" not in main.text
    assert 'id="calc-2-figure"' in embedded.text


def test_field_errors_are_kept_with_their_status(fetch, field_error):
    first = fetch("isolated-vs-cross", htmx=True, wallet="-5")
    again = fetch("isolated-vs-cross", htmx=True, wallet="-5")
    assert first.status_code == again.status_code == 422
    assert "must be more than 0" in field_error(again, "wallet")


def test_full_pages_with_a_query_are_not_kept_here(fetch, renders):
    """The reader picks a permalink's query, so such pages must not push others out."""
    first, second = fetch("cross-contagion"), fetch("cross-contagion")
    assert renders == ["cross-contagion", "cross-contagion"]
    assert first.content == second.content
    assert "public" in second["Cache-Control"]


def test_the_page_without_a_query_is_kept_as_a_public_page(client, renders):
    first = client.get("/calculators/cross-contagion/")
    second = client.get("/calculators/cross-contagion/")
    assert renders == ["cross-contagion"]
    assert first.content == second.content and second["ETag"] == first["ETag"]


def test_a_history_restore_gets_the_full_page(client, renders):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    client.get("/calculators/leverage-explorer/", **headers)
    response = client.get("/calculators/leverage-explorer/", **headers)
    assert "<html" in response.text
    assert renders == ["leverage-explorer"]  # the full page, kept
