"""The reader's practice account, kept in the database session. A session that expired, was
never made or holds something the engine cannot read back is a fresh account, never an error."""

from django.http import HttpRequest

from explainer.engine import MarginError
from explainer.engine import practice as engine

KEY = "practice"
SCENARIO = "practice_scenario"


def load(request: HttpRequest) -> engine.Practice:
    data = request.session.get(KEY)
    if data is None:
        return engine.fresh()
    try:
        return engine.from_data(data)
    except MarginError:
        return engine.fresh()


def save(request: HttpRequest, practice: engine.Practice) -> None:
    request.session[KEY] = engine.to_data(practice)


def scenario(request: HttpRequest) -> dict | None:
    """The guided scenario being played and the reader's prediction, if any."""
    kept = request.session.get(SCENARIO)
    if not isinstance(kept, dict) or kept.get("slug") not in engine.SCENARIOS:
        return None
    return kept


def start_scenario(request: HttpRequest, slug: str, guess: str) -> None:
    save(request, engine.SCENARIOS[slug].setup())
    request.session[SCENARIO] = {"slug": slug, "guess": guess}


def reset(request: HttpRequest) -> None:
    save(request, engine.fresh())
    request.session.pop(SCENARIO, None)
