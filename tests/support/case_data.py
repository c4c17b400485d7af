"""The case form's data as a browser posts it: a cross account with a BTC long and an ETH
short, the marks at the moment of liquidation. Tests change what they are about."""

from typing import Any


def case_post(**changes: Any) -> dict[str, Any]:
    """`changes` by form name, e.g. wallet_balance="0" or **{"positions-0-size": "x"}; a value
    of None leaves the field out, as a browser does an unticked box."""
    data = {
        "wallet_balance": "1000",
        "position_mode": "one_way",
        "positions-TOTAL_FORMS": "3",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "1",
        "positions-MAX_NUM_FORMS": "10",
        **row(0, "BTC-PERP", "long", "0.1", "60000", "10", "cross"),
        **row(1, "ETH-PERP", "short", "1", "3000", "10", "cross"),
        **row(2, "", None, "", "", "", None),  # the blank row the page always has
        "movement": "marks",
        "mark_BTC-PERP": "52000",
        "mark_ETH-PERP": "3400",
        "funding_along_path": "on",
        "ticket_reference": "ZD-2001",
    }
    data |= changes
    return {name: value for name, value in data.items() if value is not None}


def row(
    index: int,
    market: str,
    side: str | None,
    size: str,
    entry: str,
    leverage: str,
    mode: str | None,
    **more: str,
) -> dict[str, str | None]:
    fields = {
        "market": market,
        "side": side,
        "size": size,
        "entry_price": entry,
        "leverage": leverage,
        "margin_mode": mode,
        "isolated_margin": "",
        "fees_paid": "",
        "funding_paid": "",
        **more,
    }
    return {f"positions-{index}-{name}": value for name, value in fields.items()}


PATH_HEADER = "time,market,mark,last"


def path_text(*rows: str) -> str:
    return "\n".join([PATH_HEADER, *rows]) + "\n"
