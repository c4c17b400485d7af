"""What the case form is given to show or check, other than what a browser sends: the
values of a stored case or a preset (`initial_values`), and an API body turned into the form's
data (`body_form_data`), with what could not even be put in the form named by its path.

The form's names live here too: `positions-<n>-<field>` for a position (PREFIX),
`mark_<market>` for a market's mark.
"""

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from explainer.engine import MARKETS, PositionMode

from .spec import CaseSpec, PriceRow, ReportedSpec

MAX_POSITIONS = 10  # the engine takes up to 50; a ticket about more is not one case
PREFIX = "positions"
KNOWN_MARKETS = ", ".join(MARKETS)

type Problem = tuple[str | None, str]


def mark_name(market: str) -> str:
    return f"mark_{market}"


# Initial values: a stored case or a preset, put back into the form.


def initial_values(spec: CaseSpec) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    reported = spec.reported or ReportedSpec()
    case = {
        "wallet_balance": _shown(spec.wallet_balance),
        "position_mode": spec.position_mode.value,
        "movement": "path" if spec.path else "marks",
        **{mark_name(market): _shown(mark) for market, mark in spec.marks.items()},
        "path_csv": path_csv(spec.path),
        "reported_position": reported.position,
        "reported_price": _shown(reported.price),
        "reported_time": _time_text(reported.time) if reported.time else "",
        "partial_liquidation": spec.partial_liquidation,
        "insurance_fund": _shown(spec.insurance_fund),
        "funding_along_path": spec.funding_along_path,
    }
    rows = [
        {
            "market": item.market,
            "side": item.side.value,
            "size": _shown(item.size),
            "entry_price": _shown(item.entry_price),
            "leverage": _shown(item.leverage),
            "margin_mode": item.margin_mode.value,
            "isolated_margin": _shown(item.isolated_margin),
            "fees_paid": _shown(item.fees_paid),
            "funding_paid": _shown(item.funding_paid),
        }
        for item in spec.positions
    ]
    return case, rows


def path_csv(rows: tuple[PriceRow, ...]) -> str:
    """A path as the CSV `price_path.parse_path` reads back."""
    if not rows:
        return ""
    columns = ["time", "market", "mark"]
    columns += [name for name in ("last", "index") if any(getattr(r, name) for r in rows)]
    lines = [",".join(columns)]
    for row in rows:
        cells = [_time_text(row.time), row.market]
        cells += [_shown(getattr(row, name)) for name in columns[2:]]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def _shown(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _time_text(time: datetime) -> str:
    return time.astimezone(UTC).isoformat().replace("+00:00", "Z")


# The API's body, as form data.

JSON_FIELDS = (
    "ticket_reference",
    "wallet_balance",
    "position_mode",
    "positions",
    "marks",
    "path_csv",
    "reported",
    "partial_liquidation",
    "insurance_fund",
    "funding_along_path",
)
POSITION_NUMBERS = (
    "size",
    "entry_price",
    "leverage",
    "isolated_margin",
    "fees_paid",
    "funding_paid",
)
POSITION_FIELDS = (  # PositionForm's fields, in its order
    "market",
    "side",
    "size",
    "entry_price",
    "leverage",
    "margin_mode",
    "isolated_margin",
    "fees_paid",
    "funding_paid",
)
REPORTED_FIELDS = ("position", "price", "time")


def body_form_data(body: object) -> tuple[dict[str, Any], list[Problem]]:
    """The form data an API body stands for, and what in it could not be put in the form.
    Numbers may be Decimal, int or str; booleans must be true or false; an unknown key is a
    problem naming it."""
    reader = _Body()
    return reader.read(body), reader.problems


class _Body:
    """Reads a body into form data, noting what cannot even be put in the form."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, body: object) -> dict[str, Any]:
        if not isinstance(body, Mapping):
            self.problems.append((None, "The body must be a JSON object of the case's fields."))
            body = {}
        self.unknown(body, JSON_FIELDS, "")
        data: dict[str, Any] = {
            "ticket_reference": self.text(body, "ticket_reference"),
            "wallet_balance": self.number(body, "wallet_balance"),
            "position_mode": self.text(body, "position_mode") or PositionMode.ONE_WAY.value,
            "partial_liquidation": self.flag(body, "partial_liquidation", default=False),
            "insurance_fund": self.number(body, "insurance_fund"),
            "funding_along_path": self.flag(body, "funding_along_path", default=True),
            "path_csv": self.text(body, "path_csv"),
        }
        data["movement"] = "path" if body.get("path_csv") is not None else "marks"
        return data | self.marks(body, data) | self.reported(body) | self.positions(body)

    def marks(self, body: Mapping[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        marks = body.get("marks")
        if marks is None:
            return {}
        if not isinstance(marks, Mapping):
            self.problems.append(
                ("marks", 'marks maps each market to its mark price, like {"BTC-PERP": 64250.5}.')
            )
            return {}
        if marks and data["movement"] == "path":
            self.problems.append(("marks", "Give either marks or path_csv, not both."))
        found = {}
        for market in marks:
            if market in MARKETS:
                found[mark_name(market)] = self.number(marks, market, f"marks.{market}")
            else:
                self.problems.append(
                    (
                        f"marks.{market}",
                        f"Unknown market {market!r}; choose one of {KNOWN_MARKETS}.",
                    )
                )
        return found

    def reported(self, body: Mapping[str, Any]) -> dict[str, Any]:
        reported = body.get("reported")
        if reported is None:
            return {}
        if not isinstance(reported, Mapping):
            self.problems.append(("reported", "reported is an object: position, price and time."))
            return {}
        self.unknown(reported, REPORTED_FIELDS, "reported.")
        return {
            "reported_position": self.count(reported, "position", "reported.position"),
            "reported_price": self.number(reported, "price", "reported.price"),
            "reported_time": self.text(reported, "time", "reported.time"),
        }

    def positions(self, body: Mapping[str, Any]) -> dict[str, Any]:
        items = body.get("positions")
        if items is None:
            items = []
        if not isinstance(items, list):
            self.problems.append(("positions", "positions is a list of position objects."))
            items = []
        data = {
            f"{PREFIX}-TOTAL_FORMS": str(len(items)),
            f"{PREFIX}-INITIAL_FORMS": "0",
        }
        for index, item in enumerate(items[:MAX_POSITIONS]):
            path = f"positions[{index}]"
            if not isinstance(item, Mapping):
                self.problems.append((path, "Each position is an object of its fields."))
                continue
            self.unknown(item, POSITION_FIELDS, f"{path}.")
            for name in POSITION_FIELDS:
                read = self.number if name in POSITION_NUMBERS else self.text
                data[f"{PREFIX}-{index}-{name}"] = read(item, name, f"{path}.{name}")
        return data

    def unknown(self, given: Mapping[str, Any], known: tuple[str, ...], prefix: str) -> None:
        for key in given:
            if key not in known:
                self.problems.append(
                    (
                        f"{prefix}{key}",
                        f"Unknown field {key!r}; the fields here are {', '.join(known)}.",
                    )
                )

    def text(self, source: Mapping[str, Any], key: str, path: str = "") -> str:
        value = source.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problems.append((path or key, f"{path or key} must be a string."))
            return ""
        return value

    def number(self, source: Mapping[str, Any], key: str, path: str = "") -> str:
        value = source.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return str(value)
        self.problems.append((path or key, f"{path or key} must be a number, like 500 or 0.02."))
        return ""

    def count(self, source: Mapping[str, Any], key: str, path: str) -> str:
        value = source.get(key)
        # A position number is small: 1e5000 would make a 5,000-digit int, which str() refuses.
        if (
            isinstance(value, Decimal)
            and value.is_finite()
            and abs(value) < 1_000_000
            and value == value.to_integral_value()
        ):
            return str(int(value))
        return self.number(source, key, path)

    def flag(self, source: Mapping[str, Any], key: str, *, default: bool) -> bool:
        value = source.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems.append((key, f"{key} must be true or false."))
            return default
        return value
