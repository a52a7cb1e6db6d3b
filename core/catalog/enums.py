"""The listing enums, with their English and Arabic labels.

Values travel as lowercase slugs (API.md, Conventions); the labels are what a
person reads, served at /api/v1/catalog/enums. This is the one list of them to
review: every label is unambiguous within its language (a test holds it), so
the SUV body type and four-wheel drive never read alike. Words buyers type for
a value beyond its label (Gulf buyers say "دفع رباعي" for an SUV) are search
vocabulary (search/understanding/rules.py, ENUM_WORDS).
"""

from typing import NamedTuple

from core.catalog.countries import ALL_REGIONS


class Choice(NamedTuple):
    value: str
    label_en: str
    label_ar: str


ENUMS: dict[str, tuple[Choice, ...]] = {
    "body_type": (
        Choice("sedan", "Sedan", "سيدان"),
        Choice("suv", "SUV", "إس يو في"),
        Choice("hatchback", "Hatchback", "هاتشباك"),
        Choice("coupe", "Coupe", "كوبيه"),
        Choice("convertible", "Convertible", "مكشوفة"),
        Choice("pickup", "Pickup", "بيك أب"),
        Choice("van", "Van", "فان"),
        Choice("wagon", "Wagon", "ستيشن واغن"),
    ),
    "fuel": (
        Choice("petrol", "Petrol", "بنزين"),
        Choice("diesel", "Diesel", "ديزل"),
        Choice("hybrid", "Hybrid", "هجين"),
        Choice("plug_in_hybrid", "Plug-in hybrid", "هجين قابل للشحن"),
        Choice("electric", "Electric", "كهربائي"),
    ),
    "transmission": (
        Choice("automatic", "Automatic", "أوتوماتيك"),
        Choice("manual", "Manual", "عادي (يدوي)"),
    ),
    "drivetrain": (
        Choice("fwd", "Front-wheel drive", "دفع أمامي"),
        Choice("rwd", "Rear-wheel drive", "دفع خلفي"),
        Choice("awd", "All-wheel drive", "دفع كلي"),
        Choice("4wd", "Four-wheel drive", "دفع رباعي"),
    ),
    "color": (
        Choice("white", "White", "أبيض"),
        Choice("black", "Black", "أسود"),
        Choice("silver", "Silver", "فضي"),
        Choice("grey", "Grey", "رمادي"),
        Choice("red", "Red", "أحمر"),
        Choice("blue", "Blue", "أزرق"),
        Choice("brown", "Brown", "بني"),
        Choice("beige", "Beige", "بيج"),
        Choice("gold", "Gold", "ذهبي"),
        Choice("green", "Green", "أخضر"),
        Choice("yellow", "Yellow", "أصفر"),
        Choice("orange", "Orange", "برتقالي"),
        Choice("other", "Other", "لون آخر"),
    ),
    "regional_spec": (
        Choice("gcc", "GCC", "خليجي"),
        Choice("american", "American", "أمريكي"),
        Choice("japanese", "Japanese", "ياباني"),
        Choice("european", "European", "أوروبي"),
        Choice("korean", "Korean", "كوري"),
        Choice("other", "Other", "أخرى"),
    ),
    "condition": (
        Choice("new", "New", "جديدة"),
        Choice("used", "Used", "مستعملة"),
        Choice("certified", "Certified pre-owned", "مستعملة معتمدة"),
    ),
    # Every country's first-level divisions (core/catalog/countries.py); a listing's must be its country's.
    "region": tuple(Choice(*region) for region in ALL_REGIONS),
    "seller_type": (
        Choice("private", "Private seller", "بائع فرد"),
        Choice("dealer", "Dealer", "معرض"),
    ),
}


def enum_choices(name: str) -> list[tuple[str, str]]:
    """Django field choices (value, English label) of one enum."""
    return [(choice.value, choice.label_en) for choice in ENUMS[name]]


def enum_values(name: str) -> frozenset[str]:
    return ALLOWED_VALUES[name]


# Built once: search requests and every indexed document look labels up.
ALLOWED_VALUES: dict[str, frozenset[str]] = {name: frozenset(c.value for c in choices) for name, choices in ENUMS.items()}
_BY_VALUE = {(name, choice.value): choice for name, choices in ENUMS.items() for choice in choices}


def enum_label(name: str, value: str) -> tuple[str, str]:
    """(English, Arabic) label of a value; the value itself when unknown."""
    choice = _BY_VALUE.get((name, value))
    return (choice.label_en, choice.label_ar) if choice else (value, value)


def enum_allowed_values() -> dict[str, frozenset[str]]:
    """Valid values of each enum facet (search parameter validation)."""
    return ALLOWED_VALUES
