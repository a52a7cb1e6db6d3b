"""Listings API (API.md, Listings): PostgreSQL is the source of truth here."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.accounts.models import User
from core.catalog.countries import country_get
from core.catalog.rates import Approximation
from core.events.models import ListingEventKind
from core.listings import photos as photo_services
from core.listings import services
from core.listings.fields import BY_NAME, FIELDS, CatalogSlug
from core.listings.leads import contact_channels, listing_phone_reveal, seller_badges
from core.listings.models import LeadChannel, Listing, ListingPhoto, ListingPrice, ListingReport, ListingStatus, ReportReason
from core.listings.reports import listing_report
from core.listings.selectors import listing_get, listing_get_owned, listing_list_for_seller, listing_with_photos
from core.listings.transitions import SELLER_STATUSES, SELLER_VISIBLE_STATUSES
from discovery.prices import listing_price_check
from search.listings import listings_similar
from search.money import to_minor
from web.api.idempotency import idempotent
from web.api.listing_fields import input_field, output_field
from web.api.pagination import PAGE_PARAMETERS, PagePagination, paged
from web.api.permissions import signed_in, viewer
from web.api.price_approx import (
    DISPLAY_CURRENCY_PARAMETER,
    PRICE_APPROX_HELP,
    PriceApproxSerializer,
    approximation_asked,
    approximation_context,
    price_approx,
)
from web.api.search import CARD_FIELDS, ResultCardSerializer, cards_shown
from web.api.text_input import FormParser, JSONParser, MultiPartParser, json_object
from web.api.visitors import visitor_saw


class SellerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()
    account_type = serializers.CharField()
    contacts = serializers.SerializerMethodField(help_text="Contacts beside chat: POST …/phone reveals the number")
    badges = serializers.SerializerMethodField(help_text='"verified_phone": confirmed by SMS code; "dealer"')

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=["verified_phone", "dealer"])))
    def get_badges(self, seller: User) -> list[str]:
        return seller_badges(seller)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=LeadChannel.choices)))
    def get_contacts(self, seller: User) -> list[str]:
        return contact_channels(seller)


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    srcset = serializers.SerializerMethodField(
        help_text="The photo at each gallery size (an <img srcset>); null for older photos"
    )
    thumbnail_srcset = serializers.SerializerMethodField(help_text="The thumbnail at each card size; null for older photos")

    class Meta:
        model = ListingPhoto
        fields = ["id", "url", "thumbnail_url", "srcset", "thumbnail_srcset", "width", "height", "position"]
        read_only_fields = fields  # output only: the schema says every key is there

    def get_url(self, photo: ListingPhoto) -> str:
        return photo.image.url

    def get_thumbnail_url(self, photo: ListingPhoto) -> str:
        return photo.thumbnail.url

    def get_srcset(self, photo: ListingPhoto) -> str | None:
        return photo_services.photo_srcset(photo)

    def get_thumbnail_srcset(self, photo: ListingPhoto) -> str | None:
        return photo_services.card_srcset(photo.thumbnail.url)


class PriceChangeSerializer(serializers.ModelSerializer):
    price = serializers.DecimalField(max_digits=12, decimal_places=3, coerce_to_string=True)

    class Meta:
        model = ListingPrice
        fields = ["price", "changed_at"]
        read_only_fields = fields  # output only: the schema says every key is there


def _shown() -> list[str]:
    """The answer's keys: every listing field (a make and a model with their names), then the rest."""
    names = ["id"]
    for field in FIELDS:
        names.append(field.name)
        if isinstance(field.kind, CatalogSlug):
            names += [f"{field.name}_name_en", f"{field.name}_name_ar"]
    return [
        *names,
        "price_approx",
        "governorate",
        "status",
        "held_for",
        "seller",
        "photos",
        "price_history",
        "days_listed",
        "version",
    ]


class ListingSerializer(serializers.ModelSerializer):
    """The listing as API.md shows it (output only: writes go through services)."""

    make = serializers.CharField(source="make.slug")
    model = serializers.CharField(source="model.slug")
    make_name_en = serializers.CharField(source="make.name_en")
    make_name_ar = serializers.CharField(source="make.name_ar")
    model_name_en = serializers.CharField(source="model.name_en")
    model_name_ar = serializers.CharField(source="model.name_ar")
    # In the country's currency, with its decimals (to_representation).
    price = serializers.DecimalField(max_digits=12, decimal_places=3, coerce_to_string=True)
    governorate = serializers.CharField(source="region", help_text="Deprecated: `region` under its name before countries")
    deal_percent = output_field(BY_NAME["deal_percent"])
    seller = SellerSerializer()
    photos = PhotoSerializer(many=True)
    price_history = PriceChangeSerializer(source="prices", many=True, help_text="Every price it has asked, newest first")
    days_listed = serializers.SerializerMethodField(help_text="Whole days on the market (until sold); null if never published")
    held_for = serializers.CharField(
        read_only=True,
        help_text='Why a pending_review listing waits: "price" (far from the market), "duplicate_photo" '
        "(a photo like another seller's listing); empty otherwise",
    )
    # The price in the buyer's currency (web/api/price_approx.py): approximation_context's `approximation`.
    price_approx = serializers.SerializerMethodField(help_text=PRICE_APPROX_HELP)

    class Meta:
        model = Listing
        fields = _shown()
        # Output only, every key always there: the schema (so the clients' types) says so.
        # Not read_only_fields: those would drop the blank choice of drivetrain and colour.
        extra_kwargs = {name: {"required": True} for name in fields if name not in {"id", "created_at", "updated_at"}}

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        country = country_get(instance.country)
        for key in ("price", "price_drop"):
            if data.get(key) is not None:
                data[key] = country.amount_text(Decimal(data[key]))
        for change in data.get("price_history") or ():
            change["price"] = country.amount_text(Decimal(change["price"]))
        return data

    @extend_schema_field(PriceApproxSerializer(allow_null=True))
    def get_price_approx(self, listing: Listing) -> dict[str, str] | None:
        return price_approx(self.context.get("approximation"), listing.price, listing.currency)

    def get_days_listed(self, listing: Listing) -> int | None:
        if listing.published_at is None:
            return None
        return max(0, ((listing.sold_at or timezone.now()) - listing.published_at).days)


class ListingSummarySerializer(ListingSerializer):
    """A listing in brief, as a search result shows it (API.md, Search: results), plus its
    status and currency: in notifications, conversations and sellers' pages."""

    make_name_en = make_name_ar = model_name_en = model_name_ar = seller = photos = price_history = held_for = None  # type: ignore[assignment]
    thumbnail_url = serializers.SerializerMethodField()

    class Meta(ListingSerializer.Meta):
        fields = list(
            dict.fromkeys(
                ["id", *CARD_FIELDS, "price_approx", "governorate", "thumbnail_url", "days_listed", "currency", "status"]
            )
        )

    def get_thumbnail_url(self, listing: Listing) -> str | None:
        photos = list(listing.photos.all())
        return photos[0].thumbnail.url if photos else None


class ListingWriteSerializer(serializers.Serializer):
    """Documents the writable keys for the schema (core/listings/fields.py); the services validate them."""

    status = serializers.ChoiceField(choices=list(SELLER_STATUSES), required=False)
    price_confirmed = serializers.BooleanField(
        required=False,
        help_text="true: the seller confirms a price Sayara found unusual (400 price_unusual asks for it)",
    )
    duplicate_confirmed = serializers.BooleanField(
        required=False,
        help_text="true: the seller confirms this is another car than their active listings it looks like "
        "(400 listing_duplicate asks for it)",
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**{field.name: input_field(field) for field in FIELDS if field.editable}, **super().get_fields()}


LISTING_EXAMPLE = OpenApiExample(
    "A Land Cruiser for sale",
    request_only=True,
    value={
        "make": "toyota",
        "model": "land-cruiser",
        "trim": "GXR",
        "year": 2021,
        "price": "18500.000",
        "mileage_km": 45000,
        "fuel": "petrol",
        "transmission": "automatic",
        "regional_spec": "gcc",
        "region": "capital",
        "description": "Agency maintained, one owner.",
        "status": "active",
    },
)


def _answer(listing: Listing, *, status_code: int = status.HTTP_200_OK, approximation: Approximation | None = None) -> Response:
    """A listing a service just wrote, as the API shows it: with `price_approx` when the edit
    asked for a display_currency, so the page that shows the answer keeps its "≈" line."""
    return Response(
        ListingSerializer(listing_with_photos(listing), context={"approximation": approximation}).data, status=status_code
    )


class ListingCreateApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ListingWriteSerializer, responses={201: ListingSerializer}, summary="List a car", examples=[LISTING_EXAMPLE]
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = dict(json_object(request))
        wanted = data.pop("status", ListingStatus.ACTIVE)
        if wanted not in (ListingStatus.ACTIVE, ListingStatus.DRAFT):
            raise ValidationError({"status": [_("A new listing is either draft or active.")]})
        listing = services.listing_create(
            seller=signed_in(request),
            data=data,
            publish=wanted == ListingStatus.ACTIVE,
            check_price=listing_price_check,
            check_duplicates=True,
        )
        return _answer(listing, status_code=status.HTTP_201_CREATED)


class ListingDetailApi(APIView):
    def get_permissions(self):  # type: ignore[no-untyped-def]
        return [IsAuthenticated()] if self.request.method in ("PATCH", "DELETE") else []

    @extend_schema(
        parameters=[DISPLAY_CURRENCY_PARAMETER],
        responses=ListingSerializer,
        summary="A listing (active: anyone; any status: its seller)",
    )
    def get(self, request: Request, listing_id: int) -> Response:
        context = approximation_context(request)
        listing = listing_get(listing_id=listing_id, user=viewer(request))
        # For analysts' most-viewed models (no personal data) and this buyer's recommendations.
        visitor_saw(request, listing, ListingEventKind.VIEW)
        return Response(ListingSerializer(listing, context=context).data)

    @extend_schema(
        parameters=[DISPLAY_CURRENCY_PARAMETER],
        request=ListingWriteSerializer,
        responses=ListingSerializer,
        summary="Edit a listing (its seller)",
    )
    def patch(self, request: Request, listing_id: int) -> Response:
        approximation = approximation_asked(request)  # a bad one refused before anything is written
        listing = services.listing_edit(
            listing_id=listing_id,
            data=json_object(request),
            editor=signed_in(request),
            check_price=listing_price_check,
            check_duplicates=True,
        )
        return _answer(listing, approximation=approximation)

    @extend_schema(responses={204: None}, summary="Delete a listing (its seller)")
    def delete(self, request: Request, listing_id: int) -> Response:
        listing_get_owned(listing_id=listing_id, user=signed_in(request))
        services.listing_delete(listing_id=listing_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ListingRenewApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[DISPLAY_CURRENCY_PARAMETER],
        request=None,
        responses=ListingSerializer,
        summary="Renew for another 60 days (its seller)",
    )
    def post(self, request: Request, listing_id: int) -> Response:
        approximation = approximation_asked(request)
        listing_get_owned(listing_id=listing_id, user=signed_in(request))
        return _answer(services.listing_renew(listing_id=listing_id), approximation=approximation)


class MyListingsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=list(SELLER_VISIBLE_STATUSES)),
            *PAGE_PARAMETERS,
        ],
        responses=paged(ListingSerializer(many=True), "MyListingPage"),
        summary="My listings, any status",
    )
    def get(self, request: Request) -> Response:
        wanted = request.query_params.get("status") or None
        if wanted is not None and wanted not in SELLER_VISIBLE_STATUSES:
            raise ValidationError({"status": [_("Must be one of: %(values)s.") % {"values": ", ".join(SELLER_VISIBLE_STATUSES)}]})
        paginator = PagePagination()
        page = paginator.paginate_queryset(listing_list_for_seller(seller=signed_in(request), status=wanted), request)
        return paginator.get_paginated_response(ListingSerializer(page, many=True).data)


class ListingPhotosApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": inline_serializer("PhotoUpload", {"image": serializers.ImageField()})},
        responses={201: PhotoSerializer},
        summary="Add a photo (JPEG, PNG or WebP, at most 10 MB)",
    )
    @idempotent
    def post(self, request: Request, listing_id: int) -> Response:
        listing_get_owned(listing_id=listing_id, user=signed_in(request))
        upload = request.FILES.get("image")
        if upload is None:
            raise ValidationError({"image": [_("Attach the photo as the multipart field 'image'.")]})
        photo = photo_services.listing_photo_add(
            listing_id=listing_id, upload=upload, size=upload.size or 0, check_duplicates=True
        )
        return Response(PhotoSerializer(photo).data, status=status.HTTP_201_CREATED)


class ListingPhotoOrderApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]

    @extend_schema(
        request=inline_serializer("PhotoOrder", {"photo_ids": serializers.ListField(child=serializers.IntegerField())}),
        responses=PhotoSerializer(many=True),
        summary="Order the photos (the first is the cover)",
    )
    def put(self, request: Request, listing_id: int) -> Response:
        listing_get_owned(listing_id=listing_id, user=signed_in(request))
        ids = json_object(request).get("photo_ids")
        if not isinstance(ids, list) or not all(isinstance(item, int) and not isinstance(item, bool) for item in ids):
            raise ValidationError({"photo_ids": [_("Send a list of photo ids.")]})
        photos = photo_services.listing_photos_reorder(listing_id=listing_id, photo_ids=ids)
        return Response(PhotoSerializer(photos, many=True).data)


class ListingPhotoDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None}, summary="Delete a photo")
    def delete(self, request: Request, listing_id: int, photo_id: int) -> Response:
        listing_get_owned(listing_id=listing_id, user=signed_in(request))
        photo_services.listing_photo_delete(listing_id=listing_id, photo_id=photo_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ListingSimilarApi(APIView):
    @extend_schema(
        parameters=[DISPLAY_CURRENCY_PARAMETER],
        responses=ResultCardSerializer(many=True),
        summary="Up to 12 similar active listings (from the index)",
    )
    def get(self, request: Request, listing_id: int) -> Response:
        approximation = approximation_asked(request)
        listing = listing_get(listing_id=listing_id, user=viewer(request))
        similar = listings_similar(
            listing_id=listing.pk,
            make=listing.make.slug,
            model=listing.model.slug,
            body_type=listing.body_type,
            year=listing.year,
            price_minor=to_minor(listing.price, decimals=country_get(listing.country).decimals),
            country=listing.country,
            mileage_km=listing.mileage_km,
        )
        return Response(cards_shown(similar, approximation))


class ListingPhoneApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer(
            "PhoneReveal",
            {"channel": serializers.ChoiceField(choices=LeadChannel.choices, required=False, help_text="The button pressed")},
        ),
        responses={
            200: inline_serializer(
                "SellerPhone",
                {
                    "phone": serializers.CharField(),
                    "call": serializers.BooleanField(help_text="The seller takes calls"),
                    "whatsapp_url": serializers.CharField(
                        allow_null=True, help_text="wa.me with a message naming the car and its link"
                    ),
                },
            ),
            401: OpenApiTypes.OBJECT,
            404: OpenApiTypes.OBJECT,
            429: OpenApiTypes.OBJECT,
        },
        summary="Reveal the seller's number to call or WhatsApp them (signed in; counts as a lead)",
    )
    def post(self, request: Request, listing_id: int) -> Response:
        listing = listing_get(listing_id=listing_id, user=viewer(request))
        channel = json_object(request).get("channel")
        contact = listing_phone_reveal(listing=listing, buyer=signed_in(request), channel=channel)
        return Response({"phone": contact.phone, "call": contact.call, "whatsapp_url": contact.whatsapp_url})


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ListingReport
        fields = ["id", "listing", "reason", "note", "created_at"]


class ListingReportsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer(
            "ReportInput",
            {
                "reason": serializers.ChoiceField(choices=ReportReason.choices),
                "note": serializers.CharField(required=False, allow_blank=True, max_length=1000),
            },
        ),
        responses={
            201: ReportSerializer,
            400: OpenApiTypes.OBJECT,
            401: OpenApiTypes.OBJECT,
            404: OpenApiTypes.OBJECT,
            429: OpenApiTypes.OBJECT,
        },
        summary="Report a listing to the moderators (scam, wrong price, sold, duplicate, offensive, other)",
    )
    @idempotent
    def post(self, request: Request, listing_id: int) -> Response:
        listing = listing_get(listing_id=listing_id, user=viewer(request))
        data = json_object(request)
        report = listing_report(
            listing=listing, reporter=signed_in(request), reason=data.get("reason"), note=data.get("note", "")
        )
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)
