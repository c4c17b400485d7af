"""`manage.py create_support_user USERNAME [--email …] [--password-stdin]`: a member of the
support team, who may sign in at /support/. Run again for an existing user to add them to the
team or to set a new password.

The password is typed at a prompt, or read from standard input (`--password-stdin`, for
scripts), never given on the command line, where it would stay in the shell's history and in
the process list. It must pass the password validators.
"""

import sys
from getpass import getpass
from typing import TextIO

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from explainer.support.access import SUPPORT_GROUP


class Command(BaseCommand):
    help = "Create a support desk user (or update one) in the “support” group."
    stealth_options = ("stdin",)  # tests hand in their own

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default=None, help="Their work e-mail address.")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input instead of a prompt.",
        )
        parser.add_argument(
            "--keep-password",
            action="store_true",
            help="For an existing user: add them to the team and keep the password they have.",
        )

    @transaction.atomic
    def handle(self, *args, username: str, **options) -> None:
        users = get_user_model()
        user = users.objects.filter(**{users.USERNAME_FIELD: username}).first()
        created = user is None
        if created:
            _check_username(username)
            user = users(**{users.USERNAME_FIELD: username})
        if created and options["keep_password"]:
            raise CommandError(f"There is no user {username!r} whose password could be kept.")
        if options["email"] is not None:
            user.email = _email(options["email"])
        if not options["keep_password"]:
            user.set_password(self._password(user, options))
        user.save()
        user.groups.add(Group.objects.get_or_create(name=SUPPORT_GROUP)[0])
        done = "Created" if created else "Updated"
        self.stdout.write(f"{done} {username}: on the support team, signs in at /support/.")

    def _password(self, user: AbstractBaseUser, options: dict) -> str:
        stdin: TextIO = options.get("stdin") or sys.stdin
        if options["password_stdin"]:
            password = stdin.readline().rstrip("\r\n")
        elif stdin.isatty():
            password = getpass("Password: ")
            if getpass("The same password again: ") != password:
                raise CommandError("The two passwords differ. Nothing was changed.")
        else:
            raise CommandError(
                "No terminal to ask for a password in. Pipe it in with --password-stdin."
            )
        if not password:
            raise CommandError("The password is empty. Nothing was changed.")
        try:
            # settings.AUTH_PASSWORD_VALIDATORS: Django's four, as the admin uses them.
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages) + " Nothing was changed.") from error
        return password


def _email(address: str) -> str:
    try:
        validate_email(address)
    except ValidationError:
        raise CommandError(f"{address!r} is not an e-mail address.") from None
    return get_user_model().objects.normalize_email(address)


def _check_username(username: str) -> None:
    field = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD)
    if not username.strip():
        raise CommandError("The username is empty.")
    try:
        field.run_validators(username)
    except ValidationError as error:
        reason = " ".join(error.messages)
        raise CommandError(f"{username!r} cannot be a username: {reason}") from None
