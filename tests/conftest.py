import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts with the real help-center content loaded."""
    from explainer.content.sync import load_content

    with django_db_blocker.unblock():
        load_content()
