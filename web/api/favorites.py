"""Favourites API (API.md, Favourites and saved searches)."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.favorites.models import Favorite
from core.favorites.selectors import favorite_listing_ids, favorites_for_user
from core.favorites.services import favorite_add, favorite_remove
from web.api.listings import ListingSerializer
from web.api.pagination import PAGE_PARAMETERS, page_response, paged
from web.api.permissions import signed_in
from web.api.price_approx import DISPLAY_CURRENCY_PARAMETER, approximation_context


class FavoriteListingSerializer(ListingSerializer):
    """A favourite shown as its listing, with the price when it was saved."""

    saved_price = serializers.DecimalField(
        max_digits=12, decimal_places=3, coerce_to_string=True, help_text="The price when you saved it"
    )
    price_dropped = serializers.BooleanField(help_text="The price is now below saved_price")
    favorited_at = serializers.DateTimeField()

    class Meta(ListingSerializer.Meta):
        fields = [*ListingSerializer.Meta.fields, "saved_price", "price_dropped", "favorited_at"]

    def to_representation(self, instance: Favorite) -> dict:
        listing = instance.listing
        listing.saved_price = instance.saved_price  # type: ignore[attr-defined]
        listing.price_dropped = instance.price_dropped  # type: ignore[attr-defined]
        listing.favorited_at = instance.created_at  # type: ignore[attr-defined]
        return super().to_representation(listing)


class FavoritesApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[*PAGE_PARAMETERS, DISPLAY_CURRENCY_PARAMETER],
        responses=paged(FavoriteListingSerializer(many=True), "FavoritePage"),
        summary="My favourites, newest first",
    )
    def get(self, request: Request) -> Response:
        return page_response(
            request,
            favorites_for_user(user=signed_in(request)),
            FavoriteListingSerializer,
            context=approximation_context(request),
        )


class FavoriteIdsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=inline_serializer("FavoriteIds", {"ids": serializers.ListField(child=serializers.IntegerField())}),
        summary="Ids of all my favourite listings (hearts on search results)",
    )
    def get(self, request: Request) -> Response:
        return Response({"ids": favorite_listing_ids(user=signed_in(request))})


class FavoriteDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None}, summary="Keep a listing as a favourite (idempotent)")
    def put(self, request: Request, listing_id: int) -> Response:
        favorite_add(user=signed_in(request), listing_id=listing_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={204: None}, summary="Forget a favourite (idempotent)")
    def delete(self, request: Request, listing_id: int) -> Response:
        favorite_remove(user=signed_in(request), listing_id=listing_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
