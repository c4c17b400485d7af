from decimal import Decimal

from explainer.engine import Account, MarginMode, Position, Side, evaluate


def test_it_gives_the_seed_isolated_long_its_liquidation_price(post, seed):
    response = post("evaluate", {"wallet_balance": "500", "positions": [seed]})

    position = response.json()["positions"][0]
    expected = _engine_long(MarginMode.ISOLATED, isolated_margin=Decimal(100))
    assert response.status_code == 200
    assert position["liquidation_price"].startswith("45226.130653266")
    assert Decimal(position["liquidation_price"]) == expected.liquidation_price
    assert position["max_loss"] == "100"


def test_it_backs_the_seed_cross_long_with_the_whole_wallet(post, cross_seed):
    response = post("evaluate", {"wallet_balance": "500", "positions": [cross_seed]})

    position = response.json()["positions"][0]
    expected = _engine_long(MarginMode.CROSS)
    assert position["liquidation_price"].startswith("25125.628140703517587939698")
    assert Decimal(position["liquidation_price"]) == expected.liquidation_price
    assert position["max_loss"] == "500"


def test_it_answers_with_every_documented_figure(post, seed):
    body = post("evaluate", {"wallet_balance": "500", "positions": [seed]}).json()

    assert body["account"] == {
        "wallet_balance": "500",
        "cross_wallet_balance": "400",
        "cross_margin_balance": "400",
        "cross_maintenance_margin": "0",
        "margin_ratio": None,
        "available_balance": "400",
        "unrealized_pnl": "0",
    }
    assert body["positions"][0] | {"liquidation_price": "…"} == {
        "id": "0",
        "market": "BTC-PERP",
        "side": "long",
        "margin_mode": "isolated",
        "notional": "1000",
        "initial_margin": "100",
        "maintenance_margin_rate": "0.005",
        "maintenance_amount": "0",
        "maintenance_margin": "5",
        "unrealized_pnl": "0",
        "liquidation_price": "…",
        "bankruptcy_price": "45000",
        "max_loss": "100",
        "liquidated": False,
        "adl_score": "0",
    }


def test_optional_fields_take_their_defaults(post, seed):
    bare = {key: seed[key] for key in ("side", "size", "entry_price", "leverage", "margin_mode")}

    position = post("evaluate", {"wallet_balance": "500", "positions": [bare]}).json()["positions"][
        0
    ]

    assert position["id"] == "0"  # its index
    assert position["market"] == "BTC-PERP"
    assert position["unrealized_pnl"] == "0"  # marked at entry
    assert position["max_loss"] == "100"  # isolated margin = initial margin
    assert (position["maintenance_margin_rate"], position["maintenance_amount"]) == ("0.005", "0")


def test_a_given_rate_without_an_amount_means_amount_zero(post, seed):
    seed |= {
        "size": "10",
        "leverage": "5",
        "isolated_margin": None,
        "maintenance_margin_rate": "0.01",
    }

    position = post("evaluate", {"wallet_balance": "1000000", "positions": [seed]}).json()[
        "positions"
    ][0]

    assert (position["maintenance_margin_rate"], position["maintenance_amount"]) == ("0.01", "0")


def test_positions_come_back_in_request_order(post, seed):
    ids = ["zeta", "alpha", "mu"]
    markets = ["SOL-PERP", "BTC-PERP", "ETH-PERP"]
    positions = [
        seed | {"id": name, "market": market, "isolated_margin": "50", "leverage": "5"}
        for name, market in zip(ids, markets, strict=True)
    ]

    body = post("evaluate", {"wallet_balance": "500", "positions": positions}).json()

    assert [position["id"] for position in body["positions"]] == ids


def test_json_numbers_and_decimal_strings_give_identical_results(post, seed):
    as_numbers = (
        '{"wallet_balance": 500, "positions": [{"side": "long", "size": 0.02, '
        '"entry_price": 50000, "mark_price": 48123.45, "leverage": 10, '
        '"margin_mode": "isolated", "isolated_margin": 100}]}'
    )
    as_strings = {"wallet_balance": "500", "positions": [seed | {"mark_price": "48123.45"}]}

    assert post("evaluate", as_numbers).json() == post("evaluate", as_strings).json()


def test_decimals_keep_full_precision_without_exponents(post, seed):
    seed |= {"size": "0.00000001", "entry_price": "1000000", "isolated_margin": "0.001"}

    body = post("evaluate", {"wallet_balance": "1", "positions": [seed]}).json()

    position = body["positions"][0]
    assert len(position["liquidation_price"].split(".")[1]) >= 8
    numbers = [position[name] for name in ("notional", "initial_margin", "maintenance_margin")]
    assert numbers == ["0.01", "0.001", "0.00005"]


def test_no_liquidation_price_is_null(post, seed):
    seed |= {"leverage": "1", "isolated_margin": None}

    position = post("evaluate", {"wallet_balance": "1000", "positions": [seed]}).json()[
        "positions"
    ][0]

    assert position["liquidation_price"] is None


def test_explain_adds_each_positions_derivations(post, seed, cross_eth):
    body = {"wallet_balance": "500", "positions": [seed, cross_eth], "explain": True}

    positions = post("evaluate", body).json()["positions"]

    for position in positions:
        steps = {step["name"]: step for step in position["derivations"]}
        assert steps["liquidation_price"]["value"] == position["liquidation_price"]
        assert set(steps["notional"]) == {
            "name",
            "label",
            "words",
            "formula",
            "substituted",
            "value",
        }


def test_derivations_are_left_out_unless_asked_for(post, seed):
    position = post("evaluate", {"wallet_balance": "500", "positions": [seed]}).json()["positions"][
        0
    ]

    assert "derivations" not in position


def _engine_long(mode, **margin):
    position = Position(
        side=Side.LONG,
        size=Decimal("0.02"),
        entry_price=Decimal(50000),
        leverage=Decimal(10),
        margin_mode=mode,
        **margin,
    )
    return evaluate(Account(wallet_balance=Decimal(500), positions=(position,))).positions[0]
