"""Where each calculator starts: the help text's seed trade, as query-string values.

The seed is a 10× long of 0.02 BTC at 50,000 USDC in a 500 USDC account (worked_examples).
A preset changes a few of those values; a preset link is a plain link with the whole query.
"""

from collections.abc import Mapping
from urllib.parse import urlencode

from explainer.formatting import plain
from explainer.worked_examples import SEED_ISOLATED_MARGIN, SEED_TRADE, SEED_WALLET

from .inputs import MAX_FILLS

SEED = {
    "market": SEED_TRADE["market"],
    "side": SEED_TRADE["side"].value,
    "size": plain(SEED_TRADE["size"]),
    "entry": plain(SEED_TRADE["entry_price"]),
    "leverage": plain(SEED_TRADE["leverage"]),
    "wallet": plain(SEED_WALLET),
}
MARGIN = plain(SEED_ISOLATED_MARGIN)
# The second position of the contagion calculator: ETH-PERP, 150 USDC of initial margin.
SECOND = {"market": "ETH-PERP", "side": "long", "size": "0.5", "entry": "3000", "leverage": "10"}
POSITION = ("market", "side", "size", "entry", "leverage")

DEFAULTS: dict[str, dict[str, str]] = {
    "isolated-vs-cross": {
        **{key: SEED[key] for key in ("wallet", "leverage", "side", "entry", "market")},
        "margin": MARGIN,
        "price": SEED["entry"],
        "mode": "isolated",
        "mmr": "",
    },
    # Empty margin follows the initial margin, so size and leverage move the liquidation price.
    "liquidation-price": {**SEED, "size_in": "base", "mode": "isolated", "margin": "", "mmr": ""},
    "leverage-explorer": {**SEED, "size_in": "base", "mmr": ""},
    "margin-pnl-roe": {
        **SEED,
        "size_in": "base",
        "solve": "margin",
        "mode": "isolated",
        "margin": MARGIN,
        "price": "55000",
    },
    "cross-contagion": {
        "wallet": SEED["wallet"],
        **{f"a_{key}": SEED[key] for key in POSITION},
        **{f"b_{key}": SECOND[key] for key in POSITION},
        "price": "45000",
        "b_price": "",  # empty: the second market stays at its entry (older permalinks)
    },
    # The seed balance and leverage with the markets' 0.05 % taker fee.
    "max-open-size": {
        **{key: SEED[key] for key in ("market", "side", "entry", "leverage", "wallet")},
        "fee": "0.05",
    },
    # The seed's 0.02 BTC bought in three fills on the way down, averaging 48,600 USDC.
    "average-entry": {
        **{key: SEED[key] for key in ("market", "side", "leverage", "wallet")},
        "mode": "isolated",
        "size_in": "base",
    },
    # The market's default funding, 0.01 % every 8 hours, for a month.
    "funding-drift": {
        **SEED,
        "size_in": "base",
        "mode": "isolated",
        "price": "",  # the entry price
        "rate": "0.01",
        "days": "30",
    },
    # A 50 % return on the seed trade's 100 USDC of margin, before fees.
    "target-price": {
        **{key: SEED[key] for key in ("market", "side", "size", "entry", "leverage")},
        "size_in": "base",
        "by": "roe",
        "roe": "50",
        "pnl": "50",
        "opening": "none",
        "closing": "none",
    },
}
# Calculators with rows: the seed rows stand only while a query does not say how many rows
# it has (else a removed row would come back), and any row a query names is read.
ROWS = {
    "average-entry": (
        "fills",
        {"fills": "3", "price1": "50000", "size1": "0.01", "price2": "48000", "size2": "0.006"}
        | {"price3": "46000", "size3": "0.004"},
        ("fills", *(f"{name}{n}" for n in range(1, MAX_FILLS + 1) for name in ("price", "size"))),
    ),
}
# Named presets an article can ask for ([[calculator name preset=x]]), and their link labels.
PRESETS = {
    "seed-isolated": ({"mode": "isolated"}, f"{MARGIN} USDC in isolated"),
    "seed-cross": ({"mode": "cross"}, f"{SEED['wallet']} USDC available in cross"),
}
PRESET_CALCULATORS = {"isolated-vs-cross", "liquidation-price", "margin-pnl-roe"}


def data_for(calculator: str, query: Mapping[str, str] | None = None, preset: str = "") -> dict:
    """The form data: the calculator's defaults, a preset's changes, then the reader's query.

    Names missing from the query keep their default, so a hand-written permalink with one
    value still works; a name sent empty stays empty (and the form says what is missing).
    """
    data = dict(DEFAULTS[calculator])
    if preset in PRESETS and calculator in PRESET_CALCULATORS:
        data.update(PRESETS[preset][0])
    query = query or {}
    data.update((key, query[key]) for key in DEFAULTS[calculator] if key in query)
    if calculator in ROWS:
        count, seed, names = ROWS[calculator]
        data.update(seed if count not in query else {})
        data.update((key, query[key]) for key in names if key in query)
    return data


def links(calculator: str) -> list[tuple[str, str]]:
    """(label, query string) for each preset this calculator offers, as one-click links."""
    if calculator not in PRESET_CALCULATORS:
        return [("The seed example", urlencode(data_for(calculator)))]
    return [
        (label, urlencode(data_for(calculator, preset=name)))
        for name, (_, label) in PRESETS.items()
    ]
