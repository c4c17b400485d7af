"""`manage.py create_support_user`: a support team member, with a password that is never on
the command line and never weak."""

import io

import pytest
from django.core.management import CommandError, call_command

from explainer.support.access import is_support

pytestmark = pytest.mark.django_db
GOOD = "tangerine orbit lantern 58"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(*args: str, stdin: io.StringIO | None = None) -> str:
    out = io.StringIO()
    call_command("create_support_user", *args, stdin=stdin or io.StringIO(), stdout=out)
    return out.getvalue()


def test_it_creates_a_team_member_who_can_sign_in(django_user_model):
    output = _run(
        "dana", "--email", "dana@example.com", "--password-stdin", stdin=io.StringIO(GOOD + "\n")
    )
    assert "Created dana" in output
    dana = django_user_model.objects.get(username="dana")
    assert is_support(dana)
    assert dana.email == "dana@example.com"
    assert not dana.is_staff  # the desk, not the admin
    assert dana.check_password(GOOD)


def test_it_asks_twice_at_a_terminal(django_user_model, monkeypatch):
    monkeypatch.setattr("explainer.management.commands.create_support_user.getpass", lambda _: GOOD)
    _run("dana", stdin=Terminal())
    assert django_user_model.objects.get(username="dana").check_password(GOOD)


def test_it_refuses_two_different_passwords(django_user_model, monkeypatch):
    answers = iter([GOOD, GOOD + "x"])
    monkeypatch.setattr(
        "explainer.management.commands.create_support_user.getpass", lambda _: next(answers)
    )
    with pytest.raises(CommandError, match="The two passwords differ"):
        _run("dana", stdin=Terminal())
    assert not django_user_model.objects.filter(username="dana").exists()


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "The password is empty"),
        ("k9#Lw2", "too short"),
        ("password123", "too common"),
        ("dana2", "too similar to the username"),
    ],
)
def test_it_refuses_a_weak_password_and_saves_nothing(django_user_model, password, reason):
    with pytest.raises(CommandError, match=reason):
        _run("dana", "--password-stdin", stdin=io.StringIO(password + "\n"))
    assert not django_user_model.objects.filter(username="dana").exists()


def test_it_takes_no_password_on_the_command_line():
    with pytest.raises(CommandError):
        _run("dana", "--password", GOOD)


def test_without_a_terminal_or_stdin_it_says_what_to_do():
    with pytest.raises(CommandError, match="--password-stdin"):
        _run("dana")


def test_it_adds_an_existing_user_to_the_team_keeping_their_password(charlie):
    output = _run("charlie", "--keep-password")
    assert "Updated charlie" in output
    charlie.refresh_from_db()
    assert is_support(charlie)
    assert charlie.check_password("correct horse battery staple")


def test_it_changes_an_existing_members_password(alice):
    _run("alice", "--password-stdin", stdin=io.StringIO(GOOD))
    alice.refresh_from_db()
    assert alice.check_password(GOOD)


def test_keeping_the_password_of_nobody_is_refused(django_user_model):
    with pytest.raises(CommandError, match="no user 'dana'"):
        _run("dana", "--keep-password")


@pytest.mark.parametrize(
    ("args", "reason"),
    [(["bad name!"], "cannot be a username"), (["dana", "--email", "nope"], "not an e-mail")],
)
def test_it_refuses_a_bad_username_or_email(django_user_model, args, reason):
    with pytest.raises(CommandError, match=reason):
        _run(*args, "--password-stdin", stdin=io.StringIO(GOOD))
    assert not django_user_model.objects.exists()
