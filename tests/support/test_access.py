"""Who may use the staff pages: the support team (and superusers); nobody else."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_pages(a_case):
    return [reverse("support:cases"), reverse("support:case", args=[a_case.pk])]


def test_anonymous_visitors_are_sent_to_sign_in_and_come_back(client, staff_pages):
    for page in staff_pages:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('support:login')}?next={page}"


def test_the_desk_home_leads_to_the_cases(client):
    response = client.get(reverse("support:home"))
    assert (response.status_code, response["Location"]) == (302, reverse("support:cases"))


def test_someone_signed_in_but_not_on_the_team_is_refused(client, charlie, staff_pages):
    client.force_login(charlie)
    for page in staff_pages:
        response = client.get(page, follow=True)
        assert response.status_code == 403
        assertNotContains(response, "ZD-1001", status_code=403)
        assertContains(response, "not on the support team", status_code=403)


def test_someone_off_the_team_cannot_create_or_revoke_links(client, charlie, a_case, a_link):
    client.force_login(charlie)
    create = client.post(reverse("support:create_link", args=[a_case.pk]), {"days": "30"})
    revoke = client.post(reverse("support:revoke_link", args=[a_link.pk]))
    assert (create.status_code, revoke.status_code) == (403, 403)
    assert a_case.links.count() == 1
    a_link.refresh_from_db()
    assert a_link.revoked is None


def test_any_member_of_the_team_may_open_any_case(client, alice, bob, a_case):
    for member in (alice, bob):
        client.force_login(member)
        assertContains(client.get(reverse("support:case", args=[a_case.pk])), "ZD-1001")


def test_a_superuser_may_use_the_desk_without_the_group(client, django_user_model, a_case):
    root = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(root)
    assert client.get(reverse("support:case", args=[a_case.pk])).status_code == 200


def test_staff_pages_are_private_and_out_of_search_engines(client, alice, staff_pages):
    client.force_login(alice)
    for page in [*staff_pages, reverse("support:login")]:
        response = client.get(page)
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
        assertContains(response, '<meta name="robots" content="noindex">')


def test_an_unknown_case_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get(reverse("support:case", args=[999999])).status_code == 404
