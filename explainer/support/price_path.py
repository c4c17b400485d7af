"""Read a customer's price path from the CSV the exchange exports, or say, by row and column,
everything that is wrong with it.

A path is rows of time, market and mark price, and optionally the last traded price and the
index price, under a header that names its columns. The rows come back in time order
(stably, so a file exported newest first works) as `spec.PriceRow`s. Rows are numbered as
the person sees them in an editor: the file's first line is row 1, blank lines included.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from explainer.engine import MARKETS
from explainer.engine.bounds import LARGEST, MAX_PLACES
from explainer.support.spec import PriceRow

MAX_ROWS = 20_000
MAX_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS = 50
# Bitcoin began in 2009: a time before it, or after 2100, is a misread cell, not a price.
EARLIEST = datetime(2009, 1, 1, tzinfo=UTC)
LATEST = datetime(2101, 1, 1, tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

NAMES = {
    "time": ("time", "timestamp", "date", "datetime", "time_utc"),
    "market": ("market", "symbol", "instrument", "contract"),
    "mark": ("mark", "mark_price", "markprice"),
    "last": ("last", "last_price", "lastprice", "trade_price"),
    "index": ("index", "index_price", "indexprice"),
}
REQUIRED = ("time", "market", "mark")
WORDS = {
    "time": "the time",
    "market": "the market",
    "mark": "the mark price",
    "last": "the last traded price",
    "index": "the index price",
}
_COLUMN_OF = {alias: column for column, aliases in NAMES.items() for alias in aliases}


def _accepted() -> str:
    def named(column: str) -> str:
        first, *others = NAMES[column]
        return f"{first} (or {', '.join(others)})"

    return (
        f"The columns a price path can have are {', '.join(map(named, REQUIRED))}, and "
        f"optionally {named('last')} and {named('index')}, in any order and any case."
    )


_ACCEPTED = _accepted()


def _spellings(symbol: str, base: str) -> list[str]:
    """How exchanges write a market: BTC-PERP, BTC, BTCUSDT, BTC-USDT, BTC/USDT, BTC-USDT-SWAP…"""
    quoted = [f"{base}{sep}{quote}" for quote in ("USDT", "USDC") for sep in ("", "-", "/")]
    return [symbol, base, *quoted, f"{base}-USDT-SWAP", f"{base}-USDC-SWAP"]


_MARKET_OF = {
    name: symbol for symbol, market in MARKETS.items() for name in _spellings(symbol, market.base)
}
_KNOWN_MARKETS = ", ".join(MARKETS)
_EXAMPLE = "64250.5"
_TIME_FORMATS = (
    "write it like 2026-11-20T14:00:00Z or 2026-11-20 14:00:00, "
    "or as Unix seconds (1795183200) or milliseconds (1795183200000)"
)

_SEPARATED = re.compile(r"[0-9][0-9.,' _]*")
_EXPONENT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")
_NOT_FINITE = {"nan", "snan", "inf", "infinity"}


@dataclass(frozen=True)
class PathProblem:
    row: int | None  # the line in the file, the header's being 1; None: the file as a whole
    column: str | None  # the column's name as the header writes it
    message: str  # a whole sentence that names the row and the column in words


class PathErrors(Exception):
    def __init__(self, problems: list[PathProblem], *, too_large: bool = False):
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems
        self.too_large = too_large  # refused for its size: the view answers 413


# Where a column is, its name as written, and the function that reads its cells.
type _Reader = tuple[int, str, Callable[[str], object]]


class _Bad(Exception):
    """One cell's problem, in words that follow "Row 14, mark: "."""


class _Problems:
    def __init__(self) -> None:
        self.listed: list[PathProblem] = []
        self.more = 0

    def add(self, row: int | None, column: str | None, message: str) -> None:
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(PathProblem(row, column, message))
        else:
            self.more += 1

    def raise_any(self) -> None:
        if self.more:
            noun = "problem" if self.more == 1 else "problems"
            self.listed.append(PathProblem(None, None, f"… and {self.more:,} more {noun}."))
        if self.listed:
            raise PathErrors(self.listed)


def _refuse(message: str, *, row: int | None = None, too_large: bool = False) -> PathErrors:
    return PathErrors([PathProblem(row, None, message)], too_large=too_large)


class Upload(Protocol):
    """What read_upload needs of a Django UploadedFile."""

    size: int | None

    def chunks(self) -> Iterable[bytes]: ...


def read_upload(upload: Upload) -> str:
    """The text of an uploaded file, refused unread when larger than MAX_BYTES."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise _too_large()
    data = bytearray()
    for chunk in upload.chunks():
        data += chunk
        if len(data) > MAX_BYTES:  # the size it gave was wrong
            raise _too_large()
    return _decode(bytes(data))


def _too_large() -> PathErrors:
    return _refuse(
        "The price path is larger than 2 MB, the most it may be. "
        "Export a shorter stretch of time, or fewer markets.",
        too_large=True,
    )


def _decode(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise _refuse(
            "This is a spreadsheet workbook, not a CSV file. "
            "Save it as “CSV UTF-8” and upload that file."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(
            "The file is saved as UTF-16 text. Save it as “CSV UTF-8” and upload that file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise _refuse(
            f"Row {row} has characters that are not UTF-8 text, so the file cannot be read. "
            "Save it as “CSV UTF-8” and upload that file.",
            row=row,
        ) from None


def parse_path(text: str) -> tuple[PriceRow, ...]:
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_BYTES or len(text.encode()) > MAX_BYTES:
        raise _too_large()
    records = _records(text)
    header = next(records, None)
    if header is None:
        raise _refuse("The file is empty: it needs a header line and rows of prices.")
    columns = _header(*header)
    problems = _Problems()
    rows = _rows(records, columns, problems)
    problems.raise_any()
    if not rows:
        raise _refuse("The file has a header but no rows of prices under it.")
    return tuple(sorted(rows, key=lambda row: row.time))


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on and its cells stripped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 1
    try:
        for record in reader:
            cells = list(map(str.strip, record))
            if any(cells):
                yield line, cells
            line = reader.line_num + 1
    except csv.Error:
        raise _refuse(
            f"Row {line} cannot be read as CSV: a cell in it is far too long, perhaps because "
            'a quote (") opens there and never closes.',
            row=line,
        ) from None


def _delimiter(text: str) -> str:
    # Sniffing the header alone: data cells like 64,250 in a semicolon file could fool it.
    for line in io.StringIO(text, newline=""):
        if line.strip():
            try:
                return csv.Sniffer().sniff(line, delimiters=",;\t").delimiter
            except csv.Error:
                return ","
    return ","


def _header(line: int, names: list[str]) -> dict[str, tuple[int, str]]:
    """Where each column is, and its name as written, by what it holds."""
    while names and not names[-1]:  # a trailing delimiter
        names.pop()
    columns: dict[str, tuple[int, str]] = {}
    problems = _Problems()
    for position, name in enumerate(names):
        column = _COLUMN_OF.get(re.sub(r"[\s-]+", "_", name.casefold()))
        if column is None:
            problems.add(line, name or None, _unknown(line, position, name))
        elif column in columns:
            first = columns[column][1]
            message = f"Row {line}: “{first}” and “{name}” both hold {WORDS[column]}; keep one."
            problems.add(line, name, message)
        else:
            columns[column] = (position, name)
    if not columns:
        raise _refuse(_not_a_header(line, names), row=line)
    missing = [WORDS[column] for column in REQUIRED if column not in columns]
    if missing:
        found = ", ".join(f"“{_shown(name)}”" for name in names)
        problems.add(None, None, f"The header has no column for {_and(missing)}; it has {found}.")
    if problems.listed:
        problems.add(None, None, _ACCEPTED)
    problems.raise_any()
    return columns


def _unknown(line: int, position: int, name: str) -> str:
    if not name:
        return f"Row {line}: column {position + 1} has no name; name it or remove it."
    return (
        f"Row {line}: “{_shown(name)}” is not a column a price path has, so this may be "
        "the wrong file."
    )


def _not_a_header(line: int, names: list[str]) -> str:
    return (
        f"Row {line}, “{_shown(', '.join(names))}”, is not a header. The first line must name "
        "the columns: time, market and mark, and optionally last and index."
    )


def _rows(
    records: Iterable[tuple[int, list[str]]],
    columns: dict[str, tuple[int, str]],
    problems: _Problems,
) -> list[PriceRow]:
    width = max(position for position, _ in columns.values()) + 1
    # In PriceRow's order; a column the file lacks reads the empty cell past the last one.
    readers = [(*columns.get(column, (width, column)), _READERS[column]) for column in NAMES]
    rows: list[PriceRow] = []
    seen: dict[tuple[datetime, str], int] = {}
    count = 0
    for line, cells in records:
        count += 1
        if count > MAX_ROWS:
            raise _refuse(
                f"The path has more than {MAX_ROWS:,} rows of prices. "
                "Export a shorter stretch of time, or fewer markets."
            )
        if len(cells) > width and any(cells[width:]):
            problems.add(line, None, _too_many_cells(line, len(cells), width))
            continue
        cells += [""] * (width + 1 - len(cells))
        row = _row(line, cells, readers, problems)
        if row is None:
            continue
        earlier = seen.setdefault((row.time, row.market), line)
        if earlier != line:
            when = f"{row.time:%Y-%m-%d %H:%M:%S} UTC"
            message = f"Row {line}: {row.market} at {when} is already on row {earlier}; keep one."
            problems.add(line, None, message)
        else:
            rows.append(row)
    return rows


def _too_many_cells(line: int, cells: int, width: int) -> str:
    return (
        f"Row {line} has {cells} cells but the header names {width} columns. A number written "
        "with a thousands separator, like 64,250, splits into two cells; remove the separators."
    )


def _row(
    line: int, cells: list[str], readers: list[_Reader], problems: _Problems
) -> PriceRow | None:
    values = []
    for position, name, read in readers:
        try:
            values.append(read(cells[position]))
        except _Bad as bad:
            problems.add(line, name, f"Row {line}, {name}: {bad}")
    return PriceRow(*values) if len(values) == len(readers) else None


def _time(text: str) -> datetime:
    if not text:
        raise _Bad("the time is missing.")
    if _plain(text):
        return _plausible(text, _unix(text))
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise _Bad(f"“{_shown(text)}” is not a time; {_TIME_FORMATS}.") from None
    if parsed.tzinfo is None:  # a time without an offset is in UTC, as exchanges export
        parsed = parsed.replace(tzinfo=UTC)
    # Checked before moving it to UTC, which could overflow past year 1 or 9999.
    if parsed.year < EARLIEST.year:
        return _plausible(text, EPOCH)
    if parsed.year >= LATEST.year:
        return _plausible(text, LATEST)
    return _plausible(text, parsed.astimezone(UTC))


def _unix(text: str) -> datetime:
    whole, _, fraction = text.partition(".")
    # Beyond a microsecond is cut off, as datetime.fromisoformat does.
    if len(whole) <= 10:
        seconds, micros = int(whole or 0), int(fraction[:6].ljust(6, "0"))
    elif len(whole) == 13:
        seconds, millis = divmod(int(whole), 1000)
        micros = millis * 1000 + int(fraction[:3].ljust(3, "0"))
    else:
        raise _Bad(
            f"“{_shown(text)}” has {len(whole)} digits; a Unix time has up to 10 (seconds) "
            "or 13 (milliseconds)."
        )
    time = datetime.fromtimestamp(seconds, UTC)
    return time.replace(microsecond=micros) if micros else time


def _plausible(text: str, time: datetime) -> datetime:
    if time < EARLIEST:
        raise _Bad(f"“{_shown(text)}” is before 2009, so it cannot be a time on the exchange.")
    if time >= LATEST:
        raise _Bad(f"“{_shown(text)}” is after 2100, so it cannot be a time on the exchange.")
    return time


def _market(text: str) -> str:
    if not text:
        raise _Bad("the market is missing.")
    symbol = _MARKET_OF.get(text.upper())
    if symbol is None:
        raise _Bad(
            f"“{_shown(text)}” is not a market here; use one of {_KNOWN_MARKETS} "
            "(or the exchange's spelling, like BTCUSDT)."
        )
    return symbol


def _mark(text: str) -> Decimal:
    if not text:
        raise _Bad("the mark price is missing; every row needs one.")
    return _price(text)


def _optional(text: str) -> Decimal | None:
    return _price(text) if text else None


def _price(text: str) -> Decimal:
    if not (text.isascii() and text.replace(".", "", 1).isdigit()):  # _plain, inlined: hot
        raise _Bad(_not_plain(text))
    point = text.find(".")
    if point >= 0 and len(text) - point - 1 > MAX_PLACES:
        raise _Bad(f"“{_shown(text)}” has more than {MAX_PLACES} decimal places.")
    value = Decimal(text)
    if not value:
        raise _Bad(f"“{_shown(text)}” is 0; a price is more than 0.")
    if value > LARGEST:
        raise _Bad(f"“{_shown(text)}” is more than the largest price allowed, {LARGEST:,f}.")
    return value


def _plain(text: str) -> bool:
    """ASCII digits with at most one decimal point: no sign, exponent or separator."""
    return text.isascii() and text.replace(".", "", 1).isdigit()


def _not_plain(text: str) -> str:
    shown = f"“{_shown(text)}”"
    if text.casefold().lstrip("+-") in _NOT_FINITE:
        return f"{shown} is not a number; write the price, like {_EXAMPLE}."
    if _EXPONENT.fullmatch(text):
        return f"{shown} has an exponent; write the number out in full, like {_EXAMPLE}."
    if text.startswith("-") and _plain(text[1:]):
        return f"{shown} is negative; a price is more than 0."
    if _SEPARATED.fullmatch(text):
        return (
            f"{shown} has a separator in it; remove thousands separators and write the decimal "
            f"point as “.”, like {_EXAMPLE}."
        )
    return f"{shown} is not a number; write it like {_EXAMPLE}."


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_READERS = {"time": _time, "market": _market, "mark": _mark, "last": _optional, "index": _optional}
