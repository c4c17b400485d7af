"""A case's whole entry, checked together: `CaseEntry` takes the case form and its positions
(see `forms`), then the marks or the price path for every market held, what the exchange
reported, and the engine's own rules for the account, turning its MarginError into an error on
the field that caused it, once (`CaseEntry._engine_error`). `entry_from_json` maps an API body
onto the same form data, so the API and the page validate alike.

Every error is named by an API-style path: `wallet_balance`, `positions[0].size`,
`marks.BTC-PERP`, `path_csv` (one entry per CSV problem), `reported.price`.
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from django import forms
from django.forms.utils import ErrorDict, ErrorList

from explainer.engine import (
    MARKETS,
    AccountResult,
    MarginError,
    MarginMode,
    PositionMode,
    Replay,
    Side,
    evaluate,
)
from explainer.engine.cases import Case
from explainer.engine.decimals import plain
from explainer.engine.diagnosis import replayed

from .form_data import (
    MAX_POSITIONS,
    PREFIX,
    body_form_data,
    initial_values,
    mark_name,
)
from .forms import (
    ACCOUNT_FIELDS,
    PATH_NAMES,
    CaseForm,
    PositionForm,
    PositionFormSet,
)
from .price_path import PathErrors, parse_path, read_upload
from .spec import CasePosition, CaseSpec, PriceRow, ReportedSpec, to_case

ZERO = Decimal(0)


@dataclass(frozen=True)
class FieldError:
    path: str | None  # API-style; None for the case as a whole
    anchor: str  # the id of the input to jump to from the summary, or ""
    label: str
    message: str


class CaseEntry:
    """The case form and its positions, validated together and then by the engine."""

    def __init__(
        self,
        data=None,
        files=None,
        *,
        initial_spec: CaseSpec | None = None,
        ticket_reference: str = "",
        every_row_counts: bool = False,
    ):
        """`every_row_counts`: a blank row is an error, not a row to skip (the API)."""
        case, rows = initial_values(initial_spec) if initial_spec else ({}, [])
        self.form = CaseForm(data, files, initial=case | {"ticket_reference": ticket_reference})
        kwargs = {"empty_permitted": False} if every_row_counts else {}
        self.positions = PositionFormSet(data, prefix=PREFIX, initial=rows, form_kwargs=kwargs)
        self.given: list[tuple[str | None, str]] = []  # what entry_from_json could not map
        self.too_large = False  # the path was refused for its size
        self.upload_lost = False  # an uploaded file could not be read, so it is gone
        self.quiet = False  # values without their errors (see `with_row`)
        self._spec: CaseSpec | None = None
        self._checked = False
        self._rows: list[tuple[int, PositionForm]] = []

    @classmethod
    def with_row(cls, data, files) -> "CaseEntry":
        """What was typed, plus one more blank position row (the "Add a position" button
        without JavaScript), shown without errors: the person has not finished."""
        data = data.copy()
        try:
            total = int(data.get(f"{PREFIX}-TOTAL_FORMS", 1))
        except ValueError:
            total = 1
        data[f"{PREFIX}-TOTAL_FORMS"] = str(max(1, min(total + 1, MAX_POSITIONS)))
        entry = cls(data, files)
        if upload := files.get("path_file"):
            try:
                entry._show_path(read_upload(upload))
            except PathErrors:
                entry.upload_lost = True
        entry.quiet = True
        for form in [entry.form, *entry.positions.forms]:
            form._errors = ErrorDict()  # rendered as bound, never cleaned
        entry.positions._errors, entry.positions._non_form_errors = [], ErrorList()
        return entry

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    @property
    def spec(self) -> CaseSpec:
        if not self.is_valid():
            raise ValueError("The case is not valid; see errors().")
        return self._spec

    @property
    def ticket_reference(self) -> str:
        return self.form.cleaned_data.get("ticket_reference", "") if self.is_valid() else ""

    @property
    def mark_fields(self) -> list[forms.BoundField]:
        return [self.form[mark_name(market)] for market in MARKETS]

    @property
    def total_forms(self) -> int:
        return self.positions.total_form_count()

    def is_valid(self) -> bool:
        if not self.is_bound or self.quiet:
            return False
        if not self._checked:
            self._checked = True
            self._check()
        return self._spec is not None

    def errors(self) -> list[tuple[str | None, str]]:
        """Every error, in the order of the page, named by its API-style path."""
        found = list(self.given)
        taken = {path for path, _ in found}
        found += [(e.path, e.message) for e in self.field_errors() if e.path not in taken]
        return found

    def field_errors(self) -> list[FieldError]:
        """The form's errors in the order of the page, with where each is shown."""
        if not self.is_bound or self.quiet:
            return []
        self.is_valid()
        return list(self._field_errors())

    def _check(self) -> None:
        fields_valid = all([self.form.is_valid(), self.positions.is_valid()])  # both, always
        self._rows = [
            (index, form)
            for index, form in enumerate(self.positions.forms)
            if not form.cleaned_data.get("DELETE")
            and (form.has_changed() or not form.empty_permitted)
        ]
        held = [form.cleaned_data.get("market") for _, form in self._rows]
        path = self._checked_movement(held)
        self._check_reported(path)
        still_valid = self.form.is_valid() and self.positions.is_valid()
        if fields_valid and still_valid and not self.given:
            self._spec = self._engine_checked(self._build(held, path))
        for form in [self.form, *self.positions.forms]:
            for name in form.errors:
                if name in form.fields:
                    form.fields[name].widget.attrs["class"] += " is-invalid"

    def _checked_movement(self, held: list[str | None]) -> tuple[PriceRow, ...]:
        movement = self.form.cleaned_data.get("movement")
        if movement == "path":
            return self._read_path(held)
        if movement == "marks":
            for market in dict.fromkeys(market for market in held if market):
                name = mark_name(market)
                if self.form.cleaned_data.get(name) is None and name not in self.form.errors:
                    self.form.add_error(
                        name,
                        f"Enter the {market} mark price when the account was liquidated: "
                        "a position is held there.",
                    )
        return ()

    def _read_path(self, held: list[str | None]) -> tuple[PriceRow, ...]:
        upload = self.form.cleaned_data.get("path_file")
        text = self.form.cleaned_data.get("path_csv", "")
        field = "path_file" if upload else "path_csv"
        if not upload and not text:
            self.form.add_error(field, "Paste the price path here, or upload it as a CSV file.")
            return ()
        try:
            if upload:
                text = read_upload(upload)
                self._show_path(text)
                field = "path_csv"  # its rows are now in the box, where they can be fixed
            rows = parse_path(text)
        except PathErrors as errors:
            self.too_large = errors.too_large
            self.upload_lost = field == "path_file"
            for problem in errors.problems:
                self.form.add_error(field, problem.message)
            return ()
        if all(held):
            self._check_markets(rows, held, field)
        return rows

    def _show_path(self, text: str) -> None:
        """Put an uploaded file's text in the box, so a form sent back with errors keeps it."""
        self.form.data = self.form.data.copy()
        self.form.data["path_csv"] = text

    def _check_markets(self, rows: tuple[PriceRow, ...], held: list[str], field: str) -> None:
        priced = dict.fromkeys(row.market for row in rows)
        missing = [market for market in dict.fromkeys(held) if market not in priced]
        extra = [market for market in priced if market not in held]
        if missing:
            self.form.add_error(
                field,
                f"The path has no prices for {_and(missing)}, where a position is held. Every "
                "market with a position needs its mark prices in the path.",
            )
        if extra:
            self.form.add_error(
                field,
                f"The path has prices for {_and(extra)}, where no position is held: is this the "
                "customer's file? Remove those rows, or add the position.",
            )

    def _check_reported(self, path: tuple[PriceRow, ...]) -> None:
        data = self.form.cleaned_data
        time = data.get("reported_time")
        if time is not None and data.get("movement") == "marks":
            self.form.add_error(
                "reported_time",
                "A time needs a price path, which has a clock; the marks alone have none. Leave "
                "the time empty, or give the path.",
            )
        if time is not None and path and time < path[0].time:
            self.form.add_error(
                "reported_time",
                f"The time is before the path's first row ({path[0].time:%Y-%m-%d %H:%M:%S} "
                "UTC). Check the time zone, or give a path that starts earlier.",
            )
        number = data.get("reported_position")
        if number is not None and number - 1 not in {index for index, _ in self._rows}:
            self.form.add_error(
                "reported_position",
                f"There is no position {number} on the form. Choose one of the positions "
                "entered, or “Not given”.",
            )

    def _build(self, held: list[str], path: tuple[PriceRow, ...]) -> CaseSpec:
        data = self.form.cleaned_data
        number = data.get("reported_position")
        if number is not None:  # the form's row number, as the spec counts the rows kept
            number = [index for index, _ in self._rows].index(number - 1) + 1
        reported = ReportedSpec(number, data.get("reported_price"), data.get("reported_time"))
        marks = {market: data[mark_name(market)] for market in dict.fromkeys(held)}
        return CaseSpec(
            wallet_balance=data["wallet_balance"],
            positions=tuple(_position(form.cleaned_data) for _, form in self._rows),
            position_mode=PositionMode(data["position_mode"]),
            marks={} if path else marks,
            path=path,
            reported=None if reported == ReportedSpec() else reported,
            partial_liquidation=data["partial_liquidation"],
            insurance_fund=data.get("insurance_fund"),
            funding_along_path=data["funding_along_path"],
        )

    def _engine_checked(self, spec: CaseSpec) -> CaseSpec | None:
        try:
            case = to_case(spec)
            _check_paid(spec, evaluate(case.account))
            replay_case(case)  # what only the walk along the path finds, like too much funding
        except MarginError as error:
            self._engine_error(error)
            return None
        return spec

    def _engine_error(self, error: MarginError) -> None:
        rows = self._rows
        message = ROW_MENTION.sub(lambda m: _row_words(rows, int(m[1])), error.message)
        path = error.field or ""
        if (match := ROW_PATH.fullmatch(path)) and int(match[1]) < len(rows):
            form = rows[int(match[1])][1]
            form.add_error(match[2] if match[2] in form.fields else None, message)
        elif path in self.form.fields:
            self.form.add_error(path, message)
        elif path.startswith("path") or path == "hours_per_step":
            self.form.add_error("path_csv", message)
        else:
            self.form.add_error(None, message)

    def _field_errors(self) -> Iterator[FieldError]:
        yield from self._case_errors(ACCOUNT_FIELDS)
        for message in self.positions.non_form_errors():
            yield FieldError("positions", "positions", "Positions", message)
        for index, form in enumerate(self.positions.forms):
            if form.cleaned_data.get("DELETE"):
                continue  # a row being removed is not checked
            for message in form.non_field_errors():
                yield FieldError(
                    f"positions[{index}]", f"position-{index}", f"Position {index + 1}", message
                )
            for name in form.fields:
                for message in form.errors.get(name, ()):
                    label = f"Position {index + 1}: {form[name].label}"
                    yield FieldError(
                        f"positions[{index}].{name}", _anchor(form[name]), label, message
                    )
        yield from self._case_errors([n for n in self.form.fields if n not in ACCOUNT_FIELDS])
        for message in self.form.non_field_errors():
            yield FieldError(None, "", "The case", message)

    def _case_errors(self, names) -> Iterator[FieldError]:
        for name in names:
            for message in self.form.errors.get(name, ()):
                bound = self.form[name]
                yield FieldError(PATH_NAMES.get(name, name), _anchor(bound), bound.label, message)


ROW_PATH = re.compile(r"positions\[(\d+)\]\.(\w+)")
ROW_MENTION = re.compile(r"positions\[(\d+)\]")


def _row_words(rows: list[tuple[int, forms.Form]], kept: int) -> str:
    """The engine counts the rows kept from 0; the form shows every row from 1."""
    return f"position {rows[kept][0] + 1}" if kept < len(rows) else f"position {kept + 1}"


def _anchor(bound: forms.BoundField) -> str:
    if isinstance(bound.field.widget, forms.RadioSelect):
        return f"{bound.auto_id}_0"
    return bound.auto_id


def _position(data: Mapping[str, Any]) -> CasePosition:
    return CasePosition(
        market=data["market"],
        side=Side(data["side"]),
        size=data["size"],
        entry_price=data["entry_price"],
        leverage=data["leverage"],
        margin_mode=MarginMode(data["margin_mode"]),
        isolated_margin=data.get("isolated_margin"),
        fees_paid=data.get("fees_paid") or ZERO,
        funding_paid=data.get("funding_paid") or ZERO,
    )


def _check_paid(spec: CaseSpec, result: AccountResult) -> None:
    """What was paid before the path must have been payable: funding out of an isolated
    margin leaves some of it, and fees and cross funding fit in the wallet beside the
    isolated margins."""
    with localcontext(prec=80):  # exact for any inputs within the bounds
        left, paid = spec.wallet_balance, ZERO
        for index, (item, figures) in enumerate(zip(spec.positions, result.positions, strict=True)):
            paid += item.fees_paid
            if item.margin_mode is MarginMode.CROSS:
                paid += item.funding_paid
                continue
            left -= figures.margin
            if item.funding_paid >= figures.margin:
                raise MarginError(
                    f"The funding paid ({plain(item.funding_paid)} USDC) is all of the position's "
                    f"isolated margin ({plain(figures.margin)} USDC) or more, so it would have "
                    "been closed already. Check the amount, or enter the isolated margin.",
                    field=f"positions[{index}].funding_paid",
                )
        if paid > left:
            raise MarginError(
                f"The fees and funding entered ({plain(paid)} USDC) are more than the wallet "
                f"holds beside the isolated margins ({plain(left)} USDC). Enter the wallet "
                "balance from before they were paid.",
                field="wallet_balance",
            )


def replay_case(case: Case) -> Replay:
    """The replay the case page shows (`engine.diagnosis`)."""
    return replayed(case)[1]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def entry_from_json(body: Mapping[str, Any]) -> CaseEntry:
    """The API's case body through the form's validation. Numbers may be Decimal, int or
    str; booleans must be true or false; an unknown key is an error naming it."""
    data, problems = body_form_data(body)
    entry = CaseEntry(data, every_row_counts=True)
    entry.given = problems
    return entry
