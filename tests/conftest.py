import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts with the real help-center content loaded."""
    from explainer.content.sync import load_content

    with django_db_blocker.unblock():
        load_content()


def pytest_collection_modifyitems(items):
    """Every test that touches the database runs a second time on PostgreSQL in CI."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if item.get_closest_marker("django_db") or {"db", "transactional_db", "site"} & set(
            fixtures
        ):
            item.add_marker(pytest.mark.db_postgres)


@pytest.fixture(autouse=True)
def _forget_rendered_html():
    """Each test renders what it asks for, not what an earlier test left in the cache."""
    from django.core.cache import caches

    caches["content"].clear()
    caches["results"].clear()
    caches["default"].clear()  # rate-limit counters: no test is limited by another's requests
