import pytest

from explainer.content.sync import load_content


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts with the real help-center content loaded."""
    with django_db_blocker.unblock():
        load_content()
