"""Counting searches and the results readers follow (see models.py for what is kept).

A count that the database cannot write just now is lost, never the reader's search or page.
"""

import logging

from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone

from explainer.search import Hit, Results, query_words
from explainer.tallies import add_one

from .models import QUERY_LENGTH, ResultClick, SearchStat

logger = logging.getLogger(__name__)


def normalised(query: str) -> str:
    return " ".join(query_words(query))[:QUERY_LENGTH]


def record_search(query: str, results: Results) -> None:
    if not (text := normalised(query)):
        return
    key = {"day": timezone.localdate(), "query": text}
    found = {"results": len(results.hits), "corrected": results.corrected or ""}
    try:
        add_one(SearchStat, key, "searches", **found)
    except DatabaseError as error:
        logger.warning("A search was not counted: %s", error)


def record_click(query: str, hit: Hit, position: int) -> None:
    if not (text := normalised(query)):
        return
    day = timezone.localdate()
    key = {"day": day, "query": text, "url": hit.url[:200], "position": position}
    try:
        add_one(ResultClick, key, "clicks", title=hit.title[:150])
        # Into the day's click-through only if the search was counted: a click never makes
        # a query look searched.
        SearchStat.objects.filter(day=day, query=text).update(clicks=F("clicks") + 1)
    except DatabaseError as error:
        logger.warning("A click on a search result was not counted: %s", error)
