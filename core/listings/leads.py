"""Call and WhatsApp: a seller's number, revealed to a signed-in buyer who asks
for it on a listing whose seller shows it; each reveal is a lead the seller
sees in their numbers. Reveals are limited per buyer (scrapers harvest numbers)."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.accounts.limits import hourly_check
from core.accounts.models import User
from core.listings.models import LeadChannel, Listing, ListingLead

# The prefilled WhatsApp message, in the buyer's language: the car and its link.
WHATSAPP_TEXT = {
    "en": "Hello, is your {car} on Sayara still available? {url}",
    "ar": "مرحبًا، هل سيارتك {car} المعروضة على سيارة ما زالت متاحة؟ {url}",
}


@dataclass(frozen=True)
class Contact:
    phone: str
    call: bool
    whatsapp_url: str | None


def contact_channels(seller: User) -> list[str]:
    """The contacts beside chat a seller shows on their listings (none without a phone)."""
    if not seller.phone:
        return []
    return [
        channel
        for channel, shown in ((LeadChannel.CALL, seller.shows_call), (LeadChannel.WHATSAPP, seller.shows_whatsapp))
        if shown
    ]


def seller_badges(seller: User) -> list[str]:
    """What a seller has earned to show beside their name."""
    badges = ["verified_phone"] if seller.phone and seller.phone_verified_at else []
    return badges + (["dealer"] if seller.account_type == "dealer" else [])


def whatsapp_url(*, phone: str, listing: Listing, language: str) -> str:
    car = " ".join(str(part) for part in (listing.year, listing.make.name_en, listing.model.name_en) if part)
    if language == "ar":
        car = " ".join(str(part) for part in (listing.make.name_ar, listing.model.name_ar, listing.year) if part)
    text = WHATSAPP_TEXT.get(language, WHATSAPP_TEXT["en"]).format(car=car, url=f"{settings.SITE_URL}/listings/{listing.pk}")
    return f"https://wa.me/{phone.lstrip('+')}?text={quote(text)}"


def listing_phone_reveal(*, listing: Listing, buyer: User, channel: Any = None) -> Contact:
    """The seller's number for `buyer`, and a lead on `listing` through `channel`
    (the first the seller shows when not given). DoesNotExist for a seller who
    shows chat only; AttemptsLimited past PHONE_REVEALS_PER_HOUR reveals by one buyer."""
    shown = contact_channels(listing.seller)
    if not shown:
        raise Listing.DoesNotExist
    channel = shown[0] if channel is None else channel
    if channel not in LeadChannel.values:
        raise ValidationError({"channel": [_("Must be one of: %(values)s.") % {"values": ", ".join(LeadChannel.values)}]})
    if channel not in shown:
        raise ValidationError(
            {"channel": [_("This seller takes only %(channels)s, besides chat.") % {"channels": ", ".join(shown)}]}
        )
    own = buyer.pk == listing.seller_id
    if not own:
        hourly_check(
            scope="phone-reveal",
            # With its creation moment: a recreated database (the tests') reuses ids within the hour.
            subject=f"{buyer.pk}:{buyer.date_joined.timestamp()}",
            limit=settings.PHONE_REVEALS_PER_HOUR,
            message=_("You have revealed many sellers' numbers this hour."),
        )
        ListingLead.objects.create(listing=listing, buyer=buyer, channel=channel)
    phone = listing.seller.phone
    shows_whatsapp = LeadChannel.WHATSAPP in shown
    return Contact(
        phone=phone,
        call=LeadChannel.CALL in shown,
        whatsapp_url=whatsapp_url(phone=phone, listing=listing, language=buyer.preferred_language) if shows_whatsapp else None,
    )
