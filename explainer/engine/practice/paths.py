"""The illustrative price paths, and custom ones typed or pasted.

Each illustrative path starts where a fresh account stands (START_MARKS) and moves prices
on the markets' ticks. What each is built to show, with the scenarios' accounts:

- slow-slide: BTC falls about 0.3 % an hour for 80 hours; a leveraged isolated long is
  liquidated on the way down.
- flash-wick: BTC's last price wicks 12 % down for one step while the mark, which follows
  the index, moves 1 %; a 10× long's liquidation price is crossed by the last price only.
- week-of-funding: BTC and ETH drift within 0.5 % for a week (two-hour steps) while the
  funding rate is 0.05 % every 8 hours: 21 payments that wear an isolated margin down and
  move its liquidation price.
- markets-pull-apart: BTC falls and ETH rises 1 % a step each; a cross BTC long with a cross
  ETH short loses on both and the cross account is liquidated as one.
- gap-past-bankruptcy: BTC gaps from 59,700 to 48,000 in one step, past a 10× long's
  bankruptcy price; the small insurance fund covers part of the gap and the rest is
  auto-deleveraged. The gap step names BTC-PERP for auto-deleveraging, so a reader's
  profitable BTC short is closed there too.

A custom path: one line per step, markets separated by commas, each "SYMBOL MARK" with an
optional "last=PRICE", e.g. "BTC-PERP 60000 last=59000, ETH-PERP 3000". Blank lines are
skipped; at most MAX_STEPS steps, each at most 24 hours, and 30 days in all.
"""

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from ..decimals import in_context, plain
from ..errors import MarginError
from ..markets import MARKETS, get_market
from ..models import PathStep, Quote
from ..validation import positive
from .state import MAX_STEPS, START_MARKS, PracticePath

MAX_HOURS_PER_STEP = Decimal(24)
# A custom path's clock stops at 30 days: at most 90 funding times, so with MAX_POSITIONS
# positions the frames hold at most 900 funding payments.
MAX_PATH_HOURS = Decimal(720)
MAX_LINE = 400  # characters per line of a custom path


def _to_tick(symbol: str, price: Decimal) -> Decimal:
    return price.quantize(get_market(symbol).tick_size, rounding=ROUND_HALF_EVEN)


def _walk(symbol: str, factors: Iterable[Decimal]) -> list[Decimal]:
    """Prices from the start mark, each the one before times its factor, on the tick."""
    price, prices = START_MARKS[symbol], []
    for factor in factors:
        price = price * factor
        prices.append(_to_tick(symbol, price))
    return prices


def _steps(*columns: tuple[str, list[Decimal | Quote]]) -> tuple[PathStep, ...]:
    length = len(columns[0][1])
    return tuple(
        PathStep(prices={symbol: prices[k] for symbol, prices in columns}) for k in range(length)
    )


def _wobble(k: int) -> Decimal:
    """A small repeating ripple (±0.2 %) so flat stretches do not look drawn with a ruler."""
    return Decimal((0, 3, -2, 1, -3, 2, 0, -1)[k % 8]) / 1000 + 1


def _slow_slide() -> PracticePath:
    prices = _walk("BTC-PERP", [Decimal(1)] + [Decimal("0.997") * _wobble(k) for k in range(80)])
    return PracticePath(
        slug="slow-slide",
        title="Slow slide",
        summary="Bitcoin drifts lower hour after hour, with no single dramatic move.",
        steps=_steps(("BTC-PERP", prices)),
        hours_per_step=Decimal(1),
        markets=("BTC-PERP",),
    )


def _flash_wick() -> PracticePath:
    marks = _walk("BTC-PERP", [Decimal(1)] + [_wobble(k) for k in range(39)])
    quotes: list[Decimal | Quote] = list(marks)
    wick = 20
    marks[wick] = _to_tick("BTC-PERP", marks[wick - 1] * Decimal("0.99"))
    quotes[wick] = Quote(mark=marks[wick], last=_to_tick("BTC-PERP", marks[wick] * Decimal("0.88")))
    return PracticePath(
        slug="flash-wick",
        title="Flash wick on the last price",
        summary="One trade prints far below the market for a moment while the mark barely moves.",
        steps=_steps(("BTC-PERP", quotes)),
        hours_per_step=Decimal("0.25"),
        markets=("BTC-PERP",),
    )


def _week_of_funding() -> PracticePath:
    btc = _walk("BTC-PERP", [Decimal(1)] + [_wobble(k) for k in range(84)])
    eth = _walk("ETH-PERP", [Decimal(1)] + [_wobble(k + 3) for k in range(84)])
    rate = Decimal("0.0005")
    return PracticePath(
        slug="week-of-funding",
        title="A week of funding",
        summary="Prices go nowhere for seven days while longs pay shorts every eight hours.",
        steps=_steps(("BTC-PERP", btc), ("ETH-PERP", eth)),
        hours_per_step=Decimal(2),
        markets=("BTC-PERP", "ETH-PERP"),
        funding_rates={"BTC-PERP": rate, "ETH-PERP": rate},
    )


def _markets_pull_apart() -> PracticePath:
    btc = _walk("BTC-PERP", [Decimal(1)] + [Decimal("0.99")] * 30)
    eth = _walk("ETH-PERP", [Decimal(1)] + [Decimal("1.01")] * 30)
    return PracticePath(
        slug="markets-pull-apart",
        title="Two markets pull apart",
        summary="Bitcoin falls while Ether rises, a little more each step.",
        steps=_steps(("BTC-PERP", btc), ("ETH-PERP", eth)),
        hours_per_step=Decimal(1),
        markets=("BTC-PERP", "ETH-PERP"),
    )


def _gap_past_bankruptcy() -> PracticePath:
    before = _walk("BTC-PERP", [Decimal(1)] + [Decimal("0.9995")] * 9)
    after = [_to_tick("BTC-PERP", Decimal(48000) * _wobble(k)) for k in range(20)]
    steps = list(_steps(("BTC-PERP", before + after)))
    gap = len(before)
    steps[gap] = PathStep(prices=steps[gap].prices, deleverage=("BTC-PERP",))
    return PracticePath(
        slug="gap-past-bankruptcy",
        title="A gap past bankruptcy",
        summary="Bitcoin jumps straight down past where a leveraged long runs out of margin.",
        steps=tuple(steps),
        hours_per_step=Decimal("0.5"),
        markets=("BTC-PERP",),
    )


PATHS: Mapping[str, PracticePath] = {
    path.slug: path
    for path in (
        _slow_slide(),
        _flash_wick(),
        _week_of_funding(),
        _markets_pull_apart(),
        _gap_past_bankruptcy(),
    )
}


@in_context
def custom_path(text: str, *, hours_per_step: Decimal) -> PracticePath:
    hours = positive(hours_per_step, field="hours_per_step", label="Hours per step")
    if hours > MAX_HOURS_PER_STEP:
        raise MarginError(
            f"A step lasts at most {MAX_HOURS_PER_STEP} hours.", field="hours_per_step"
        )
    if not isinstance(text, str):
        raise MarginError("Type one step per line.", field="path")
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise MarginError("Type at least one step, such as “BTC-PERP 60000”.", field="path")
    if len(lines) > MAX_STEPS:
        raise MarginError(f"A path has at most {MAX_STEPS} steps.", field="path")
    if (len(lines) - 1) * hours > MAX_PATH_HOURS:
        raise MarginError(
            f"{len(lines)} steps of {plain(hours)} hours run past {MAX_PATH_HOURS} hours (30 "
            "days): use fewer steps or shorter ones.",
            field="hours_per_step",
        )
    steps = tuple(_custom_step(n, line) for n, line in lines)
    markets = tuple(dict.fromkeys(symbol for step in steps for symbol in step.prices))
    return PracticePath(
        slug="custom",
        title="Your path",
        summary="The prices you typed, one step per line.",
        steps=steps,
        hours_per_step=hours,
        markets=markets,
    )


def _custom_step(number: int, line: str) -> PathStep:
    if len(line) > MAX_LINE:
        raise MarginError(f"Line {number} is longer than {MAX_LINE} characters.", field="path")
    prices: dict[str, Decimal | Quote] = {}
    for part in line.split(","):
        words = part.split()
        if not 2 <= len(words) <= 3:
            raise MarginError(
                f"Line {number}: write each market as “BTC-PERP 60000”, with an optional "
                "“last=59000”, and separate markets with commas.",
                field="path",
            )
        symbol = words[0].upper()
        if symbol not in MARKETS:
            known = ", ".join(MARKETS)
            raise MarginError(
                f"Line {number}: unknown market {words[0]!r}; use one of {known}.", field="path"
            )
        if symbol in prices:
            raise MarginError(f"Line {number} names {symbol} twice.", field="path")
        mark = _custom_price(number, words[1], f"the {symbol} mark")
        if len(words) == 3:
            name, _, value = words[2].partition("=")
            if name.lower() != "last":
                raise MarginError(
                    f"Line {number}: after the mark only “last=PRICE” may follow.", field="path"
                )
            last = _custom_price(number, value, f"the {symbol} last price")
            prices[symbol] = Quote(mark=mark, last=last)
        else:
            prices[symbol] = mark
    return PathStep(prices=prices)


def _custom_price(number: int, text: str, what: str) -> Decimal:
    try:
        value = Decimal(text.replace("_", "x"))
    except InvalidOperation:
        value = None
    try:
        return positive(value, field="path", label=what)
    except MarginError as error:
        message = error.message[0].lower() + error.message[1:]
        raise MarginError(f"Line {number}: {message}", field="path") from None
