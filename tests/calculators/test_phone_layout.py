"""What the phone layout is built from: the summary's key figures, tables that can become cards,
and chart labels placed so that none lands on another (tests/browser/test_phone.py looks at
the drawn result)."""

from explainer.calculators.widgets import build


def notes(slug: str, **query) -> dict[str, dict]:
    figure = build(slug, query).chart.figure
    return {note["text"]: note for note in figure["layout"]["annotations"]}


def test_it_sums_up_one_position_by_its_liquidation_price_and_distance():
    assert build("liquidation-price").presentation.summary == (
        ("Liquidation price", ("45,226.13 USDC",)),
        ("Distance to it", ("9.55 %",)),
    )


def test_it_names_each_mode_in_a_summary_of_two_modes():
    assert build("isolated-vs-cross", {"price": "45000"}).presentation.summary == (
        ("Liquidation price", ("Isolated 45,226.13 USDC", "Cross 25,125.63 USDC")),
        ("Worth at 45,000.00 USDC", ("Isolated 400.00 USDC (liquidated)", "Cross 400.00 USDC")),
    )


def test_it_sums_up_the_leverage_explorer_by_its_two_liquidation_prices():
    assert build("leverage-explorer").presentation.summary == (
        ("Isolated at 10×", ("45,226.13 USDC (9.55 %)",)),
        ("Cross", ("25,125.63 USDC (49.75 %)",)),
    )


def test_it_sums_up_pnl_and_roe_beside_the_figure_worked_out():
    labels = [label for label, _ in build("margin-pnl-roe").presentation.summary]
    assert labels == ["Margin (initial)", "PnL at 55,000.00 USDC", "ROE"]


def test_the_partial_refreshes_the_page_summary_out_of_band(fetch):
    page = fetch("cross-contagion", htmx=True, price="40000").text
    assert '<p id="calc-summary" class="calc-summary" hx-swap-oob="true">' in page
    assert "calc-2-summary" not in fetch("cross-contagion", htmx=True, target="calc-2-results").text


def test_a_summary_of_numbers_with_errors_points_to_the_form(fetch):
    page = fetch("liquidation-price", htmx=True, leverage="200").text
    summary = page[page.index('<p id="calc-summary"') :]
    assert "Check the numbers marked in the form." in summary[: summary.index("</p>")]


def test_a_table_of_several_columns_can_turn_into_cards(fetch):
    page = fetch("cross-contagion").text
    assert 'class="table table-sm calc-table calc-table-cards"' in page
    assert '<td data-label="Both isolated">2,713.57 USDC</td>' in page
    assert 'class="table table-sm calc-table">' in fetch("margin-pnl-roe").text  # two columns fit


def test_close_marker_lines_lean_their_labels_away_from_each_other():
    near = notes("isolated-vs-cross", price="49500")
    assert (near["What if"]["xanchor"], near["Entry"]["xanchor"]) == ("right", "left")
    far = notes("isolated-vs-cross", price="30000")
    assert "xanchor" not in far["What if"] and "xanchor" not in far["Entry"]


def test_a_marker_line_on_the_entry_is_drawn_once():
    assert "What if" not in notes("isolated-vs-cross", price="50000")


def test_the_second_price_label_stays_inside_the_plot_away_from_the_entry_label():
    long = notes("cross-contagion")  # the price is the top of the plot: label below its line
    assert long["ETH-PERP price now"]["yanchor"] == "top"
    assert long["All cross positions<br>liquidated"]["yanchor"] == "bottom"
    short = notes("cross-contagion", b_side="short")  # the bottom: label above, band's on top
    assert short["ETH-PERP price now"]["yanchor"] == "bottom"
    assert short["All cross positions<br>liquidated"]["yanchor"] == "top"


def test_liquidation_and_bankruptcy_labels_go_to_opposite_sides():
    long = notes("liquidation-price")
    assert long["Liquidation"]["ax"] < 0 < long["Bankruptcy"]["ax"]
    assert long["Liquidation"]["ay"] < 0 < long["Bankruptcy"]["ay"]
    short = notes("liquidation-price", side="short", mode="cross")
    assert short["Bankruptcy"]["ax"] < 0 < short["Liquidation"]["ax"]


def test_the_liquidation_chart_keeps_room_below_zero_for_the_bankruptcy_label():
    layout = build("liquidation-price").chart.figure["layout"]
    bottom, top = layout["yaxis"]["range"]
    assert bottom <= -0.25 * top < 0
