"""Server time of public pages in this process: cold (the page cache emptied before each
request, so the page is rendered), kept (answered from Django's cache) and revalidated (a 304
for the page's own ETag), each beside a bare view through the same middleware.

Run: .venv/bin/python bench/pages.py [iterations]   (medians in milliseconds)
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench.in_process  # noqa: E402, F401 - sets Django up, DEBUG off

# isort: split
from django.core.cache import caches  # noqa: E402
from django.test import Client  # noqa: E402

from bench.targets import PAGES  # noqa: E402


def median_ms(request, iterations: int, before=lambda: None) -> float:
    times = []
    for _ in range(iterations):
        before()
        start = time.perf_counter()
        request()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    client = Client()
    bare = median_ms(lambda: client.get("/robots.txt"), iterations)
    print(f"bare view (robots.txt): {bare:.2f} ms\n")
    print(f"{'page':<32}{'cold ms':>9}{'kept ms':>9}{'304 ms':>9}{'kept × bare':>13}")
    for name, url in PAGES.items():
        cold, kept, revalidated = page_times(client, url, iterations)
        print(f"{name:<32}{cold:>9.2f}{kept:>9.2f}{revalidated:>9.2f}{kept / bare:>13.2f}")


def page_times(client: Client, url: str, iterations: int) -> tuple[float, float, float]:
    etag = client.get(url)["ETag"]
    cold = median_ms(lambda: client.get(url), iterations, caches["content"].clear)
    client.get(url)
    kept = median_ms(lambda: client.get(url), iterations)
    headers = {"if-none-match": etag}
    revalidated = median_ms(lambda: client.get(url, headers=headers), iterations)
    return cold, kept, revalidated


if __name__ == "__main__":
    main()
