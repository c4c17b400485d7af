"""What the predict widgets keep: how many guesses fell in each bucket of each widget, and
whether they counted as right. Nothing about who guessed: no person, session, address or time.
One guess adds 1 to one row."""

from django.db import models


class PredictionTally(models.Model):
    widget = models.SlugField(max_length=60, help_text="The widget's slug.")
    bucket = models.SlugField(
        max_length=20,
        help_text="How far off the guess was (low-5: 5–20 % low), or the choice.",
    )
    correct = models.BooleanField(help_text="Within the widget's tolerance, or the right choice.")
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["widget", "bucket", "correct"]
        verbose_name = "predict widget guesses"
        verbose_name_plural = "predict widget guesses"
        constraints = [
            models.UniqueConstraint(
                fields=["widget", "bucket", "correct"], name="one_tally_per_widget_bucket"
            )
        ]

    def __str__(self) -> str:
        return f"{self.widget} {self.bucket}{' (right)' if self.correct else ''}: {self.count}"
