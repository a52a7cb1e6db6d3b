"""Everything search understands, as one table of phrases: the catalog's makes
and models (names and aliases, English and Arabic), the enums' labels and
extra spellings, the places, and the rules' words (search/understanding/rules.py).

Built once from plain data (the catalog lives in core; discovery/vocabulary.py
hands it over) and then only read: looking a phrase up is a dict access per
length tried, so understanding a query costs microseconds.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from search.understanding import rules
from search.understanding.text import WORD, Token, key_of, tokenize

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CatalogName:
    """A make (model None) or a model of a make, with its own names and its aliases."""

    make: str
    model: str | None
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Meaning:
    field: str  # "make", "model", an enum field, "region"
    value: str
    make: str = ""  # a model's make
    own_name: bool = True  # the catalog's own name, not an alias
    common: bool = False  # a model name that is also an everyday word (rules.COMMON_WORD_MODELS)
    with_make: bool = False  # the phrase names the make too ("tank 300", "بيجو 2008")


@dataclass
class _Table:
    entries: dict[Key, Any] = field(default_factory=dict)
    longest: int = 0

    def add(self, key: Key, value: Any) -> None:
        if key:
            self.entries[key] = value
            self.longest = max(self.longest, len(key))


@lru_cache(maxsize=4096)
def _arabic_variants(word: str) -> tuple[str, ...]:
    """The word without the prefixes Arabic joins to it: و (and), ب/ل (with, for), ال (the)."""
    out: list[str] = []
    stems = [word] + ([word[1:]] if word.startswith("و") and len(word) > 3 else [])
    for stem in stems:
        if stem != word:
            out.append(stem)
        for prefix in ("بال", "وال", "فال", "كال"):
            if stem.startswith(prefix) and len(stem) > len(prefix) + 1:
                out += ["ال" + stem[len(prefix) :], stem[len(prefix) :]]
        if stem.startswith("لل") and len(stem) > 3:
            out += ["ال" + stem[2:], stem[2:]]
        elif stem.startswith("ال") and len(stem) > 3:
            out.append(stem[2:])
        elif stem[:1] in ("ب", "ل") and len(stem) > 3:
            out.append(stem[1:])
    return tuple(dict.fromkeys(variant for variant in out if variant != word))


def starts_word(tokens: list[Token], at: int) -> bool:
    """Token `at` begins a word: "5" in "cx-5" does, "4" in "a4" does not."""
    return at == 0 or tokens[at].start > tokens[at - 1].end


def ends_word(tokens: list[Token], end: int) -> bool:
    """The token before `end` ends a word."""
    return end >= len(tokens) or tokens[end].start > tokens[end - 1].end


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in word)


class Vocabulary:
    """Phrase → meaning tables, and the words typo correction may correct to."""

    def __init__(
        self,
        *,
        names: Iterable[CatalogName],
        enums: Mapping[str, Iterable[tuple[str, str, str]]],
        places: Iterable[tuple[str, Iterable[str]]],
    ) -> None:
        self.names = _Table()
        self.rules = _Table()
        self._display: dict[str, str] = {}
        self._build_names(list(names))
        self._build_enums(enums)
        for region, towns in places:
            for town in towns:
                self._add_name(town, Meaning("region", region))
        self._build_rules()
        # Typo correction compares against whole words of at least 4 letters, own names first.
        self.words = [word for word in self._display if len(word) >= 4]

    # --- building ---------------------------------------------------------------------

    def _add_name(self, text: str, meaning: Meaning) -> None:
        tokens = tokenize(text)
        key = tuple(token.norm for token in tokens)
        if not key:
            return
        keys = [key]
        if len(key) > 1 and all(token.kind == WORD for token in tokens):
            keys.append(("".join(key),))  # "land cruiser" typed "landcruiser"
        if _is_arabic(key[0]) and key[0].startswith("ال") and len(key[0]) > 4:
            keys.append((key[0][2:], *key[1:]))  # "المنامه" typed "منامه"
        for variant in keys:
            meanings = self.names.entries.get(variant, ())
            if meaning not in meanings:
                self.names.add(variant, (*meanings, meaning))
        self._remember(text, tokens)

    def _remember(self, text: str, tokens: list[Token]) -> None:
        """The words typo correction may correct to, each as the catalog spells it."""
        for token in tokens:
            if token.kind == WORD:
                self._display.setdefault(token.norm, text[token.start : token.end].lower())

    def _build_names(self, names: list[CatalogName]) -> None:
        make_keys: dict[str, list[Key]] = {}
        for entry in names:
            if entry.model is None:
                make_keys[entry.make] = [key_of(text) for text in (*entry.names, *entry.aliases)]
        for entry in names:
            for text, own in [*((text, True) for text in entry.names), *((text, False) for text in entry.aliases)]:
                key = key_of(text)
                if not key:
                    continue
                if entry.model is None:
                    self._add_name(text, Meaning("make", entry.make, own_name=own))
                    continue
                if all(part.isdigit() for part in key):
                    # A bare number is a year, a price or text: "2008" is a Peugeot only after "peugeot".
                    for make_key in make_keys.get(entry.make, []):
                        meaning = Meaning("model", entry.model, make=entry.make, own_name=own, with_make=True)
                        self.names.add((*make_key, *key), (*self.names.entries.get((*make_key, *key), ()), meaning))
                    continue
                common = " ".join(key) in rules.COMMON_WORD_MODELS
                with_make = any(key[: len(make_key)] == make_key for make_key in make_keys.get(entry.make, []))
                meaning = Meaning("model", entry.model, make=entry.make, own_name=own, common=common, with_make=with_make)
                self._add_name(text, meaning)

    def _build_enums(self, enums: Mapping[str, Iterable[tuple[str, str, str]]]) -> None:
        by_key: dict[Key, list[tuple[str, Meaning]]] = {}
        for name, choices in enums.items():
            extra = rules.ENUM_WORDS.get(name, {})
            for value, label_en, label_ar in choices:
                if value in rules.UNLABELLED_VALUES:
                    continue
                for text in (label_en, label_ar, value.replace("_", " "), *extra.get(value, [])):
                    by_key.setdefault(key_of(text), []).append((text, Meaning(name, value)))
        # One label for values of two fields: the field first in FIELD_PRECEDENCE keeps it.
        order = {name: n for n, name in enumerate(rules.FIELD_PRECEDENCE)}
        for key, entries in by_key.items():
            if not key:
                continue
            first = min((meaning.field for _, meaning in entries), key=lambda name: order.get(name, len(order)))
            for text, meaning in entries:
                if meaning.field == first:
                    self._add_name(text, meaning)

    def _build_rules(self) -> None:
        tables: list[tuple[str, Iterable[str], Any]] = [
            ("between", rules.BETWEEN, True),
            ("join", rules.RANGE_JOINS, True),
            ("distance", rules.DISTANCE_UNITS, True),
            ("filler", rules.FILLER, True),
        ]
        for kind, phrases, value in tables:
            for phrase in phrases:
                self._add_rule(phrase, kind, value)
        for phrase, currencies in rules.MONEY_UNITS.items():
            self._add_rule(phrase, "money", frozenset(currencies))
        for phrase, payload in rules.OPERATORS_BEFORE.items():
            self._add_rule(phrase, "before", payload)
        for phrase, payload in rules.OPERATORS_AFTER.items():
            self._add_rule(phrase, "after", payload)
        for phrase, scale in rules.SCALES.items():
            self._add_rule(phrase, "scale", scale)
        for phrase, name in rules.FIELD_WORDS.items():
            self._add_rule(phrase, "field", name)
        for phrase, bound in rules.FIXED_BOUNDS.items():
            self._add_rule(phrase, "fixed", bound)

    def _add_rule(self, phrase: str, kind: str, value: Any) -> None:
        tokens = tokenize(phrase)
        key = tuple(token.norm for token in tokens) or (phrase,)  # "-" alone is not a token but a rule
        entry = dict(self.rules.entries.get(key, {}))
        entry[kind] = value
        self.rules.add(key, entry)
        if kind != "filler":
            self._remember(phrase, tokens)

    # --- reading ----------------------------------------------------------------------

    def _longest(
        self, table: _Table, tokens: list[Token], start: int, accept: Any = None, *, ends: bool = False
    ) -> tuple[int, Any]:
        """The longest phrase of `table` starting at `start`: (its length in tokens, its entry)."""
        first = tokens[start]
        heads = [first.norm]
        if first.kind == WORD and _is_arabic(first.norm):
            heads += _arabic_variants(first.norm)
        rest = [token.norm for token in tokens[start + 1 : start + table.longest]]
        for length in range(min(table.longest, len(rest) + 1), 0, -1):
            tail = tuple(rest[: length - 1])
            for head in heads:
                entry = table.entries.get((head, *tail))
                if entry is None or (ends and not ends_word(tokens, start + length)):
                    continue
                if accept is None or accept(entry):
                    return length, entry
        return 0, None

    def name_at(self, tokens: list[Token], start: int) -> tuple[int, tuple[Meaning, ...]]:
        """The longest name at `start` that is whole words: "a4" in "zq3a4b" is not the Audi."""
        if not starts_word(tokens, start):
            return 0, ()
        return self._longest(self.names, tokens, start, ends=True)  # type: ignore[no-any-return]

    def rule_at(self, tokens: list[Token], start: int, kind: str) -> tuple[int, Any]:
        """The longest rule phrase of one kind at `start`: (length, its value) or (0, None)."""
        length, entry = self._longest(self.rules, tokens, start, accept=lambda entry: kind in entry)
        return (length, entry[kind]) if length else (0, None)

    def known(self, word: str) -> bool:
        return word in self._display or (word,) in self.names.entries or (word,) in self.rules.entries

    def correct(self, token: Token) -> str | None:
        """The word of the vocabulary a misspelt word most likely meant, or None.

        Never a number; only words of 4 letters or more; at most one edit
        (a transposition counts as one), two from 8 letters.
        """
        if token.kind != WORD or len(token.norm) < 4 or self.known(token.norm):
            return None
        limit = 1 if len(token.norm) < 8 else 2
        found = process.extract(token.norm, self.words, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not found:
            return None
        # Among the nearest, the one that starts as typed ("camrry": camry, not carry):
        # buyers get the first letters right more often than the rest.
        nearest = min(distance for _, distance, _ in found)
        best = max(
            (word for word, distance, _ in found if distance == nearest),
            key=lambda word: (JaroWinkler.similarity(token.norm, word), word),
        )
        return self._display[best]
