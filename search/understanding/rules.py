"""The rules of query understanding, as data: the words that carry numbers
(under, بأقل من, or newer, k, ألف, bd, km…), the extra spellings of enum
values beyond their catalog labels, and the words that are only filler.

The catalog (makes, models, aliases) and the places table come from core
(core/catalog/data); this table holds what is about how buyers phrase a
search. Every entry is a phrase in either language; spellings are folded
(search/understanding/text.py) before they are compared, so "أقل" and "اقل"
need one entry. docs/decisions/search.md states the rules in prose.
"""

# fmt: off
# (The tables keep several spellings to a line, as they are read.)

# --- numbers -----------------------------------------------------------------------
# An operator before a number: the bound it sets, and what it says about the number.
#   "amount": a comparison of amounts: the number is a price unless a unit says km.
#   "year":   a word of time: the number is a year; after/before exclude the year itself.
#   None:     either; a bare year-like number (1950..next year) is then a year.
AMOUNT, YEAR = "amount", "year"
OPERATORS_BEFORE: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(
        [
            "under", "below", "bellow", "less than", "lower than", "cheaper than", "not more than",
            "no more than", "at most", "up to", "upto", "within", "<", "<=",
            "اقل من", "باقل من", "اقل", "تحت", "دون", "ما يتعدى", "مايتعدى", "لا يتعدى", "حد اقصى",
            "الحد الاقصى", "لحد", "الى حد", "بحدود", "في حدود",
        ],
        ("max", AMOUNT),
    ),
    **dict.fromkeys(["max", "maximum"], ("max", None)),
    **dict.fromkeys(
        [
            "over", "above", "more than", "greater than", "at least", "not less than", ">", ">=",
            "فوق", "اكثر من", "اعلى من", "على الاقل", "لا يقل عن",
        ],
        ("min", AMOUNT),
    ),
    **dict.fromkeys(["from", "min", "minimum", "starting", "starting from", "starting at", "من", "ابتداء من"], ("min", None)),
    **dict.fromkeys(["after", "newer than", "later than", "بعد", "احدث من"], ("after", YEAR)),
    **dict.fromkeys(["before", "older than", "earlier than", "قبل", "اقدم من"], ("before", YEAR)),
    **dict.fromkeys(["since"], ("min", YEAR)),
}
# An operator after a number ("2019 or newer", "5000+", "2015 وطالع").
OPERATORS_AFTER: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(["+", "or more", "and more", "and above", "or above", "and up", "and over", "or higher"], ("min", None)),
    **dict.fromkeys(["وفوق", "فما فوق", "وما فوق", "او اكثر", "واكثر", "وطالع", "طالع", "فوق"], ("min", None)),
    **dict.fromkeys(["or newer", "and newer", "or later", "and later", "onwards", "او احدث", "واحدث", "وجديد"], ("min", YEAR)),
    **dict.fromkeys(["or less", "and less", "and below", "or below", "or under", "and under", "max", "maximum", "tops"], ("max", None)),
    **dict.fromkeys(["او اقل", "واقل", "وتحت", "فما دون", "وانزل", "ونازل", "ماكس"], ("max", None)),
    **dict.fromkeys(["or older", "and older", "او اقدم", "واقدم"], ("max", YEAR)),
}
# Opens a range: "between 3000 and 5000", "بين 2015 و 2018".
BETWEEN = ["between", "بين", "ما بين", "مابين"]
# Joins the two ends of a range: "2015 to 2018", "3-5k", "من 3000 الى 5000".
RANGE_JOINS = ["-", "to", "till", "until", "and", "~", "الى", "لين", "حتى", "و", "ل", "لغايه"]
# Multiplies the number before it.
SCALES = {
    **dict.fromkeys(["k", "thousand", "thousands", "الف", "الاف", "الاف", "آلاف"], 1000),
    **dict.fromkeys(["m", "million", "مليون"], 1_000_000),
}
# Say what the number counts.
# A money word says the number is a price in the currencies it names: a price in the
# searched country's currency ("50k riyal" in Saudi Arabia); in another one ("5000 bd"
# searching Saudi Arabia) it is no price of this market (no exchange rates): the words stay text.
_DINARS = ("BHD", "KWD")
_RIYALS = ("SAR", "QAR", "OMR")
MONEY_UNITS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(["dinar", "dinars", "dinnar", "دينار", "دنانير"], _DINARS),
    **dict.fromkeys(["riyal", "riyals", "rial", "rials", "ريال", "ريالات"], _RIYALS),
    **dict.fromkeys(["bd", "bhd", "dinar bahraini", "bahraini dinar", "bahrain dinar", "د ب", "دينار بحريني"], ("BHD",)),
    **dict.fromkeys(["kd", "kwd", "kuwaiti dinar", "kuwait dinar", "د ك", "دينار كويتي"], ("KWD",)),
    **dict.fromkeys(["sar", "sr", "saudi riyal", "saudi riyals", "ر س", "ريال سعودي"], ("SAR",)),
    **dict.fromkeys(["qar", "qr", "qatari riyal", "qatar riyal", "ر ق", "ريال قطري"], ("QAR",)),
    **dict.fromkeys(["omr", "ro", "omani rial", "oman rial", "ر ع", "ريال عماني"], ("OMR",)),
    **dict.fromkeys(["aed", "dhs", "dh", "dirham", "dirhams", "درهم", "دراهم", "د ا", "درهم اماراتي"], ("AED",)),
}
DISTANCE_UNITS = [
    "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "kilo", "كم", "كيلو", "كيلومتر", "كيلومترات",
]
# Say which range the next number belongs to ("price under 5000", "موديل 2019", "ممشى اقل من 100 الف").
FIELD_WORDS = {
    **dict.fromkeys(["price", "priced", "budget", "cost", "سعر", "السعر", "بسعر", "ميزانيه", "الميزانيه", "بميزانيه"], "price"),
    **dict.fromkeys(["mileage", "milage", "mileages", "odometer", "driven", "ممشى", "الممشى", "ماشي", "ممشاها", "عداد"], "mileage"),
    **dict.fromkeys(["model", "year", "yr", "موديل", "الموديل", "سنه", "سنة", "موديلات"], "year"),
}
# Phrases that stand for a bound by themselves.
FIXED_BOUNDS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(["low mileage", "low milage", "low km", "low kms", "ممشى قليل", "ممشاها قليل", "مماشي قليله"], ("mileage_max", 60000)),
}

# --- enums -------------------------------------------------------------------------
# Spellings of enum values beyond their English and Arabic labels (core/catalog/enums.py):
# plurals, Gulf words, the Arabic feminine of colours (سيارة بيضاء: the car is feminine).
ENUM_WORDS: dict[str, dict[str, list[str]]] = {
    "body_type": {
        "sedan": ["sedans", "saloon", "صالون"],
        "suv": ["suvs", "crossover", "crossovers", "4x4 suv", "جيبات", "دفع رباعي"],
        "hatchback": ["hatch", "hatchbacks", "هاتش باك", "هاتشباك"],
        "coupe": ["coupes", "كوبي", "كوبيه"],
        "convertible": ["convertibles", "cabriolet", "cabrio", "roadster", "كشف", "مكشوف", "كابريو"],
        "pickup": ["pick up", "pickups", "truck", "trucks", "بيك اب", "بيكب", "بكب", "وانيت", "ونيت"],
        "van": ["vans", "minivan", "mini van", "bus", "فان", "باص", "ميني فان"],
        "wagon": ["estate", "station wagon", "ستيشن", "ستيشن واجن"],
    },
    "fuel": {
        "petrol": ["gasoline", "gas", "بترول"],
        "diesel": ["ديزل", "جاز ديزل"],
        "hybrid": ["hybrids", "hev", "هايبرد", "هايبريد", "هايبرد"],
        "plug_in_hybrid": ["phev", "plug in", "plugin", "plug in hybrid", "هايبرد بلج ان"],
        "electric": ["ev", "evs", "electric car", "كهربائيه", "كهربا", "كهرباء", "كهربائي"],
    },
    "transmission": {
        "automatic": ["auto", "automatic gear", "اوتوماتيكي", "اتوماتيك", "قير اوتوماتيك", "جير اوتوماتيك", "قير اتوماتيك"],
        "manual": ["stick", "stick shift", "manual gear", "مانيوال", "يدوي", "عادي", "قير عادي", "جير عادي", "قير يدوي"],
    },
    "drivetrain": {
        "fwd": ["front wheel drive", "2wd"],
        "rwd": ["rear wheel drive"],
        "awd": ["all wheel drive", "quattro", "xdrive", "4matic"],
        "4wd": ["4x4", "4 x 4", "four wheel drive", "فور ويل", "فورويل"],
    },
    "color": {
        "white": ["بيضاء", "بيضا", "ابيض", "pearl white"],
        "black": ["سوداء", "سودا", "اسود"],
        "silver": ["فضيه", "فضية"],
        "grey": ["gray", "رماديه", "رصاصي", "رصاصيه"],
        "red": ["حمراء", "حمرا", "maroon"],
        "blue": ["زرقاء", "زرقا", "navy"],
        "brown": ["بنيه"],
        "beige": ["بيجي"],
        "gold": ["golden", "ذهبيه"],
        "green": ["خضراء", "خضرا"],
        "yellow": ["صفراء", "صفرا"],
        "orange": ["برتقاليه"],
    },
    "regional_spec": {
        "gcc": ["gcc spec", "gcc specs", "gulf spec", "gulf specs", "خليجيه", "مواصفات خليجيه", "خليجي"],
        "american": ["us spec", "usa spec", "american spec", "american specs", "امريكيه", "وارد امريكي", "وارد امريكا"],
        "japanese": ["japan spec", "japanese spec", "jdm", "يابانيه", "وارد ياباني", "وارد اليابان"],
        "european": ["euro spec", "european spec", "اوروبيه", "وارد اوروبي", "وارد اوروبا"],
        "korean": ["korean spec", "كوريه", "وارد كوري", "وارد كوريا"],
    },
    "condition": {
        "new": ["brand new", "zero km", "0 km", "جديد", "جديده", "زيرو", "زيرو كيلو"],
        "used": ["second hand", "secondhand", "pre owned", "preowned", "مستعمل", "مستعمله"],
        "certified": ["cpo", "certified", "certified pre owned", "معتمد", "معتمده", "مستعمله معتمده"],
    },
    "seller_type": {
        "dealer": ["dealers", "showroom", "showrooms", "dealership", "dealerships", "معرض", "معارض", "المعرض", "من معرض"],
        "private": ["private", "by owner", "from owner", "direct owner", "individual", "من المالك", "فرد", "شخصي"],
    },
    "region": {
        "capital": ["capital governorate", "العاصمه", "محافظه العاصمه"],
        "muharraq": ["muharraq governorate", "محافظه المحرق"],
        "northern": ["north", "northern governorate", "الشماليه", "شماليه", "المحافظه الشماليه"],
        "southern": ["south", "southern governorate", "الجنوبيه", "جنوبيه", "المحافظه الجنوبيه"],
    },
}
# Labels that are not words of a search: "Other" is a value, not something a buyer types.
UNLABELLED_VALUES = frozenset({"other"})
# A phrase that is the label or word of values in two fields means the first field here:
# "دفع رباعي" is four-wheel drive's label and a word for the SUV; Gulf buyers mean the SUV.
FIELD_PRECEDENCE = ("body_type", "drivetrain", "fuel", "transmission", "color", "regional_spec", "condition", "seller_type")

# --- names -------------------------------------------------------------------------
# Model names (or aliases) that are also everyday words: such a model is understood
# only when its make is named too ("honda city", not "city"; "mini hatch", not "hatch").
COMMON_WORD_MODELS = frozenset(
    [
        "one", "is", "fit", "city", "view", "edge", "hatch", "cabrio", "convertible", "bug", "expert", "partner",
        "master", "symbol", "carry", "soul", "gt", "z", "traveller", "atlas", "porter", "morning", "heavy duty",
        "ون", "فيو", "ربع", "الترا", "سول", "كابريو", "باور",
    ]
)

# --- words that say nothing ----------------------------------------------------------
# Dropped from the text that goes to the engine ("i want a car for sale in sitra").
FILLER = [
    "a", "an", "the", "in", "at", "from", "by", "with", "for", "of", "and", "or", "any", "some", "please", "pls", "plz",
    "car", "cars", "vehicle", "vehicles", "for sale", "sale", "selling", "wanted", "want",
    "i want", "looking for", "i need", "need", "buy", "show", "show me", "find", "me", "i", "near", "around",
    "cheap", "cheapest", "budget car", "رخيص", "رخيصه", "ارخص",
    "سياره", "سيارات", "للبيع", "بيع", "ابي", "ابغى", "ابغي", "ابغا", "اريد", "ودي", "ابحث عن", "ابحث", "مطلوب",
    "في", "مع", "او", "و", "ب", "عن", "حق", "لو سمحت", "من", "على", "الى", "ال", "يا", "موجود", "عندكم", "فيه",
]

# fmt: on

# --- when nothing matches ------------------------------------------------------------
# The understood filter to relax first when a search finds nothing: the least
# decisive for a buyer first; the car itself (model, then make) last.
RELAX_ORDER = (
    "q",
    "region",
    "color",
    "seller_type",
    "condition",
    "regional_spec",
    "drivetrain",
    "transmission",
    "fuel",
    "body_type",
    "mileage_km",
    "year",
    "price",
    "model",
    "make",
)
