"""What the benchmarks measure: pages, htmx partials and the API, each with its request."""

import json
from dataclasses import dataclass, field

SEED_QUERY = "wallet=500&margin=100&leverage=10&side=long&entry=50000&market=BTC-PERP&mode=isolated"
SEED_BODY = {
    "wallet_balance": "500",
    "positions": [
        {
            "market": "BTC-PERP",
            "side": "long",
            "size": "0.02",
            "entry_price": "50000",
            "mark_price": "48000",
            "leverage": "10",
            "margin_mode": "isolated",
            "isolated_margin": "100",
        },
    ],
}


@dataclass(frozen=True)
class Target:
    path: str
    method: str = "GET"
    body: str = ""
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    # A query name given a value no request has asked before, on every request.
    new_value_for: str = ""
    # Send the page's own ETag in If-None-Match, as a browser or CDN revalidating it does.
    revalidate: bool = False

    def wrk_options(self) -> dict:
        return {
            "method": self.method,
            "body": self.body,
            "headers": self.headers,
            "new_value_for": self.new_value_for,
        }


HTMX = (("HX-Request", "true"),)
# The first target is the reference: a bare view with no database and no template.
TARGETS = {
    "bare view (robots.txt)": Target("/robots.txt"),
    "article page": Target("/articles/cross-vs-isolated-margin/"),
    "article page, gzip": Target(
        "/articles/cross-vs-isolated-margin/", headers=(("Accept-Encoding", "gzip"),)
    ),
    "article page, 304": Target("/articles/cross-vs-isolated-margin/", revalidate=True),
    "calculator partial, new": Target(
        f"/calculators/isolated-vs-cross/?{SEED_QUERY}&price=48000",
        headers=HTMX,
        new_value_for="entry",
    ),
    "calculator partial, repeat": Target(
        f"/calculators/isolated-vs-cross/?{SEED_QUERY}&price=48000", headers=HTMX
    ),
    "API evaluate": Target(
        "/api/v1/evaluate",
        method="POST",
        body=json.dumps(SEED_BODY),
        headers=(("Content-Type", "application/json"),),
    ),
}
PAGES = {
    "home": "/",
    "article: cross vs isolated": "/articles/cross-vs-isolated-margin/",
    "article: liquidation": "/articles/liquidation-price-and-risk-engine/",
    "article: FAQ (no chart)": "/articles/why-was-my-position-liquidated/",
    "calculator: isolated vs cross": "/calculators/isolated-vs-cross/",
    "glossary": "/glossary/",
}
PARTIALS = {
    "isolated vs cross": f"/calculators/isolated-vs-cross/?{SEED_QUERY}&price=47000",
    "liquidation price": "/calculators/liquidation-price/?" + SEED_QUERY + "&size=0.02",
    "leverage explorer": "/calculators/leverage-explorer/?" + SEED_QUERY + "&size=0.02",
    "margin, PnL and ROE": "/calculators/margin-pnl-roe/?"
    + SEED_QUERY
    + "&size=0.02&solve=margin&price=55000",
    "cross contagion": "/calculators/cross-contagion/",
    "search": "/search/?q=liquidation",
}
