"""gunicorn's settings for scripts/serve-prod and the benchmarks (bench/server.py).

Each worker process runs a few threads: a request waiting on the database (a vote queued behind
SQLite's write lock, say) holds one thread, not the whole worker, so pages and API calls that
need no database keep being answered. `WEB_CONCURRENCY` sets the worker processes (default 2),
`WEB_THREADS` the threads in each (default 4).
"""

import os

wsgi_app = "entryfinance.wsgi"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", 2))
threads = int(os.environ.get("WEB_THREADS", 4))
bind = f"127.0.0.1:{os.environ.get('PORT', 8000)}"
# The longest request line gunicorn takes (its maximum). Django's MAX_URL_LENGTH (8,000) sits
# just below it, so an over-long address gets the site's own 414, JSON under /api/.
limit_request_line = 8190
