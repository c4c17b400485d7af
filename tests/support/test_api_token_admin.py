"""The admin issues a support API token, shows its secret once, and revokes tokens."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from explainer.support.models import ApiToken, token_digest

pytestmark = pytest.mark.django_db
TOKENS = reverse("admin:explainer_apitoken_changelist")
ADD = reverse("admin:explainer_apitoken_add")


@pytest.fixture
def admin_client_(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    return client


def _secret_from(response) -> str:
    text = next(str(m) for m in response.context["messages"] if "shown only this once" in str(m))
    return text.rsplit(" ", 1)[1]


def test_issuing_a_token_shows_its_secret_once(admin_client_, alice):
    response = admin_client_.post(ADD, {"user": alice.pk, "name": "Zendesk sidebar"}, follow=True)
    secret = _secret_from(response)
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (alice, "Zendesk sidebar")
    assert token.digest == token_digest(secret)
    assert token.prefix == secret[:8]
    assertNotContains(admin_client_.get(TOKENS), secret)


def test_the_digest_is_never_shown(admin_client_, alice):
    admin_client_.post(ADD, {"user": alice.pk, "name": "Intercom"})
    token = ApiToken.objects.get()
    for page in (TOKENS, reverse("admin:explainer_apitoken_change", args=[token.pk])):
        response = admin_client_.get(page)
        assertContains(response, token.prefix)
        assertNotContains(response, token.digest)


def test_a_token_is_issued_only_to_the_support_team(admin_client_, charlie):
    response = admin_client_.post(ADD, {"user": charlie.pk, "name": "Zendesk"})
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not ApiToken.objects.exists()


def test_editing_a_token_keeps_its_secret(admin_client_, alice):
    admin_client_.post(ADD, {"user": alice.pk, "name": "Zendesk"})
    token = ApiToken.objects.get()
    change = reverse("admin:explainer_apitoken_change", args=[token.pk])
    admin_client_.post(change, {"name": "Zendesk, EU desk"})
    renamed = ApiToken.objects.get()
    assert (renamed.name, renamed.digest) == ("Zendesk, EU desk", token.digest)


def test_the_revoke_action_revokes_the_chosen_tokens(admin_client_, alice, bob):
    for user in (alice, bob):
        admin_client_.post(ADD, {"user": user.pk, "name": f"{user.username}'s app"})
    chosen = ApiToken.objects.get(user=alice)
    data = {"action": "revoke", "_selected_action": [chosen.pk]}
    response = admin_client_.post(TOKENS, data, follow=True)
    assertContains(response, "1 token revoked.")
    assert ApiToken.objects.get(user=alice).revoked is not None
    assert ApiToken.objects.get(user=bob).revoked is None


def test_the_token_list_shows_who_and_when(admin_client_, alice):
    admin_client_.post(ADD, {"user": alice.pk, "name": "Zendesk sidebar"})
    response = admin_client_.get(TOKENS)
    for column in ("Name", "User", "Prefix", "Created", "Last used", "Revoked"):
        assertContains(response, column)
