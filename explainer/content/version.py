"""The content version: a number in the database that `load_content` and every edit of an
article, a category or a glossary term bump. Public pages are kept under it
(explainer/serving.py), so an edit is seen at once by every worker and every machine.

Readers ask for it on every page, so it is read through the default cache. With Redis that
cache is shared and a bump writes it, so the new number is seen at once; with local memory
(one machine, and `load_content` run in a process of its own) each process reads the database
again after SECONDS, so an edit shows within a second.
"""

from django.core.cache import caches
from django.db.models import F

from explainer.models import ContentVersion

KEY = "content-version"
SECONDS = 1


def current() -> int:
    cache = caches["default"]
    number = cache.get(KEY)
    if number is None:
        number = ContentVersion.objects.values_list("number", flat=True).first() or 0
        cache.set(KEY, number, SECONDS)
    return number


def bump() -> int:
    if not ContentVersion.objects.update(number=F("number") + 1):
        ContentVersion.objects.create(number=1)
    number = ContentVersion.objects.values_list("number", flat=True).first()
    caches["default"].set(KEY, number, SECONDS)
    return number
