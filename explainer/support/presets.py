"""Start-from cases for the common stories support hears, each a worked example the new-case
form can be filled with (`/support/cases/new/?preset=<slug>`).

Each spec is built in code, its path from a fixed start, and each story is checked against
the engine in tests/support/test_presets_form.py: the wick that liquidates nothing, one
cross loss taking a profitable position down, a week of funding, the leftover margin and the
liquidation fee, a large position cut into a lower bracket, and an insurance fund that runs
out.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from explainer.engine import MarginMode, Side

from .spec import CasePosition, CaseSpec, PriceRow, ReportedSpec

START = datetime(2026, 11, 20, tzinfo=UTC)
D = Decimal
LONG, SHORT = Side.LONG, Side.SHORT
ISOLATED, CROSS = MarginMode.ISOLATED, MarginMode.CROSS


@dataclass(frozen=True)
class Preset:
    slug: str
    title: str
    story: str  # one line, for the list of presets
    spec: CaseSpec


def _rows(
    market: str, marks: Sequence[str], *, every: timedelta, last: Callable[[int], str] | None = None
) -> list[PriceRow]:
    """One row per mark, `every` apart from START; `last(k)`, when given, is row k's last."""
    return [
        PriceRow(START + every * k, market, D(mark), D(last(k)) if last else None)
        for k, mark in enumerate(marks)
    ]


def _by_time(*paths: list[PriceRow]) -> tuple[PriceRow, ...]:
    return tuple(sorted((row for path in paths for row in path), key=lambda r: r.time))


# An isolated 20× BTC long, liquidated at a mark of about 57,286. The mark eases to 57,800
# and recovers; the last traded price wicks to 56,800 for one quarter-hour.
_WICK_MARKS = [f"{60000 - 60 * k}" for k in range(21)] + [f"{58800 + 60 * k}" for k in range(20)]
_WICK_MARKS[20] = "57800"
LAST_PRICE_WICK = CaseSpec(
    wallet_balance=D(5000),
    positions=(CasePosition("BTC-PERP", LONG, D("0.5"), D(60000), D(20), ISOLATED),),
    path=tuple(
        _rows(
            "BTC-PERP",
            _WICK_MARKS,
            every=timedelta(minutes=15),
            last=lambda k: "56800" if k == 20 else _WICK_MARKS[k],
        )
    ),
)

# A cross account: a BTC long bought at 58,000, in profit, and an ETH short sold at 3,000.
# Over 36 hours BTC slips from 62,000 to 61,000 and ETH rallies to 3,540: the short's loss
# takes the whole cross balance, and the BTC long is closed with it.
CROSS_CONTAGION = CaseSpec(
    wallet_balance=D(3000),
    positions=(
        CasePosition("BTC-PERP", LONG, D("0.5"), D(58000), D(20), CROSS),
        CasePosition("ETH-PERP", SHORT, D(10), D(3000), D(20), CROSS),
    ),
    path=_by_time(
        _rows(
            "BTC-PERP",
            [f"{62000 - 1000 * k / 36:.1f}" for k in range(37)],
            every=timedelta(hours=1),
        ),
        _rows("ETH-PERP", [f"{3000 + 15 * k}" for k in range(37)], every=timedelta(hours=1)),
    ),
)

# An isolated 100× BTC long held for a week, the mark within 150 of its entry. Each 8 hours
# it pays funding out of its margin, 3 USDC a time, which walks its liquidation price up
# from 59,698.5; on the last day a dip to 59,800, which the margin it opened with would have
# survived, liquidates it.
_WEEK_SWAY = ("60000", "60100", "59950", "60150", "59900", "60050")
FUNDING_WEEK = CaseSpec(
    wallet_balance=D(1000),
    positions=(CasePosition("BTC-PERP", LONG, D("0.5"), D(60000), D(100), ISOLATED),),
    path=tuple(
        _rows(
            "BTC-PERP",
            [*(_WEEK_SWAY[k % len(_WEEK_SWAY)] for k in range(21)), "59800"],
            every=timedelta(hours=8),
        )
    ),
)

# An isolated 20× ETH long of 60,000 USDC, with 30 USDC of trading fees paid, whose mark fell
# to 2,800. At the liquidation mark some margin is left; the liquidation fee takes part of it
# and the insurance fund the rest.
FEES_LEFTOVER = CaseSpec(
    wallet_balance=D(5000),
    positions=(CasePosition("ETH-PERP", LONG, D(20), D(3000), D(20), ISOLATED, fees_paid=D(30)),),
    marks={"ETH-PERP": D(2800)},
    reported=ReportedSpec(position=1, price=D("2872.5")),
)

# An isolated 10× BTC long of 1.8 million USDC, in the 5 % maintenance bracket. As the mark
# falls 250 every half hour, the liquidation engine first cuts it below 1 million USDC, into
# the 2 % bracket, then into smaller brackets as the fall goes on, and at last closes the rest.
LARGE_BRACKET_PARTIAL = CaseSpec(
    wallet_balance=D(250000),
    positions=(CasePosition("BTC-PERP", LONG, D(30), D(60000), D(10), ISOLATED),),
    path=tuple(
        _rows("BTC-PERP", [f"{60000 - 250 * k}" for k in range(41)], every=timedelta(minutes=30))
    ),
    partial_liquidation=True,
)

# An isolated 50× BTC long whose mark gaps from 59,500 to 58,000, past its bankruptcy price
# of 58,800, beside an ETH short in profit. The insurance fund's 300 USDC covers part of the
# 800 USDC lost past bankruptcy; the rest goes to auto-deleveraging.
INSURANCE_ADL = CaseSpec(
    wallet_balance=D(5000),
    positions=(
        CasePosition("BTC-PERP", LONG, D(1), D(60000), D(50), ISOLATED),
        CasePosition("ETH-PERP", SHORT, D(10), D(3000), D(10), ISOLATED),
    ),
    path=_by_time(
        _rows("BTC-PERP", ["60000", "59800", "59500", "58000", "57900"], every=timedelta(hours=1)),
        _rows("ETH-PERP", ["3000", "2980", "2950", "2900", "2890"], every=timedelta(hours=1)),
    ),
    insurance_fund=D(300),
)

PRESETS: dict[str, Preset] = {
    preset.slug: preset
    for preset in (
        Preset(
            "last-price-wick",
            "A wick on the last price",
            "The last traded price dipped below the liquidation price; the mark did not, so "
            "nothing was liquidated.",
            LAST_PRICE_WICK,
        ),
        Preset(
            "cross-contagion",
            "One cross loss takes a profitable position down",
            "An ETH short's loss used up the cross balance, and a BTC long in profit was "
            "closed with it.",
            CROSS_CONTAGION,
        ),
        Preset(
            "funding-week",
            "A week of funding",
            "Funding paid out of an isolated margin for a week moved the liquidation price, "
            "until a small dip reached it.",
            FUNDING_WEEK,
        ),
        Preset(
            "fees-leftover",
            "Fees and the leftover margin",
            "Where the margin left at liquidation went: the liquidation fee and the insurance "
            "fund.",
            FEES_LEFTOVER,
        ),
        Preset(
            "large-bracket-partial",
            "A large position in a high bracket, cut in part",
            "A large position's higher maintenance bracket brought liquidation closer; it was "
            "first cut into a lower bracket, then closed.",
            LARGE_BRACKET_PARTIAL,
        ),
        Preset(
            "insurance-adl",
            "The insurance fund runs out",
            "A price gap went past bankruptcy; the insurance fund covered what it could and "
            "auto-deleveraging covered the rest.",
            INSURANCE_ADL,
        ),
    )
}
