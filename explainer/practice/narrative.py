"""What just happened on the practice account, one sentence a Happening, with its numbers and
a link to the article section that teaches it. The engine computed every number (see
engine.practice.Happening for what each kind carries); this module only words and rounds."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from explainer.calculators.display import price, signed_usdc, size
from explainer.engine import MarginMode, get_market
from explainer.engine.practice import Happening
from explainer.formatting import percent, usdc

FUND = "insurance-fund-and-auto-deleveraging#when-the-price-gaps-past-bankruptcy"
ADL = "insurance-fund-and-auto-deleveraging#when-the-fund-is-not-enough-auto-deleveraging"
CROSS_LIQUIDATION = "cross-vs-isolated-margin#several-cross-positions-share-one-balance"
# The section each kind of happening is taught in, with the words of its link.
ARTICLES = {
    "order_filled": "margin-explained#mark-price-and-last-price",
    "order_cancelled": "margin-explained#available-balance",
    "funding": "funding-payments#funding-moved-my-liquidation-price",
    "partial_liquidation": "partial-liquidation-of-large-positions#one-bracket-at-a-time",
    "liquidation": "liquidation-price-and-risk-engine#the-isolated-liquidation-boundary",
    "insurance_fund": FUND,
    "adl": ADL,
}
LINK_TEXT = {
    ARTICLES["order_filled"]: "Mark price and last price",
    ARTICLES["order_cancelled"]: "Available balance",
    ARTICLES["funding"]: "Funding moved my liquidation price",
    ARTICLES["partial_liquidation"]: "Partial liquidation, one bracket at a time",
    ARTICLES["liquidation"]: "The isolated liquidation boundary",
    FUND: "When the price gaps past bankruptcy",
    ADL: "When the fund is not enough: auto-deleveraging",
    CROSS_LIQUIDATION: "Several cross positions share one balance",
}


@dataclass(frozen=True)
class Sentence:
    kind: str
    text: str
    link: str
    link_text: str
    pauses: bool


def explain(happenings: tuple[Happening, ...]) -> tuple[Sentence, ...]:
    """One sentence a happening, except that the cross positions a step liquidates together
    share one sentence, as they share one balance."""
    together = [h for h in happenings if _cross_liquidation(h)]
    sentences = []
    for h in happenings:
        if not _cross_liquidation(h):
            sentences.append(_sentence(h))
        elif h is together[0]:
            text = _cross_liquidated(together)
            link = article_url(CROSS_LIQUIDATION)
            sentences.append(Sentence(h.kind, text, link, LINK_TEXT[CROSS_LIQUIDATION], h.pauses))
    return tuple(sentences)


def _cross_liquidation(h: Happening) -> bool:
    return h.kind == "liquidation" and h.margin_mode is MarginMode.CROSS


def _sentence(h: Happening) -> Sentence:
    words = WORDS[h.kind](h)
    anchor = ARTICLES[h.kind]
    return Sentence(h.kind, words, article_url(anchor), LINK_TEXT[anchor], h.pauses)


def article_url(anchor: str) -> str:
    """ "slug#section" as the address of that section of the article."""
    slug, _, section = anchor.partition("#")
    return reverse("article", args=[slug]) + (f"#{section}" if section else "")


def _at(h: Happening) -> str:
    """Happening.step counts from 0; the desk counts the steps played from 1."""
    return f"step {h.step + 1}"


def _who(h: Happening) -> str:
    return f"position {h.position_id} ({h.market} {h.margin_mode.value})"


def _size(h: Happening, value: Decimal) -> str:
    return size(value, get_market(h.market))


def _price(h: Happening, value: Decimal | None) -> str:
    return price(value, get_market(h.market))


def _filled(h: Happening) -> str:
    how = (
        "at once at the mark, as a taker, because its price was already through the market"
        if h.detail.get("taker")
        else "as a maker, when the path's price crossed it"
    )
    better = ""
    if h.detail.get("limit_price") is not None and h.amount != h.detail["limit_price"]:
        better = f" (better than the {_price(h, h.detail['limit_price'])} asked: the price gapped)"
    after = (
        f"; the position is now {_size(h, h.remaining_size)}"
        if h.remaining_size
        else "; it closed the position"
    )
    return (
        f"At {_at(h)} your limit order for {_size(h, h.size)} of {h.market} filled {how}, at "
        f"{_price(h, h.amount)}{better}, for a fee of {usdc(h.detail.get('fee'))}{after}."
    )


def _cancelled(h: Happening) -> str:
    needed = h.detail.get("needed")
    reason = (
        "the position it opened would have been liquidated at once"
        if needed is None
        else f"it needed {usdc(needed)} of margin and fee, and only "
        f"{usdc(h.detail.get('available_balance'))} was available"
    )
    return (
        f"At {_at(h)} the path reached your {h.market} limit price of {_price(h, h.amount)}, "
        f"but the order was cancelled: {reason}."
    )


def _funding(h: Happening) -> str:
    paid = h.amount >= 0
    into = "from" if paid else "into"
    source = (
        f"{into} its isolated margin, which is now {usdc(h.detail['margin'])}"
        if h.detail.get("margin") is not None
        else f"{into} the cross wallet"
    )
    effect = (
        "less margin brings the liquidation price closer"
        if paid
        else "more margin moves the liquidation price away"
    )
    return (
        f"Funding at {_at(h)}: {_who(h)} {'paid' if paid else 'received'} "
        f"{usdc(abs(h.amount))}, {percent(h.detail.get('funding_rate'), 4)} of its "
        f"{usdc(h.detail.get('notional'))} notional, {source}; {effect} even when the price "
        "stands still."
    )


def _partial(h: Happening) -> str:
    return (
        f"At {_at(h)} the mark of {h.market} reached {_price(h, h.mark_price)}, and the "
        f"liquidation engine closed {_size(h, h.size)} of {_who(h)} to bring it into a lower "
        f"maintenance tier, for a realised PnL of {signed_usdc(h.detail['realized_pnl'])} and a "
        f"fee of {usdc(h.detail.get('fee'))}; {_size(h, h.remaining_size)} stays open."
    )


def _liquidated(h: Happening) -> str:
    """An isolated liquidation (cross ones are worded together, by _cross_liquidated)."""
    return (
        f"At {_at(h)} the mark of {h.market} reached {_price(h, h.mark_price)}{_last(h)}: "
        f"isolated position {h.position_id} was liquidated and lost its {usdc(h.amount)} of "
        f"margin{_fee(h)}, and nothing else in the account."
    )


def _cross_liquidated(taken: list[Happening]) -> str:
    first = taken[0]
    losses = "; ".join(
        f"position {h.position_id} ({h.market}, at a mark of {_price(h, h.mark_price)}{_last(h)}) "
        f"lost {usdc(h.amount)}{_fee(h)}"
        for h in taken
    )
    return (
        f"At {_at(first)} the cross margin balance fell to the maintenance margin, so every "
        f"cross position was liquidated together, because they share one balance: {losses}."
    )


def _fee(h: Happening) -> str:
    """The liquidation fee, out of the margin that was left; none when nothing was left."""
    fee = h.detail.get("fee")
    return f", of which {usdc(fee)} paid the liquidation fee" if fee else ""


def _last(h: Happening) -> str:
    if h.last_price is None or h.last_price == h.mark_price:
        return ""
    return f" (the last traded price was {_price(h, h.last_price)})"


def _insurance(h: Happening) -> str:
    short = h.detail.get("shortfall")
    rest = f", and {usdc(short)} it could not cover" if short else ""
    return (
        f"The price went past the bankruptcy price of {_who(h)}, so the insurance fund paid "
        f"{usdc(h.amount)} to cover the gap; it holds "
        f"{usdc(h.detail.get('insurance_fund_balance'))} now{rest}."
    )


def _adl(h: Happening) -> str:
    if h.detail.get("passed_on") is not None:
        return (
            f"The loss of {_who(h)} past its bankruptcy price went beyond what the insurance "
            f"fund held, so {usdc(h.amount)} was passed to traders on the other side by "
            "auto-deleveraging: the exchange closed some of their profitable positions."
        )
    return (
        f"At {_at(h)} your profitable {_who(h)} was auto-deleveraged: closed at "
        f"{_price(h, h.mark_price)} with a realised profit of {usdc(h.amount)}, because a "
        "liquidation on the other side went past what the insurance fund held."
    )


WORDS = {
    "order_filled": _filled,
    "order_cancelled": _cancelled,
    "funding": _funding,
    "partial_liquidation": _partial,
    "liquidation": _liquidated,
    "insurance_fund": _insurance,
    "adl": _adl,
}
