"""The countries Sayara sells cars in, as data: the one table of them to review.

Each has its currency (and the decimals of its minor unit: fils, halalas, baisa),
its names in English and Arabic, its phone numbers' shape, and its first-level
divisions (`regions`: Bahrain's governorates, the emirates, Saudi provinces,
Kuwait's governorates, Qatar's municipalities, Oman's governorates), the place
facet of that country. Region slugs are unique across countries (Kuwait's capital
governorate is `al_asimah`, Bahrain's `capital`), so a region names its country.
Towns live beside, in core/catalog/data/places.json (core/catalog/places.py).
Codes travel lowercase (ISO 3166-1 alpha-2), currencies as ISO 4217 codes.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

DEFAULT_COUNTRY = "bh"


class Region(NamedTuple):
    """A first-level division; its labels as an enum's (core/catalog/enums.py, `region`)."""

    value: str
    label_en: str
    label_ar: str


@dataclass(frozen=True)
class PhoneFormat:
    dial_code: str  # "+973"
    digits: int  # national number's length, without a trunk 0
    pattern: str  # the national number (a regular expression of `digits` digits)
    example: str  # what an error shows: "+973 3600 1122"
    trunk_zero: bool = False  # dialled at home with a leading 0 ("050 123 4567"), dropped after the country code

    def matches(self, national: str) -> bool:
        return len(national) == self.digits and re.fullmatch(self.pattern, national) is not None


@dataclass(frozen=True)
class Country:
    code: str
    name_en: str
    name_ar: str
    currency: str
    # Decimals of the currency's minor unit: 3 for the dinars and the rial of Oman, 2 for the riyals and the dirham.
    decimals: int
    # The currency's sign in Arabic, written after the amount (English writes the ISO code before it),
    # as the web app does (frontend/src/lib/format.ts, CURRENCIES).
    currency_ar: str
    phone: PhoneFormat
    regions: tuple[Region, ...]
    # Car prices here are about this many times their price in Bahraini dinars, in round
    # numbers (a riyal or a dirham is about a tenth of a dinar; the Kuwaiti dinar and the
    # Omani rial about one): the price facet's bucket edges are Bahrain's times this.
    price_scale: int = 1

    @property
    def region_values(self) -> frozenset[str]:
        return frozenset(region.value for region in self.regions)

    def amount_text(self, amount: Decimal) -> str:
        """An amount as the API writes it in this currency: "8500.000" (BHD), "85000.00" (SAR)."""
        return str(amount.quantize(Decimal(1).scaleb(-self.decimals)))

    def money_text(self, amount: Decimal, language: str) -> str:
        """An amount as people read it: "BHD 18,500" or "BHD 18,500.250", "SAR 85,000.50";
        in Arabic "85,000.50 ر.س" (Latin digits, as the web app writes them). The minor
        unit only when there is some: e-mails and link previews, not price tags."""
        money = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.{self.decimals}f}"
        return f"{money} {self.currency_ar}" if language == "ar" else f"{self.currency} {money}"


COUNTRIES: tuple[Country, ...] = (
    Country(
        "bh",
        "Bahrain",
        "البحرين",
        "BHD",
        3,
        "د.ب",
        PhoneFormat("+973", 8, "[136-9][0-9]{7}", "+973 3600 1122"),
        (
            Region("capital", "Capital", "العاصمة"),
            Region("muharraq", "Muharraq", "المحرق"),
            Region("northern", "Northern", "الشمالية"),
            Region("southern", "Southern", "الجنوبية"),
        ),
    ),
    Country(
        "sa",
        "Saudi Arabia",
        "السعودية",
        "SAR",
        2,
        "ر.س",
        # Mobiles 5XXXXXXXX, landlines 1X XXX XXXX (a trunk 0 is dropped).
        PhoneFormat("+966", 9, "[1-9][0-9]{8}", "+966 50 123 4567", trunk_zero=True),
        (
            Region("riyadh", "Riyadh", "الرياض"),
            Region("makkah", "Makkah", "مكة المكرمة"),
            Region("madinah", "Madinah", "المدينة المنورة"),
            Region("eastern", "Eastern Province", "المنطقة الشرقية"),
            Region("qassim", "Al-Qassim", "القصيم"),
            Region("asir", "Asir", "عسير"),
            Region("tabuk", "Tabuk", "تبوك"),
            Region("hail", "Ha'il", "حائل"),
            Region("northern_borders", "Northern Borders", "الحدود الشمالية"),
            Region("jazan", "Jazan", "جازان"),
            Region("najran", "Najran", "نجران"),
            Region("al_bahah", "Al-Bahah", "الباحة"),
            Region("al_jawf", "Al-Jawf", "الجوف"),
        ),
        price_scale=10,
    ),
    Country(
        "ae",
        "United Arab Emirates",
        "الإمارات",
        "AED",
        2,
        "د.إ",
        # Mobiles: 5 and 8 digits (landlines are 8 digits long, left out for now).
        PhoneFormat("+971", 9, "5[0-9]{8}", "+971 50 123 4567", trunk_zero=True),
        (
            Region("abu_dhabi", "Abu Dhabi", "أبوظبي"),
            Region("dubai", "Dubai", "دبي"),
            Region("sharjah", "Sharjah", "الشارقة"),
            Region("ajman", "Ajman", "عجمان"),
            Region("umm_al_quwain", "Umm Al Quwain", "أم القيوين"),
            Region("ras_al_khaimah", "Ras Al Khaimah", "رأس الخيمة"),
            Region("fujairah", "Fujairah", "الفجيرة"),
        ),
        price_scale=10,
    ),
    Country(
        "kw",
        "Kuwait",
        "الكويت",
        "KWD",
        3,
        "د.ك",
        PhoneFormat("+965", 8, "[124-69][0-9]{7}", "+965 5012 3456"),
        (
            Region("al_asimah", "Al Asimah (Capital)", "محافظة العاصمة"),
            Region("hawalli", "Hawalli", "حولي"),
            Region("farwaniya", "Farwaniya", "الفروانية"),
            Region("mubarak_al_kabeer", "Mubarak Al-Kabeer", "مبارك الكبير"),
            Region("ahmadi", "Ahmadi", "الأحمدي"),
            Region("jahra", "Jahra", "الجهراء"),
        ),
    ),
    Country(
        "qa",
        "Qatar",
        "قطر",
        "QAR",
        2,
        "ر.ق",
        PhoneFormat("+974", 8, "[3-7][0-9]{7}", "+974 3312 3456"),
        (
            Region("doha", "Doha", "الدوحة"),
            Region("al_rayyan", "Al Rayyan", "الريان"),
            Region("al_wakrah", "Al Wakrah", "الوكرة"),
            Region("al_khor", "Al Khor", "الخور"),
            Region("al_shamal", "Al Shamal", "الشمال"),
            Region("umm_salal", "Umm Salal", "أم صلال"),
            Region("al_daayen", "Al Daayen", "الضعاين"),
            Region("al_shahaniya", "Al Shahaniya", "الشحانية"),
        ),
        price_scale=10,
    ),
    Country(
        "om",
        "Oman",
        "عُمان",
        "OMR",
        3,
        "ر.ع",
        PhoneFormat("+968", 8, "[279][0-9]{7}", "+968 9123 4567"),
        (
            Region("muscat", "Muscat", "مسقط"),
            Region("dhofar", "Dhofar", "ظفار"),
            Region("musandam", "Musandam", "مسندم"),
            Region("al_buraimi", "Al Buraimi", "البريمي"),
            Region("ad_dakhiliyah", "Ad Dakhiliyah", "الداخلية"),
            Region("north_al_batinah", "North Al Batinah", "شمال الباطنة"),
            Region("south_al_batinah", "South Al Batinah", "جنوب الباطنة"),
            Region("south_ash_sharqiyah", "South Ash Sharqiyah", "جنوب الشرقية"),
            Region("north_ash_sharqiyah", "North Ash Sharqiyah", "شمال الشرقية"),
            Region("ad_dhahirah", "Ad Dhahirah", "الظاهرة"),
            Region("al_wusta", "Al Wusta", "الوسطى"),
        ),
    ),
)

BY_CODE: dict[str, Country] = {country.code: country for country in COUNTRIES}
COUNTRY_CODES: tuple[str, ...] = tuple(BY_CODE)
# Every country's regions, in one list: the `region` enum (labels, search values).
ALL_REGIONS: tuple[Region, ...] = tuple(region for country in COUNTRIES for region in country.regions)
# The longest normalised number ("+966" and 9 digits): the phone columns' length.
PHONE_MAX_LENGTH = max(len(country.phone.dial_code) + country.phone.digits for country in COUNTRIES)
REGION_COUNTRY: dict[str, str] = {region.value: country.code for country in COUNTRIES for region in country.regions}


def country_choices() -> list[tuple[str, str]]:
    """Django field choices (code, English name)."""
    return [(country.code, country.name_en) for country in COUNTRIES]


def country_code_read(value: object) -> str | None:
    """The code of one of the countries, read from what a client sent ("SA" is "sa"); None for anything else."""
    code = value.strip().lower() if isinstance(value, str) else None
    return code if code in COUNTRY_CODES else None


def country_get(code: str) -> Country:
    """The country of a (lowercase) code; KeyError for one Sayara does not serve."""
    return BY_CODE[code]


# What people type between a number's digits: spaces, dashes, dots and brackets.
PHONE_PUNCTUATION = str.maketrans("", "", " \t-.()\u00a0")


def phone_normalized(text: str, *, country: str = DEFAULT_COUNTRY) -> str:
    """ "+<dial code><national number>" for a number of any of the countries written
    with its country code ("+966 50 123 4567", "00966…", "966…"), or for a local
    number of `country` ("3600 1122"; a trunk 0 dropped: "050 123 4567");
    anything else as typed, less its punctuation, for phone_valid to refuse."""
    digits = text.translate(PHONE_PUNCTUATION)
    for each in COUNTRIES:
        code = each.phone.dial_code[1:]
        for prefix in ("+" + code, "00" + code, code):
            if digits.startswith(prefix) and len(digits) == len(prefix) + each.phone.digits:
                return "+" + code + digits[len(prefix) :]
    local = BY_CODE[country].phone
    if local.trunk_zero and digits.startswith("0") and len(digits) == local.digits + 1:
        digits = digits[1:]
    if len(digits) == local.digits and digits.isascii() and digits.isdigit():
        return local.dial_code + digits
    return digits


def phone_valid(phone: str) -> bool:
    """A normalised number (phone_normalized) of one of the countries, in its format."""
    return any(
        phone.startswith(each.phone.dial_code) and each.phone.matches(phone[len(each.phone.dial_code) :]) for each in COUNTRIES
    )


# Each currency's decimals, by its ISO 4217 code ("SAR": 2): a listing's currency names its country's.
CURRENCY_DECIMALS: dict[str, int] = {country.currency: country.decimals for country in COUNTRIES}
BY_CURRENCY: dict[str, Country] = {country.currency: country for country in COUNTRIES}


def money_text(amount: Decimal | str, currency: str, language: str) -> str:
    """An amount of one of the currencies as people read it (Country.money_text): "SAR 85,000.50"."""
    return BY_CURRENCY[currency].money_text(Decimal(amount), language)


def currency_choices() -> list[tuple[str, str]]:
    """Django field choices (ISO 4217 code, "SAR (Saudi Arabia)")."""
    return [(country.currency, f"{country.currency} ({country.name_en})") for country in COUNTRIES]


def currency_read(value: object) -> str | None:
    """The code of one of the currencies, read from what a client sent ("sar" is "SAR"); None for anything else."""
    code = value.strip().upper() if isinstance(value, str) else None
    return code if code in CURRENCY_DECIMALS else None
