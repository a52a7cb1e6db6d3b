"""Free text → the filters the facets use, before the engine sees it.

    understand("nissan patrol under 12000 sitra", vocabulary)
      → make=nissan, model=patrol, price_max=12000.000, region=capital; text ""

One pass over the tokens, left to right. At each token, in this order:
  1. a number expression (search/understanding/rules.py: operators, ranges,
     k/ألف, bd/دينار, km/كم, "model 2019"), which becomes bounds;
  2. the longest phrase of the vocabulary (makes, models, enum words,
     places), which becomes facet values;
  3. a filler word, dropped;
  4. otherwise the token stays free text, as typed.
Then names are resolved by the rules docs/decisions/search.md lists
(a model names its make; a named make picks among models of that name;
own names beat aliases; everyday words need their make).
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from search.money import to_minor
from search.params import MAX_MILEAGE, MAX_PRICE, MIN_YEAR, SearchRequest
from search.scope import Market, market_get
from search.understanding import rules
from search.understanding.text import NUMBER, SYMBOL, Token, tokenize
from search.understanding.vocabulary import Meaning, Vocabulary, ends_word, starts_word

# Search parameter of each bound: (range facet, end).
BOUNDS = {
    "year_min": ("year", 0),
    "year_max": ("year", 1),
    "price_min": ("price", 0),
    "price_max": ("price", 1),
    "mileage_min": ("mileage_km", 0),
    "mileage_max": ("mileage_km", 1),
}


@dataclass(frozen=True, slots=True)
class Understood:
    """One filter read from the text: a search parameter, its value, the words it came from."""

    field: str
    value: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "value": self.value, "text": self.text}


@dataclass(frozen=True)
class Understanding:
    query: str
    items: tuple[Understood, ...]
    # What stays free text, as typed (filler dropped), and its tokens.
    text: str
    leftover: tuple[Token, ...]
    # Places of another country than the one searched ("riyadh" searching Bahrain): no
    # filter (it would find nothing), no words to match either; the answer names them.
    elsewhere: tuple[Understood, ...] = ()

    def spans(self) -> list[tuple[str, tuple[Understood, ...]]]:
        """The understood words in order, each with what it means (one chip each)."""
        out: dict[tuple[int, int], list[Understood]] = {}
        for item in self.items:
            out.setdefault((item.start, item.end), []).append(item)
        return [(items[0].text, tuple(items)) for _, items in sorted(out.items())]


@dataclass(frozen=True, slots=True)
class _Quantity:
    number: float  # as typed
    digits: int  # how many digits were typed before any decimal point
    scale: int  # k, ألف: 1000
    unit: str | None  # "money" | "distance" | "foreign" (money of another currency than the market's)
    end: int

    @property
    def value(self) -> float:
        return self.number * self.scale


class _Reader:
    def __init__(self, query: str, vocabulary: Vocabulary, max_year: int, market: Market) -> None:
        self.query = query
        self.vocabulary = vocabulary
        self.max_year = max_year
        self.market = market
        self.tokens = tokenize(query)

    # --- numbers --------------------------------------------------------------------

    def _rule(self, at: int, kind: str) -> tuple[int, Any]:
        if at >= len(self.tokens):
            return 0, None
        return self.vocabulary.rule_at(self.tokens, at, kind)

    def _quantity(self, at: int) -> _Quantity | None:
        """[bd] 5 [k|ألف] [bd|km]: a number with its scale and unit."""
        unit = None
        length, currencies = self._rule(at, "money")
        if length and at + length < len(self.tokens) and self.tokens[at + length].kind == NUMBER:
            unit, at = self._money(currencies), at + length
        if at >= len(self.tokens) or self.tokens[at].kind != NUMBER:
            return None
        token = self.tokens[at]
        end, scale = at + 1, 1
        length, factor = self._rule(end, "scale")
        if length:
            end, scale = end + length, int(factor)
        for kind in ("money", "distance"):
            length, currencies = self._rule(end, kind)
            if length:
                unit, end = (self._money(currencies) if kind == "money" else kind), end + length
                break
        return _Quantity(token.value or 0.0, len(token.norm.partition(".")[0]), scale, unit, end)

    def _shown(self, kind: str, value: float) -> str:
        """A bound as the search parameter takes it: a price with the market's decimals ("5000.000" BHD, "50000.00" SAR)."""
        if kind == "price":
            return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-self.market.decimals)))
        return str(int(value))

    def _money(self, currencies: frozenset[str]) -> str:
        return "money" if self.market.currency in currencies else "foreign"

    def _is_year(self, quantity: _Quantity, field: str | None) -> bool:
        if quantity.scale != 1 or quantity.unit or field not in (None, "year"):
            return False
        return quantity.value.is_integer() and MIN_YEAR <= quantity.value <= self.max_year

    def numbers(self, at: int) -> tuple[int, list[tuple[str, str]] | None] | None:
        """A number expression starting at `at`: (where it ends, [(bound, value)]), or
        (where it ends, None) for one that means no possible car."""
        length, field = self._rule(at, "field")
        at += length
        length, _ = self._rule(at, "between")
        between = bool(length)
        at += length
        operator: tuple[str, str | None] | None = None
        if not between:
            length, operator = self._rule(at, "before")
            at += length
        low = self._quantity(at)
        if low is None:
            return None
        at = low.end
        high: _Quantity | None = None
        length, _ = self._rule(at, "join")
        if length and (between or operator is None or operator[0] == "min"):
            high = self._quantity(at + length)
            if high is not None:
                at = high.end
        if between and high is None:
            return None
        if high is None and operator is None:
            length, operator = self._rule(at, "after")
            at += length
        if field is None:
            length, after = self._rule(at, "field")
            if after == "mileage":  # "100 الف ممشى"
                field, at = after, at + length
        bounds = self._bounds(low, high, operator, field)
        if bounds is None:
            # "after 2027": words about a number that no car can have stay text, all of them.
            return (at, None) if operator or between else None
        return at, bounds

    def _bounds(
        self, low: _Quantity, high: _Quantity | None, operator: tuple[str, str | None] | None, field: str | None
    ) -> list[tuple[str, str]] | None:
        hint = operator[1] if operator else None
        if high is not None:
            if high.scale != 1 and low.scale == 1 and low.number < high.number:  # "3-5k"
                low = replace(low, scale=high.scale)
            unit = low.unit or high.unit
            low, high = replace(low, unit=unit), replace(high, unit=unit)
        ends = [low] if high is None else [low, high]
        if any(end.unit == "foreign" for end in ends):
            return None  # a price in another currency is none of this market's (rules.MONEY_UNITS)
        # What the number counts: a unit or field word says; else a word of time means a
        # year, a comparison of amounts a price; a bare year-like number is a year.
        if any(end.unit == "distance" for end in ends) or field == "mileage":
            kind = "mileage"
        elif any(end.unit == "money" for end in ends) or field == "price":
            kind = "price"
        elif field == "year" or hint == rules.YEAR:
            kind = "year"
        elif hint == rules.AMOUNT:
            kind = "price"
        elif all(self._is_year(end, field) for end in ends):
            kind = "year"
        elif operator or high is not None or any(end.scale != 1 for end in ends):
            kind = "price"  # a range, a bound or thousands of something: money
        else:
            return None
        checked = [self._value(kind, end, field) for end in ends]
        values = [value for value in checked if value is not None]
        if len(values) < len(checked):
            return None
        if high is not None:
            first, last = sorted(values)
            return [(f"{kind}_min", self._shown(kind, first)), (f"{kind}_max", self._shown(kind, last))]
        value = values[0]
        bound = operator[0] if operator else None
        if kind == "year":
            if bound == "after":
                value += 1
            elif bound == "before":
                value -= 1
            if not MIN_YEAR <= value <= self.max_year:
                return None
            if bound is None:
                return [("year_min", self._shown(kind, value)), ("year_max", self._shown(kind, value))]
        side = "min" if bound in ("min", "after") else "max"  # an amount alone is a ceiling: "camry 5000 bd"
        return [(f"{kind}_{side}", self._shown(kind, value))]

    def _value(self, kind: str, quantity: _Quantity, field: str | None) -> float | None:
        value = quantity.value
        if kind == "year":
            if field == "year" and quantity.digits == 2:
                # "موديل 19": two digits after a year word.
                value = 2000 + value if 2000 + value <= self.max_year else 1900 + value
            return value if value.is_integer() and MIN_YEAR <= value <= self.max_year + 1 else None
        if kind == "price":
            return value if 0 < value <= MAX_PRICE else None
        # "0 km" alone means a new car (rules.ENUM_WORDS), not a ceiling of nothing.
        return value if 0 < value <= MAX_MILEAGE and value.is_integer() else None

    # --- the whole query ------------------------------------------------------------

    def read(self) -> Understanding:
        tokens = self.tokens
        named = self._named_makes()
        bounds: list[tuple[str, str, int, int]] = []  # (bound, value, first token, end token)
        names: list[tuple[int, int, list[Meaning]]] = []
        elsewhere: list[Understood] = []
        leftover: list[int] = []
        at = 0
        while at < len(tokens):
            found = self.numbers(at) if starts_word(tokens, at) else None
            if found and not ends_word(tokens, found[0]):
                found = None  # "2019camry", "zq5k": numbers inside a word are the word's
            if found:
                end, pairs = found
                if pairs is None:
                    leftover += [n for n in range(at, end) if tokens[n].kind != SYMBOL]
                else:
                    bounds += [(bound, value, at, end) for bound, value in pairs]
                at = end
                continue
            length, fixed = self._rule(at, "fixed")
            if length and starts_word(tokens, at) and ends_word(tokens, at + length):
                bounds.append((fixed[0], str(fixed[1]), at, at + length))
                at += length
                continue
            length, meanings = self.vocabulary.name_at(tokens, at)
            resolved = _resolve(meanings, named) if length else []
            if resolved:
                # A town of two countries is the searched one's; one of another country only is said, not filtered.
                here = [m for m in resolved if m.field != "region" or m.value in self.market.regions]
                if here:
                    names.append((at, at + length, here))
                else:
                    elsewhere.append(self._item("region", resolved[0].value, at, at + length))
                at += length
                continue
            length, _ = self._rule(at, "filler")
            if length and starts_word(tokens, at) and ends_word(tokens, at + length):
                at += length
                continue
            if tokens[at].kind != SYMBOL:
                leftover.append(at)
            at += 1
        items = [*self._name_items(names), *self._bound_items(bounds)]
        items.sort(key=lambda item: (item.start, _FIELD_ORDER.get(item.field, 99)))
        return Understanding(
            query=self.query,
            items=tuple(items),
            text=self._text(leftover),
            leftover=tuple(tokens[at] for at in leftover),
            elsewhere=tuple(elsewhere),
        )

    def _text(self, leftover: list[int]) -> str:
        """The words left, as typed: neighbouring tokens keep what stood between them ("v8", "full option")."""
        runs: list[list[int]] = []
        for at in leftover:
            if runs and runs[-1][-1] == at - 1:
                runs[-1].append(at)
            else:
                runs.append([at])
        if not self.tokens:
            return self.query  # no word nor number at all ("((("): nothing to understand, nothing dropped
        return " ".join(self.query[self.tokens[run[0]].start : self.tokens[run[-1]].end] for run in runs)

    def _named_makes(self) -> set[str]:
        """Every make the text names, by name, alias or a phrase that includes it ("tank 300")."""
        named: set[str] = set()
        for at in range(len(self.tokens)):
            for meaning in self.vocabulary.name_at(self.tokens, at)[1] or ():
                if meaning.field == "make":
                    named.add(meaning.value)
                elif meaning.field == "model" and meaning.with_make:
                    named.add(meaning.make)
        return named

    def _item(self, field: str, value: str, first: int, end: int) -> Understood:
        start, stop = self.tokens[first].start, self.tokens[end - 1].end
        return Understood(field, value, self.query[start:stop], start, stop)

    def _name_items(self, names: list[tuple[int, int, list[Meaning]]]) -> list[Understood]:
        # A model brings its make, unless the buyer named the make in words of its own.
        said = {m.value for _, _, meanings in names for m in meanings if m.field == "make"}
        items: list[Understood] = []
        seen: set[tuple[str, str]] = set()
        for first, end, meanings in names:
            for meaning in meanings:
                pairs = [(meaning.field, meaning.value)]
                if meaning.field == "model" and meaning.make not in said:
                    pairs.append(("make", meaning.make))
                for pair in pairs:
                    if pair not in seen:
                        seen.add(pair)
                        items.append(self._item(*pair, first, end))
        return items

    def _bound_items(self, bounds: list[tuple[str, str, int, int]]) -> list[Understood]:
        # The same bound stated twice: the wider one wins ("2015 2018" → 2015 to 2018).
        chosen: dict[str, tuple[str, str, int, int]] = {}
        for bound in bounds:
            name, value = bound[0], bound[1]
            previous = chosen.get(name)
            wider = previous is None or (
                Decimal(value) < Decimal(previous[1]) if name.endswith("_min") else Decimal(value) > Decimal(previous[1])
            )
            if wider:
                chosen[name] = bound
        return [self._item(name, value, first, end) for name, value, first, end in chosen.values()]


_FIELD_ORDER = {name: n for n, name in enumerate(("make", "model", "year_min", "year_max", "price_min", "price_max"))}


def _resolve(meanings: tuple[Meaning, ...], named: set[str]) -> list[Meaning]:
    """What one phrase means, by the rules of docs/decisions/search.md ("Understanding")."""
    # Everyday words are models only beside their make ("honda city", not "city").
    usable = [m for m in meanings if not (m.field == "model" and m.common and m.make not in named)]
    makes = [m for m in usable if m.field == "make"]
    models = [m for m in usable if m.field == "model"]
    if makes and models:
        # A model's own name beats a make's alias ("range rover"); a make's own name beats any model.
        best_make = max(m.own_name for m in makes)
        if not best_make and any(m.own_name for m in models):
            makes = []
        else:
            models = []
    if makes:
        return makes
    if models:
        # A named make picks among same-named models ("bmw x7"); else own names beat aliases ("lc").
        beside = [m for m in models if m.make in named]
        if beside:
            return beside
        own = [m for m in models if m.own_name]
        return own or models
    return [m for m in usable if m.field not in ("make", "model")]


def understand(query: str, vocabulary: Vocabulary, *, max_year: int, market: Market | None = None) -> Understanding:
    """`query` as a search of `market` (the default country's without one): its places, its currency's prices."""
    return _Reader(query, vocabulary, max_year, market or market_get()).read()


def index_value(item: Understood, *, decimals: int) -> int:
    """A bound's value in index units (price in minor units of a currency with `decimals`)."""
    return to_minor(Decimal(item.value), decimals=decimals) if BOUNDS[item.field][0] == "price" else int(item.value)


def understood_request(request: SearchRequest, understanding: Understanding) -> SearchRequest:
    """The search with what was understood added to the buyer's own selections:
    facet values join the field's selection (OR, like ticking one more); a bound
    fills only a bound the buyer did not set; the rest stays as the text."""
    filters = dict(request.filters)
    ranges = dict(request.ranges)
    for item in understanding.items:
        if item.field in BOUNDS:
            name, end = BOUNDS[item.field]
            current = list(ranges.get(name, (None, None)))
            if current[end] is None:
                current[end] = index_value(item, decimals=request.market.decimals)
                ranges[name] = (current[0], current[1])
        else:
            filters[item.field] = tuple(dict.fromkeys((*filters.get(item.field, ()), item.value)))
    # With no words left to score, relevance is the newest first anyway: say so.
    sort = "newest" if request.sort == "relevance" and not understanding.text else request.sort
    return replace(request, q=understanding.text, filters=filters, ranges=ranges, sort=sort)
