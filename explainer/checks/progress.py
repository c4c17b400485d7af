"""The reader's last few attempts, kept in their session: no account is needed, and nothing
of it leaves their browser's cookie and the session store."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from .scoring import Outcome

KEY = "check_attempts"
KEPT = 5


@dataclass(frozen=True)
class Attempt:
    seed: int
    correct: int
    total: int
    passed: bool
    when: datetime


def remember(session: SessionBase, seed: int, outcome: Outcome) -> None:
    entry = {
        "seed": seed,
        "correct": outcome.correct,
        "total": outcome.total,
        "passed": outcome.passed,
        "when": timezone.now().isoformat(),
    }
    session[KEY] = [*session.get(KEY, []), entry][-KEPT:]


def recent(session: SessionBase) -> list[Attempt]:
    """Newest first."""
    attempts = []
    for entry in reversed(session.get(KEY, [])):
        when = datetime.fromisoformat(entry["when"])
        attempts.append(
            Attempt(entry["seed"], entry["correct"], entry["total"], entry["passed"], when)
        )
    return attempts
