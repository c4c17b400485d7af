"""Reading a customer's price path from CSV: what it accepts, and every problem named by row
and column."""

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from explainer.engine import MARKETS
from explainer.engine.bounds import LARGEST, MAX_PLACES
from explainer.support.price_path import (
    MAX_BYTES,
    MAX_PROBLEMS,
    MAX_ROWS,
    PathErrors,
    PathProblem,
    parse_path,
    read_upload,
)
from explainer.support.spec import PriceRow

HEADER = "time,market,mark,last,index"
NOON = datetime(2026, 11, 20, 12, tzinfo=UTC)
NOON_UNIX = 1795176000


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def problems(text: str) -> list[PathProblem]:
    with pytest.raises(PathErrors) as caught:
        parse_path(text)
    return caught.value.problems


def the_problem(text: str) -> PathProblem:
    (problem,) = problems(text)
    return problem


def cell_problem(column: str, cell: str) -> PathProblem:
    """The one problem of a file whose second row has `cell` in `column`."""
    good = {"time": "2026-11-20T12:00:00Z", "market": "BTC-PERP", "mark": "64250.5"}
    row = {**good, "last": "", "index": "", column: cell}
    return the_problem(lines(HEADER, ",".join(f'"{value}"' for value in row.values())))


# What it reads


def test_it_reads_a_well_formed_file():
    text = lines(
        HEADER,
        "2026-11-20T12:00:00Z,BTC-PERP,64250.5,64260,64249.75",
        "2026-11-20T12:00:00Z,ETH-PERP,3100.25,3101,3100",
    )
    assert parse_path(text) == (
        PriceRow(NOON, "BTC-PERP", Decimal("64250.5"), Decimal(64260), Decimal("64249.75")),
        PriceRow(NOON, "ETH-PERP", Decimal("3100.25"), Decimal(3101), Decimal(3100)),
    )


def test_last_and_index_may_be_left_out_or_left_empty():
    text = lines("time,market,mark", "2026-11-20T12:00:00Z,BTC-PERP,64250.5")
    emptied = lines(HEADER, "2026-11-20T12:00:00Z,BTC-PERP,64250.5,,")
    expected = (PriceRow(NOON, "BTC-PERP", Decimal("64250.5")),)
    assert parse_path(text) == parse_path(emptied) == expected


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("timestamp,symbol,mark_price,last_price,index_price", "{t},BTC,3,2,1"),
        ("Date,Instrument,MarkPrice,LastPrice,IndexPrice", "{t},BTC,3,2,1"),
        ("DATETIME,CONTRACT,Mark Price,Trade Price,Index Price", "{t},BTC,3,2,1"),
        ("time_utc,Market,mark-price,LAST,Index", "{t},BTC,3,2,1"),
        ("index,last,mark,market,time", "1,2,3,BTC,{t}"),
    ],
)
def test_it_accepts_every_alias_of_every_column_in_any_case_and_order(header, row):
    (parsed,) = parse_path(lines(header, row.format(t="2026-11-20T12:00:00Z")))
    assert parsed == PriceRow(NOON, "BTC-PERP", Decimal(3), Decimal(2), Decimal(1))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-11-20T12:00:00Z", NOON),
        ("2026-11-20 12:00:00", NOON),
        ("2026-11-20T12:00:00", NOON),
        ("2026-11-20T20:00:00+08:00", NOON),
        ("2026-11-20T07:00:00-05:00", NOON),
        ("2026-11-20T12:00:00.250Z", NOON + timedelta(milliseconds=250)),
        ("2026-11-20 12:00:00.123456", NOON + timedelta(microseconds=123456)),
        ("2026-11-20", NOON - timedelta(hours=12)),
        (str(NOON_UNIX), NOON),
        (f"{NOON_UNIX}.25", NOON + timedelta(milliseconds=250)),
        (f"{NOON_UNIX}000", NOON),
        (f"{NOON_UNIX}250", NOON + timedelta(milliseconds=250)),
    ],
)
def test_it_reads_each_time_format_as_utc(cell, expected):
    (row,) = parse_path(lines("time,market,mark", f"{cell},BTC-PERP,1"))
    assert row.time == expected
    assert row.time.tzinfo is UTC


@pytest.mark.parametrize(
    "cell",
    ["BTC-PERP", "btc-perp", "BTC", "BTCUSDT", "BTC-USDT", "btc/usdt", "BTC-USDT-SWAP", "BTCUSDC"],
)
def test_it_reads_the_exchanges_spellings_of_a_market(cell):
    (row,) = parse_path(lines("time,market,mark", f"{NOON_UNIX},{cell},1"))
    assert row.market == "BTC-PERP"


@pytest.mark.parametrize("symbol", list(MARKETS))
def test_every_market_is_known_by_its_base(symbol):
    base = MARKETS[symbol].base
    (row,) = parse_path(lines("time,market,mark", f"{NOON_UNIX},{base}USDT,1"))
    assert row.market == symbol


def test_it_sorts_a_newest_first_file_and_keeps_the_order_within_a_time():
    text = lines(
        "time,market,mark",
        f"{NOON_UNIX + 60},BTC-PERP,3",
        f"{NOON_UNIX},ETH-PERP,2",
        f"{NOON_UNIX},BTC-PERP,1",
    )
    assert [(row.market, row.mark) for row in parse_path(text)] == [
        ("ETH-PERP", 2),
        ("BTC-PERP", 1),
        ("BTC-PERP", 3),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "time;market;mark\n2026-11-20T12:00:00Z;BTC-PERP;64250.5\n",
        "time\tmarket\tmark\n2026-11-20T12:00:00Z\tBTC-PERP\t64250.5\n",
        "time,market,mark\r\n2026-11-20T12:00:00Z,BTC-PERP,64250.5\r\n",
        '"time","market","mark"\n"2026-11-20T12:00:00Z","BTC-PERP","64250.5"\n',
        "\ufefftime,market,mark\n2026-11-20T12:00:00Z,BTC-PERP,64250.5\n",
        " time , market ,mark,\n\n 2026-11-20T12:00:00Z , BTC-PERP , 64250.5 ,\n,,\n",
    ],
    ids=["semicolon", "tab", "crlf", "quoted", "bom", "spaces-blank-lines-trailing-comma"],
)
def test_it_reads_the_shapes_exports_come_in(text):
    assert parse_path(text) == (PriceRow(NOON, "BTC-PERP", Decimal("64250.5")),)


# Bad cells, each named by row and column


@pytest.mark.parametrize(
    ("column", "cell", "says"),
    [
        ("time", "", "the time is missing."),
        ("time", "yesterday", "“yesterday” is not a time; write it like 2026-11-20T14:00:00Z"),
        ("time", "20/11/2026 12:00", "is not a time"),
        ("time", "2008-12-31T23:59:59Z", "is before 2009"),
        ("time", "2009-01-01T07:00:00+08:00", "is before 2009"),
        ("time", "2101-01-01T00:00:00Z", "is after 2100"),
        ("time", "0001-01-01T00:00:00+08:00", "is before 2009"),
        ("time", "9999-12-31T23:59:59-08:00", "is after 2100"),
        ("time", "123", "is before 2009"),
        ("time", "17951760000", "has 11 digits; a Unix time has up to 10 (seconds) or 13"),
        ("time", "1795176000000000", "has 16 digits"),
        ("market", "", "the market is missing."),
        ("market", "DOGEUSDT", "use one of BTC-PERP, ETH-PERP, SOL-PERP, XRP-PERP, AVAX-PERP"),
        ("mark", "", "the mark price is missing"),
        ("mark", "abc", "“abc” is not a number"),
        ("mark", "NaN", "“NaN” is not a number"),
        ("mark", "Infinity", "“Infinity” is not a number"),
        ("mark", "-inf", "“-inf” is not a number"),
        ("mark", "1e400", "“1e400” has an exponent; write the number out in full"),
        ("mark", "6.4E4", "has an exponent"),
        ("mark", "-5", "“-5” is negative; a price is more than 0."),
        ("mark", "+5", "“+5” is not a number"),
        ("mark", "0", "“0” is 0; a price is more than 0."),
        ("mark", "0.000", "is 0"),
        ("mark", "64,250", "has a separator in it; remove thousands separators"),
        ("mark", "64 250.5", "has a separator"),
        ("mark", "١٢٣", "is not a number"),
        ("mark", "1000000000000000.1", "is more than the largest price allowed"),
        ("mark", "0." + "0" * MAX_PLACES + "1", f"has more than {MAX_PLACES} decimal places"),
        ("last", "abc", "“abc” is not a number"),
        ("index", "-1", "is negative"),
    ],
)
def test_it_names_the_row_and_column_of_a_bad_cell(column, cell, says):
    problem = cell_problem(column, cell)
    assert (problem.row, problem.column) == (2, column)
    assert problem.message.startswith(f"Row 2, {column}: ")
    assert says in problem.message


def test_the_largest_price_and_the_finest_places_are_accepted():
    tiny = "0." + "0" * (MAX_PLACES - 1) + "1"
    (row,) = parse_path(lines("time,market,mark,last", f"{NOON_UNIX},BTC,{LARGEST:f},{tiny}"))
    assert (row.mark, row.last) == (LARGEST, Decimal("1e-18"))


def test_a_long_cell_is_cut_short_in_the_message():
    problem = cell_problem("mark", "x" * 5000)
    assert len(problem.message) < 200
    assert "…" in problem.message


def test_it_names_the_column_as_the_header_wrote_it():
    problem = the_problem(lines("Timestamp,Symbol,Mark Price", f"{NOON_UNIX},BTC,abc"))
    assert problem.column == "Mark Price"
    assert problem.message.startswith("Row 2, Mark Price: “abc”")


def test_row_numbers_count_blank_lines_and_multi_line_cells_as_an_editor_does():
    text = lines(
        "time,market,mark", "", f"{NOON_UNIX},BTC,1", '"2026-11-20\n12:00",BTC,1', "x,BTC,1"
    )
    assert [problem.row for problem in problems(text)] == [4, 6]


def test_a_thousands_separator_in_a_semicolon_file_is_named():
    problem = the_problem("time;market;mark\n2026-11-20T12:00:00Z;BTC;64,250\n")
    assert problem.message == (
        "Row 2, mark: “64,250” has a separator in it; remove thousands separators and write "
        "the decimal point as “.”, like 64250.5."
    )


def test_a_thousands_separator_in_a_comma_file_shows_as_an_extra_cell():
    problem = the_problem(lines("time,market,mark", f"{NOON_UNIX},BTC,64,250"))
    assert (problem.row, problem.column) == (2, None)
    assert "has 4 cells but the header names 3 columns" in problem.message
    assert "remove the separators" in problem.message


def test_it_refuses_the_same_market_at_the_same_time_twice_naming_the_earlier_row():
    text = lines(
        "time,market,mark",
        f"{NOON_UNIX},BTC,1",
        f"{NOON_UNIX},ETH,1",
        "2026-11-20T20:00:00+08:00,BTCUSDT,2",
    )
    problem = the_problem(text)
    assert problem.row == 4
    assert problem.message == (
        "Row 4: BTC-PERP at 2026-11-20 12:00:00 UTC is already on row 2; keep one."
    )


def test_it_lists_every_problem_not_just_the_first():
    text = lines(HEADER, "x,BTC,1,,", f"{NOON_UNIX},DOGE,abc,,-1")
    assert [(problem.row, problem.column) for problem in problems(text)] == [
        (2, "time"),
        (3, "market"),
        (3, "mark"),
        (3, "index"),
    ]


# The header


def test_it_names_the_missing_columns_and_the_header_it_found():
    found = problems(lines("time,price", f"{NOON_UNIX},1"))
    assert found[0] == PathProblem(1, "price", found[0].message)
    assert found[1] == PathProblem(
        None,
        None,
        "The header has no column for the market and the mark price; it has “time”, “price”.",
    )
    assert found[2].message.startswith("The columns a price path can have are time (or timestamp")


def test_it_refuses_an_unknown_column_as_a_sign_of_the_wrong_file():
    found = problems(lines("time,market,mark,volume", f"{NOON_UNIX},BTC,1,5"))
    assert found[0].message == (
        "Row 1: “volume” is not a column a price path has, so this may be the wrong file."
    )
    assert (found[0].row, found[0].column) == (1, "volume")
    assert "mark (or mark_price, markprice)" in found[1].message


def test_it_refuses_two_columns_holding_the_same_thing():
    found = problems(lines("time,market,mark,Mark_Price", f"{NOON_UNIX},BTC,1,1"))
    assert found[0].message == "Row 1: “mark” and “Mark_Price” both hold the mark price; keep one."
    assert found[0].column == "Mark_Price"


def test_it_refuses_a_column_with_no_name():
    found = problems(lines("time,,market,mark", f"{NOON_UNIX},x,BTC,1"))
    assert found[0].message == "Row 1: column 2 has no name; name it or remove it."


def test_it_says_when_the_first_line_is_not_a_header():
    problem = the_problem(lines(f"{NOON_UNIX},BTC-PERP,64250.5"))
    assert problem.row == 1
    assert "is not a header. The first line must name the columns" in problem.message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "The file is empty"),
        ("\n \n\n", "The file is empty"),
        ("time,market,mark\n\n", "The file has a header but no rows of prices under it."),
    ],
)
def test_it_refuses_a_file_without_rows(text, says):
    problem = the_problem(text)
    assert (problem.row, problem.column) == (None, None)
    assert says in problem.message


def test_an_unclosed_quote_is_named_by_the_row_it_opens_on():
    text = lines("time,market,mark", f"{NOON_UNIX},BTC,1", f'"{NOON_UNIX},BTC,' + "1" * 200_000)
    problem = the_problem(text)
    assert problem.row == 3
    assert "quote" in problem.message


# The caps


def many_rows(count: int) -> str:
    return lines("time,market,mark", *(f"{NOON_UNIX + second},BTC,1" for second in range(count)))


def test_it_reads_as_many_rows_as_allowed():
    assert len(parse_path(many_rows(MAX_ROWS))) == MAX_ROWS


def test_it_refuses_one_row_too_many_as_a_whole():
    problem = the_problem(many_rows(MAX_ROWS + 1))
    assert problem.row is None
    assert problem.message.startswith("The path has more than 20,000 rows of prices.")


def test_it_lists_fifty_problems_and_counts_the_rest():
    found = problems(lines("time,market,mark", *(f"{NOON_UNIX + n},BTC,abc" for n in range(60))))
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == PathProblem(None, None, "… and 10 more problems.")
    one_more = problems(lines("time,market,mark", *(f"{NOON_UNIX + n},BTC,x" for n in range(51))))
    assert one_more[-1].message == "… and 1 more problem."


def test_it_refuses_pasted_text_larger_than_allowed():
    with pytest.raises(PathErrors) as caught:
        parse_path("time,market,mark\n" + " " * MAX_BYTES)
    assert caught.value.too_large


# Uploads


class Upload:
    """An upload that says it has `size` bytes and counts the chunks read from it."""

    def __init__(self, size: int, chunks: list[bytes]):
        self.size = size
        self._chunks = chunks
        self.read = 0

    def chunks(self):
        for chunk in self._chunks:
            self.read += 1
            yield chunk


def test_it_reads_an_upload():
    upload = SimpleUploadedFile("path.csv", b"time,market,mark\n2026-11-20T12:00:00Z,BTC,1\n")
    assert parse_path(read_upload(upload)) == (PriceRow(NOON, "BTC-PERP", Decimal(1)),)


def test_it_strips_the_byte_order_mark_excel_writes():
    upload = SimpleUploadedFile("path.csv", "\ufefftime,market,mark\n".encode())
    assert read_upload(upload) == "time,market,mark\n"


def test_it_refuses_an_upload_too_large_before_reading_any_of_it():
    upload = Upload(MAX_BYTES + 1, [b"x" * 1024] * 3000)
    with pytest.raises(PathErrors) as caught:
        read_upload(upload)
    assert caught.value.too_large
    assert upload.read == 0
    assert "larger than 2 MB" in caught.value.problems[0].message


def test_it_stops_reading_an_upload_that_gives_a_wrong_size():
    upload = Upload(10, [b"x" * 1024 * 1024] * 100)
    with pytest.raises(PathErrors) as caught:
        read_upload(upload)
    assert caught.value.too_large
    assert upload.read == 3


def test_an_upload_of_exactly_the_largest_size_is_read():
    upload = SimpleUploadedFile("path.csv", b"x" * MAX_BYTES)
    assert len(read_upload(upload)) == MAX_BYTES


@pytest.mark.parametrize(
    ("data", "row", "says"),
    [
        ("time,market,mark\n1,BTC,1\n1,Zürich,1\n".encode("latin-1"), 3, "Row 3 has characters"),
        ("time,market,mark\n".encode("utf-16"), None, "saved as UTF-16 text"),
        (b"PK\x03\x04\x14\x00\x06\x00", None, "a spreadsheet workbook, not a CSV file"),
    ],
)
def test_it_refuses_a_file_that_is_not_utf8_text(data, row, says):
    with pytest.raises(PathErrors) as caught:
        read_upload(SimpleUploadedFile("path.csv", data))
    (problem,) = caught.value.problems
    assert not caught.value.too_large
    assert problem.row == row
    assert says in problem.message
    assert "CSV UTF-8" in problem.message


# Any valid path, written as exchanges write CSV, reads back as the same rows

offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
times = st.datetimes(datetime(2009, 1, 2), datetime(2100, 12, 30), timezones=offsets)


@st.composite
def prices(draw) -> Decimal:
    places = draw(st.integers(0, MAX_PLACES))
    units = draw(st.integers(1, int(LARGEST) * 10**places))
    return Decimal(units).scaleb(-places)


rows = st.builds(
    PriceRow,
    time=times,
    market=st.sampled_from(list(MARKETS)),
    mark=prices(),
    last=st.none() | prices(),
    index=st.none() | prices(),
)


def written(rows: list[PriceRow], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["time", "market", "mark", "last", "index"])
    for row in rows:
        numbers = ["" if n is None else f"{n:f}" for n in (row.mark, row.last, row.index)]
        writer.writerow([row.time.isoformat(), row.market, *numbers])
    return out.getvalue()


@given(
    st.lists(rows, min_size=1, max_size=30, unique_by=lambda row: (row.time, row.market)),
    st.sampled_from([",", ";", "\t"]),
)
def test_any_valid_rows_written_as_csv_read_back_the_same_in_time_order(path, delimiter):
    parsed = parse_path(written(path, delimiter))
    assert parsed == tuple(sorted(path, key=lambda row: row.time))
    assert all(row.time.tzinfo is UTC for row in parsed)
