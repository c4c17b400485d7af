"""What the readiness check keeps: per question kind, how often it was answered and how often
rightly. Nothing about who answered: no person, no session, no address, no attempt."""

from django.db import models


class QuestionStat(models.Model):
    question = models.SlugField(
        max_length=40, unique=True, help_text="The question's stable id, e.g. mark-vs-last."
    )
    answered = models.PositiveBigIntegerField(default=0)
    correct = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["question"]
        verbose_name = "readiness check question"

    def __str__(self) -> str:
        return self.question

    @property
    def share_correct(self) -> float | None:
        """The share answered rightly, 0 to 1; None before anyone answered."""
        return self.correct / self.answered if self.answered else None
