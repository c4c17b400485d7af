"""A Practice as plain JSON data (for the web session), and back.

Decimals travel as strings, exactly. An illustrative path is stored by its slug; a custom
one with its steps. Frames and Happenings are lists rather than dicts, to keep a session
with a thousand frames small. `from_data` accepts only what `to_data` writes (version 1)
and refuses anything else with MarginError(field="practice"): the web side then starts a
fresh account.
"""

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from ..account import evaluate
from ..errors import MarginError
from ..markets import MARKETS
from ..models import Account, MarginMode, PathStep, Position, PositionMode, Quote, Side
from .paths import PATHS
from .state import (
    MAX_ORDERS,
    MAX_POSITIONS,
    MAX_STEPS,
    Frame,
    Happening,
    Ledger,
    Order,
    Practice,
    PracticePath,
)

VERSION = 1
SAME = 0  # in a frame row: this figure is the previous frame's
_LEDGER = ("realized_pnl", "fees", "funding", "insurance_fund", "deleveraged")


def to_data(p: Practice) -> dict:
    account = p.account
    return {
        "v": VERSION,
        "wallet": str(account.wallet_balance),
        "mode": account.position_mode.value,
        "start": str(p.starting_wallet),
        "positions": [_position_data(position) for position in account.positions],
        "leverage": _texts(p.leverage),
        "orders": [_order_data(order) for order in p.orders],
        "path": None if p.path is None else _path_data(p.path),
        "step": p.step,
        "hours": str(p.hours),
        "fund": str(p.insurance_fund),
        "next_id": p.next_id,
        "marks": _texts(p.marks),
        "lasts": _texts(p.lasts),
        "ledger": [str(getattr(p.ledger, name)) for name in _LEDGER],
        "funding_seen": p.funding_seen,
        "notices": [_happening_data(h) for h in p.notices],
        "frames": _frames_data(p.frames),
    }


def from_data(data: object) -> Practice:
    try:
        p = _practice(data)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, InvalidOperation):
        raise MarginError("The saved practice account cannot be read.", field="practice") from None
    return p


# Writing ----------------------------------------------------------------------------------


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _texts(values: Mapping[str, Decimal | None]) -> dict[str, str | None]:
    return {key: _text(value) for key, value in values.items()}


def _position_data(q: Position) -> list:
    margin = _text(q.isolated_margin)
    return [q.id, q.market, q.side.value, str(q.size), str(q.entry_price), str(q.leverage),
            q.margin_mode.value, margin]  # fmt: skip


def _order_data(o: Order) -> list:
    return [o.id, o.market, o.side.value, str(o.size), str(o.price), o.margin_mode.value,
            str(o.leverage)]  # fmt: skip


def _path_data(path: PracticePath) -> dict:
    if PATHS.get(path.slug) == path:
        return {"slug": path.slug}
    return {
        "slug": path.slug,
        "title": path.title,
        "summary": path.summary,
        "hours_per_step": str(path.hours_per_step),
        "markets": list(path.markets),
        "funding_rates": _texts(path.funding_rates),
        "steps": [_step_data(step) for step in path.steps],
    }


def _step_data(step: PathStep) -> dict | list:
    """A step's prices alone, or [prices, hours, deleverage] when it has either."""
    prices = {m: _price_data(price) for m, price in step.prices.items()}
    if step.hours is None and not step.deleverage:
        return prices
    return [prices, _text(step.hours), list(step.deleverage)]


def _price_data(price: Decimal | Quote) -> str | list:
    if isinstance(price, Quote):
        return [str(price.mark), _text(price.last)]
    return str(price)


def _happening_data(h: Happening) -> list:
    return [h.kind, h.step, _text(h.hours), h.position_id, h.market, h.margin_mode.value,
            str(h.mark_price), _text(h.last_price), str(h.size), str(h.remaining_size),
            str(h.amount), _texts(h.detail), h.pauses]  # fmt: skip


def _frames_data(frames: tuple[Frame, ...]) -> list[list]:
    """Each frame as a row; a figure equal to the previous frame's is written as SAME."""
    rows, before = [], None
    for frame in frames:
        rows.append(_frame_data(frame, before))
        before = frame
    return rows


def _changed(now: Mapping[str, Decimal | None], then: Mapping | None) -> list | dict:
    """The values in key order, SAME where the previous frame had the same; the keys too
    ({"keys": [...], "values": [...]}) only when they differ from the previous frame's."""
    if then is None:
        return {"keys": list(now), "values": [_text(value) for value in now.values()]}
    values = [SAME if key in then and then[key] == value else _text(value)
              for key, value in now.items()]  # fmt: skip
    return values if list(now) == list(then) else {"keys": list(now), "values": values}


def _frame_data(f: Frame, before: Frame | None) -> list:
    wallet = SAME if before and before.wallet_balance == f.wallet_balance else str(f.wallet_balance)
    balance = (
        SAME if before and before.margin_balance == f.margin_balance else str(f.margin_balance)
    )
    return [f.step, _text(f.hours), _changed(f.marks, before and before.marks),
            _changed(f.lasts, before and before.lasts),
            _changed(f.liquidation_prices, before and before.liquidation_prices),
            wallet, balance, [_happening_data(h) for h in f.happenings]]  # fmt: skip


# Reading -----------------------------------------------------------------------------------


def _dec(value: object) -> Decimal:
    if type(value) is not str:
        raise TypeError(value)
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(value)
    return number


def _opt(value: object) -> Decimal | None:
    return None if value is None else _dec(value)


def _int(value: object) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(value)
    return value


def _market(value: object) -> str:
    if value not in MARKETS:
        raise ValueError(value)
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise TypeError(value)
    return value


def _practice(data: object) -> Practice:
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise ValueError("version")
    marks = {_market(m): _dec(v) for m, v in data["marks"].items()}
    leverage = {_market(m): _dec(v) for m, v in data["leverage"].items()}
    if set(marks) != set(MARKETS) or min(marks.values()) <= 0 or min(leverage.values()) < 1:
        raise ValueError("marks or leverage")
    positions = tuple(_position(row, marks) for row in data["positions"])
    orders = tuple(_order(row) for row in data["orders"])
    path = None if data["path"] is None else _path(data["path"])
    frames = _frames(data["frames"])
    step = _int(data["step"])
    if len(positions) > MAX_POSITIONS or len(orders) > MAX_ORDERS or len(frames) > MAX_STEPS:
        raise ValueError("limits")
    if step and (path is None or step > len(path.steps)):
        raise ValueError("step")
    mode = PositionMode(data["mode"])
    account = Account(wallet_balance=_dec(data["wallet"]), positions=positions, position_mode=mode)
    if account.wallet_balance < 0 or len(data["ledger"]) != len(_LEDGER):
        raise ValueError("wallet or ledger")
    if positions:
        try:
            evaluate(account)
        except MarginError as error:
            raise ValueError(error.message) from None
    if type(data["funding_seen"]) is not bool:
        raise TypeError("funding_seen")
    return Practice(
        account=account,
        leverage=leverage,
        orders=orders,
        path=path,
        step=step,
        frames=frames,
        insurance_fund=_dec(data["fund"]),
        next_id=_int(data["next_id"]),
        marks=marks,
        lasts={_market(m): _opt(v) for m, v in data["lasts"].items()},
        hours=_dec(data["hours"]),
        ledger=Ledger(*(_dec(value) for value in data["ledger"])),
        notices=tuple(_happening(row) for row in data["notices"]),
        funding_seen=data["funding_seen"],
        starting_wallet=_dec(data["start"]),
    )


def _position(row: list, marks: dict[str, Decimal]) -> Position:
    pid, market, side, size, entry, leverage, mode, margin = row
    return Position(
        side=Side(side),
        size=_dec(size),
        entry_price=_dec(entry),
        leverage=_dec(leverage),
        margin_mode=MarginMode(mode),
        market=_market(market),
        mark_price=marks[market],
        isolated_margin=_opt(margin),
        id=_str(pid),
    )


def _order(row: list) -> Order:
    oid, market, side, size, price, mode, leverage = row
    return Order(_str(oid), _market(market), Side(side), _dec(size), _dec(price),
                 MarginMode(mode), _dec(leverage))  # fmt: skip


def _path(data: dict) -> PracticePath:
    if set(data) == {"slug"}:
        return PATHS[data["slug"]]
    steps = tuple(map(_step, data["steps"]))
    if not 1 <= len(steps) <= MAX_STEPS:
        raise ValueError("steps")
    return PracticePath(
        slug=_str(data["slug"]),
        title=_str(data["title"]),
        summary=_str(data["summary"]),
        steps=steps,
        hours_per_step=_dec(data["hours_per_step"]),
        markets=tuple(_market(m) for m in data["markets"]),
        funding_rates={_market(m): _dec(v) for m, v in data["funding_rates"].items()},
    )


def _step(row: dict | list) -> PathStep:
    prices, hours, deleverage = (row, None, ()) if isinstance(row, dict) else row
    return PathStep(
        prices={_market(m): _price(v) for m, v in prices.items()},
        hours=_opt(hours),
        deleverage=tuple(_market(m) for m in deleverage),
    )


def _price(value: object) -> Decimal | Quote:
    if isinstance(value, list):
        mark, last = value
        return Quote(mark=_dec(mark), last=_opt(last))
    return _dec(value)


def _happening(row: list) -> Happening:
    kind, step, hours, pid, market, mode, mark, last, size, left, amount, detail, pauses = row
    if type(pauses) is not bool:
        raise TypeError(pauses)
    return Happening(
        kind=_str(kind),
        step=_int(step),
        hours=_opt(hours),
        position_id=_str(pid),
        market=_market(market),
        margin_mode=MarginMode(mode),
        mark_price=_dec(mark),
        last_price=_opt(last),
        size=_dec(size),
        remaining_size=_dec(left),
        amount=_dec(amount),
        detail={_str(k): _opt(v) for k, v in detail.items()},
        pauses=pauses,
    )


def _same(value: object) -> bool:
    return type(value) is int and value == SAME


def _frames(rows: list) -> tuple[Frame, ...]:
    frames: list[Frame] = []
    for row in rows:
        frames.append(_frame(row, frames[-1] if frames else None))
    return tuple(frames)


def _figures(data: list | dict, then: Mapping | None, key: Callable[[object], str]) -> dict:
    if isinstance(data, dict):
        names, values = [key(name) for name in data["keys"]], data["values"]
    else:  # the previous frame's keys, checked when it was read
        names, values = list(then), data  # a TypeError when there is no previous frame
    if len(names) != len(values):
        raise ValueError("keys and values")
    # A KeyError (or TypeError) when the previous frame has no such figure.
    return {
        name: then[name] if type(value) is int and value == SAME else _opt(value)
        for name, value in zip(names, values, strict=True)
    }


def _frame(row: list, before: Frame | None) -> Frame:
    step, hours, marks, lasts, prices, wallet, balance, happenings = row
    marked = _figures(marks, before and before.marks, key=_market)
    if any(value is None for value in marked.values()):
        raise ValueError("mark")
    return Frame(
        step=_int(step),
        hours=_opt(hours),
        marks=marked,
        lasts=_figures(lasts, before and before.lasts, key=_market),
        liquidation_prices=_figures(prices, before and before.liquidation_prices, key=_str),
        wallet_balance=before.wallet_balance if _same(wallet) else _dec(wallet),
        margin_balance=before.margin_balance if _same(balance) else _dec(balance),
        happenings=tuple(_happening(h) for h in happenings),
    )
