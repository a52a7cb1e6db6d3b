"""Query understanding (search/understanding): the parser's table of cases, each
rule of docs/decisions/search.md ("Understanding free text") with the case
that shows it, and every judged query (search/tests/judged_queries.tsv).

The parser needs no engine: these run on the catalog as shipped."""

from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from core.catalog.countries import country_get
from core.catalog.places import places
from search.params import SearchRequest
from search.scope import market_get, region_country
from search.understanding.parser import understand, understood_request
from search.understanding.text import key_of, tokenize

MAX_YEAR = 2027
JUDGED = Path(__file__).with_name("judged_queries.tsv")


def judged_queries() -> list[tuple[str, str, str]]:
    rows = []
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, meaning, kind = line.split("\t")
            rows.append((query, meaning, kind))
    return rows


def read(vocabulary, query: str) -> tuple[str, str]:
    """What the parser understood, as "field=value&…" in order, and the words left."""
    understanding = understand(query, vocabulary, max_year=MAX_YEAR)
    return "&".join(f"{item.field}={item.value}" for item in understanding.items), understanding.text


CASES = [
    # The examples: words of numbers and names become the filters the facets use.
    ("nissan patrol under 12000", "make=nissan&model=patrol&price_max=12000.000", ""),
    ("كورولا بأقل من 4000", "make=toyota&model=corolla&price_max=4000.000", ""),
    ("hatchback under 4k", "body_type=hatchback&price_max=4000.000", ""),
    ("2017 or newer", "year_min=2017", ""),
    ("camry 2012", "make=toyota&model=camry&year_min=2012&year_max=2012", ""),
    ("سوداء", "color=black", ""),
    ("showroom", "seller_type=dealer", ""),
    ("sitra", "region=capital", ""),
    # Makes and models: spellings, hamza and taa marbuta, joined, spaced, hyphenated.
    ("cx5", "make=mazda&model=cx-5", ""),
    ("cx-5", "make=mazda&model=cx-5", ""),
    ("CX 5", "make=mazda&model=cx-5", ""),
    ("f150", "make=ford&model=f-150", ""),
    ("lc200", "make=toyota&model=land-cruiser", ""),
    ("lx570", "make=lexus&model=lx", ""),
    ("landcruiser", "make=toyota&model=land-cruiser", ""),
    ("لاند كروزر", "make=toyota&model=land-cruiser", ""),
    ("لاندكروزر", "make=toyota&model=land-cruiser", ""),
    ("كامرى", "make=toyota&model=camry", ""),
    ("تويوتة", "make=toyota", ""),
    ("أودي", "make=audi", ""),
    ("اودي", "make=audi", ""),
    ("كَامْرِي", "make=toyota&model=camry", ""),  # diacritics
    ("Citroën", "make=citroen", ""),
    # The longest whole name wins; a part of a name stays text.
    ("land cruiser prado", "make=toyota&model=land-cruiser-prado", ""),
    ("range rover sport", "make=land-rover&model=range-rover-sport", ""),
    ("cruiser", "", "cruiser"),
    # A model's own name beats a make's alias ("Range Rover" is also Land Rover's alias).
    ("range rover", "make=land-rover&model=range-rover", ""),
    # Several models of one name: a named make picks; else own names beat aliases; else all.
    ("bmw x7", "make=bmw&model=x7", ""),
    ("x7", "make=baic&make=bmw&model=x7", ""),
    ("lc", "make=lexus&model=lc", ""),  # Lexus's own name, not the Land Cruiser's alias
    ("toyota lc", "make=toyota&model=land-cruiser", ""),
    # A bare number is a model only right after its make.
    ("peugeot 2008", "make=peugeot&model=2008", ""),
    ("2008", "year_min=2008&year_max=2008", ""),
    ("tank 300", "make=tank&model=300", ""),
    ("ram 1500 under 20k", "make=ram&model=1500&price_max=20000.000", ""),
    # Everyday words are models only beside their make.
    ("honda city", "make=honda&model=city", ""),
    ("city", "", "city"),
    ("one owner", "", "one owner"),
    ("hatch", "body_type=hatchback", ""),
    # A label of two fields: "دفع رباعي" is the SUV (FIELD_PRECEDENCE); 4x4 is the drivetrain.
    ("دفع رباعي", "body_type=suv", ""),
    ("اس يو في", "body_type=suv", ""),
    ("4x4", "drivetrain=4wd", ""),
    # Years: ranges, or newer, after/before (the year itself excluded), year words, two digits.
    ("2015-2018", "year_min=2015&year_max=2018", ""),
    ("2015 to 2018", "year_min=2015&year_max=2018", ""),
    ("from 2015 to 2018", "year_min=2015&year_max=2018", ""),
    ("بين 2015 و 2018", "year_min=2015&year_max=2018", ""),
    ("2018-2015", "year_min=2015&year_max=2018", ""),
    ("2019+", "year_min=2019", ""),
    ("after 2019", "year_min=2020", ""),
    ("قبل 2015", "year_max=2014", ""),
    ("بعد 2018", "year_min=2019", ""),
    ("2015 وطالع", "year_min=2015", ""),
    ("tahoe 2015 or older", "make=chevrolet&model=tahoe&year_max=2015", ""),
    ("موديل 2019", "year_min=2019&year_max=2019", ""),
    ("model 2019", "year_min=2019&year_max=2019", ""),
    ("موديل 19", "year_min=2019&year_max=2019", ""),
    ("٢٠١٩", "year_min=2019&year_max=2019", ""),
    ("patrol 2018 2020", "make=nissan&model=patrol&year_min=2018&year_max=2020", ""),  # the wider bound wins
    # A year is never guessed outside the years cars have: it stays text, matched exactly.
    ("land cruiser 2030", "make=toyota&model=land-cruiser", "2030"),
    ("after 2027", "", "after 2027"),
    # "model" + a number that is not a year is Tesla's.
    ("model 3", "make=tesla&model=model-3", ""),
    ("tesla model 3 2022", "make=tesla&model=model-3&year_min=2022&year_max=2022", ""),
    # Prices: comparisons, k/ألف, bd/دينار, ranges; a comparison without a unit is a price.
    ("under 5000", "price_max=5000.000", ""),
    ("below 8k", "price_max=8000.000", ""),
    ("less than 5,000 bd", "price_max=5000.000", ""),
    ("بأقل من 5000", "price_max=5000.000", ""),
    ("اقل من ٥ الاف دينار", "price_max=5000.000", ""),
    ("between 3000 and 5000", "price_min=3000.000&price_max=5000.000", ""),
    ("3-5k", "price_min=3000.000&price_max=5000.000", ""),
    ("من 3000 الى 5000", "price_min=3000.000&price_max=5000.000", ""),
    ("over 20000", "price_min=20000.000", ""),
    ("5000+", "price_min=5000.000", ""),
    ("12.5k", "price_max=12500.000", ""),
    ("camry 5000 bd", "make=toyota&model=camry&price_max=5000.000", ""),  # an amount alone is a ceiling
    ("budget 5000", "price_max=5000.000", ""),
    ("under 2015", "price_max=2015.000", ""),  # a comparison of amounts, not a year
    ("patrol 12000", "make=nissan&model=patrol", "12000"),  # a bare number: text
    # Mileage: km/كم, or a mileage word.
    ("under 100k km", "mileage_max=100000", ""),
    ("أقل من 100 ألف كم", "mileage_max=100000", ""),
    ("ممشى اقل من 50 الف", "mileage_max=50000", ""),
    ("mileage under 80000", "mileage_max=80000", ""),
    ("50k km", "mileage_max=50000", ""),
    ("low mileage", "mileage_max=60000", ""),
    ("0 km", "condition=new", ""),
    # Enums in both languages; Arabic colours masculine and feminine.
    ("أبيض", "color=white", ""),
    ("بيضاء", "color=white", ""),
    ("بيضا", "color=white", ""),
    ("gray", "color=grey", ""),
    ("gcc", "regional_spec=gcc", ""),
    ("خليجي", "regional_spec=gcc", ""),
    ("american spec", "regional_spec=american", ""),
    ("وارد أمريكي", "regional_spec=american", ""),
    ("diesel manual", "fuel=diesel&transmission=manual", ""),
    ("قير عادي", "transmission=manual", ""),
    ("plug-in hybrid", "fuel=plug_in_hybrid", ""),
    ("brand new", "condition=new", ""),
    ("certified pre owned", "condition=certified", ""),
    ("معرض", "seller_type=dealer", ""),
    ("من المالك", "seller_type=private", ""),
    ("other", "", "other"),  # "Other" labels a value; nobody searches for it
    # Places: a town is its governorate, with or without ال and joined prefixes.
    ("juffair", "region=capital", ""),
    ("isa town", "region=southern", ""),
    ("مدينة عيسى", "region=southern", ""),
    ("hamad town", "region=northern", ""),
    ("بالمنامة", "region=capital", ""),
    ("منامه", "region=capital", ""),
    ("amwaj", "region=muharraq", ""),
    ("الحد الاقصى 5000", "price_max=5000.000", ""),  # "the maximum", not the town of Hidd
    # Filler is dropped; the rest stays text, as typed.
    ("i want a car for sale", "", ""),
    ("ابي باترول للبيع", "make=nissan&model=patrol", ""),
    ("camry se v6 clean", "make=toyota&model=camry", "se v6 clean"),
    ("under warranty", "", "under warranty"),
    # Only whole words: a name or a number inside a longer word is that word's.
    ("zq3a4b9", "", "zq3a4b9"),
    ("2019camry", "", "2019camry"),
    ("a4 2019", "make=audi&model=a4&year_min=2019&year_max=2019", ""),
    # No word and no number at all: nothing to understand, the text is kept.
    ("(((", "", "((("),
    ("", "", ""),
]


@pytest.mark.parametrize(("query", "understood", "text"), CASES)
def test_the_parser_reads_each_case(catalog_vocabulary, query, understood, text):
    assert read(catalog_vocabulary, query) == (understood, text)


@pytest.mark.parametrize(("query", "meaning", "kind"), [row for row in judged_queries() if row[2] != "typo"])
def test_the_parser_reads_every_judged_query(catalog_vocabulary, query, meaning, kind):
    understanding = understand(query, catalog_vocabulary, max_year=MAX_YEAR)
    pairs = parse_qsl(meaning)
    assert sorted((item.field, item.value.removesuffix(".000")) for item in understanding.items) == sorted(
        pair for pair in pairs if pair[0] != "q"
    )
    assert understanding.text == dict(pairs).get("q", "")


def test_the_judged_set_is_large_and_mixed():
    rows = judged_queries()
    kinds = {kind for _, _, kind in rows}

    assert len(rows) >= 200
    assert {"en", "ar", "mixed", "digits", "typo", "colloquial"} <= kinds
    assert len({query for query, _, _ in rows}) == len(rows)


def test_understood_words_are_exactly_what_was_typed(catalog_vocabulary):
    query = "Nissan  PATROL بأقل من ١٢٬٠٠٠ دينار  sitra"
    understanding = understand(query, catalog_vocabulary, max_year=MAX_YEAR)

    assert [(item.field, item.text) for item in understanding.items] == [
        ("make", "Nissan"),
        ("model", "PATROL"),
        ("price_max", "بأقل من ١٢٬٠٠٠ دينار"),
        ("region", "sitra"),
    ]
    assert all(query[item.start : item.end] == item.text for item in understanding.items)


def test_spellings_fold_like_the_index():
    assert key_of("أبيض") == key_of("ابيض") == ("ابيض",)
    assert key_of("CX-5") == key_of("cx5") == key_of("cx 5") == ("cx", "5")
    assert key_of("٢٠١٩") == ("2019",)
    assert [token.norm for token in tokenize("3-5k")] == ["3", "-", "5", "k"]
    assert [token.norm for token in tokenize("x-trail")] == ["x", "trail"]


def test_understood_filters_join_the_buyers_own(catalog_vocabulary):
    # A facet value is one more ticked (OR); a bound fills only a bound the buyer did not set.
    request = SearchRequest(q="toyota under 5000 2019", filters={"make": ("nissan",)}, ranges={"price": (None, 3000000)})

    merged = understood_request(request, understand(request.q, catalog_vocabulary, max_year=MAX_YEAR))

    assert merged.filters == {"make": ("nissan", "toyota")}
    assert merged.ranges == {"price": (None, 3000000), "year": (2019, 2019)}
    assert merged.q == ""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("camrry", "camry"), ("toyta", "toyota"), ("accrod", "accord"), ("hyundia", "hyundai"), ("باترل", "باترول")],
)
def test_a_misspelt_name_is_corrected_to_the_catalogs(catalog_vocabulary, typed, meant):
    (token,) = tokenize(typed)
    assert catalog_vocabulary.correct(token) == meant


@pytest.mark.parametrize("typed", ["2012", "gxr", "cheap", "patrol", "petrol", "clean"])
def test_numbers_short_words_and_known_words_are_never_corrected(catalog_vocabulary, typed):
    (token,) = tokenize(typed)
    assert catalog_vocabulary.correct(token) is None


def test_every_place_is_in_a_governorate():
    regions = {region for region, _ in places("bh")}

    assert regions == country_get("bh").region_values
    assert all(names for _, names in places("bh"))


@pytest.mark.parametrize(
    ("country", "query", "understood", "text"),
    [
        # Each country's towns are places of its regions, its currency's words prices with its decimals.
        ("sa", "camry riyadh under 50000 riyal", "make=toyota&model=camry&region=riyadh&price_max=50000.00", ""),
        ("sa", "كامري جدة اقل من 50 الف ريال", "make=toyota&model=camry&region=makkah&price_max=50000.00", ""),
        ("ae", "patrol dubai under 120k aed", "make=nissan&model=patrol&region=dubai&price_max=120000.00", ""),
        ("ae", "باترول العين بأقل من 90 الف درهم", "make=nissan&model=patrol&region=abu_dhabi&price_max=90000.00", ""),
        ("kw", "hawalli under 3000 kd", "region=hawalli&price_max=3000.000", ""),
        ("kw", "under 3000 dinar", "price_max=3000.000", ""),
        ("qa", "al wakrah under 60000 qr", "region=al_wakrah&price_max=60000.00", ""),
        ("om", "صلالة تحت 4000 ريال", "region=dhofar&price_max=4000.000", ""),
        ("bh", "sitra under 5000 bd", "region=capital&price_max=5000.000", ""),
        # Another currency's amount is no price of this market (no exchange rates): the words stay text.
        ("sa", "camry under 5000 bd", "make=toyota&model=camry", "under 5000 bd"),
        ("bh", "camry under 50000 riyal", "make=toyota&model=camry", "under 50000 riyal"),
        # A place of another country is no filter and no words: the answer names it (`elsewhere`).
        ("bh", "camry riyadh", "make=toyota&model=camry", ""),
        ("sa", "sitra", "", ""),
    ],
)
def test_places_and_prices_are_those_of_the_country_searched(catalog_vocabulary, country, query, understood, text):
    understanding = understand(query, catalog_vocabulary, max_year=MAX_YEAR, market=market_get(country))

    assert "&".join(f"{item.field}={item.value}" for item in understanding.items) == understood
    assert understanding.text == text


def test_a_place_of_another_country_is_named_with_its_region(catalog_vocabulary):
    understanding = understand("land cruiser الرياض", catalog_vocabulary, max_year=MAX_YEAR, market=market_get("bh"))

    assert [(item.field, item.value, item.text) for item in understanding.elsewhere] == [("region", "riyadh", "الرياض")]
    assert region_country("riyadh") == "sa"
