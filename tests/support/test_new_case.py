"""The new-case form: who may use it, a case entered by hand, and every kind of bad input
answered 422 with the field named, the values kept and nothing saved."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from explainer.engine import MarginMode, Side
from explainer.support.models import Case, CaseEvent
from explainer.support.spec import from_json

from .case_data import case_post, path_text, row

NEW = "/support/cases/new/"
ROW = "/support/cases/new/position/"


@pytest.fixture
def staff(client, alice):
    client.force_login(alice)
    return client


def _refused(staff, data: dict, field_id: str):
    """A 422 naming `field_id` beside its input and in the summary, nothing saved."""
    response = staff.post(NEW, data)
    assert response.status_code == 422
    assertContains(response, f'id="{field_id}_error"', status_code=422)
    assertContains(response, f'href="#{field_id}', status_code=422)
    assert not Case.objects.exists()
    return response


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    for response in (client.get(NEW), client.post(NEW, case_post()), client.get(ROW)):
        assert response.status_code == 302 and "/support/login/" in response["Location"]
    assert not Case.objects.exists()


def test_it_refuses_someone_not_on_the_support_team(client, charlie):
    client.force_login(charlie)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, case_post()).status_code == 403
    assert client.get(ROW, {"index": "1", "add_row": "1"}).status_code == 403
    assert not Case.objects.exists()


def test_the_form_is_private_and_kept_out_of_search_engines(staff):
    response = staff.get(NEW)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assertContains(response, 'enctype="multipart/form-data"')
    assertContains(response, "csrfmiddlewaretoken")


def test_a_two_position_cross_case_entered_by_hand_is_saved(staff, alice):
    response = staff.post(NEW, case_post())

    case = Case.objects.get()
    assertRedirects(response, f"/support/cases/{case.pk}/", status_code=303)
    spec = from_json(case.spec)
    assert [(p.market, p.side, p.margin_mode) for p in spec.positions] == [
        ("BTC-PERP", Side.LONG, MarginMode.CROSS),
        ("ETH-PERP", Side.SHORT, MarginMode.CROSS),
    ]
    assert spec.marks == {"BTC-PERP": 52000, "ETH-PERP": 3400}
    assert (case.ticket_reference, case.author) == ("ZD-2001", alice)
    assert list(case.events.values_list("kind", "actor")) == [(CaseEvent.Kind.CREATED, alice.pk)]


@pytest.mark.parametrize("value", ["-5", "0", "NaN", "Infinity", "1e400", "", "lots", "٣"])
def test_it_refuses_a_wallet_balance_that_is_not_a_positive_number(staff, value):
    response = _refused(staff, case_post(wallet_balance=value), "id_wallet_balance")
    if value:
        assertContains(response, f'value="{value}"', status_code=422)
    assertContains(response, 'value="ZD-2001"', status_code=422)  # everything else is kept


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("size", "0"),
        ("size", "-1"),
        ("size", "1e400"),
        ("entry_price", "NaN"),
        ("entry_price", ""),
        ("leverage", "0.5"),
        ("leverage", "Infinity"),
        ("fees_paid", "-1"),
        ("isolated_margin", "ten"),
        ("market", "DOGE-PERP"),
        ("side", "up"),
        ("margin_mode", "portfolio"),
    ],
)
def test_it_refuses_a_bad_position_field_naming_its_row(staff, name, value):
    field_id = f"id_positions-1-{name}" + ("_0" if name in ("side", "margin_mode") else "")
    response = staff.post(NEW, case_post(**{f"positions-1-{name}": value}))
    assert response.status_code == 422
    assertContains(response, f'href="#{field_id}"', status_code=422)
    assertContains(response, "Position 2:", status_code=422)
    assert not Case.objects.exists()


def test_it_refuses_leverage_above_the_markets_maximum_for_the_size(staff):
    data = case_post(**{"positions-0-size": "5", "positions-0-leverage": "100"})
    response = _refused(staff, data, "id_positions-0-leverage")
    assertContains(
        response, "BTC-PERP allows at most 40× for a position of this size", status_code=422
    )


def test_it_refuses_two_positions_in_one_market_in_one_way_mode(staff):
    data = case_post(**row(1, "BTC-PERP", "short", "0.1", "61000", "10", "cross"))
    response = _refused(staff, data, "id_positions-1-market")
    assertContains(response, "position 1 is already in BTC-PERP", status_code=422)


def test_hedge_mode_takes_a_long_and_a_short_in_one_market(staff):
    data = case_post(
        position_mode="hedge", **row(1, "BTC-PERP", "short", "0.1", "61000", "10", "cross")
    )
    assert staff.post(NEW, data).status_code == 303


def test_it_refuses_an_isolated_margin_on_a_cross_position(staff):
    data = case_post(**{"positions-0-isolated_margin": "700"})
    _refused(staff, data, "id_positions-0-isolated_margin")


def test_it_refuses_a_wallet_smaller_than_the_isolated_margins(staff):
    data = case_post(
        **{
            "positions-0-margin_mode": "isolated",
            "positions-0-isolated_margin": "900",
            "positions-1-margin_mode": "isolated",
        }
    )
    response = _refused(staff, data, "id_wallet_balance")
    assertContains(response, "less than the isolated margins allocated", status_code=422)


def test_it_refuses_funding_paid_beyond_an_isolated_margin(staff):
    data = case_post(**{"positions-0-margin_mode": "isolated", "positions-0-funding_paid": "600"})
    _refused(staff, data, "id_positions-0-funding_paid")


def test_it_asks_for_the_mark_of_every_market_held(staff):
    response = _refused(staff, case_post(**{"mark_ETH-PERP": ""}), "id_mark_ETH-PERP")
    assertContains(response, "a position is held there", status_code=422)


def test_it_refuses_a_reported_time_without_a_path(staff):
    _refused(staff, case_post(reported_time="2026-11-20T10:00:00Z"), "id_reported_time")


def test_it_refuses_a_reported_position_not_on_the_form(staff):
    _refused(staff, case_post(reported_position="3"), "id_reported_position")


def test_it_asks_for_at_least_one_position(staff):
    data = case_post(**row(0, "", None, "", "", "", None), **row(1, "", None, "", "", "", None))
    response = staff.post(NEW, data)
    assertContains(response, "Enter at least one position.", status_code=422)
    assert not Case.objects.exists()


def test_it_lists_every_csv_problem_by_row_and_column_and_keeps_the_paste(staff):
    pasted = path_text(
        "2026-11-20T00:00:00Z,BTC-PERP,60000,60000",
        "2026-11-20T00:01:00Z,BTC-PERP,-5,60000",
        "yesterday,ETH-PERP,3000,3000",
    )
    response = staff.post(NEW, case_post(movement="path", path_csv=pasted))
    assert response.status_code == 422
    assertContains(response, "Row 3, mark:", status_code=422)
    assertContains(response, "Row 4, time:", status_code=422)
    assert len(re.findall(r'href="#id_path_csv"', response.content.decode())) == 2
    assertContains(response, "2026-11-20T00:01:00Z,BTC-PERP,-5,60000", status_code=422)
    assert not Case.objects.exists()


def test_it_refuses_a_path_missing_a_market_held_or_with_one_not_held(staff):
    pasted = path_text("2026-11-20T00:00:00Z,BTC-PERP,60000,", "2026-11-20T00:00:00Z,SOL-PERP,150,")
    response = _refused(staff, case_post(movement="path", path_csv=pasted), "id_path_csv")
    assertContains(response, "no prices for ETH-PERP", status_code=422)
    assertContains(response, "prices for SOL-PERP, where no position is held", status_code=422)


def _path_case(**changes):
    pasted = path_text(
        *(
            f"2026-11-20T0{h}:00:00Z,{m},{p},{p}"
            for h in range(3)
            for m, p in (("BTC-PERP", 60000 - 3000 * h), ("ETH-PERP", 3000 + 150 * h))
        )
    )
    return case_post(**({"movement": "path", "path_csv": pasted} | changes))


def test_a_pasted_path_with_what_the_exchange_reported_is_saved(staff):
    data = _path_case(
        reported_position="2", reported_price="3290", reported_time="2026-11-20T02:00Z"
    )
    assert staff.post(NEW, data).status_code == 303
    spec = from_json(Case.objects.get().spec)
    assert len(spec.path) == 6 and spec.marks == {}
    assert (spec.reported.position, spec.reported.price) == (2, 3290)


def test_it_refuses_a_reported_time_before_the_path_starts(staff):
    _refused(staff, _path_case(reported_time="2026-11-19T23:00:00Z"), "id_reported_time")


def test_an_uploaded_path_is_used_and_kept_in_the_box_when_something_else_is_wrong(staff):
    upload = SimpleUploadedFile("path.csv", _path_case()["path_csv"].encode(), "text/csv")
    data = _path_case(path_csv="", wallet_balance="x", path_file=upload)
    response = staff.post(NEW, data)
    assertContains(response, "2026-11-20T02:00:00Z,ETH-PERP,3300,3300", status_code=422)

    upload.seek(0)
    assert staff.post(NEW, _path_case(path_csv="", path_file=upload)).status_code == 303


def test_an_upload_over_2_mb_is_refused_with_a_413_and_asked_for_again(staff):
    upload = SimpleUploadedFile(
        "path.csv", b"time,market,mark\n" + b"0" * (2 * 1024 * 1024), "text/csv"
    )
    response = staff.post(NEW, _path_case(path_csv="", path_file=upload))
    assert response.status_code == 413
    assertContains(response, "larger than 2 MB", status_code=413)
    assertContains(response, "choose it again", status_code=413)
    assert not Case.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=3 * 1024 * 1024)
def test_a_pasted_path_of_nearly_2_mb_is_saved(staff):
    prices = {"BTC-PERP": "60000.123456789012345678", "ETH-PERP": "3000.123456789012345678"}
    lines = ["time,market,mark,last,index"]
    for second in range(9_500):
        time = f"2026-11-20T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"
        lines += [f"{time},{market},{p},{p},{p}" for market, p in prices.items()]
    pasted = "\n".join(lines) + "\n"
    assert 1.8 * 1024 * 1024 < len(pasted) <= 2 * 1024 * 1024

    response = staff.post(NEW, case_post(movement="path", path_csv=pasted))

    assert response.status_code == 303
    assert len(Case.objects.get().spec["path"]) == 19_000


def test_add_a_position_without_javascript_keeps_everything_and_adds_a_row(staff):
    response = staff.post(NEW, case_post(add_row="1", wallet_balance="not yet"))
    assert response.status_code == 200
    assertContains(response, 'name="positions-TOTAL_FORMS" value="4"')
    assertContains(response, 'name="positions-3-market"')
    assertContains(response, 'value="not yet"')
    assertNotContains(response, "was not saved")  # no errors yet: the person is still typing
    assert not Case.objects.exists()


def test_a_position_marked_for_removal_is_not_saved(staff):
    data = case_post(
        **{"positions-1-DELETE": "on", "positions-1-size": "junk", "mark_ETH-PERP": ""}
    )
    assert staff.post(NEW, data).status_code == 303
    assert [p.market for p in from_json(Case.objects.get().spec).positions] == ["BTC-PERP"]


def test_the_row_htmx_adds_comes_with_the_new_row_count(staff):
    response = staff.get(ROW, {"index": "3", "add_row": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assertContains(response, 'name="positions-3-market"')
    assertContains(response, "Position 4")
    assertContains(response, 'id="id_positions-TOTAL_FORMS" hx-swap-oob="true"')
    assertContains(response, 'value="4"')


def test_a_row_whose_remove_box_is_ticked_comes_back_folded_with_its_values(staff):
    data = {"index": "1", "positions-1-size": "2.5", "positions-1-DELETE": "on"}
    response = staff.get(ROW, data, headers={"HX-Request": "true"})
    assertContains(response, "removed when the case is saved")
    assertContains(response, 'value="2.5"')
    assertNotContains(response, "TOTAL_FORMS")


@pytest.mark.parametrize("index", ["10", "-1", "two", ""])
def test_it_refuses_a_row_number_out_of_range(staff, index):
    assert staff.get(ROW, {"index": index, "add_row": "1"}).status_code == 400


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"positions-TOTAL_FORMS": "abc"},
        case_post(**{"positions-TOTAL_FORMS": "1000"}),
        case_post(**{"positions-TOTAL_FORMS": None}),
        case_post(movement="sideways"),
        case_post(movement="path", path_csv="\x00\x00,\ufeff\n\r\r,,,"),
        case_post(reported_time="9999-12-31T23:59:59-23:59"),
        case_post(reported_time="0001-01-01T00:00:00+23:59"),
        case_post(reported_position="11"),
        case_post(**{"positions-0-size": "1" * 5000}),
        case_post(**{"positions-0-DELETE": "on", "positions-1-DELETE": "on"}),
    ],
)
def test_junk_is_answered_422_never_a_500(staff, data):
    assert staff.post(NEW, data).status_code == 422
    assert not Case.objects.exists()


def test_add_a_position_from_junk_still_answers(staff):
    assert staff.post(NEW, {"add_row": "1", "positions-TOTAL_FORMS": "x"}).status_code == 200
