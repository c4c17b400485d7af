"""The production settings, but with static files collected into the run's own folder and left
uncompressed: whitenoise's brotli pass over every file takes over a minute, and static files
are what each machine keeps for itself, not what these tests are about."""

import os

from entryfinance.settings import *  # noqa: F403
from entryfinance.settings import STORAGES

STATIC_ROOT = os.environ["TEST_STATIC_ROOT"]
STORAGES = STORAGES | {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
}
