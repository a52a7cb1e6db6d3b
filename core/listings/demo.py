"""Realistic demo listings for the Gulf, Bahrain the most, inserted in bulk (with
their outbox rows).

Prices follow each model's new price (core/catalog/data/catalog.json, in
dinars) in the listing's currency (times its country's price_scale) and
depreciate with age and mileage; mileage follows age; specs, regions, colours
and sellers follow the shares of Bahrain's used-car market. Each seller is of
one country (its phone too), and sells there.
"""

import datetime
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from core.accounts.models import User
from core.catalog.countries import Country, country_get
from core.catalog.models import RATE_DECIMALS, CarModel, ExchangeRate
from core.catalog.services import catalog_data
from core.catalog.values import depreciated_share
from core.listings.demo_photos import Library, photos_for
from core.listings.models import LISTING_LIFETIME_DAYS, Listing, ListingPhoto, ListingPrice, ListingStatus
from core.listings.versions import next_version
from core.outbox.services import outbox_record_many

DEMO_PASSWORD = "sayara-demo-2026"
DEMO_DOMAIN = "demo.sayara.bh"
BATCH = 5000
PRICE_DROP_SHARE = 0.15

# Shares of the demo's listings (and sellers) by country: Bahrain's market first.
COUNTRY_SHARES = (("bh", 55), ("sa", 18), ("ae", 12), ("kw", 6), ("qa", 5), ("om", 4))
BAHRAIN_REGIONS = (("capital", 35), ("northern", 25), ("muharraq", 20), ("southern", 20))
COLOURS = (
    ("white", 34),
    ("black", 14),
    ("silver", 12),
    ("grey", 12),
    ("red", 6),
    ("blue", 6),
    ("beige", 4),
    ("brown", 3),
    ("gold", 3),
    ("green", 2),
    ("yellow", 1),
    ("orange", 1),
    ("other", 2),
)
SPECS_BY_ORIGIN = {
    "japanese": (("gcc", 72), ("american", 10), ("japanese", 12), ("other", 6)),
    "american": (("gcc", 62), ("american", 34), ("other", 4)),
    "european": (("gcc", 66), ("european", 20), ("american", 10), ("other", 4)),
    "korean": (("gcc", 75), ("korean", 15), ("american", 7), ("other", 3)),
    "chinese": (("gcc", 92), ("other", 8)),
}
DESCRIPTIONS_EN = (
    "{spec} specs, {owners}, {service}. {extra}",
    "Well maintained {year} {make} {model}. {service}, {extra}",
    "{make} {model} {trim} in {colour}. {owners}, {spec} specs. {extra}",
    "Clean {model}, {mileage} km. {service}. {extra}",
)
DESCRIPTIONS_AR = (
    "{make_ar} {model_ar} {year} {spec_ar}، {owners_ar}، {service_ar}. {extra_ar}",
    "للبيع {make_ar} {model_ar} موديل {year}، ممشى {mileage} كم، {service_ar}. {extra_ar}",
    "{model_ar} نظيفة جداً، {spec_ar}، لون {colour_ar}. {extra_ar}",
)
OWNERS = (("single owner", "مالك واحد"), ("second owner", "المالك الثاني"), ("lady driven", "استخدام نسائي"))
SERVICE = (
    ("full agency service history", "صيانة الوكالة كاملة"),
    ("regularly serviced", "صيانة دورية"),
    ("new tyres and battery", "تواير وبطارية جديدة"),
)
EXTRA = (
    ("Accident free.", "بدون حوادث."),
    ("Price negotiable.", "السعر قابل للتفاوض."),
    ("Insurance and registration valid.", "التأمين والتسجيل ساري."),
    ("Under warranty.", "تحت الضمان."),
    ("Serious buyers only.", "للجادين فقط."),
)
SPEC_LABELS = {
    "gcc": ("GCC", "خليجي"),
    "american": ("American", "أمريكي"),
    "japanese": ("Japanese", "ياباني"),
    "european": ("European", "أوروبي"),
    "korean": ("Korean", "كوري"),
    "other": ("Imported", "وارد"),
}
COLOUR_AR = {"white": "أبيض", "black": "أسود", "silver": "فضي", "grey": "رمادي", "red": "أحمر", "blue": "أزرق"}


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _regions(country: Country) -> tuple[tuple[str, int], ...]:
    """Where a country's cars are: Bahrain's shares; elsewhere the first-listed regions
    (the capitals and big cities: Riyadh, Makkah, Abu Dhabi, Dubai…) the most."""
    if country.code == "bh":
        return BAHRAIN_REGIONS
    return tuple((region.value, max(1, 8 - 2 * n)) for n, region in enumerate(country.regions))


def _phone(country: Country, n: int) -> str:
    """A demo number of `country`, the n-th: its example's first digits, then n."""
    national = "".join(char for char in country.phone.example[len(country.phone.dial_code) :] if char.isdigit())
    return f"{country.phone.dial_code}{national[:-7]}{n:07d}"


def _seller_country(n: int, first: int) -> str:
    """The country of seller n: one of each country first (from `first`, the first of its kind), then by shares."""
    if 0 <= n - first < len(COUNTRY_SHARES):
        return COUNTRY_SHARES[n - first][0]
    return _pick(random.Random(n), COUNTRY_SHARES)


@dataclass
class MarketModel:
    model: CarModel
    origin: str
    first_year: int
    last_year: int
    price_new: float
    fuels: list[str]
    trims: list[str]
    weight: float


def _market(data: dict[str, Any]) -> list[MarketModel]:
    by_key = {(m.make.slug, m.slug): m for m in CarModel.objects.select_related("make")}
    market = []
    for make in data["makes"]:
        for item in make["models"]:
            model = by_key.get((make["slug"], item["slug"]))
            if model is None:
                continue
            market.append(
                MarketModel(
                    model=model,
                    origin=make.get("origin", "japanese"),
                    first_year=int(item["years"][0]),
                    last_year=int(item["years"][1]),
                    price_new=float(item["price_new_bhd"]),
                    fuels=item.get("fuels") or ["petrol"],
                    trims=item.get("trims") or [],
                    weight=float(item.get("popularity", 3)) ** 2.2,
                )
            )
    return market


def _sellers(count: int, *, dealers: int) -> list[User]:
    """Demo accounts (all with DEMO_PASSWORD), created once and reused."""
    existing = list(User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").order_by("id"))
    if len(existing) >= count:
        return existing
    password = make_password(DEMO_PASSWORD)
    verified = timezone.now()  # demo sellers publish and answer buyers
    first = ("Ahmed", "Fatima", "Mohammed", "Maryam", "Ali", "Zainab", "Hussain", "Noor", "Yousif", "Sara", "Khalid", "Layla")
    last = ("Al Khalifa", "Al Mahmood", "Al Sayed", "Al Doseri", "Al Mannai", "Al Ansari", "Janahi", "Kanoo", "Fakhro", "Zayani")
    showrooms = ("Motors", "Auto", "Cars", "Automobiles", "Car Centre")
    users = []
    for n in range(len(existing), count):
        rng = random.Random(n)
        if n < dealers:
            name, kind = f"{rng.choice(last).replace('Al ', '')} {rng.choice(showrooms)}", "dealer"
        else:
            name, kind = f"{rng.choice(first)} {rng.choice(last)}", "private"
        country = country_get(_seller_country(n, 0 if n < dealers else dealers))
        users.append(
            User(
                email=f"seller{n}@{DEMO_DOMAIN}",
                display_name=name,
                account_type=kind,
                password=password,
                email_verified_at=verified,
                country=country.code,
                # Most Gulf sellers take calls and WhatsApp; some want chat only.
                phone=_phone(country, n),
                shows_call=kind == "dealer" or rng.random() < 0.5,
                shows_whatsapp=rng.random() < 0.8,
            )
        )
    User.objects.bulk_create(users, batch_size=BATCH)
    return list(User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").order_by("id"))


def _price(rng: random.Random, item: MarketModel, age: int, mileage: int, condition: str, scale: int) -> Decimal:
    """In dinars times `scale` (the country's price_scale), rounded as sellers round."""
    value = item.price_new * (1.0 if condition == "new" else depreciated_share(age))
    value *= math.exp(rng.gauss(0, 0.12))
    value *= max(0.7, 1.0 - max(0, mileage - age * 20000) / 400000)
    value = max(value, 350.0)
    step = (50 if value > 2000 else 10) * scale
    return Decimal(int(round(value * scale / step) * step)).quantize(Decimal("0.001"))


def _drivetrain(rng: random.Random, body_type: str) -> str:
    if body_type in ("suv", "pickup"):
        return _pick(rng, (("4wd", 55), ("awd", 30), ("rwd", 10), ("fwd", 5)))
    if body_type in ("coupe", "convertible"):
        return _pick(rng, (("rwd", 60), ("awd", 30), ("fwd", 10)))
    return _pick(rng, (("fwd", 75), ("rwd", 15), ("awd", 10)))


def _listing(rng: random.Random, item: MarketModel, seller: User, now: datetime.datetime) -> Listing:
    country = country_get(seller.country)
    this_year = now.year
    newest = min(item.last_year, this_year + 1)
    oldest = max(item.first_year, newest - 22)
    year = round(rng.triangular(oldest, newest, newest - 3 if newest - 3 > oldest else newest))
    age = max(this_year - year, 0)
    condition = "new" if age == 0 and rng.random() < 0.5 else ("certified" if rng.random() < 0.05 else "used")
    mileage = rng.randint(0, 60) if condition == "new" else max(500, int(rng.gauss(17000, 6000) * max(age, 0.5)))
    mileage = min(mileage, 1_500_000)
    model, make = item.model, item.model.make
    spec = _pick(rng, SPECS_BY_ORIGIN.get(item.origin, SPECS_BY_ORIGIN["japanese"]))
    colour = _pick(rng, COLOURS)
    trim = rng.choice(item.trims) if item.trims and rng.random() < 0.8 else ""
    fuel = item.fuels[0] if rng.random() < 0.8 else rng.choice(item.fuels)
    body_type = model.body_type or "sedan"
    manual_share = 0.25 if body_type == "pickup" else 0.05
    owners, service, extra = rng.choice(OWNERS), rng.choice(SERVICE), rng.choice(EXTRA)
    words = {
        "spec": SPEC_LABELS[spec][0],
        "spec_ar": SPEC_LABELS[spec][1],
        "owners": owners[0].capitalize(),
        "owners_ar": owners[1],
        "service": service[0].capitalize(),
        "service_ar": service[1],
        "extra": extra[0],
        "extra_ar": extra[1],
        "year": year,
        "make": make.name_en,
        "model": model.name_en,
        "make_ar": make.name_ar,
        "model_ar": model.name_ar,
        "trim": trim,
        "colour": colour,
        "colour_ar": COLOUR_AR.get(colour, colour),
        "mileage": f"{mileage:,}",
    }
    template = rng.choice(DESCRIPTIONS_AR) if rng.random() < 0.4 else rng.choice(DESCRIPTIONS_EN)
    status = _pick(rng, ((ListingStatus.ACTIVE, 90), (ListingStatus.SOLD, 6), (ListingStatus.EXPIRED, 4)))
    published = now - datetime.timedelta(seconds=rng.randint(0, (LISTING_LIFETIME_DAYS - 1) * 86400))
    if status == ListingStatus.EXPIRED:
        published = now - datetime.timedelta(days=LISTING_LIFETIME_DAYS + rng.randint(1, 60))
    listing = Listing(
        seller=seller,
        seller_type=seller.account_type,
        status=status,
        version=next_version(),
        title=" ".join(str(part) for part in (year, make.name_en, model.name_en, trim) if part)[:120],
        make=make,
        model=model,
        trim=trim,
        year=year,
        country=country.code,
        currency=country.currency,
        price=_price(rng, item, age, mileage, condition, country.price_scale),
        mileage_km=mileage,
        body_type=body_type,
        fuel=fuel,
        transmission="manual" if rng.random() < manual_share else "automatic",
        drivetrain=_drivetrain(rng, body_type),
        exterior_color=colour,
        regional_spec=spec,
        condition=condition,
        region=_pick(rng, _regions(country)),
        description=template.format(**words).strip(),
        created_at=published - datetime.timedelta(minutes=rng.randint(1, 600)),
        published_at=published,
        expires_at=published + datetime.timedelta(days=LISTING_LIFETIME_DAYS),
        sold_at=published + datetime.timedelta(days=rng.randint(1, 50)) if status == ListingStatus.SOLD else None,
    )
    # Some sellers have lowered their price since (the cards' price-drop badge, the price history).
    days_listed = (now - published).days
    if status == ListingStatus.ACTIVE and days_listed >= 2 and rng.random() < PRICE_DROP_SHARE:
        step = Decimal((50 if listing.price > 2000 * country.price_scale else 10) * country.price_scale)
        listing.price_drop = max(step, (listing.price * Decimal(rng.uniform(0.03, 0.12)) / step).quantize(Decimal(1)) * step)
        listing.price_changed_at = published + datetime.timedelta(days=rng.randint(1, days_listed - 1))
    return listing


def _prices(listing: Listing) -> list[ListingPrice]:
    """The listing's price history: its first price, and the lower one since if it dropped."""
    first = ListingPrice(
        listing=listing, price=listing.price + (listing.price_drop or 0), changed_at=listing.published_at or listing.created_at
    )
    if listing.price_drop is None:
        return [first]
    return [first, ListingPrice(listing=listing, price=listing.price, changed_at=listing.price_changed_at or listing.created_at)]


def _generate(count: int, seed: int) -> Iterator[list[Listing]]:
    rng = random.Random(seed)
    market = _market(catalog_data())
    weights = [item.weight for item in market]
    sellers = _sellers(max(50, min(2000, count // 20)), dealers=max(10, min(120, count // 400)))
    # Each country's dealers and private sellers (demo sellers made before countries are all Bahrain's).
    by_country: dict[tuple[str, str], list[User]] = {}
    for seller in sellers:
        by_country.setdefault((seller.country, seller.account_type), []).append(seller)
    now = timezone.now()
    batch: list[Listing] = []
    for _ in range(count):
        item = rng.choices(market, weights)[0]
        country = _pick(rng, COUNTRY_SHARES)
        kind = "dealer" if rng.random() < 0.4 else "private"
        seller = rng.choice(by_country.get((country, kind)) or by_country.get(("bh", kind)) or sellers)
        batch.append(_listing(rng, item, seller, now))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


# Rough rates for the demo's "≈ in your currency" line, from each currency's value in US
# dollars (five of the six are pegged to it). Staff set real ones in the admin.
_PER_US_DOLLAR = {"BHD": "0.376", "SAR": "3.75", "AED": "3.6725", "KWD": "0.307", "QAR": "3.64", "OMR": "0.3845"}


def exchange_rates_seed_demo() -> int:
    """Set a rate between each pair of the currencies, unless staff set some already; how many were set."""
    if ExchangeRate.objects.exists():
        return 0
    per_dollar = {code: Decimal(value) for code, value in _PER_US_DOLLAR.items()}
    codes = sorted(per_dollar)
    rates = [
        ExchangeRate(
            base=base, quote=quote, rate=(per_dollar[quote] / per_dollar[base]).quantize(Decimal(1).scaleb(-RATE_DECIMALS))
        )
        for at, base in enumerate(codes)
        for quote in codes[at + 1 :]
    ]
    ExchangeRate.objects.bulk_create(rates)
    return len(rates)


def listings_seed_demo(*, count: int, seed: int = 2026, progress: Any = None, photos: bool = False) -> int:
    """Insert `count` demo listings with their outbox rows (and, with `photos`,
    3–6 drawn photos each: core/listings/demo_photos.py); return how many."""
    done = 0
    rng, library = random.Random(seed + 1), Library()
    for batch in _generate(count, seed):
        with transaction.atomic():
            created = Listing.objects.bulk_create(batch, batch_size=BATCH)
            ListingPrice.objects.bulk_create([price for listing in created for price in _prices(listing)], batch_size=BATCH)
            if photos:
                ListingPhoto.objects.bulk_create(photos_for(created, rng=rng, library=library), batch_size=BATCH)
            outbox_record_many(changes=((listing.pk, listing.version) for listing in created))
        done += len(created)
        if progress:
            progress(len(created))
    return done
