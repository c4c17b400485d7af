"""CaseEntry and entry_from_json: what the form and the API take, and the API-style path of
every error they give."""

from decimal import Decimal

import pytest
from django.http import QueryDict

from explainer.support.entry import CaseEntry, entry_from_json
from explainer.support.form_data import MAX_POSITIONS, POSITION_FIELDS, path_csv
from explainer.support.forms import PositionForm
from explainer.support.presets import PRESETS
from explainer.support.price_path import parse_path
from explainer.support.spec import ReportedSpec

from .case_data import case_post, path_text

D = Decimal


def _entry(**changes) -> CaseEntry:
    data = QueryDict(mutable=True)
    for name, value in case_post(**changes).items():
        data[name] = value
    return CaseEntry(data, {})


def _body(**changes) -> dict:
    body = {
        "ticket_reference": "ZD-3001",
        "wallet_balance": D(1000),
        "positions": [
            {
                "market": "BTC-PERP",
                "side": "long",
                "size": D("0.1"),
                "entry_price": D(60000),
                "leverage": D(10),
                "margin_mode": "cross",
            },
            {
                "market": "ETH-PERP",
                "side": "short",
                "size": "1",
                "entry_price": 3000,
                "leverage": D(10),
                "margin_mode": "cross",
            },
        ],
        "marks": {"BTC-PERP": D(52000), "ETH-PERP": D(3400)},
    }
    return body | changes


def _paths(entry: CaseEntry) -> list[str | None]:
    assert not entry.is_valid()
    return [path for path, _ in entry.errors()]


def test_a_valid_body_gives_the_same_case_as_the_form():
    entry = entry_from_json(_body())
    assert entry.is_valid(), entry.errors()
    assert entry.spec == _entry().spec
    assert entry.ticket_reference == "ZD-3001"


def test_a_body_with_a_path_and_what_the_exchange_reported():
    rows = [
        "2026-11-20T00:00:00Z,BTC-PERP,60000,",
        "2026-11-20T00:00:00Z,ETH-PERP,3000,",
        "2026-11-20T01:00:00Z,BTC-PERP,52000,",
        "2026-11-20T01:00:00Z,ETH-PERP,3400,",
    ]
    reported = {"position": D(2), "price": D("3290.5"), "time": "2026-11-20T01:00:00Z"}
    entry = entry_from_json(_body(marks=None, path_csv=path_text(*rows), reported=reported))
    assert entry.is_valid(), entry.errors()
    assert entry.spec.reported.position == 2 and entry.spec.reported.price == D("3290.5")
    assert len(entry.spec.path) == 4 and entry.spec.funding_along_path is True


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"colour": "red"}, "colour"),
        ({"wallet_balance": D("NaN")}, "wallet_balance"),
        ({"wallet_balance": D("1e400")}, "wallet_balance"),
        ({"wallet_balance": True}, "wallet_balance"),
        ({"wallet_balance": 10.5}, "wallet_balance"),
        ({"wallet_balance": None}, "wallet_balance"),
        ({"position_mode": "both"}, "position_mode"),
        ({"partial_liquidation": "yes"}, "partial_liquidation"),
        ({"funding_along_path": 1}, "funding_along_path"),
        ({"insurance_fund": D(-1)}, "insurance_fund"),
        ({"ticket_reference": 42}, "ticket_reference"),
        ({"positions": "two"}, "positions"),
        ({"positions": []}, "positions"),
        ({"marks": {"BTC-PERP": D(52000)}}, "marks.ETH-PERP"),
        ({"marks": {"BTC-PERP": D(52000), "ETH-PERP": D(3400), "DOGE": 1}}, "marks.DOGE"),
        ({"marks": [1, 2]}, "marks"),
        ({"reported": {"price": D(0)}}, "reported.price"),
        ({"reported": {"position": 3}}, "reported.position"),
        ({"reported": {"time": "2026-11-20T00:00:00Z"}}, "reported.time"),
        ({"reported": {"when": "noon"}}, "reported.when"),
        ({"reported": "late"}, "reported"),
    ],
)
def test_each_bad_field_of_a_body_is_named_by_its_path(changes, path):
    paths = _paths(entry_from_json(_body(**changes)))
    assert paths[0] == path and len(set(paths)) == len(paths)


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"size": "-1"}, "positions[1].size"),
        ({"size": True}, "positions[1].size"),
        ({"entry_price": D("Infinity")}, "positions[1].entry_price"),
        ({"leverage": D(500)}, "positions[1].leverage"),
        ({"side": "up"}, "positions[1].side"),
        ({"market": "DOGE-PERP"}, "positions[1].market"),
        ({"margin_mode": None}, "positions[1].margin_mode"),
        ({"isolated_margin": D(100)}, "positions[1].isolated_margin"),
        ({"funding": D(1)}, "positions[1].funding"),
    ],
)
def test_each_bad_field_of_a_position_is_named_by_its_index(changes, path):
    body = _body()
    body["positions"][1] |= changes
    assert _paths(entry_from_json(body)) == [path]


def test_a_position_given_as_anything_but_an_object_is_named():
    body = _body()
    body["positions"][1] = "ETH short"
    assert "positions[1]" in _paths(entry_from_json(body))


def test_a_position_with_nothing_in_it_is_an_error_not_a_blank_row_to_skip():
    body = _body()
    body["positions"].append({})
    paths = _paths(entry_from_json(body))
    assert "positions[2].market" in paths and "positions[2].size" in paths


def test_more_positions_than_a_case_holds_are_refused():
    body = _body()
    body["positions"] = [body["positions"][0]] * (MAX_POSITIONS + 1)
    assert "positions" in _paths(entry_from_json(body))


def test_every_csv_problem_is_its_own_error_naming_row_and_column():
    pasted = path_text("2026-11-20T00:00:00Z,BTC-PERP,-5,", "noon,ETH-PERP,3400,")
    entry = entry_from_json(_body(marks=None, path_csv=pasted))
    errors = [message for path, message in entry.errors() if path == "path_csv"]
    assert len(errors) == 2
    assert errors[0].startswith("Row 2, mark:") and errors[1].startswith("Row 3, time:")


def test_a_body_with_both_marks_and_a_path_is_refused():
    pasted = path_text(
        "2026-11-20T00:00:00Z,BTC-PERP,60000,", "2026-11-20T00:00:00Z,ETH-PERP,3000,"
    )
    assert "marks" in _paths(entry_from_json(_body(path_csv=pasted)))


def test_the_engines_error_names_the_row_as_the_form_numbers_it():
    # Row 1 removed: the engine's positions[1] is the form's row 2, its positions[0] row 0.
    eth = {
        "market": "ETH-PERP",
        "side": "long",
        "size": "1",
        "entry_price": "3000",
        "leverage": "10",
        "margin_mode": "cross",
    }
    entry = _entry(
        **{"positions-1-DELETE": "on"},
        **{f"positions-2-{k}": v for k, v in eth.items()},
        **{"positions-0-market": "ETH-PERP", "mark_BTC-PERP": ""},
    )
    ((path, message),) = entry.errors()
    assert path == "positions[2].market"
    assert "position 1 is already in ETH-PERP" in message


def test_the_position_reported_is_counted_as_the_form_shows_it():
    entry = _entry(**{"positions-0-DELETE": "on", "mark_BTC-PERP": "", "reported_position": "2"})
    assert entry.is_valid(), entry.errors()
    assert entry.spec.reported == ReportedSpec(position=1)  # the spec counts the rows kept


def test_a_removed_row_is_not_checked():
    entry = _entry(**{"positions-1-DELETE": "on", "positions-1-size": "??", "mark_ETH-PERP": ""})
    assert entry.is_valid(), entry.errors()
    assert [p.market for p in entry.spec.positions] == ["BTC-PERP"]


def test_fees_and_funding_the_wallet_cannot_have_paid_are_refused():
    entry = _entry(**{"positions-0-fees_paid": "600", "positions-1-funding_paid": "500"})
    assert _paths(entry) == ["wallet_balance"]
    assert _entry(**{"positions-1-funding_paid": "-500"}).is_valid()  # received


def test_with_row_adds_a_blank_row_and_shows_no_errors():
    data = QueryDict(mutable=True)
    data.update(case_post(wallet_balance="oops"))
    entry = CaseEntry.with_row(data, {})
    assert entry.total_forms == 4 and entry.field_errors() == [] and not entry.is_valid()


@pytest.mark.parametrize("slug", [slug for slug, preset in PRESETS.items() if preset.spec.path])
def test_a_path_written_out_reads_back_the_same(slug):
    rows = PRESETS[slug].spec.path
    assert parse_path(path_csv(rows)) == rows


def test_the_api_takes_the_fields_the_form_has():
    assert tuple(PositionForm.base_fields) == POSITION_FIELDS
