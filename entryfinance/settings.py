"""Settings for Margin Academy, read from the environment with defaults that run a fresh checkout.

Production mode is `DEBUG=0` with a real `SECRET_KEY`; `manage.py check --deploy` is then clean.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from explainer.embeds.origins import checked_origins

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use 1, 0, true, false, yes, no, on or off."
    )


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envrate(name: str, default: str) -> str:
    """A django-ratelimit rate such as `600/m`, checked here rather than on the first request."""
    value = os.environ.get(name, default).strip()
    if not re.fullmatch(r"\d+/\d*[smhd]", value):
        raise ImproperlyConfigured(f"{name}={value!r}: write a rate like 600/m (per s, m, h or d).")
    return value


DEBUG = envbool("DEBUG", "1")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set SECRET_KEY when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-margin-academy"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_ratelimit",
    "explainer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "explainer.middleware.UrlLengthMiddleware",
    "explainer.middleware.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "explainer.middleware.RefusedEncodingsMiddleware",
    # Pages and partials are compressed here, as no proxy stands in front of gunicorn (static
    # files come pre-compressed from whitenoise). Each gzip stream is padded against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # A request whose If-None-Match holds the page's ETag is answered 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Below the two above, so it sees responses first: /embed/… routes may be framed.
    "explainer.embeds.framing.EmbedFramingMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "explainer.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "entryfinance.urls"
WSGI_APPLICATION = "entryfinance.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "explainer.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=envint("CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads and processes write to one file. WAL lets pages be read while a vote is
    # written; IMMEDIATE takes the write lock at BEGIN, where the busy timeout applies, instead
    # of failing at once when a read turns into a write; a writer waits that long, then gives up.
    # synchronous stays FULL: a vote we said was saved survives a power cut.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_BUSY_TIMEOUT", 5),
    } | DATABASES["default"].get("OPTIONS", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default" holds the rate-limit counters (explainer/throttle.py). LocMem counts per process,
# which is right for one worker; with more, set CACHE_URL=redis://… so all workers share counts.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// address.")


# Two more aliases on the same backend, each with its own keys, so that one kind of traffic
# cannot evict the other: "content" keeps public pages (Django's cache_page, keyed by the
# content version that load_content bumps, see explainer/serving.py); "results" keeps
# calculator answers by the question asked (explainer/calculators/results_cache.py). With
# LocMem each process has its own, bounded by entries (a page is under 80 KB, a partial under
# 25 KB); with Redis every worker and machine shares them.
def _cache(alias: str, entries: int) -> dict:
    if CACHE_URL:
        backend = "django.core.cache.backends.redis.RedisCache"
        return {"BACKEND": backend, "LOCATION": CACHE_URL, "KEY_PREFIX": alias}
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": alias,
        "OPTIONS": {"MAX_ENTRIES": entries},
    }


CACHES = {
    "default": _cache("default", 1000),
    "content": _cache("content", envint("CONTENT_CACHE_ENTRIES", 300)),
    "results": _cache("results", envint("RESULTS_CACHE_ENTRIES", 500)),
}
CACHES["default"].pop("KEY_PREFIX", None)  # the rate-limit counters keep the keys they had
# How long a public page is fresh for browsers and any CDN in front, and how long after that
# they may serve it while they revalidate it (with its ETag) in the background.
PAGE_MAX_AGE = envint("PAGE_MAX_AGE", 60)
PAGE_STALE_WHILE_REVALIDATE = envint("PAGE_STALE_WHILE_REVALIDATE", 600)

# Rate limits per client address (explainer/throttle.py), counted by django-ratelimit.
VOTE_RATE_LIMIT_PER_ARTICLE = envrate("VOTE_RATE_LIMIT_PER_ARTICLE", "5/h")
VOTE_RATE_LIMIT = envrate("VOTE_RATE_LIMIT", "30/h")
API_RATE_LIMIT = envrate("API_RATE_LIMIT", "600/m")
# Readiness-check attempts one address may add to the statistics (it is scored past that).
CHECK_STATS_RATE_LIMIT = envrate("CHECK_STATS_RATE_LIMIT", "20/h")
# Searches and result clicks counted into the search statistics from one address, and from all
# (past either, the reader is served but not counted), so a flood cannot fill the tables.
SEARCH_STATS_RATE_LIMIT = envrate("SEARCH_STATS_RATE_LIMIT", "60/h")
SEARCH_STATS_TOTAL_RATE_LIMIT = envrate("SEARCH_STATS_TOTAL_RATE_LIMIT", "5000/h")
# How many reverse proxies in front of gunicorn append to X-Forwarded-For; 0 trusts none of it.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
RATELIMIT_IP_META_KEY = "explainer.throttle.client_address"
# A counter the cache cannot keep does not lock every reader out.
RATELIMIT_FAIL_OPEN = True
SILENCED_SYSTEM_CHECKS = [
    # django-ratelimit lists django-redis but not Django's own RedisCache, whose incr is Redis's
    # atomic INCR.
    "django_ratelimit.W001",
]
if not CACHE_URL:
    # LocMem is not shared between processes: limits then hold per worker, as README explains.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Staff logins (/admin/, and any later login that calls authenticate() with the request) are
# throttled by django-axes: 5 wrong passwords for one username from one address lock that pair
# out for 15 minutes; a right password resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "explainer.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "explainer.views.login.locked_out"
# A staff sign-in (the support desk, /admin/) lasts a working day, and ends sooner when the
# browser closes; nothing else on the site keeps a session.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Third-party front-end files are read straight from npm's install, never committed.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/plotly", NODE_MODULES / "plotly.js-basic-dist-min"),
    # plotly.js's own style rules as a stylesheet, written at install by scripts/plotly-css.cjs.
    ("vendor/plotly-css", NODE_MODULES / ".generated" / "plotly"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# A strict policy: no inline script or style at all, nothing off-site. With no nonce, every
# public page is the same bytes for every reader.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
# Partners' pages that may frame the /embed/… routes and receive their messages (besides the
# site itself): scheme://host[:port], comma-separated, a port may be *. None by default in
# production; any localhost port in DEBUG.
EMBED_ALLOWED_ORIGINS = checked_origins(
    envlist("EMBED_ALLOWED_ORIGINS", "http://localhost:*,http://127.0.0.1:*" if DEBUG else "")
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Request bodies larger than these are refused with a 413 (JSON on the API) before a view
# reads them: explainer.middleware.BodyLimitMiddleware picks the limit by route. A support
# case may carry a pasted or uploaded price path of up to 2 MB, plus the form's other fields
# and the multipart framing; every other route takes 64 KB.
BODY_LIMIT = 64 * 1024
CASE_BODY_LIMIT = 2 * 1024 * 1024 + 256 * 1024
# Django's own check is the backstop behind the middleware, so it sits at the larger limit; an
# uploaded CSV that size stays in memory instead of going to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = CASE_BODY_LIMIT
FILE_UPLOAD_MAX_MEMORY_SIZE = CASE_BODY_LIMIT
# Longer addresses get a 414 in the site's words; gunicorn's own limit sits above it.
MAX_URL_LENGTH = 8000
CSRF_FAILURE_VIEW = "explainer.views.site.csrf_failure"
