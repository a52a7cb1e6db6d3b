"""web/api/permissions.py: IsAnalyst and IsStaff on a view, through DRF's own request handling."""

import pytest
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from testing.accounts import UserFactory, token_for
from web.api.permissions import IsAnalyst, IsStaff

pytestmark = pytest.mark.django_db


class AnalystOnly(APIView):
    permission_classes = [IsAnalyst]

    def get(self, request):
        return Response({"ok": True})


class StaffOnly(APIView):
    permission_classes = [IsStaff]

    def get(self, request):
        return Response({"ok": True})


def call(view: type[APIView], user=None) -> int:
    headers = {"HTTP_AUTHORIZATION": f"Token {token_for(user)}"} if user else {}
    return view.as_view()(APIRequestFactory().get("/", **headers)).status_code


@pytest.mark.parametrize(
    ("role", "analyst_view", "staff_view"),
    [
        ({}, 403, 403),
        ({"is_analyst": True}, 200, 403),
        ({"is_staff": True}, 200, 200),
        ({"is_analyst": True, "is_active": False}, 401, 401),
    ],
)
def test_roles_open_their_views(role, analyst_view, staff_view):
    user = UserFactory(**role)

    assert call(AnalystOnly, user) == analyst_view
    assert call(StaffOnly, UserFactory(**role)) == staff_view


def test_anonymous_callers_are_asked_to_authenticate():
    assert call(AnalystOnly) == 401
    assert call(StaffOnly) == 401
