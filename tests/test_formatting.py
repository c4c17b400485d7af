from decimal import Decimal

from explainer.formatting import amount, percent, plain, usdc


def test_a_loss_that_rounds_to_nothing_reads_zero_not_minus_zero():
    assert usdc(Decimal("-0.001")) == "0.00 USDC"
    assert percent(Decimal("-0.00001")) == "0.00 %"
    assert amount(Decimal("-0")) == "0.00"


def test_a_real_loss_keeps_its_sign():
    assert usdc(Decimal("-0.005")) == "-0.01 USDC"


def test_plain_writes_no_minus_zero_and_no_exponent():
    assert plain(Decimal("-0E-8")) == "0"
    assert plain(Decimal("1.2300E+3")) == "1230"
