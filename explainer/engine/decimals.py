"""Decimal contexts and plain number formatting.

All engine arithmetic runs in CONTEXT: 40 significant digits, far more than any money figure
needs, so divisions (initial margin, liquidation prices) lose nothing visible. Book-keeping
sums in the replay run in EXACT, where addition never rounds, so the books balance to the
last digit.
"""

from collections.abc import Callable, Iterable, Sequence
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from functools import wraps

PRECISION = 40
CONTEXT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
# Inexact is trapped: anything that would have to round here is a bug, not a result.
EXACT = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact],
)
ZERO = Decimal(0)
ONE = Decimal(1)


def in_context[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(CONTEXT):
            return function(*args, **kwargs)

    return wrapper


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    total = ZERO
    for value in values:
        total = EXACT.add(total, value)
    return total


def trimmed(value: Decimal) -> Decimal:
    """The same number without trailing fractional zeros ("0E-36" → "0", "1.50" → "1.5")."""
    if value.as_tuple().exponent >= 0:
        return value
    normal = value.normalize(EXACT)
    return normal if normal.as_tuple().exponent <= 0 else normal.quantize(ONE, context=EXACT)


def plain(value: Decimal | int) -> str:
    """Digits as a person writes them: no exponent, no trailing zeros, "−" for minus."""
    number = Decimal(value)
    text = format(number.normalize(CONTEXT) if number else ZERO, "f")
    return "−" + text[1:] if text.startswith("-") else text


def operand(value: Decimal | int) -> str:
    """`plain`, bracketed when negative so "0.02 × (−5)" reads unambiguously."""
    text = plain(value)
    return f"({text})" if text.startswith("−") else text


def readable(value: Decimal) -> str:
    """A figure for a sentence: "5,638.41", "75,000", "1.88 M" (two decimals at most)."""
    if abs(value) >= 1_000_000:
        text, unit = format(value.scaleb(-6), ",.2f"), " M"
    else:
        text, unit = format(value, ",.2f"), ""
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return ("−" + text[1:] if text.startswith("-") else text) + unit


def series(values: Iterable[Decimal]) -> str:
    """ "a", or "(a + b − c)" for several terms; "0" for none."""
    numbers = list(values)
    if len(numbers) < 2:
        return operand(numbers[0]) if numbers else "0"
    return "(" + joined([plain(number) for number in numbers]) + ")"


def joined(texts: Sequence[str]) -> str:
    """Terms written as a sum: "a + b − c", a leading "−" of a later term turned into " − "."""
    return texts[0] + "".join(
        f" − {text[1:]}" if text.startswith("−") else f" + {text}" for text in texts[1:]
    )
