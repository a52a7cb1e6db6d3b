"""The field spec (core/listings/fields.py) is what the services validate: each
editable field takes a value at its kind's limit and refuses one beyond it,
naming the field; a new listing needs exactly the required ones."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.listings import services
from core.listings.fields import FIELDS, REQUIRED_ON_CREATE, Choice, CountryCode, Money, Text, Whole, max_year
from testing.accounts import UserFactory
from testing.listings import listing_data, make_listing

pytestmark = pytest.mark.django_db


def edges(kind) -> tuple[object, object]:
    """(the last value the kind takes, the first it refuses)."""
    if isinstance(kind, Text):
        return "x" * kind.max_length, "x" * (kind.max_length + 1)
    if isinstance(kind, Whole):
        return kind.maximum, kind.maximum + 1
    if isinstance(kind, Money):
        return str(kind.maximum), str(kind.maximum + Decimal("0.001"))
    if isinstance(kind, Choice) and kind.enum == "region":
        # A Bahrain listing (the default country) takes Bahrain's regions only; Oman's is as bad as none.
        return "southern", "muscat"
    if isinstance(kind, Choice):
        return kind.values[-1], "not-a-" + kind.enum
    if isinstance(kind, CountryCode):
        return "bh", "us"
    raise AssertionError(kind)


SPEC = [field for field in FIELDS if field.editable and field.name not in ("make", "model")]


@pytest.mark.parametrize("field", SPEC, ids=[field.name for field in SPEC])
def test_each_field_takes_its_limit_and_refuses_beyond_it(field):
    listing = make_listing()
    good, bad = edges(field.kind)

    with pytest.raises(ValidationError) as refused:
        services.listing_edit(listing_id=listing.pk, data={field.name: bad})
    edited = services.listing_edit(listing_id=listing.pk, data={field.name: good})

    assert list(refused.value.message_dict) == [field.name]
    assert str(getattr(edited, field.name)) == str(good)


def test_a_new_listing_needs_exactly_the_required_fields():
    with pytest.raises(ValidationError) as refused:
        services.listing_create(seller=UserFactory(), data={})

    assert set(refused.value.message_dict) == set(REQUIRED_ON_CREATE)
    required_only = {name: value for name, value in listing_data().items() if name in REQUIRED_ON_CREATE}
    assert services.listing_create(seller=UserFactory(), data=required_only).year == 2020


def test_next_years_cars_are_accepted_and_the_year_after_is_not():
    listing = make_listing()

    assert services.listing_edit(listing_id=listing.pk, data={"year": max_year()}).year == max_year()
    with pytest.raises(ValidationError, match=str(max_year())):
        services.listing_edit(listing_id=listing.pk, data={"year": max_year() + 1})
