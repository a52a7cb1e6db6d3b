"""Recommendations API: "Recommended for you", "Buyers who viewed this also
viewed", the buyer's on/off switch and clear button, and the engagement the
web app reports while a buyer reads a listing.

Signed in or not: a visitor is this browser (web/api/visitors.py), so every
endpoint here answers without an account.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.listings.selectors import listing_get
from core.recommendations.models import Signal, Subject
from core.recommendations.selectors import subject_get
from core.recommendations.services import history_clear, recommendations_set_enabled, subject_ensure
from core.recommendations.weights import SignalKind
from discovery.recommendations import also_viewed, recommendations_for
from web.api.pagination import page_params
from web.api.permissions import viewer
from web.api.price_approx import DISPLAY_CURRENCY_PARAMETER, approximation_asked
from web.api.search import COUNTRY_PARAMETER, ResultCardSerializer, cards_shown, country_asked
from web.api.visitors import request_subject, visitor_saw

ENGAGEMENTS = (SignalKind.LONG_VIEW, SignalKind.PHOTO_SWIPE)
PAGING = [OpenApiParameter("page", int, description="1-based"), OpenApiParameter("page_size", int, description="at most 100")]


class ProblemSerializer(serializers.Serializer):
    detail = serializers.CharField()


def _problem(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ProblemSerializer, description=description)


BAD_PAGE = OpenApiResponse(description="page or page_size is not a whole number in range ({field: [message]})")
ENGINE_DOWN = _problem("The search engine is unavailable; try again shortly (Retry-After)")
CSRF = _problem("A browser request without the CSRF token")
NOT_FOUND = _problem("No such listing, or not one you may see")


class ReasonSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=["viewed_together", "saved_similar", "saved_search", "interests", "popular", "new"])
    text_en = serializers.CharField()
    text_ar = serializers.CharField()


class RecommendationSerializer(ResultCardSerializer):
    reason = ReasonSerializer(help_text="Why this car, in English and Arabic")


def _page_schema(name: str, results: serializers.Serializer, **extra: serializers.Field) -> serializers.Serializer:
    """A page as every list answers (web/api/pagination.py), in the schema."""
    fields = {"count": serializers.IntegerField(), "page": serializers.IntegerField(), "page_size": serializers.IntegerField()}
    return inline_serializer(name, {**fields, "results": results, **extra})


RECOMMENDATIONS_PAGE = _page_schema(
    "RecommendationsPage",
    RecommendationSerializer(many=True),
    enabled=serializers.BooleanField(help_text="False when the buyer turned recommendations off (results are empty)"),
)
ALSO_VIEWED_PAGE = _page_schema("AlsoViewedPage", ResultCardSerializer(many=True))


class SettingsSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    history_cleared_at = serializers.DateTimeField(read_only=True, allow_null=True)
    signals = serializers.IntegerField(read_only=True, help_text="How many things you did are remembered")


PAGE_SIZE = 12


def _page(request: Request, items: list, *, default_size: int = PAGE_SIZE) -> dict:
    page, size = page_params(request, default_size=default_size)
    start = (page - 1) * size
    return {"count": len(items), "page": page, "page_size": size, "results": items[start : start + size]}


def _visitor_csrf(request: Request) -> None:
    # DRF checks CSRF only for signed-in sessions; a visitor's switch is theirs too.
    if viewer(request) is None and request.auth is None:
        SessionAuthentication().enforce_csrf(request)


def _settings(subject: Subject | None) -> dict:
    return {
        "enabled": subject.enabled if subject else True,
        "history_cleared_at": subject.history_cleared_at if subject else None,
        "signals": Signal.objects.filter(subject=subject).count() if subject else 0,
    }


class RecommendationsApi(APIView):
    @extend_schema(
        parameters=[*PAGING, COUNTRY_PARAMETER, DISPLAY_CURRENCY_PARAMETER],
        responses={200: RECOMMENDATIONS_PAGE, 400: BAD_PAGE, 503: ENGINE_DOWN},
        summary="Recommended for you (signed in, or this browser's session), among one country's cars",
    )
    def get(self, request: Request) -> Response:
        page, size = page_params(request, default_size=PAGE_SIZE)  # a bad page is a 400 before any work
        country = country_asked(request)
        approximation = approximation_asked(request)
        key, user_id = request_subject(request)
        start = (page - 1) * size
        found = recommendations_for(subject_key=key, user_id=user_id, country=country, start=start, stop=start + size)
        return Response(
            {
                "count": found.count,
                "page": page,
                "page_size": size,
                "results": cards_shown(found.results, approximation),
                "enabled": found.enabled,
            }
        )


class RecommendationSettingsApi(APIView):
    @extend_schema(responses={200: SettingsSerializer}, summary="Whether recommendations are on, and what is remembered")
    def get(self, request: Request) -> Response:
        key, _ = request_subject(request)
        return Response(_settings(subject_get(key=key)))

    @extend_schema(
        request=SettingsSerializer,
        responses={200: SettingsSerializer, 400: OpenApiResponse(description="{enabled: [message]}"), 403: CSRF},
        summary="Turn recommendations on or off (off forgets the history at once)",
    )
    def put(self, request: Request) -> Response:
        _visitor_csrf(request)
        data = SettingsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        key, user_id = request_subject(request)
        subject = recommendations_set_enabled(
            subject=subject_ensure(key=key, user_id=user_id), enabled=data.validated_data["enabled"]
        )
        return Response(_settings(subject))


class RecommendationHistoryApi(APIView):
    @extend_schema(request=None, responses={204: None, 403: CSRF}, summary="Clear what recommendations learnt from you")
    def delete(self, request: Request) -> Response:
        _visitor_csrf(request)
        key, _ = request_subject(request)
        subject = subject_get(key=key)
        if subject is not None:
            history_clear(subject=subject)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ListingAlsoViewedApi(APIView):
    @extend_schema(
        parameters=[*PAGING, DISPLAY_CURRENCY_PARAMETER],
        responses={200: ALSO_VIEWED_PAGE, 400: BAD_PAGE, 404: NOT_FOUND, 503: ENGINE_DOWN},
        summary="Buyers who viewed this also viewed (active listings)",
    )
    def get(self, request: Request, listing_id: int) -> Response:
        page_params(request)
        approximation = approximation_asked(request)
        listing = listing_get(listing_id=listing_id, user=viewer(request))
        user = viewer(request)
        viewer_id = user.pk if user else None
        cards = cards_shown(also_viewed(listing_id=listing.pk, country=listing.country, viewer_id=viewer_id), approximation)
        return Response(_page(request, cards))


class ListingEngagementApi(APIView):
    @extend_schema(
        request=inline_serializer("Engagement", {"kind": serializers.ChoiceField(choices=list(ENGAGEMENTS))}),
        responses={204: None, 400: OpenApiResponse(description="{kind: [message]}"), 404: NOT_FOUND},
        summary="The buyer read the listing for a while, or looked through its photos",
    )
    def post(self, request: Request, listing_id: int) -> Response:
        kind = request.data.get("kind") if hasattr(request.data, "get") else None
        if kind not in ENGAGEMENTS:
            raise ValidationError({"kind": [_("Must be one of: %(values)s.") % {"values": ", ".join(ENGAGEMENTS)}]})
        listing = listing_get(listing_id=listing_id, user=viewer(request))
        visitor_saw(request, listing, kind)
        return Response(status=status.HTTP_204_NO_CONTENT)
