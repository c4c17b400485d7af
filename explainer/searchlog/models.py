"""What search analytics keep: per day, how often each query was searched, what it found and
how often a result was followed. Nothing about who searched: no person, session or address;
a search adds 1 to one row, a click to two."""

from django.db import models

QUERY_LENGTH = 100


class SearchStat(models.Model):
    day = models.DateField()
    query = models.CharField(max_length=QUERY_LENGTH, help_text="Lower case, words only.")
    results = models.PositiveSmallIntegerField(
        help_text="Results the last search of it found (20 at most: one page)."
    )
    corrected = models.CharField(
        max_length=QUERY_LENGTH, blank=True, help_text="The words searched instead, if misspelt."
    )
    searches = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "-searches"]
        verbose_name = "search query"
        verbose_name_plural = "search queries"
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="one_stat_per_day")]

    def __str__(self) -> str:
        return f"{self.query} on {self.day}: {self.searches}"


class ResultClick(models.Model):
    day = models.DateField()
    query = models.CharField(max_length=QUERY_LENGTH)
    url = models.CharField(max_length=200)
    title = models.CharField(max_length=150)
    position = models.PositiveSmallIntegerField(help_text="1 for the first result.")
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "-clicks"]
        verbose_name = "search result click"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "url", "position"], name="one_click_tally_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.query} → {self.title} (#{self.position})"
