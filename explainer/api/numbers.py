"""The kinds of number the API takes, each with its bounds: what the parser enforces and what
the OpenAPI document states come from the same `Kind`, so the two cannot disagree.

A number arrives as a JSON number or as a decimal string. A JSON number may be written any way
JSON allows (1e3, 0.25) and only its value is checked. A string must be written plainly
("1250.5": no sign, exponent or leading zero, at most 18 decimal places; a signed kind such
as a funding rate also takes a leading minus), because JSON Schema can bound a string only by
its pattern; each kind's pattern admits exactly its range.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from explainer.engine import MARKETS
from explainer.engine.bounds import LARGEST, MAX_DIGITS, MAX_PLACES, SMALLEST
from explainer.engine.validation import MAX_FUNDING_RATE

MAX_LEVERAGE = max(market.max_leverage for market in MARKETS.values())
_ANY_DECIMAL = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", re.ASCII)  # no "٣" for 3
_PLACES = rf"(\.\d{{1,{MAX_PLACES}}})?"
_ZERO_PLACES = rf"(\.0{{1,{MAX_PLACES}}})?"
# 0.x with at most 18 places and not all zeros: the first non-zero digit after k zeros.
_FRACTION = "|".join(
    rf"0\.0{{{zeros}}}[1-9]\d{{0,{MAX_PLACES - 1 - zeros}}}" for zeros in range(MAX_PLACES)
)
_WHOLE = rf"[1-9]\d{{0,14}}{_PLACES}|1{'0' * 15}{_ZERO_PLACES}"  # 1 to 1e15


@dataclass(frozen=True)
class Kind:
    low: Decimal
    high: Decimal
    low_included: bool
    high_included: bool
    pattern: str
    low_words: str  # completes "… must be …" when the value is too low
    hint: str = ""

    def check(self, value: Decimal) -> str | None:
        """The end of a sentence saying what is wrong with a finite value, or None."""
        if value < self.low or (value == self.low and not self.low_included):
            return f"must be {self.low_words}{self.hint}."
        if value > self.high or (value == self.high and not self.high_included):
            if self.high == LARGEST:
                return "is too large: the limit is 1e15 (a thousand trillion)."
            limit = "at most" if self.high_included else "below"
            return f"must be {limit} {self.high:f}{self.hint}."
        if value and value.copy_abs() < SMALLEST:
            return "is too small: the smallest value above 0 is 1e-18."
        if len(value.as_tuple().digits) > MAX_DIGITS:
            return f"has more than {MAX_DIGITS} significant digits."
        return None

    def json_schema(self) -> dict[str, Any]:
        if self.low < 0:
            return self._signed_schema()
        bounds: dict[str, Any] = {"type": "number"}
        if self.low == 0:  # above 0, the smallest magnitude the engine takes is 1e-18
            bounds["minimum"] = float(SMALLEST)
        else:
            bounds["minimum" if self.low_included else "exclusiveMinimum"] = float(self.low)
        bounds["maximum" if self.high_included else "exclusiveMaximum"] = float(self.high)
        number = bounds
        if self.low == 0 and self.low_included:
            number = {"anyOf": [{"type": "number", "const": 0}, bounds]}
        return {"anyOf": [number, {"type": "string", "pattern": f"^({self.pattern})$"}]}

    def _signed_schema(self) -> dict[str, Any]:
        """0, or a magnitude from 1e-18 to the bound on either side (both bounds included)."""
        if not (self.low == -self.high and self.low_included and self.high_included):
            raise ValueError("a signed kind runs from −x to x, both included")
        smallest, largest = float(SMALLEST), float(self.high)
        number = {
            "anyOf": [
                {"type": "number", "const": 0},
                {"type": "number", "minimum": smallest, "maximum": largest},
                {"type": "number", "minimum": -largest, "maximum": -smallest},
            ]
        }
        return {"anyOf": [number, {"type": "string", "pattern": f"^({self.pattern})$"}]}


POSITIVE = Kind(Decimal(0), LARGEST, False, True, f"{_FRACTION}|{_WHOLE}", "greater than 0")
NON_NEGATIVE = Kind(
    Decimal(0), LARGEST, True, True, f"0{_ZERO_PLACES}|{_FRACTION}|{_WHOLE}", "0 or more"
)
RATE = Kind(Decimal(0), Decimal(1), True, False, f"0{_PLACES}", "0 or more", " (0.005 is 0.5 %)")
# From −0.05 to 0.05: 0, 0.00… to 0.04…, or 0.05 itself, each with at most 18 places.
_UP_TO_5_PERCENT = (
    rf"0(\.0[0-4]\d{{0,{MAX_PLACES - 2}}}|\.0{{1,{MAX_PLACES}}}|\.050{{0,{MAX_PLACES - 2}}})?"
)
FUNDING_RATE = Kind(
    -MAX_FUNDING_RATE,
    MAX_FUNDING_RATE,
    True,
    True,
    f"-?{_UP_TO_5_PERCENT}",
    "at least -0.05",
    " (0.0001 is 0.01 % per funding interval)",
)


def leverage_up_to(most: Decimal) -> Kind:
    """From 1 to a whole-number maximum; the pattern lists the whole numbers below it."""
    if most != most.to_integral_value() or not 1 <= most <= 1000:
        raise ValueError("a leverage cap is a whole number from 1 to 1,000")
    below = "|".join(str(whole) for whole in range(int(most) - 1, 0, -1))
    pattern = f"({below}){_PLACES}|{int(most)}{_ZERO_PLACES}" if below else f"1{_ZERO_PLACES}"
    return Kind(Decimal(1), most, True, True, pattern, "at least 1")


LEVERAGE = leverage_up_to(MAX_LEVERAGE)


def is_plain(kind: Kind, text: str) -> bool:
    return re.fullmatch(kind.pattern, text, re.ASCII) is not None


def looks_like_a_number(text: str) -> bool:
    return _ANY_DECIMAL.fullmatch(text) is not None
