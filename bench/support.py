"""The support desk with the issue's big case: a 10,000-row price path (2,000 times × five
markets, every five minutes) and 10 positions in hedge mode, some liquidated on the way.

Server time in this process, medians in milliseconds, beside a bare view through the same
middleware: saving the case from the form (the CSV read, every field checked, the replay
run), the staff case page with its report built (cold: the report cache emptied first) and
kept, and the customer's page. Then the customer page's weight before plotly.js: its HTML as
served (gzip) and each stylesheet and script it links, as whitenoise serves them (brotli).
Everything written is rolled back at the end.

Run: .venv/bin/python bench/support.py [iterations]
"""

import csv
import gzip
import io
import re
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench.in_process  # noqa: E402, F401 - sets Django up, DEBUG off

# isort: split
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from bench.pages import median_ms  # noqa: E402
from explainer.engine import MARKETS  # noqa: E402
from explainer.support.access import SUPPORT_GROUP  # noqa: E402
from explainer.support.models import Case, CaseLink  # noqa: E402

START = datetime(2026, 11, 20, tzinfo=UTC)
ENTRIES = {
    "BTC-PERP": "60000",
    "ETH-PERP": "3000",
    "SOL-PERP": "150",
    "XRP-PERP": "0.6",
    "AVAX-PERP": "30",
}
TIMES = 2_000
SERVER_TARGET_MS = 1000
WEIGHT_TARGET_KB = 150


class Rollback(Exception):
    pass


def price_path() -> str:
    """ETH rallies 12 % while the others slide 8 %, with a small wobble on every row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time", "market", "mark", "last"])
    for k in range(TIMES):
        for n, (market, entry) in enumerate(ENTRIES.items()):
            trend = Decimal("0.12") if market == "ETH-PERP" else Decimal("-0.08")
            wobble = Decimal((k * 7 + n * 13) % 11 - 5) / 2000
            mark = Decimal(entry) * (1 + trend * k / TIMES + wobble)
            tick = MARKETS[market].tick_size
            time = (START + timedelta(minutes=5 * k)).strftime("%Y-%m-%dT%H:%M:%SZ")
            writer.writerow(
                [time, market, mark.quantize(tick), (mark * Decimal("1.001")).quantize(tick)]
            )
    return out.getvalue()


def form_data() -> dict[str, str]:
    data = {
        "wallet_balance": "20000",
        "position_mode": "hedge",
        "movement": "path",
        "path_csv": price_path(),
        "partial_liquidation": "on",
        "funding_along_path": "on",
        "ticket_reference": "BENCH-1",
        "positions-TOTAL_FORMS": "10",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "10",
    }
    for index in range(10):
        market = list(ENTRIES)[index % 5]
        entry = Decimal(ENTRIES[market])
        size = (Decimal(1500) / entry).quantize(MARKETS[market].lot_size)
        prefix = f"positions-{index}-"
        data |= {
            prefix + "market": market,
            prefix + "side": "long" if index < 5 else "short",
            prefix + "size": str(size),
            prefix + "entry_price": str(entry),
            prefix + "leverage": "20",
            prefix + "margin_mode": "cross" if index % 2 == 0 else "isolated",
            prefix + "fees_paid": "0.75",
        }
    return data


def weight(client: Client, url: str) -> dict[str, int]:
    response = client.get(url, headers={"accept-encoding": "gzip"})
    html = gzip.decompress(response.content).decode()
    sizes = {"html": len(response.content), "css": 0, "js": 0}
    for kind, pattern in (
        ("css", r'<link rel="stylesheet"[^>]* href="([^"]+)"(?! media="print")'),
        ("js", r'<script src="([^"]+)"'),
    ):
        for href in re.findall(pattern, html):
            path = Path(settings.STATIC_ROOT) / href.removeprefix(settings.STATIC_URL)
            brotli = path.with_name(path.name + ".br")  # what whitenoise serves
            sizes[kind] += brotli.stat().st_size if brotli.exists() else path.stat().st_size
    return sizes


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    call_command("collectstatic", "--noinput", verbosity=0)  # DEBUG off serves the manifest
    try:
        with transaction.atomic():
            run(iterations)
            raise Rollback
    except Rollback:
        pass


def run(iterations: int) -> None:
    staff = Client()
    user = User.objects.create_user("bench-support", password="not-used-bench-only")
    user.groups.add(Group.objects.get_or_create(name=SUPPORT_GROUP)[0])
    staff.force_login(user)
    bare = median_ms(lambda: staff.get("/robots.txt"), 50)
    data = form_data()
    kilobytes = len(data["path_csv"]) // 1024
    print(f"the case: {TIMES * 5:,} path rows, 10 positions, {kilobytes} KB of CSV")
    print(f"bare view (robots.txt): {bare:.2f} ms\n")

    saved = median_ms(lambda: staff.post("/support/cases/new/", data), iterations)
    case = Case.objects.latest("pk")
    link = CaseLink.objects.create(case=case, created_by=user, expires=CaseLink.lasting())
    staff_url, customer_url = f"/support/cases/{case.pk}/", f"/cases/{link.token}/"
    assert staff.get(staff_url).status_code == 200
    report = caches["results"]
    cold = median_ms(lambda: staff.get(staff_url), iterations, report.clear)
    kept = median_ms(lambda: staff.get(staff_url), iterations)
    customer = Client()
    customer_cold = median_ms(lambda: customer.get(customer_url), iterations, report.clear)

    print(f"{'request':<44}{'ms':>9}{'× bare':>9}{'target':>12}")
    rows = [
        ("save the case from the form (POST)", saved, ""),
        ("staff case page, report built (cold)", cold, f"≤ {SERVER_TARGET_MS} ms"),
        ("staff case page, report kept", kept, ""),
        ("customer page, report built (cold)", customer_cold, f"≤ {SERVER_TARGET_MS} ms"),
    ]
    for name, ms, target in rows:
        print(f"{name:<44}{ms:>9.1f}{ms / bare:>9.0f}{target:>12}")
    sizes = weight(customer, customer_url)
    total = sum(sizes.values())
    parts = ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in sizes.items())
    print(
        f"\ncustomer page before plotly.js: {total / 1024:.1f} KB compressed ({parts}); "
        f"target ≤ {WEIGHT_TARGET_KB} KB"
    )


if __name__ == "__main__":
    main()
