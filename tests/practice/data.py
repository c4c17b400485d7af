"""What the tests post: a reader's orders, and the htmx header."""

BTC_LONG = {
    "market": "BTC-PERP",
    "side": "long",
    "kind": "market",
    "size": "0.05",
    "margin_mode": "cross",
}
ETH_SHORT = {
    "market": "ETH-PERP",
    "side": "short",
    "kind": "market",
    "size": "0.5",
    "margin_mode": "cross",
}
HTMX = {"HTTP_HX_REQUEST": "true"}
