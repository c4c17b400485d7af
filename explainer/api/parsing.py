"""A JSON request body in; the engine's Account out, or every bad field named by its path.

The engine validates too, but it stops at the first broken rule. Here each field of the body
is checked on its own, so a client sees all of its mistakes at once; what only the account as
a whole can break (a wallet smaller than the isolated margins, two positions in one market
that the position mode does not allow) is left to the engine's MarginError.

Numbers arrive as JSON numbers or decimal strings and become Decimal without ever passing
through a binary float. A JSON true is not a number here, although Python counts True as 1.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from explainer.engine import MARKETS, Account, MarginMode, Position, PositionMode, Side
from explainer.engine.validation import MAX_POSITIONS

from . import numbers

MAX_STEPS = 10_000
MAX_ID_LENGTH = 64
MAX_ERRORS = 100
DEFAULT_MARKET = "BTC-PERP"
DEFAULT_POSITION_MODE = PositionMode.ONE_WAY
_PLAINLY = (
    'must be written plainly, such as "12.5": no sign, exponent or leading zero, and at most '
    f"{numbers.MAX_PLACES} decimal places (or sent as a JSON number)."
)
_NON_FINITE = {"NaN", "Infinity", "-Infinity"}


@dataclass(frozen=True)
class FieldError:
    field: str | None  # None: the body as a whole
    message: str


class InvalidBody(Exception):
    def __init__(self, errors: list[FieldError], *, status: int = 400):
        super().__init__(errors[0].message)
        self.errors = errors
        self.status = status

    @classmethod
    def whole(cls, message: str, *, status: int = 400) -> "InvalidBody":
        return cls([FieldError(None, message)], status=status)


@dataclass(frozen=True)
class Unusable:
    """A JSON number Decimal cannot hold (NaN, Infinity, 1e99999999999999999999).

    Kept as a value rather than raised while decoding, so the error can name its field.
    """

    text: str


@dataclass(frozen=True)
class EvaluateRequest:
    account: Account
    explain: bool


@dataclass(frozen=True)
class SimulateRequest:
    account: Account
    path: tuple[dict[str, Decimal], ...]
    liquidation_fee_rate: Decimal


class _DuplicateKey(ValueError):
    pass


def load(raw: bytes) -> object:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidBody.whole("The body is not UTF-8 text.") from None
    try:
        return json.loads(
            text,
            parse_float=_literal,
            parse_int=_literal,
            parse_constant=Unusable,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InvalidBody.whole(f"The body is not valid JSON: {error.msg} at {where}.") from None
    except _DuplicateKey as error:
        raise InvalidBody.whole(f"The key {error} appears twice in one object.") from None
    except RecursionError:
        raise InvalidBody.whole("The body nests lists or objects too deeply.") from None


def evaluate_request(data: object) -> EvaluateRequest:
    values = _parse(data, _EVALUATE)
    return EvaluateRequest(_account(values), explain=values["explain"])


def simulate_request(data: object) -> SimulateRequest:
    values = _parse(data, _SIMULATE)
    return SimulateRequest(_account(values), values["path"], values["liquidation_fee_rate"])


def _account(values: dict[str, Any]) -> Account:
    return Account(
        values["wallet_balance"], values["positions"], position_mode=values["position_mode"]
    )


class _Problems:
    """Every problem found in one body, in the order its fields were read."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []
        self.count = 0

    def add(self, field: str | None, message: str) -> None:
        self.count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(FieldError(field, message))

    def raise_any(self) -> None:
        if self.count > len(self.errors):
            more = self.count - len(self.errors)
            self.errors.append(FieldError(None, f"…and {more} more problems like these."))
        if self.errors:
            raise InvalidBody(self.errors)


type Parser = Callable[[Any, str, _Problems], Any]
_REQUIRED = object()


def _parse(data: object, spec: dict[str, tuple[Parser, Any]]) -> dict[str, Any]:
    problems = _Problems()
    values = _read(data, None, spec, problems, noun="The body")
    problems.raise_any()
    return values


def _read(
    data: object,
    path: str | None,
    spec: dict[str, tuple[Parser, Any]],
    problems: _Problems,
    *,
    noun: str,
) -> dict[str, Any]:
    """One JSON object's fields, parsed; None stands for a bad or absent value."""
    if not isinstance(data, dict):
        problems.add(path, f"{noun} must be a JSON object, not {_kind(data)}.")
        return dict.fromkeys(spec)
    for key in data:
        if key not in spec:
            problems.add(_join(path, key), f"Unknown field; {noun.lower()} has {', '.join(spec)}.")
    values = {}
    for name, (parse, default) in spec.items():
        field, value = _join(path, name), data.get(name)
        if value is not None:
            values[name] = parse(value, field, problems)
        elif default is _REQUIRED:
            problems.add(field, "This field is required" + (", not null." if name in data else "."))
            values[name] = None
        else:
            values[name] = default
    return values


def _positions(value: Any, field: str, problems: _Problems) -> tuple[Position, ...] | None:
    if not isinstance(value, list):
        problems.add(field, f"Positions must be a list, not {_kind(value)}.")
        return None
    if not 1 <= len(value) <= MAX_POSITIONS:
        problems.add(field, f"Send between 1 and {MAX_POSITIONS} positions, not {len(value)}.")
        return None
    positions = [_position(item, f"{field}[{index}]", problems) for index, item in enumerate(value)]
    _check_unique_ids(value, field, problems)
    if None in positions:
        return None
    return tuple(
        replace(position, id=position.id or str(index)) for index, position in enumerate(positions)
    )


def _position(data: Any, field: str, problems: _Problems) -> Position | None:
    before = problems.count
    values = _read(data, field, _POSITION, problems, noun="A position")
    _check_leverage(values, field, problems)
    _check_maintenance_amount(values, field, problems)
    if values["isolated_margin"] is not None and values["margin_mode"] is MarginMode.CROSS:
        problems.add(
            f"{field}.isolated_margin",
            "Only an isolated position takes isolated_margin; drop it or set margin_mode to "
            '"isolated".',
        )
    if problems.count > before:
        return None
    return Position(**{name: value for name, value in values.items() if value is not None})


def _check_leverage(values: dict[str, Any], field: str, problems: _Problems) -> None:
    """The market caps leverage, and caps it lower for a big position (its tier at entry)."""
    leverage, symbol = values["leverage"], values["market"]
    if leverage is None or symbol is None:
        return
    market = MARKETS[symbol]
    if leverage > market.max_leverage:
        message = f"{symbol} allows at most {market.max_leverage:f}× leverage."
        problems.add(f"{field}.leverage", message)
        return
    if values["size"] is None or values["entry_price"] is None:
        return
    notional = values["size"] * values["entry_price"]
    limit = market.tier_for(notional).max_leverage
    if leverage > limit:
        message = f"{symbol} allows at most {limit:f}× for {notional:,f} USDC notional at entry."
        problems.add(f"{field}.leverage", message)


def _check_maintenance_amount(values: dict[str, Any], field: str, problems: _Problems) -> None:
    """A given amount may not make MM = q·M·rate − amount negative at the mark."""
    amount, symbol, size = values["maintenance_amount"], values["market"], values["size"]
    mark = values["mark_price"] or values["entry_price"]
    if amount is None or symbol is None or size is None or mark is None:
        return
    notional = size * mark
    rate = values["maintenance_margin_rate"]
    if rate is None:
        rate = MARKETS[symbol].tier_for(notional).maintenance_margin_rate
    if amount > notional * rate:
        problems.add(
            f"{field}.maintenance_amount",
            f"The maintenance amount may be at most notional × rate ({notional * rate:,f} USDC "
            "here), or the maintenance margin would be negative.",
        )


def _check_unique_ids(items: list[Any], field: str, problems: _Problems) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        given = item.get("id") if isinstance(item, dict) else None
        identity = given if isinstance(given, str) else str(index)
        if identity in seen:
            problems.add(
                f"{field}[{index}].id",
                f"Id {_shown(identity)} is already used by {field}[{seen[identity]}]; ids must be "
                "unique (a position without one is given its index).",
            )
        seen.setdefault(identity, index)


def _path(value: Any, field: str, problems: _Problems) -> tuple[dict[str, Decimal], ...] | None:
    if not isinstance(value, list):
        problems.add(field, f"Path must be a list of steps, not {_kind(value)}.")
        return None
    if not 1 <= len(value) <= MAX_STEPS:
        problems.add(field, f"Send between 1 and {MAX_STEPS:,} steps, not {len(value):,}.")
        return None
    steps = [_marks(item, f"{field}[{index}]", problems) for index, item in enumerate(value)]
    return None if None in steps else tuple(steps)


def _marks(value: Any, field: str, problems: _Problems) -> dict[str, Decimal] | None:
    if not isinstance(value, dict) or not value:
        example = '{"BTC-PERP": "59000"}'
        problems.add(
            field, f"Each step must be an object of mark prices by market, e.g. {example}."
        )
        return None
    before, marks = problems.count, {}
    for symbol, price in value.items():
        if symbol in MARKETS:
            marks[symbol] = _number(
                price, f"{field}.{symbol}", problems, numbers.POSITIVE, label="Mark price"
            )
        else:
            problems.add(f"{field}.{symbol}", _unknown_market(symbol))
    return marks if problems.count == before else None


def _number(
    value: Any, field: str, problems: _Problems, kind: numbers.Kind, *, label: str | None = None
) -> Decimal | None:
    number, problem = _decimal(value, kind)
    if problem:
        problems.add(field, f"{label or _label(field)} {problem}")
    return number


def _decimal(value: Any, kind: numbers.Kind) -> tuple[Decimal | None, str | None]:
    """The number a JSON value holds, or the end of a sentence saying why it holds none."""
    if isinstance(value, str):
        if numbers.is_plain(kind, value):
            return Decimal(value), None
        if not numbers.looks_like_a_number(value):
            return None, f'must be a decimal number such as "12.5", not {_shown(value)}.'
        value = _literal(value)
        if isinstance(value, Decimal):
            return None, kind.check(value if value else value.copy_abs()) or _PLAINLY
    elif isinstance(value, int) and not isinstance(value, bool):  # from Python callers, not JSON
        value = Decimal(value)
    if isinstance(value, Unusable):
        if value.text in _NON_FINITE:
            return None, f"must be a finite number, not {value.text}."
        return None, "is out of range: at most 1e15 in size."
    if not isinstance(value, Decimal):
        return None, f"must be a number or a decimal string, not {_kind(value)}."
    value = value if value else value.copy_abs()  # −0 is 0
    problem = kind.check(value)
    return (None, problem) if problem else (value, None)


def _numeric(kind: numbers.Kind) -> Parser:
    def parse(value: Any, field: str, problems: _Problems) -> Decimal | None:
        return _number(value, field, problems, kind)

    return parse


_positive = _numeric(numbers.POSITIVE)
_non_negative = _numeric(numbers.NON_NEGATIVE)
_rate = _numeric(numbers.RATE)
_leverage = _numeric(numbers.LEVERAGE)


def _side(value: Any, field: str, problems: _Problems) -> Side | None:
    return _choice(Side, value, field, problems)


def _margin_mode(value: Any, field: str, problems: _Problems) -> MarginMode | None:
    return _choice(MarginMode, value, field, problems)


def _position_mode(value: Any, field: str, problems: _Problems) -> PositionMode | None:
    return _choice(PositionMode, value, field, problems)


def _choice[E: (Side, MarginMode, PositionMode)](
    kind: type[E], value: Any, field: str, problems: _Problems
) -> E | None:
    if isinstance(value, str) and value in {member.value for member in kind}:
        return kind(value)
    options = " or ".join(f'"{member.value}"' for member in kind)
    problems.add(field, f"{_label(field)} must be {options}, not {_shown(value)}.")
    return None


def _market(value: Any, field: str, problems: _Problems) -> str | None:
    if isinstance(value, str) and value in MARKETS:
        return value
    problems.add(field, _unknown_market(value))
    return None


def _id(value: Any, field: str, problems: _Problems) -> str | None:
    if isinstance(value, str) and 1 <= len(value) <= MAX_ID_LENGTH:
        return value
    problems.add(field, f"Id must be a string of 1 to {MAX_ID_LENGTH} characters.")
    return None


def _flag(value: Any, field: str, problems: _Problems) -> bool | None:
    if isinstance(value, bool):
        return value
    problems.add(field, f"{_label(field)} must be true or false, not {_shown(value)}.")
    return None


_POSITION: dict[str, tuple[Parser, Any]] = {
    "id": (_id, None),
    "market": (_market, DEFAULT_MARKET),
    "side": (_side, _REQUIRED),
    "size": (_positive, _REQUIRED),
    "entry_price": (_positive, _REQUIRED),
    "mark_price": (_positive, None),
    "leverage": (_leverage, _REQUIRED),
    "margin_mode": (_margin_mode, _REQUIRED),
    "isolated_margin": (_positive, None),
    "maintenance_margin_rate": (_rate, None),
    "maintenance_amount": (_non_negative, None),
}
_ACCOUNT: dict[str, tuple[Parser, Any]] = {
    "wallet_balance": (_non_negative, _REQUIRED),
    "positions": (_positions, _REQUIRED),
    "position_mode": (_position_mode, DEFAULT_POSITION_MODE),
}
_EVALUATE = {**_ACCOUNT, "explain": (_flag, False)}
_SIMULATE = {**_ACCOUNT, "path": (_path, _REQUIRED), "liquidation_fee_rate": (_rate, Decimal(0))}


def _literal(text: str) -> Decimal | Unusable:
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent too large for Decimal to hold
        return Unusable(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        raise _DuplicateKey(_shown(_first_repeated(key for key, _ in pairs)))
    return result


def _first_repeated(keys: Iterable[str]) -> str:
    """One pass with a set: a body of many keys must cost linear time, not quadratic."""
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    raise AssertionError("called only when a key repeats")


def _unknown_market(value: Any) -> str:
    return f"Unknown market {_shown(value)}; choose one of {', '.join(MARKETS)}."


def _join(path: str | None, name: str) -> str:
    return name if path is None else f"{path}.{name}"


def _label(field: str) -> str:
    name = field.rsplit(".", 1)[-1].split("[", 1)[0]
    return name.replace("_", " ").capitalize()


def _kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return {dict: "an object", list: "a list", str: "a string"}.get(type(value), "a number")


def _shown(value: Any) -> str:
    if not isinstance(value, str):
        return _kind(value)
    return json.dumps(value if len(value) <= 40 else value[:40] + "…")
