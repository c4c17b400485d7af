"""How long each calculator's htmx partial takes on the server, next to a bare Django view.

Run: .venv/bin/python bench/calculators.py [iterations]

Everything runs in this process through django.test.Client, so both go through the same
middleware (sessions, CSP, htmx, ...); the difference is the calculator's own work: the form,
the engine, the chart and the template. Times are medians in milliseconds.
"""

import gzip
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench.in_process  # noqa: E402, F401 - sets Django up, DEBUG off

# isort: split
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

from explainer.calculators.presets import DEFAULTS, ROWS  # noqa: E402


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("bare/", bare),
    path("calculators/", include("explainer.calculators.urls")),
]
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calc-results"}
ENTRY_FIELD = {"cross-contagion": "a_entry", "average-entry": "price1"}


def median_ms(client: Client, url: str, data: dict, headers: dict, iterations: int, new=False):
    response = client.get(url, data, **headers)  # warm up: templates, imports
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for index in range(iterations):
        asked = _new_question(url, data, index) if new else data
        start = time.perf_counter()
        answer = client.get(url, asked, **headers)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (url, asked, answer.status_code)
    return statistics.median(times), response.content


def _new_question(url: str, data: dict, index: int) -> dict:
    """The same trade with an entry price this run has not asked about yet."""
    field = ENTRY_FIELD.get(url.split("/")[2], "entry")
    return {**data, field: f"{data[field]}.{index + 1:04d}"}


def main(iterations: int) -> None:
    client = Client()
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], DEBUG=False):
        bare_ms, bare_body = median_ms(client, "/bare/", {}, {}, iterations)
        print(f"{iterations} requests each, median server time (in-process test client)\n")
        header = ("new ms", "× bare", "repeat ms", "× bare", "bytes", "gzip")
        print(f"{'view':<28}" + "".join(f"{name:>10}" for name in header))
        print(f"{'bare Django view':<28}{bare_ms:>10.2f}{1:>10.1f}{'':>20}{len(bare_body):>10}")
        for slug, data in DEFAULTS.items():
            # A calculator with rows asks its seed rows too.
            data = {**data, **ROWS[slug][1]} if slug in ROWS else data
            url = f"/calculators/{slug}/"
            new, body = median_ms(client, url, data, HTMX, iterations, new=True)
            repeat, _ = median_ms(client, url, data, HTMX, iterations)
            packed = len(gzip.compress(body))
            print(
                f"{slug + ' partial':<28}{new:>10.2f}{new / bare_ms:>10.1f}"
                f"{repeat:>10.2f}{repeat / bare_ms:>10.1f}{len(body):>10}{packed:>10}"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
