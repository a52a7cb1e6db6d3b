"""What crawlers and link previews read without JavaScript (web/seo.py): each
page's head in the shell, 410 for listings that left the market, robots.txt and
the paged sitemap index."""

import io
import json
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.test import Client
from PIL import Image

from core.listings import services
from core.listings.photos import listing_photo_add
from testing.accounts import UserFactory
from testing.catalog import toyota_land_cruiser
from testing.listings import make_listing
from web import seo

pytestmark = pytest.mark.django_db

# The shape of the built index.html (frontend/index.html) that the head replaces.
SHELL = """<!doctype html>
<html lang="en" dir="ltr">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Sayara — generic." />
    <title>Sayara · سيارة</title>
  </head>
  <body><div id="root"></div></body>
</html>
"""
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Head(HTMLParser):
    """The tags a crawler reads from a page's head."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.html: dict[str, str] = {}
        self.title = ""
        self.json_ld: list[dict] = []
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attributes = dict(attrs)
        if tag == "meta" and "content" in attributes:
            self.meta[attributes.get("property") or attributes.get("name") or ""] = attributes["content"]
        elif tag == "link":
            self.links[attributes.get("hreflang") or attributes["rel"]] = attributes["href"]
        elif tag == "html":
            self.html = attributes
        elif tag == "title" or (tag == "script" and attributes.get("type") == "application/ld+json"):
            self._in = tag

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        self._in = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld.append(json.loads(data))


@pytest.fixture
def shell(settings, tmp_path):
    (tmp_path / "index.html").write_text(SHELL, encoding="utf-8")
    settings.FRONTEND_DIST = tmp_path
    settings.SITE_URL = "https://sayara.example"
    return Client()


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2000, 1500), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def _car(**fields):
    fields = {"year": 2020, "price": "18500.000", "mileage_km": 60000, "region": "muharraq", **fields}
    return make_listing(car=toyota_land_cruiser(), **fields)


def test_a_listing_page_without_javascript_names_the_car_its_price_place_and_photo(shell):
    listing = _car(description="Full agency service </script><script>alert(1)</script>")
    data = _photo()
    listing_photo_add(listing_id=listing.pk, upload=io.BytesIO(data), size=len(data))

    answer = shell.get(f"/listings/{listing.pk}")

    assert answer.status_code == 200
    head = Head(answer.content.decode())
    assert head.title == f"{listing.title} · BHD 18,500 · Muharraq | Sayara"
    assert "BHD 18,500" in head.meta["description"] and "Muharraq" in head.meta["description"]
    assert head.meta["og:title"] == head.title and head.meta["og:type"] == "product"
    assert head.meta["og:image"].startswith(f"https://sayara.example/media/listings/{listing.pk}/")
    assert head.meta["og:image"].endswith("-view-1600.webp")
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1600", "1200")
    assert head.meta["twitter:card"] == "summary_large_image" and head.meta["twitter:image"] == head.meta["og:image"]
    assert head.meta["product:price:amount"] == "18500.000" and head.meta["product:price:currency"] == "BHD"
    # Its address from before countries still opens it; its canonical one is under its country.
    canonical = f"https://sayara.example/bh/listings/{listing.pk}"
    assert head.links == {
        "canonical": canonical,
        "en": canonical,
        "ar": f"{canonical}?lang=ar",
        "en-BH": canonical,
        "ar-BH": f"{canonical}?lang=ar",
        "x-default": canonical,
        # The gallery's first photo, fetched with the page (web/first_load.py).
        "preload": listing.photos.get().image.url,
    }
    [car] = head.json_ld
    assert car["@type"] == "Car" and car["brand"]["name"] == "Toyota" and car["vehicleModelDate"] == "2020"
    assert car["mileageFromOdometer"] == {"@type": "QuantitativeValue", "value": 60000, "unitCode": "KMT"}
    assert car["offers"]["price"] == "18500.000" and car["offers"]["priceCurrency"] == "BHD"
    assert car["offers"]["availability"] == "https://schema.org/InStock"
    assert car["image"] == [head.meta["og:image"]]
    # The seller's text can never close the data block and run as a script.
    assert "<script>alert(1)" not in answer.content.decode()
    # The photo the preview names is there to fetch.
    photo = shell.get(head.meta["og:image"].removeprefix("https://sayara.example"))
    assert photo.status_code == 200


def test_the_arabic_page_is_in_arabic_and_right_to_left(shell):
    listing = _car()

    head = Head(shell.get(f"/listings/{listing.pk}", {"lang": "ar"}).content.decode())

    assert head.html == {"lang": "ar", "dir": "rtl"}
    assert head.title == "2020 تويوتا لاند كروزر · 18,500 د.ب · المحرق | سيارة"
    assert head.meta["og:locale"] == "ar_BH"
    assert head.links["canonical"].endswith(f"/bh/listings/{listing.pk}?lang=ar")
    assert "og:image" not in head.meta and head.meta["twitter:card"] == "summary"


def test_a_saudi_listing_without_javascript_is_at_its_country_address_in_its_currency(shell):
    listing = _car(country="sa", region="riyadh", price="85000.50")
    data = _photo()
    listing_photo_add(listing_id=listing.pk, upload=io.BytesIO(data), size=len(data))

    english = Head(shell.get(f"/sa/listings/{listing.pk}").content.decode())
    arabic = Head(shell.get(f"/sa/listings/{listing.pk}", {"lang": "ar"}).content.decode())

    assert english.title == f"{listing.title} · SAR 85,000.50 · Riyadh | Sayara"
    assert "Riyadh, Saudi Arabia: SAR 85,000.50" in english.meta["description"]
    assert english.meta["og:image"].startswith(f"https://sayara.example/media/listings/{listing.pk}/")
    assert english.meta["product:price:amount"] == "85000.50" and english.meta["product:price:currency"] == "SAR"
    assert english.meta["og:locale"] == "en_SA"
    canonical = f"https://sayara.example/sa/listings/{listing.pk}"
    assert english.links["canonical"] == canonical and english.links["en-SA"] == canonical
    assert english.links["ar-SA"] == f"{canonical}?lang=ar" and "en-BH" not in english.links
    assert english.json_ld[0]["offers"]["price"] == "85000.50"
    assert arabic.title == "2020 تويوتا لاند كروزر · 85,000.50 ر.س · الرياض | سيارة"
    assert "الرياض، السعودية" in arabic.meta["description"]
    # Under another country's address, or none, it names its own.
    for path in (f"/bh/listings/{listing.pk}", f"/listings/{listing.pk}"):
        assert Head(shell.get(path).content.decode()).links["canonical"] == canonical


def test_each_country_has_its_home_and_search_pages_named_with_every_other_as_alternates(shell):
    home = Head(shell.get("/sa").content.decode())
    search = Head(shell.get("/ae/search", {"lang": "ar"}).content.decode())

    assert home.title == "Sayara · Buy and sell cars in Saudi Arabia"
    assert home.links["canonical"] == "https://sayara.example/sa"
    assert home.links["ar-KW"] == "https://sayara.example/kw?lang=ar"
    assert home.links["x-default"] == home.links["en"] == "https://sayara.example/bh"
    assert search.title == "سيارات للبيع في الإمارات | سيارة"
    assert search.links["canonical"] == "https://sayara.example/ae/search?lang=ar"
    assert search.links["en-OM"] == "https://sayara.example/om/search"
    assert len([key for key in search.links if "-" in key and key != "x-default"]) == 12
    # A search link of a saved search (?country=sa) is that country's; a code no country has is no page the server knows.
    assert Head(shell.get("/search", {"country": "sa"}).content.decode()).links["canonical"] == "https://sayara.example/sa/search"
    assert Head(shell.get("/xx/search").content.decode()).title == "Sayara · سيارة"


def test_a_listing_that_left_the_market_is_gone_and_a_draft_is_not_found(shell):
    sold = _car()
    services.listing_mark_sold(listing_id=sold.pk)
    draft = _car(publish=False)

    gone = shell.get(f"/listings/{sold.pk}")

    assert gone.status_code == 410
    assert Head(gone.content.decode()).meta["robots"] == "noindex"
    # People get the app, which shows its own not-found page.
    assert b'<div id="root">' in gone.content
    assert shell.get(f"/listings/{draft.pk}").status_code == 404
    assert shell.get("/listings/999999999").status_code == 404


def test_a_search_page_is_named_after_its_make_and_model_and_canonical_without_other_filters(shell):
    toyota_land_cruiser()

    head = Head(
        shell.get("/search", {"make": "toyota", "model": "land-cruiser", "price_max": "9000", "sort": "newest"}).content.decode()
    )

    assert head.title == "Toyota Land Cruiser for sale in Bahrain | Sayara"
    assert head.links["canonical"] == "https://sayara.example/bh/search?make=toyota&model=land-cruiser"
    assert head.links["ar"] == "https://sayara.example/bh/search?make=toyota&model=land-cruiser&lang=ar"
    assert "robots" not in head.meta
    assert Head(shell.get("/search", {"q": "cheap"}).content.decode()).meta["robots"] == "noindex, follow"
    assert (
        Head(shell.get("/search", {"make": "no-such"}).content.decode()).links["canonical"] == "https://sayara.example/bh/search"
    )


def test_other_routes_keep_the_shell_as_built(shell):
    answer = shell.get("/sell")

    assert answer.status_code == 200
    assert Head(answer.content.decode()).title == "Sayara · سيارة"


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_accounts(shell):
    answer = shell.get("/robots.txt")

    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/plain")
    text = answer.content.decode()
    assert "Sitemap: https://sayara.example/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /messages" in text
    assert "Disallow: /api/v1/search" not in text and "Disallow: /listings" not in text


def test_the_sitemap_index_pages_active_listings_in_both_languages(shell, monkeypatch):
    monkeypatch.setattr(seo.ListingsSitemap, "limit", 2)
    seller = UserFactory()
    active = [_car(seller=seller) for _ in range(2)] + [_car(seller=seller, country="om", region="muscat", price="3200.000")]
    sold = _car(seller=seller)
    services.listing_mark_sold(listing_id=sold.pk)

    index = ElementTree.fromstring(shell.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]

    assert any(url.endswith("/sitemap-listings-en.xml?p=2") for url in sections), sections
    assert any(url.endswith("/sitemap-listings-ar.xml?p=2") for url in sections), sections
    assert any(url.endswith("/sitemap-pages.xml") for url in sections), sections
    listed = []
    for section in ("listings-en", "listings-ar"):
        for page in (1, 2):
            answer = shell.get(f"/sitemap-{section}.xml", {"p": page})
            assert answer.status_code == 200
            listed += [loc.text for loc in ElementTree.fromstring(answer.content).iter(f"{SITEMAP}loc")]
    expected = [f"https://sayara.example/{listing.country}/listings/{listing.pk}" for listing in active]
    assert sorted(listed) == sorted(expected + [f"{url}?lang=ar" for url in expected])
    pages = [loc.text for loc in ElementTree.fromstring(shell.get("/sitemap-pages.xml").content).iter(f"{SITEMAP}loc")]
    assert "https://sayara.example/sa/search?lang=ar" in pages and "https://sayara.example/bh" in pages and len(pages) == 24
    assert shell.get("/sitemap-listings-en.xml", {"p": 3}).status_code == 404
