"""Role checks for the API: analysts read market aggregates, staff moderate.

Anonymous requests fail authentication first (401); signed-in users without
the role get 403. Staff count as analysts: whoever moderates the market may
also read its aggregates.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from core.accounts.models import User


class IsStaff(BasePermission):
    message = _("Only Sayara staff may do this.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class IsAnalyst(BasePermission):
    message = _("Analytics is open to analysts and staff only.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and (user.is_analyst or user.is_staff))


def signed_in(request: Request) -> User:
    """The user of a view that requires a sign-in (IsAuthenticated ran first)."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated()
    return user


def viewer(request: Request) -> User | None:
    """The signed-in user, or None for an anonymous visitor."""
    return request.user if isinstance(request.user, User) else None
