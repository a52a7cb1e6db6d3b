"""Seller pages (a public profile with active listings) and sellers' own numbers per listing."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.listings.selectors import listing_get_owned
from core.sellers.selectors import MAX_STATS_DAYS, listing_stats, seller_get, seller_listings, seller_profile
from web.api.listings import ListingSummarySerializer
from web.api.number_input import whole_number
from web.api.pagination import PAGE_PARAMETERS, PagePagination, paged
from web.api.permissions import signed_in
from web.api.price_approx import DISPLAY_CURRENCY_PARAMETER, approximation_context

SELLER_PROFILE = inline_serializer(
    "SellerProfile",
    {
        "id": serializers.IntegerField(),
        "display_name": serializers.CharField(),
        "account_type": serializers.ChoiceField(choices=["private", "dealer"]),
        "member_since": serializers.DateTimeField(),
        "badges": serializers.ListField(child=serializers.ChoiceField(choices=["verified_phone", "dealer"])),
        "active_listings": serializers.IntegerField(),
        "typical_response_minutes": serializers.IntegerField(
            allow_null=True, help_text="Median minutes to a first reply, last 90 days; null without replies"
        ),
        "listings": paged(ListingSummarySerializer(many=True), "SellerListingPage"),
    },
)


class SellerApi(APIView):
    @extend_schema(
        parameters=[*PAGE_PARAMETERS, DISPLAY_CURRENCY_PARAMETER],
        responses={200: SELLER_PROFILE, 404: OpenApiTypes.OBJECT},
        summary="A seller's public page: profile, badges and active listings (anyone)",
    )
    def get(self, request: Request, seller_id: int) -> Response:
        context = approximation_context(request)
        profile = seller_profile(seller=seller_get(seller_id=seller_id))
        paginator = PagePagination()
        page = paginator.paginate_queryset(seller_listings(seller=profile.seller), request)
        cards = ListingSummarySerializer(page, many=True, context=context).data
        seller = profile.seller
        return Response(
            {
                "id": seller.pk,
                "display_name": seller.display_name,
                "account_type": seller.account_type,
                "member_since": seller.date_joined,
                "badges": profile.badges,
                "active_listings": profile.active_listings,
                "typical_response_minutes": profile.typical_response_minutes,
                "listings": paginator.get_paginated_response(cards).data,
            }
        )


DAY = inline_serializer(
    "ListingDay",
    {
        "day": serializers.DateField(),
        "views": serializers.IntegerField(),
        "saves": serializers.IntegerField(),
        "messages": serializers.IntegerField(help_text="Conversations started"),
        "calls": serializers.IntegerField(help_text="Numbers revealed to call"),
        "whatsapp": serializers.IntegerField(help_text="Numbers revealed to WhatsApp"),
    },
    many=True,
)


class ListingStatsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("days", int, description=f"1–{MAX_STATS_DAYS}, default 30")],
        responses={200: inline_serializer("ListingStats", {"listing_id": serializers.IntegerField(), "days": DAY})},
        summary="My listing's views, saves and leads by day",
    )
    def get(self, request: Request, listing_id: int) -> Response:
        listing = listing_get_owned(listing_id=listing_id, user=signed_in(request))
        days = whole_number(request.query_params.get("days", "30"))
        if days is None or not 1 <= days <= MAX_STATS_DAYS:
            raise ValidationError({"days": [_("Must be a whole number from 1 to %(max)s.") % {"max": MAX_STATS_DAYS}]})
        return Response({"listing_id": listing.pk, "days": listing_stats(listing=listing, days=days)})
