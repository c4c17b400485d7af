"""Mark, last and index prices in a replay. Only the mark decides liquidation; the events
carry the last and index prices of their step so that a page can say what each did."""

from explainer.engine import PathStep, Quote, replay
from tests.engine.builders import D, canonical


def step(mark, last=None, index=None):
    return PathStep({"BTC-PERP": Quote(D(mark), None if last is None else D(last), index)})


def test_a_wick_of_the_last_price_alone_liquidates_nothing():
    # The canonical long (0.02 BTC at 50,000, 10×) is liquidated at about 45,226.13.
    run = replay(canonical(), path=[step("45900", last="44000"), step("46500", last="46400")])
    assert run.events == ()
    assert run.steps[0].quotes["BTC-PERP"].last == D(44000)


def test_the_event_carries_the_last_and_index_prices_of_its_step():
    run = replay(canonical(), path=[step("45000", last="45400", index=D("45010"))])
    (event,) = run.events
    assert (event.mark_price, event.last_price, event.index_price) == (45000, 45400, D("45010"))


def test_a_plain_mark_and_a_quote_with_only_a_mark_are_the_same_step():
    plain = replay(canonical(), path=[{"BTC-PERP": D(45000)}])
    quoted = replay(canonical(), path=[step("45000")])
    assert plain.events == quoted.events


def test_a_bad_last_price_is_named():
    import pytest

    from explainer.engine import MarginError

    with pytest.raises(MarginError) as error:
        replay(canonical(), path=[step("45000", last="-1")])
    assert error.value.field == "path[0].prices.BTC-PERP.last"
