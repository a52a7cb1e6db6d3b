"""What crawlers and link previews read without running JavaScript.

The web app draws every page in the browser, but a link shared on WhatsApp, a
search engine's first look, and a social card read only the HTML the server
answers. So the app shell (web/views.py) is answered with each page's own head:
its title and description, canonical address and hreflang alternates (English
at the bare address, Arabic at ?lang=ar; the buyer pages under their country,
/bh/search and /sa/search, each country's named with its language-region: en-SA),
Open Graph and Twitter card tags with
the car's first photo, price and place, and schema.org Car/Offer JSON-LD. A
listing that left the market answers 410 Gone (its shell still shows people the
app's own not-found page). robots.txt and the paged sitemap index of active
listings in both languages live here too.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape

from core.catalog.countries import BY_CODE, COUNTRIES, DEFAULT_COUNTRY, Country
from core.catalog.enums import enum_label
from core.catalog.selectors import catalog_labels
from core.listings.models import Listing, ListingStatus
from core.listings.photos import photo_sizes, photo_srcset

LANGUAGES = ("en", "ar")
SITE_NAME = {"en": "Sayara", "ar": "سيارة"}
TAGLINE = {
    "en": "Buy and sell cars in {country}: new and used cars, GCC specs, dealers and private sellers.",
    "ar": "بيع وشراء السيارات في {country}: سيارات جديدة ومستعملة، مواصفات خليجية، معارض وبائعون أفراد.",
}
DESCRIPTION_MAX = 200
# Link previews show about 1200 pixels across; larger only costs the reader's data.
OG_IMAGE_WIDTH = 1600
# Listings no one may see any more: gone for good, as far as a crawler should know.
GONE_STATUSES = (ListingStatus.SOLD, ListingStatus.EXPIRED, ListingStatus.DELETED)
# The gallery's <img sizes> (frontend/src/features/listings/components/listing-gallery.tsx, GALLERY_SIZES).
GALLERY_SIZES = "(max-width: 960px) 100vw, 780px"
LISTING_PATH = re.compile(r"listings/(?P<id>[1-9][0-9]{0,17})/?")


@dataclass
class Head:
    title: str
    description: str
    language: str
    status: int = 200
    canonical: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)
    robots: str | None = None
    # (attribute, name, content): ("property", "og:title", …), ("name", "twitter:card", …)
    meta: list[tuple[str, str, str]] = field(default_factory=list)
    json_ld: dict[str, Any] | None = None
    # Which of the app's pages this is ("home", "search", "listing"): what it loads first (web/first_load.py).
    page: str = ""
    # The page's largest image (its LCP), fetched with the HTML: (src, srcset, sizes).
    preload_image: tuple[str, str | None, str] | None = None


def language_of(request: HttpRequest) -> str:
    """The page's language: ?lang=ar, else English (the bare address is the English page)."""
    return "ar" if request.GET.get("lang") == "ar" else "en"


def absolute(path_or_url: str) -> str:
    return path_or_url if urlsplit(path_or_url).scheme else settings.SITE_URL + path_or_url


def address(path: str, language: str, **params: str) -> str:
    """The page's address in a language, absolute, as the sitemap and hreflang name it."""
    query = {**params, **({"lang": "ar"} if language == "ar" else {})}
    return absolute(path + (f"?{urlencode(query)}" if query else ""))


def _locale(language: str, country: Country) -> str:
    return f"{language}_{country.code.upper()}"


def _name(country: Country, language: str) -> str:
    return country.name_ar if language == "ar" else country.name_en


def _alternates(path: str, countries: tuple[Country, ...], **params: str) -> dict[str, str]:
    """The page in each language and each of `countries` (en-SA: /sa/search); plain en, ar and
    x-default name the first of them: Bahrain's for the pages every country has (so each page
    of the set names the same alternates), the listing's own country for a listing."""
    alternates = {
        f"{language}-{country.code.upper()}": address(f"/{country.code}{path}".rstrip("/"), language, **params)
        for country in countries
        for language in LANGUAGES
    }
    first = countries[0].code.upper()
    return {
        "en": alternates[f"en-{first}"],
        "ar": alternates[f"ar-{first}"],
        **alternates,
        "x-default": alternates[f"en-{first}"],
    }


def _shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _label(name: str, value: str, language: str) -> str:
    english, arabic = enum_label(name, value)
    return arabic if language == "ar" else english


def _site_head(head: Head, country: Country) -> Head:
    head.meta = [
        ("property", "og:site_name", SITE_NAME[head.language]),
        ("property", "og:locale", _locale(head.language, country)),
        ("property", "og:locale:alternate", _locale("ar" if head.language == "en" else "en", country)),
        ("property", "og:title", head.title),
        ("property", "og:description", head.description),
        *([("property", "og:url", head.canonical)] if head.canonical else []),
        ("name", "twitter:title", head.title),
        ("name", "twitter:description", head.description),
        *head.meta,
    ]
    if not any(name == "og:type" for _, name, _ in head.meta):
        head.meta.append(("property", "og:type", "website"))
    if not any(name == "twitter:card" for _, name, _ in head.meta):
        head.meta.append(("name", "twitter:card", "summary"))
    return head


def _listing_name(listing: Listing, language: str) -> str:
    if language == "en" and listing.title:
        return listing.title
    make = listing.make.name_ar if language == "ar" else listing.make.name_en
    model = listing.model.name_ar if language == "ar" else listing.model.name_en
    return " ".join(part for part in (str(listing.year), make, model, listing.trim) if part)


def _og_image(listing: Listing) -> tuple[str, int, int] | None:
    """The first photo, at the largest gallery size up to OG_IMAGE_WIDTH."""
    photos = list(listing.photos.all())
    if not photos:
        return None
    photo = photos[0]
    sizes = photo_sizes(photo)
    width, url = max((size for size in sizes if size[0] <= OG_IMAGE_WIDTH), default=sizes[0])
    height = round(photo.height * width / photo.width) if photo.width else photo.height
    return absolute(url), width, height


def _listing_json_ld(listing: Listing, name: str, canonical: str, images: list[str], language: str) -> dict[str, Any]:
    country = BY_CODE[listing.country]
    seller_type = "AutoDealer" if listing.seller.account_type == "dealer" else "Person"
    car: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Car",
        "name": name,
        "url": canonical,
        "brand": {"@type": "Brand", "name": listing.make.name_en},
        "model": listing.model.name_en,
        "vehicleModelDate": str(listing.year),
        "mileageFromOdometer": {"@type": "QuantitativeValue", "value": listing.mileage_km, "unitCode": "KMT"},
        "fuelType": _label("fuel", listing.fuel, language),
        "vehicleTransmission": _label("transmission", listing.transmission, language),
        "bodyType": _label("body_type", listing.body_type, language),
        "itemCondition": "https://schema.org/NewCondition" if listing.condition == "new" else "https://schema.org/UsedCondition",
        "offers": {
            "@type": "Offer",
            "price": country.amount_text(listing.price),
            "priceCurrency": listing.currency,
            "availability": "https://schema.org/InStock",
            "url": canonical,
            "seller": {"@type": seller_type, "name": listing.seller.display_name},
            "availableAtOrFrom": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressRegion": _label("region", listing.region, language),
                    "addressCountry": listing.country,
                },
            },
        },
    }
    if listing.drivetrain:
        car["driveWheelConfiguration"] = _label("drivetrain", listing.drivetrain, language)
    if listing.exterior_color:
        car["color"] = _label("color", listing.exterior_color, language)
    if listing.description:
        car["description"] = _shorten(listing.description, 500)
    if images:
        car["image"] = images
    return car


def listing_head(listing_id: int, language: str, country: Country) -> Head:
    """A listing's head, at its own country's address whichever country the URL named."""
    listing = Listing.objects.select_related("make", "model", "seller").prefetch_related("photos").filter(pk=listing_id).first()
    if listing is None or listing.status != ListingStatus.ACTIVE:
        gone = listing is not None and listing.status in GONE_STATUSES
        title = "هذه السيارة لم تعد معروضة" if language == "ar" else "This car is no longer listed"
        return _site_head(
            Head(
                title=f"{title} | {SITE_NAME[language]}",
                description=TAGLINE[language].format(country=_name(country, language)),
                language=language,
                status=410 if gone else 404,
                robots="noindex",
            ),
            country,
        )
    country = BY_CODE.get(listing.country, BY_CODE[DEFAULT_COUNTRY])
    name = _listing_name(listing, language)
    price = country.money_text(listing.price, language)
    place = _label("region", listing.region, language)
    where = _name(country, language)
    path = f"/listings/{listing.pk}"
    canonical = address(f"/{country.code}{path}", language)
    if language == "ar":
        facts = [f"{listing.mileage_km:,} كم", _label("transmission", listing.transmission, language)]
        summary = f"{name} للبيع في {place}، {where}: {price}. {'، '.join(facts)}، مواصفات {_label('regional_spec', listing.regional_spec, language)}."
    else:
        facts = [f"{listing.mileage_km:,} km", _label("transmission", listing.transmission, language)]
        summary = f"{name} for sale in {place}, {where}: {price}. {', '.join(facts)}, {_label('regional_spec', listing.regional_spec, language)} specs."
    description = _shorten(f"{summary} {listing.description}".strip())
    head = Head(
        title=f"{name} · {price} · {place} | {SITE_NAME[language]}",
        description=description,
        language=language,
        canonical=canonical,
        alternates=_alternates(path, (country,)),
        meta=[
            ("property", "og:type", "product"),
            ("property", "product:price:amount", country.amount_text(listing.price)),
            ("property", "product:price:currency", listing.currency),
        ],
    )
    photos = list(listing.photos.all())
    if photos:
        head.preload_image = (photos[0].image.url, photo_srcset(photos[0]), GALLERY_SIZES)
    image = _og_image(listing)
    images = []
    if image:
        url, width, height = image
        images.append(url)
        head.meta += [
            ("property", "og:image", url),
            ("property", "og:image:width", str(width)),
            ("property", "og:image:height", str(height)),
            ("property", "og:image:alt", name),
            ("name", "twitter:card", "summary_large_image"),
            ("name", "twitter:image", url),
        ]
    head.json_ld = _listing_json_ld(listing, name, canonical, images, language)
    return _site_head(head, country)


def search_head(request: HttpRequest, language: str, country: Country) -> Head:
    """The search page's head: named after the make and model chosen, canonical without the other filters."""
    labels = catalog_labels()
    make = request.GET.get("make", "")
    model = request.GET.get("model", "")
    make_names = labels.makes.get(make)
    model_names = labels.models.get((make, model)) if make_names else None
    which = 1 if language == "ar" else 0
    subject = " ".join(names[which] for names in (make_names, model_names) if names)
    where = _name(country, language)
    if language == "ar":
        title = f"{subject or 'سيارات'} للبيع في {where}"
        description = f"ابحث في {subject or 'السيارات'} الجديدة والمستعملة للبيع في {where}: الأسعار والممشى والمواصفات الخليجية."
    else:
        title = f"{subject or 'Cars'} for sale in {where}"
        description = f"Search new and used {subject or 'cars'} for sale in {where}: prices, mileage and GCC specs."
    params = {
        key: value for key, value in (("make", make if make_names else ""), ("model", model if model_names else "")) if value
    }
    return _site_head(
        Head(
            title=f"{title} | {SITE_NAME[language]}",
            description=description,
            language=language,
            canonical=address(f"/{country.code}/search", language, **params),
            alternates=_alternates("/search", COUNTRIES, **params),
            # Free-text searches are endless and thin: followed, never indexed.
            robots="noindex, follow" if request.GET.get("q") else None,
        ),
        country,
    )


def home_head(language: str, country: Country) -> Head:
    where = _name(country, language)
    return _site_head(
        Head(
            title=f"{SITE_NAME[language]} · {f'بيع وشراء السيارات في {where}' if language == 'ar' else f'Buy and sell cars in {where}'}",
            description=TAGLINE[language].format(country=where),
            language=language,
            canonical=address(f"/{country.code}", language),
            alternates=_alternates("/", COUNTRIES),
        ),
        country,
    )


def _country_and_path(request: HttpRequest, path: str) -> tuple[Country, str]:
    """The country a path names ("sa/search") and the page's path within it; a bare path
    (links from before countries) is of the country its ?country= names, else Bahrain's."""
    first, _, rest = path.partition("/")
    if first in BY_CODE:
        return BY_CODE[first], rest.strip("/")
    return BY_CODE.get(request.GET.get("country", ""), BY_CODE[DEFAULT_COUNTRY]), path


def head_for(request: HttpRequest, path: str) -> Head | None:
    """The head of a page crawlers may see; None for the app's other routes (the shell as built)."""
    language = language_of(request)
    country, path = _country_and_path(request, path.strip("/"))
    if path == "":
        page, head = "home", home_head(language, country)
    elif path == "search":
        page, head = "search", search_head(request, language, country)
    elif match := LISTING_PATH.fullmatch(path + "/"):
        page, head = "listing", listing_head(int(match["id"]), language, country)
    else:
        return None
    head.page = page
    return head


# --- the shell with a page's head ---------------------------------------------------------

_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_DESCRIPTION = re.compile(r'<meta name="description"[^>]*>\s*')
_HTML = re.compile(r"<html[^>]*>")


def _tag(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}" />'


def render_head(html: str, head: Head) -> str:
    """The built index.html with this page's head in place of the generic one."""
    tags = [f'<meta name="description" content="{escape(head.description)}" />']
    if head.robots:
        tags.append(_tag("name", "robots", head.robots))
    if head.canonical:
        tags.append(f'<link rel="canonical" href="{escape(head.canonical)}" />')
    for language, url in head.alternates.items():
        tags.append(f'<link rel="alternate" hreflang="{language}" href="{escape(url)}" />')
    tags += [_tag(*meta) for meta in head.meta]
    if head.preload_image:
        src, srcset, sizes = head.preload_image
        responsive = f' imagesrcset="{escape(srcset)}" imagesizes="{escape(sizes)}"' if srcset else ""
        tags.append(f'<link rel="preload" as="image" href="{escape(src)}"{responsive} fetchpriority="high" />')
    if head.json_ld:
        # A data block, not a script: "<" escaped so no text of a listing can close the element.
        data = json.dumps(head.json_ld, ensure_ascii=False).replace("<", "\\u003c")
        tags.append(f'<script type="application/ld+json">{data}</script>')
    direction = "rtl" if head.language == "ar" else "ltr"
    html = _HTML.sub(f'<html lang="{head.language}" dir="{direction}">', html, count=1)
    html = _DESCRIPTION.sub("", html, count=1)
    html = _TITLE.sub(lambda _: f"<title>{escape(head.title)}</title>", html, count=1)
    return html.replace("</head>", "    " + "\n    ".join(tags) + "\n  </head>", 1)


# --- robots.txt and the sitemaps --------------------------------------------------------

# The app's own pages that are someone's account, or a form: nothing for a search engine.
PRIVATE_PATHS = ("/admin/", "/api/v1/me", "/api/v1/auth/", "/api/v1/conversations", "/sell", "/me/", "/messages", "/account")


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS), "", f"Sitemap: {absolute('/sitemap.xml')}"]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


class _SiteSitemap(Sitemap):
    """Addresses on SITE_URL (the public origin), like the canonical links."""

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme


class ListingsSitemap(_SiteSitemap):
    """Active listings in one language, 10,000 a page (of the 50,000 a sitemap may hold)."""

    limit = 10_000
    changefreq = "daily"

    def __init__(self, language: str) -> None:
        self.language = language

    def items(self) -> Any:
        return Listing.objects.filter(status=ListingStatus.ACTIVE).only("id", "country", "updated_at").order_by("id")

    def location(self, item: Listing) -> str:
        return f"/{item.country}/listings/{item.pk}" + ("?lang=ar" if self.language == "ar" else "")

    def lastmod(self, item: Listing) -> Any:
        return item.updated_at

    def get_latest_lastmod(self) -> Any:
        # One aggregate, not every listing read (Sitemap's own default).
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class PagesSitemap(_SiteSitemap):
    changefreq = "hourly"

    def items(self) -> list[str]:
        """Each country's home and search, in both languages."""
        return [
            f"/{country.code}{path}{suffix}" for country in COUNTRIES for path in ("", "/search") for suffix in ("", "?lang=ar")
        ]

    def location(self, item: str) -> str:
        return item


SITEMAPS = {"pages": PagesSitemap(), "listings-en": ListingsSitemap("en"), "listings-ar": ListingsSitemap("ar")}
