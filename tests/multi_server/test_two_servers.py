"""Two app servers behind one address share everything a reader must see: what one of them
saves, loads or computes, the other shows on its next answer."""

import os
import re
import shutil
from pathlib import Path

import psycopg
import pytest

from explainer.content.sources import CONTENT_DIR

pytestmark = [
    pytest.mark.multi_server,
    pytest.mark.skipif(
        not (os.environ.get("TEST_DATABASE_URL") and os.environ.get("TEST_CACHE_URL")),
        reason="two-server tests need TEST_DATABASE_URL (PostgreSQL) and TEST_CACHE_URL "
        "(Redis); .ci/run sets both",
    ),
]

SLUG = "margin-explained"
ARTICLE = f"/articles/{SLUG}/"
FEEDBACK = f"/articles/{SLUG}/feedback/"
# A question no other test asks, in the form the standalone calculator's htmx request sends.
QUESTION = (
    "/calculators/isolated-vs-cross/?wallet=500&leverage=7&side=long&entry=51234"
    "&market=BTC-PERP&margin=100&price=48000&mode=isolated&mmr="
)
HTMX_RESULTS = {"HX-Request": "true", "HX-Target": "calc-results"}
PYTHON_FILES = shutil.ignore_patterns("*.py", "__pycache__")
LOAD_CONTENT_FROM = """
import sys
from pathlib import Path
import django
django.setup()
from explainer.content.sync import load_content
load_content(Path(sys.argv[1]))
"""


def test_a_vote_on_one_server_is_seen_on_the_other(server_a, server_b, reader, shared_database):
    form = reader.get(server_a, FEEDBACK)
    assert form.status == 200, f"{server_a} serves the reader's feedback fragment"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    vote = {"csrfmiddlewaretoken": token, "helpful": "yes", "comment": ""}
    assert reader.post(server_a, FEEDBACK, vote, {"HX-Request": "true"}).status == 201

    fragment = reader.get(server_b, FEEDBACK)
    assert "You told us this article was <strong>helpful</strong>" in fragment.text
    assert _votes_on(shared_database, SLUG) == 1


def test_load_content_shows_an_edit_on_both_servers_at_once(
    server_a, server_b, reader, run_python, tmp_path
):
    for server in (server_a, server_b):
        assert "Margin explained" in reader.get(server, ARTICLE).text  # each has served it once
    edited = _content_with_title(tmp_path, SLUG, "Margin explained, edited on a third machine")

    run_python(LOAD_CONTENT_FROM, str(edited))

    for server in (server_a, server_b):
        page = reader.get(server, ARTICLE).text
        assert "Margin explained, edited on a third machine" in page, f"{server} shows the edit"


def test_a_calculator_answer_computed_by_one_server_is_served_by_the_other(
    server_a, server_b, reader, results_cache
):
    assert results_cache.in_redis, f"calculator answers are kept in {results_cache.backend}"
    kept_before = results_cache.count()
    computed = reader.get(server_a, QUESTION, HTMX_RESULTS)
    assert computed.status == 200
    kept = results_cache.count()
    assert kept > kept_before, f"{server_a} keeps its answer in the shared cache"

    served = reader.get(server_b, QUESTION, HTMX_RESULTS)

    assert served.status == 200
    assert served.body == computed.body
    assert results_cache.count() == kept, f"{server_b} found the answer and kept nothing new"


def test_a_page_has_the_same_bytes_and_etag_on_both_servers(server_a, server_b, reader):
    on_a = reader.get(server_a, ARTICLE)
    on_b = reader.get(server_b, ARTICLE)

    assert on_b.body == on_a.body
    assert on_a.headers["ETag"], "pages carry an ETag, so a proxy or CDN can revalidate them"
    assert on_b.headers["ETag"] == on_a.headers["ETag"]
    revalidated = reader.get(server_b, ARTICLE, {"If-None-Match": on_a.headers["ETag"]})
    assert revalidated.status == 304


def _content_with_title(directory: Path, slug: str, title: str) -> Path:
    """A copy of the content files with one article retitled; the repository's stay as they are."""
    copy = shutil.copytree(CONTENT_DIR, directory / "content", ignore=PYTHON_FILES)
    article = copy / "articles" / f"{slug}.md"
    retitled = re.sub(r'^title = ".*"$', f'title = "{title}"', article.read_text(), flags=re.M)
    article.write_text(retitled)
    return copy


def _votes_on(database_url: str, slug: str) -> int:
    with psycopg.connect(database_url) as connection:
        row = connection.execute(
            "SELECT count(*) FROM explainer_feedback f JOIN explainer_article a"
            " ON a.id = f.article_id WHERE a.slug = %s",
            [slug],
        ).fetchone()
    return row[0]
