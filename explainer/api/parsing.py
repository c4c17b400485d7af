"""A JSON request body in; the engine's Account out, or every bad field named by its path.

The engine validates too, but it stops at the first broken rule. Here each field of the body
is checked on its own, so a client sees all of its mistakes at once; what only the account as
a whole can break (a wallet smaller than the isolated margins, two positions in one market
that the position mode does not allow) or only the replay finds out (a clock that runs
backwards, a position to deleverage that is closed or not in profit) is left to the engine's
MarginError, whose field names the API uses too.

Numbers arrive as JSON numbers or decimal strings and become Decimal without ever passing
through a binary float. A JSON true is not a number here, although Python counts True as 1.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from explainer.engine import (
    MARKETS,
    Account,
    FeeRates,
    MarginMode,
    PathStep,
    Position,
    PositionMode,
    Quote,
    Side,
    simulation,
)
from explainer.engine.validation import MAX_POSITIONS

from . import numbers

MAX_STEPS = 10_000
MAX_ID_LENGTH = 64
MAX_ERRORS = 100
# Funding pays each position at each funding time the clock passes: the work, and the events
# in the answer, grow with the clock and not with the body. The engine's bound.
MAX_FUNDING_PAYMENTS = simulation.MAX_FUNDING_PAYMENTS
MARKET_FEE = "market"  # liquidation_fee_rate: each market's own rate
DEFAULT_MARKET = "BTC-PERP"
DEFAULT_POSITION_MODE = PositionMode.ONE_WAY
_PLAINLY = (
    'must be written plainly, such as "12.5": no sign, exponent or leading zero, and at most '
    f"{numbers.MAX_PLACES} decimal places (or sent as a JSON number)."
)
_PLAINLY_SIGNED = _PLAINLY.replace('"12.5": no sign,', '"-0.0001": no plus sign,')
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
    path: tuple[dict[str, Decimal] | PathStep, ...]
    # The engine's replay settings, as keyword arguments.
    settings: dict[str, Any]
    # Whether the answer carries the fields of funding, the clock, partial liquidation, the
    # insurance fund and the object form of steps: only a request that uses one of them gets
    # them, so a request written before they existed gets exactly the answer it got then.
    extended: bool


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
    values = _parse(data, _SIMULATE, checks=(_check_funding_payments,))
    fee_rate = values["liquidation_fee_rate"]
    settings = {name: values[name] for name in _REPLAY_SETTINGS}
    settings["liquidation_fee_rate"] = None if fee_rate == MARKET_FEE else fee_rate
    return SimulateRequest(_account(values), values["path"], settings, _extended(values))


def _account(values: dict[str, Any]) -> Account:
    return Account(
        values["wallet_balance"],
        values["positions"],
        position_mode=values["position_mode"],
        reserve_closing_fee=values["reserve_closing_fee"],
        fee_rates=values["fee_rates"] or {},
    )


def _extended(values: dict[str, Any]) -> bool:
    given = (values[name] is not None for name in ("funding_rates", "hours_per_step"))
    return (
        any(given)
        or values["insurance_fund"] is not None
        or values["partial_liquidation"]
        or any(isinstance(step, PathStep) for step in values["path"])
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


def _parse(
    data: object,
    spec: dict[str, tuple[Parser, Any]],
    *,
    checks: tuple[Callable[[dict[str, Any], _Problems], None], ...] = (),
) -> dict[str, Any]:
    problems = _Problems()
    values = _read(data, None, spec, problems, noun="The body")
    for check in checks:
        check(values, problems)
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


def _path(
    value: Any, field: str, problems: _Problems
) -> tuple[dict[str, Decimal] | PathStep, ...] | None:
    if not isinstance(value, list):
        problems.add(field, f"Path must be a list of steps, not {_kind(value)}.")
        return None
    if not 1 <= len(value) <= MAX_STEPS:
        problems.add(field, f"Send between 1 and {MAX_STEPS:,} steps, not {len(value):,}.")
        return None
    steps = [_step(item, f"{field}[{index}]", problems) for index, item in enumerate(value)]
    return None if None in steps else tuple(steps)


def _step(value: Any, field: str, problems: _Problems) -> dict[str, Decimal] | PathStep | None:
    """A step of marks by market (the first form), or an object with "prices" (no market is
    named "prices") and the step's hours and positions to deleverage."""
    if not isinstance(value, dict) or "prices" not in value:
        return _marks(value, field, problems)
    before = problems.count
    values = _read(value, field, _PATH_STEP, problems, noun="A step")
    if problems.count > before:
        return None
    return PathStep(values["prices"], hours=values["hours"], deleverage=values["deleverage"])


def _marks(value: Any, field: str, problems: _Problems) -> dict[str, Decimal] | None:
    if not isinstance(value, dict) or not value:
        example = '{"BTC-PERP": "59000"}'
        problems.add(
            field,
            f"Each step must be an object of mark prices by market, e.g. {example}, or an "
            'object with "prices" (and "hours" or "deleverage").',
        )
        return None
    before, marks = problems.count, {}
    for symbol, price in value.items():
        if symbol in MARKETS:
            marks[symbol] = _number(
                price, f"{field}.{symbol}", problems, numbers.POSITIVE, label="Mark price"
            )
        elif symbol in _PATH_STEP:
            problems.add(
                f"{field}.{symbol}",
                f'A step with "{symbol}" puts its prices under "prices", e.g. '
                f'{{"prices": {{"BTC-PERP": "59000"}}, "{symbol}": …}}.',
            )
        else:
            problems.add(f"{field}.{symbol}", _unknown_market(symbol))
    return marks if problems.count == before else None


def _prices(value: Any, field: str, problems: _Problems) -> dict[str, Decimal | Quote] | None:
    if not isinstance(value, dict):
        problems.add(field, f"Prices must be an object of prices by market, not {_kind(value)}.")
        return None
    before, prices = problems.count, {}
    for symbol, price in value.items():
        where = f"{field}.{symbol}"
        if symbol not in MARKETS:
            problems.add(where, _unknown_market(symbol))
        elif isinstance(price, dict):
            quote = _read(price, where, _QUOTE, problems, noun="A quote")
            prices[symbol] = Quote(quote["mark"], quote["last"], quote["index"])
        else:
            prices[symbol] = _number(price, where, problems, numbers.POSITIVE, label="Mark price")
    return prices if problems.count == before else None


def _deleverage(value: Any, field: str, problems: _Problems) -> tuple[str, ...] | None:
    message = (
        f"Deleverage must be a list of up to {MAX_POSITIONS} different position ids, each a "
        f"string of 1 to {MAX_ID_LENGTH} characters."
    )
    ids = value if isinstance(value, list) else None
    if (
        ids is None
        or len(ids) > MAX_POSITIONS
        or not all(isinstance(i, str) and 1 <= len(i) <= MAX_ID_LENGTH for i in ids)
        or len(set(ids)) < len(ids)
    ):
        problems.add(field, message)
        return None
    return tuple(ids)


def _check_funding_payments(values: dict[str, Any], problems: _Problems) -> None:
    """Bound the funding payments before the replay makes them: each position pays at each
    funding time its market's clock passes, however few the steps."""
    positions, path = values["positions"], values["path"]
    if values["funding_rates"] is None or positions is None or path is None:
        return
    clocks = [_clock(step, index, values["hours_per_step"]) for index, step in enumerate(path)]
    known = [(hours, field) for hours, field in clocks if hours is not None]
    if not known:
        return  # no clock at all: the engine refuses funding without one
    end, field = max(known, key=lambda clock: clock[0])
    interval = values["funding_interval_hours"]
    payments = sum(
        int(end / (interval or MARKETS[symbol].funding.interval_hours)) * count
        for symbol, count in Counter(position.market for position in positions).items()
    )
    if payments > MAX_FUNDING_PAYMENTS:
        problems.add(
            field,
            f"The path's clock reaches {end:,f} hours: that is {payments:,} funding payments "
            f"(each position at each funding time), and a replay makes at most "
            f"{MAX_FUNDING_PAYMENTS:,}. Shorten the clock or lengthen funding_interval_hours.",
        )


def _clock(
    step: dict[str, Decimal] | PathStep, index: int, hours_per_step: Decimal | None
) -> tuple[Decimal | None, str]:
    """A step's hours, as the engine reads them, and the field that set them."""
    if isinstance(step, PathStep) and step.hours is not None:
        return step.hours, f"path[{index}].hours"
    if hours_per_step is None:
        return None, "hours_per_step"
    return index * hours_per_step, "hours_per_step"


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
            return Decimal(value) or Decimal(0), None  # "-0" is 0
        if not numbers.looks_like_a_number(value):
            return None, f'must be a decimal number such as "12.5", not {_shown(value)}.'
        value = _literal(value)
        if isinstance(value, Decimal):
            plainly = _PLAINLY_SIGNED if kind.low < 0 else _PLAINLY
            return None, kind.check(value if value else value.copy_abs()) or plainly
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


def _numeric(kind: numbers.Kind, *, label: str | None = None) -> Parser:
    def parse(value: Any, field: str, problems: _Problems) -> Decimal | None:
        return _number(value, field, problems, kind, label=label)

    return parse


_positive = _numeric(numbers.POSITIVE)
_non_negative = _numeric(numbers.NON_NEGATIVE)
_rate = _numeric(numbers.RATE)
_leverage = _numeric(numbers.LEVERAGE)


def _liquidation_fee_rate(value: Any, field: str, problems: _Problems) -> Decimal | str | None:
    if value == MARKET_FEE:
        return value
    number, problem = _decimal(value, numbers.RATE)
    if problem:
        problems.add(
            field,
            f'Liquidation fee rate {problem.removesuffix(".")}; or "market" for each market\'s '
            "own rate.",
        )
    return number


def _fee_rates(value: Any, field: str, problems: _Problems) -> dict[str, FeeRates] | None:
    """Fee rates by market; a rate left out (or null) is the market's own."""
    if not isinstance(value, dict):
        problems.add(field, f"Fee rates must be an object of rates by market, not {_kind(value)}.")
        return None
    before, rates = problems.count, {}
    for symbol, given in value.items():
        where = f"{field}.{symbol}"
        if symbol not in MARKETS:
            problems.add(where, _unknown_market(symbol))
        elif given is not None:
            read = _read(given, where, _FEE_RATES, problems, noun="A market's fee rates")
            own = MARKETS[symbol].fees
            rates[symbol] = FeeRates(
                **{name: getattr(own, name) if read[name] is None else read[name] for name in read}
            )
    return rates if problems.count == before else None


def _funding_rates(value: Any, field: str, problems: _Problems) -> dict[str, Decimal] | None:
    """Funding rates by market; a market left out (or null) funds at its default."""
    if not isinstance(value, dict):
        problems.add(
            field, f"Funding rates must be an object of rates by market, not {_kind(value)}."
        )
        return None
    before, rates = problems.count, {}
    for symbol, rate in value.items():
        where = f"{field}.{symbol}"
        if symbol not in MARKETS:
            problems.add(where, _unknown_market(symbol))
        elif rate is not None:
            label = f"The {symbol} funding rate"
            rates[symbol] = _number(rate, where, problems, numbers.FUNDING_RATE, label=label)
    return rates if problems.count == before else None


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
_FEE_RATES: dict[str, tuple[Parser, Any]] = {
    name: (_numeric(numbers.RATE, label=f"{name.capitalize()} rate"), None)
    for name in ("maker", "taker", "liquidation")
}
_ACCOUNT: dict[str, tuple[Parser, Any]] = {
    "wallet_balance": (_non_negative, _REQUIRED),
    "positions": (_positions, _REQUIRED),
    "position_mode": (_position_mode, DEFAULT_POSITION_MODE),
    "reserve_closing_fee": (_flag, False),
    "fee_rates": (_fee_rates, None),
}
_EVALUATE = {**_ACCOUNT, "explain": (_flag, False)}
_QUOTE: dict[str, tuple[Parser, Any]] = {
    "mark": (_numeric(numbers.POSITIVE, label="Mark price"), _REQUIRED),
    "last": (_numeric(numbers.POSITIVE, label="Last price"), None),
    "index": (_numeric(numbers.POSITIVE, label="Index price"), None),
}
_PATH_STEP: dict[str, tuple[Parser, Any]] = {
    "prices": (_prices, _REQUIRED),
    "hours": (_non_negative, None),
    "deleverage": (_deleverage, ()),
}
# What `replay` takes besides the account and the path, with the API's defaults.
_REPLAY_SETTINGS: dict[str, tuple[Parser, Any]] = {
    "liquidation_fee_rate": (_liquidation_fee_rate, Decimal(0)),
    "funding_rates": (_funding_rates, None),
    "funding_interval_hours": (_positive, None),
    "hours_per_step": (_positive, None),
    "insurance_fund": (_non_negative, None),
    "partial_liquidation": (_flag, False),
}
_SIMULATE = {**_ACCOUNT, "path": (_path, _REQUIRED), **_REPLAY_SETTINGS}


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
