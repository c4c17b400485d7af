"""The support desk's people and a case.

Alice and Bob are on the support team; Charlie has an account but is not on it. Alice wrote
`a_case`: a cross account whose BTC long lost while its ETH short lost too.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from explainer.engine import MarginMode, Side
from explainer.support.access import SUPPORT_GROUP
from explainer.support.models import Case, CaseEvent, CaseLink
from explainer.support.spec import CasePosition, CaseSpec, to_json

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def support_group(db):
    return Group.objects.get_or_create(name=SUPPORT_GROUP)[0]


@pytest.fixture
def alice(django_user_model, support_group):
    user = django_user_model.objects.create_user("alice", password=PASSWORD)
    user.groups.add(support_group)
    return user


@pytest.fixture
def bob(django_user_model, support_group):
    user = django_user_model.objects.create_user("bob", password=PASSWORD)
    user.groups.add(support_group)
    return user


@pytest.fixture
def charlie(django_user_model):
    return django_user_model.objects.create_user("charlie", password=PASSWORD)


def two_positions() -> CaseSpec:
    return CaseSpec(
        wallet_balance=Decimal(1000),
        positions=(
            CasePosition(
                "BTC-PERP", Side.LONG, Decimal("0.1"), Decimal(60000), Decimal(10), MarginMode.CROSS
            ),
            CasePosition(
                "ETH-PERP", Side.SHORT, Decimal(1), Decimal(3000), Decimal(10), MarginMode.CROSS
            ),
        ),
        marks={"BTC-PERP": Decimal(52000), "ETH-PERP": Decimal(3400)},
    )


@pytest.fixture
def a_case(alice):
    case = Case.objects.create(
        spec=to_json(two_positions()), author=alice, ticket_reference="ZD-1001"
    )
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.CREATED, actor=alice)
    return case


@pytest.fixture
def a_link(a_case, alice):
    return CaseLink.objects.create(case=a_case, created_by=alice, expires=CaseLink.lasting())


@pytest.fixture
def revoked_link(a_case, alice):
    now = timezone.now()
    return CaseLink.objects.create(
        case=a_case, created_by=alice, expires=now + timedelta(days=3), revoked=now
    )


@pytest.fixture
def expired_link(a_case, alice):
    yesterday = timezone.now() - timedelta(days=1)
    return CaseLink.objects.create(case=a_case, created_by=alice, expires=yesterday)
