"""Editing a case: the form comes back filled from the stored case, a valid edit replaces it
with an audit line, and a failed edit leaves the stored case exactly as it was."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from explainer.support.models import Case, CaseEvent
from explainer.support.spec import from_json

from .case_data import case_post
from .conftest import two_positions
from .html_form import form_data


def _edit(case: Case) -> str:
    return f"/support/cases/{case.pk}/edit/"


@pytest.fixture
def staff(client, bob):
    client.force_login(bob)  # any member of the team may edit any case
    return client


def test_it_sends_anonymous_visitors_to_sign_in(client, a_case):
    for response in (client.get(_edit(a_case)), client.post(_edit(a_case), case_post())):
        assert response.status_code == 302 and "/support/login/" in response["Location"]
    assert from_json(Case.objects.get().spec) == two_positions()


def test_it_refuses_someone_not_on_the_support_team(client, charlie, a_case):
    client.force_login(charlie)
    assert client.get(_edit(a_case)).status_code == 403
    assert client.post(_edit(a_case), case_post(wallet_balance="5")).status_code == 403
    assert from_json(Case.objects.get().spec) == two_positions()


def test_an_unknown_case_is_not_found(staff, db):
    assert staff.get("/support/cases/999/edit/").status_code == 404


def test_the_form_comes_filled_from_the_stored_case(staff, a_case):
    response = staff.get(_edit(a_case))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = form_data(response.content.decode())
    assert data["wallet_balance"] == "1000" and data["ticket_reference"] == "ZD-1001"
    assert (data["positions-1-market"], data["positions-1-side"]) == ("ETH-PERP", "short")
    assert data["mark_BTC-PERP"] == "52000"
    assertContains(response, "Save the changes")


def test_the_filled_form_sent_back_unchanged_keeps_the_same_case(staff, a_case):
    data = form_data(staff.get(_edit(a_case)).content.decode())
    assert staff.post(_edit(a_case), data).status_code == 303
    assert from_json(Case.objects.get().spec) == two_positions()


def test_a_valid_edit_replaces_the_case_and_is_written_in_its_trail(staff, bob, a_case):
    response = staff.post(_edit(a_case), case_post(wallet_balance="2500", ticket_reference="ZD-7"))

    assertRedirects(response, f"/support/cases/{a_case.pk}/", status_code=303)
    case = Case.objects.get()
    assert from_json(case.spec).wallet_balance == 2500 and case.ticket_reference == "ZD-7"
    assert case.author.username == "alice"  # the author stays who wrote it
    assert case.events.last().kind == CaseEvent.Kind.EDITED and case.events.last().actor == bob


@pytest.mark.parametrize(
    "changes",
    [
        {"wallet_balance": "-1"},
        {"positions-0-leverage": "1000"},
        {"mark_BTC-PERP": ""},
        {"movement": "path", "path_csv": "time,market,mark\nnot a time,BTC-PERP,1\n"},
        {"ticket_reference": "Z" * 65},
    ],
)
def test_a_failed_edit_leaves_the_stored_case_untouched(staff, a_case, changes):
    before = Case.objects.values().get()

    response = staff.post(_edit(a_case), case_post(**changes))

    assert response.status_code == 422
    assertContains(response, "The case was not saved", status_code=422)
    assert Case.objects.values().get() == before
    assert list(a_case.events.values_list("kind", flat=True)) == [CaseEvent.Kind.CREATED]


def test_add_a_position_on_the_edit_form_saves_nothing(staff, a_case):
    before = Case.objects.values().get()
    response = staff.post(_edit(a_case), case_post(add_row="1"))
    assertContains(response, 'name="positions-TOTAL_FORMS" value="4"')
    assertContains(response, f'action="/support/cases/{a_case.pk}/edit/"')
    assert Case.objects.values().get() == before
