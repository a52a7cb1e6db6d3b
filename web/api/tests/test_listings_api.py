"""Listings API: validation (400 naming the field), permissions, photos."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from core.listings.fields import EDITABLE_FIELDS, FIELDS, REQUIRED_ON_CREATE, TITLE_MAX
from core.listings.models import Listing, ListingPhoto
from core.outbox.models import OutboxEntry
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory, MakeFactory, toyota_land_cruiser
from testing.listings import listing_data, make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def land_cruiser():
    return toyota_land_cruiser()


def post_listing(api, **fields):
    return api.post("/api/v1/listings", fields, format="json")


def test_create_answers_the_contract_shape(api, seller, land_cruiser):
    response = post_listing(api, **listing_data(land_cruiser, price="23500.5", description="نظيفة"))

    assert response.status_code == 201
    body = response.json()
    assert body["price"] == "23500.500"
    assert body["currency"] == "BHD"
    assert body["make"] == "toyota" and body["model"] == "land-cruiser"
    assert body["status"] == "active"
    assert body["seller"] == {
        "id": seller.pk,
        "display_name": seller.display_name,
        "account_type": "private",
        "contacts": [],
        "badges": [],
    }
    assert body["title"] == "2020 Toyota Land Cruiser"
    assert body["photos"] == []
    assert body["version"] == Listing.objects.get(pk=body["id"]).version
    assert "email" not in str(body["seller"])


BAD_INPUTS = [
    ({"make": "no-such-make"}, "make"),
    ({"model": "no-such-model"}, "model"),
    ({"year": 1949}, "year"),
    ({"year": 2999}, "year"),
    ({"year": "twenty"}, "year"),
    ({"year": 2020.5}, "year"),
    ({"year": True}, "year"),
    ({"price": "0"}, "price"),
    ({"price": "-5"}, "price"),
    ({"price": "10000000.001"}, "price"),
    ({"price": "12.3456"}, "price"),
    ({"price": "abc"}, "price"),
    ({"price": "NaN"}, "price"),
    ({"price": None}, "price"),
    ({"mileage_km": -1}, "mileage_km"),
    ({"mileage_km": 2_000_001}, "mileage_km"),
    ({"fuel": "coal"}, "fuel"),
    ({"transmission": ["automatic"]}, "transmission"),
    ({"regional_spec": "mars"}, "regional_spec"),
    ({"region": "riyadh"}, "region"),
    ({"exterior_color": "plaid"}, "exterior_color"),
    ({"title": "x" * 121}, "title"),
    ({"trim": "x" * 61}, "trim"),
    ({"description": "x" * 5001}, "description"),
    ({"description": 42}, "description"),
    ({"description": "bad\x00byte"}, "description"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUTS)
def test_bad_input_is_a_400_naming_the_field(api, seller, land_cruiser, change, field):
    response = post_listing(api, **{**listing_data(land_cruiser), **change})

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert isinstance(response.json()[field][0], str)
    assert not Listing.objects.exists()


def test_missing_required_fields_are_each_named(api, seller):
    response = post_listing(api)

    assert response.status_code == 400
    assert {"make", "model", "year", "price", "mileage_km", "fuel", "transmission", "regional_spec", "region"} <= set(
        response.json()
    )


@pytest.mark.parametrize("body", [[], "text", 12])
def test_a_body_that_is_not_an_object_is_a_400(api, seller, body):
    response = api.post("/api/v1/listings", body, format="json")

    assert response.status_code == 400


def test_malformed_json_is_a_400(api, seller):
    response = api.generic("POST", "/api/v1/listings", "{not json", content_type="application/json")

    assert response.status_code == 400


def test_a_model_of_another_make_is_refused(api, seller, land_cruiser):
    nissan = MakeFactory(slug="nissan", name_en="Nissan", name_ar="نيسان")
    CarModelFactory(make=nissan, slug="patrol")

    response = post_listing(api, **listing_data(land_cruiser, model="patrol"))

    assert response.status_code == 400
    assert "not a model of Toyota" in response.json()["model"][0]


# --- permissions -------------------------------------------------------------------


@pytest.fixture
def listing():
    return make_listing()


def as_user(api, who, listing):
    if who == "anonymous":
        return None
    if who == "owner":
        user = listing.seller
    elif who == "staff":
        user = UserFactory(is_staff=True)
    else:
        user = UserFactory()
    api.force_authenticate(user)
    return user


@pytest.mark.parametrize(
    ("who", "read", "write", "delete"),
    [
        ("anonymous", 200, 401, 401),
        ("stranger", 200, 404, 404),
        ("owner", 200, 200, 204),
        ("staff", 200, 200, 204),
    ],
)
def test_permission_matrix_of_an_active_listing(api, listing, who, read, write, delete):
    as_user(api, who, listing)

    assert api.get(f"/api/v1/listings/{listing.pk}").status_code == read
    assert api.patch(f"/api/v1/listings/{listing.pk}", {"price": "7000"}, format="json").status_code == write
    assert api.post(f"/api/v1/listings/{listing.pk}/renew").status_code == write
    assert api.delete(f"/api/v1/listings/{listing.pk}").status_code == delete


@pytest.mark.parametrize(("who", "status"), [("anonymous", 404), ("stranger", 404), ("owner", 200), ("staff", 200)])
def test_drafts_are_seen_only_by_their_seller_and_staff(api, who, status):
    draft = make_listing(publish=False)
    as_user(api, who, draft)

    assert api.get(f"/api/v1/listings/{draft.pk}").status_code == status


def test_my_listings_lists_every_status_but_deleted(api):
    seller = UserFactory()
    active, draft, gone = make_listing(seller=seller), make_listing(seller=seller, publish=False), make_listing(seller=seller)
    make_listing()  # someone else's
    api.force_authenticate(seller)
    api.delete(f"/api/v1/listings/{gone.pk}")

    page = api.get("/api/v1/me/listings").json()

    assert page["count"] == 2
    assert {item["id"] for item in page["results"]} == {active.pk, draft.pk}
    assert api.get("/api/v1/me/listings", {"status": "draft"}).json()["count"] == 1
    assert api.get("/api/v1/me/listings", {"status": "nope"}).status_code == 400
    assert api.get("/api/v1/me/listings", {"page_size": "500"}).status_code == 400


def test_my_listings_needs_a_sign_in(api):
    assert api.get("/api/v1/me/listings").status_code == 401


def test_patch_status_transitions_and_conflicts(api, listing):
    api.force_authenticate(listing.seller)

    sold = api.patch(f"/api/v1/listings/{listing.pk}", {"status": "sold"}, format="json")
    assert sold.status_code == 200 and sold.json()["status"] == "sold"
    assert api.post(f"/api/v1/listings/{listing.pk}/renew").status_code == 409
    assert api.patch(f"/api/v1/listings/{listing.pk}", {"status": "flying"}, format="json").status_code == 400


def test_one_patch_is_one_version_and_one_outbox_row_and_answers_what_it_wrote(api, listing):
    api.force_authenticate(listing.seller)

    with CaptureQueriesContext(connection) as queries:
        answer = api.patch(f"/api/v1/listings/{listing.pk}", {"price": "9000", "status": "sold"}, format="json")

    body = answer.json()
    assert answer.status_code == 200 and (body["price"], body["status"]) == ("9000.000", "sold")
    assert list(OutboxEntry.objects.filter(listing_id=listing.pk).order_by("version").values_list("version", flat=True)) == [
        listing.version,
        body["version"],
    ]
    reads = [query["sql"] for query in queries.captured_queries if 'FROM "listings_listing"' in query["sql"]]
    assert len(reads) == 1  # the locked read; the answer is the row the service wrote


def test_the_answer_and_the_schema_follow_the_field_spec(api, listing):
    """core/listings/fields.py: every field in the answer; the writable ones, and
    which a new listing needs, in the schema the clients' types come from."""
    body = api.get(f"/api/v1/listings/{listing.pk}").json()
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["components"]["schemas"]

    assert {field.name for field in FIELDS} <= set(body)
    write = schema["ListingWriteRequest"]
    assert set(write["properties"]) == {*EDITABLE_FIELDS, "status", "price_confirmed", "duplicate_confirmed"}
    assert set(write["required"]) == set(REQUIRED_ON_CREATE)
    assert write["properties"]["title"]["maxLength"] == TITLE_MAX


def test_deleted_listings_are_gone_for_everyone(api, listing):
    api.force_authenticate(listing.seller)
    api.delete(f"/api/v1/listings/{listing.pk}")

    assert api.get(f"/api/v1/listings/{listing.pk}").status_code == 404
    assert api.patch(f"/api/v1/listings/{listing.pk}", {"price": "1"}, format="json").status_code == 404


# --- photos ---------------------------------------------------------------------------


def image_file(fmt="JPEG", size=(1600, 1200), name="car.jpg", exif=True):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {}
    if exif and fmt == "JPEG":
        exif_data = Image.Exif()
        exif_data[0x010F] = "CameraMaker"  # Make
        exif_data[0x8825] = {2: (26, 13, 0)}  # GPS info
        kwargs["exif"] = exif_data.tobytes()
    image.save(buffer, fmt, **kwargs)
    buffer.seek(0)
    buffer.name = name
    return buffer


def test_photo_upload_strips_exif_makes_a_thumbnail_and_reaches_the_index_version(api, listing, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api.force_authenticate(listing.seller)

    response = api.post(f"/api/v1/listings/{listing.pk}/photos", {"image": image_file()}, format="multipart")

    assert response.status_code == 201, response.content
    photo = ListingPhoto.objects.get(pk=response.json()["id"])
    stored = Image.open(photo.image.path)
    assert stored.format == "JPEG"
    assert not stored.getexif()
    thumb = Image.open(photo.thumbnail.path)
    assert thumb.size == (480, 360)
    assert response.json()["thumbnail_url"].endswith(".webp")
    version = Listing.objects.get(pk=listing.pk).version
    assert version > listing.version
    assert OutboxEntry.objects.filter(listing_id=listing.pk, version=version).exists()
    detail = api.get(f"/api/v1/listings/{listing.pk}").json()
    assert [p["id"] for p in detail["photos"]] == [photo.pk]


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(api, listing, settings, tmp_path, fmt):
    settings.MEDIA_ROOT = tmp_path
    api.force_authenticate(listing.seller)

    response = api.post(
        f"/api/v1/listings/{listing.pk}/photos", {"image": image_file(fmt, name=f"car.{fmt.lower()}")}, format="multipart"
    )

    assert response.status_code == 201


def test_a_text_file_renamed_jpg_is_refused(api, listing, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api.force_authenticate(listing.seller)
    fake = io.BytesIO(b"this is not an image at all, just text\n" * 10)
    fake.name = "car.jpg"

    response = api.post(f"/api/v1/listings/{listing.pk}/photos", {"image": fake}, format="multipart")

    assert response.status_code == 400
    assert "image" in response.json()
    assert not ListingPhoto.objects.exists()
    assert Listing.objects.get(pk=listing.pk).version == listing.version


def test_a_gif_is_refused(api, listing, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api.force_authenticate(listing.seller)

    response = api.post(f"/api/v1/listings/{listing.pk}/photos", {"image": image_file("GIF", name="a.gif")}, format="multipart")

    assert response.status_code == 400
    assert "JPEG, PNG or WebP" in response.json()["image"][0]


def test_photo_upload_needs_the_field_and_the_owner(api, listing, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api.force_authenticate(listing.seller)
    assert api.post(f"/api/v1/listings/{listing.pk}/photos", {}, format="multipart").status_code == 400

    api.force_authenticate(UserFactory())
    response = api.post(f"/api/v1/listings/{listing.pk}/photos", {"image": image_file()}, format="multipart")
    assert response.status_code == 404


def test_photos_can_be_ordered_and_deleted(api, listing, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api.force_authenticate(listing.seller)
    first = api.post(f"/api/v1/listings/{listing.pk}/photos", {"image": image_file()}, format="multipart").json()["id"]
    second = api.post(f"/api/v1/listings/{listing.pk}/photos", {"image": image_file()}, format="multipart").json()["id"]

    ordered = api.put(f"/api/v1/listings/{listing.pk}/photos/order", {"photo_ids": [second, first]}, format="json")
    assert [p["id"] for p in ordered.json()] == [second, first]
    assert api.put(f"/api/v1/listings/{listing.pk}/photos/order", {"photo_ids": [second]}, format="json").status_code == 400

    assert api.delete(f"/api/v1/listings/{listing.pk}/photos/{second}").status_code == 204
    assert [p["id"] for p in api.get(f"/api/v1/listings/{listing.pk}").json()["photos"]] == [first]
    assert api.delete(f"/api/v1/listings/{listing.pk}/photos/{second}").status_code == 404
