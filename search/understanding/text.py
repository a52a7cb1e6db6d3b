"""Buyers' text cut into tokens that compare equal however they were typed.

Folding is the engine's own (search/index.py: arabic_normalization,
decimal_digit, lowercase, asciifolding), done in Python so that the parser
and the index agree: "أبيض" and "ابيض", "٢٠١٩" and "2019", "Citroën" and
"citroen" are the same word. Letters and digits are split apart and hyphens
between letters dropped, so "cx5", "cx-5" and "cx 5" are the same tokens.
Each token keeps where it stood in what the buyer typed, so the words it
understood can be shown (and removed) exactly as typed.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# After NFKD has taken hamza and diacritics off their letters (أ → ا, ؤ → و).
LETTERS = str.maketrans({"ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "گ": "ك", "ڤ": "ف", "ـ": None})
# Arabic marks (tatweel, tashkeel) stay inside a word; \w does not count them as letters.
_MARKS = "\u0640\u064b-\u065f\u0670"
_TOKEN = re.compile(
    rf"(?P<num>\d{{1,3}}(?:[,٬]\d{{3}})+(?:[.٫]\d+)?|\d+(?:[.٫]\d+)?)"
    rf"|(?P<word>(?:[^\W\d_]|[{_MARKS}])+)"
    r"|(?P<sym>[+<>~-])"
)

WORD, NUMBER, SYMBOL = "word", "number", "symbol"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    norm: str  # folded text; a number's digits without separators ("5,000" → "5000")
    start: int
    end: int
    value: float | None = None  # numbers only


@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """One word as the index sees it: lowercase, Arabic letters and digits folded, accents off."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.translate(LETTERS).translate(DIGITS)


def _number(raw: str) -> tuple[str, float]:
    digits = raw.translate(DIGITS).replace(",", "").replace("٬", "").replace("٫", ".")
    return digits, float(digits)


def tokenize(text: str) -> list[Token]:
    """Words, numbers and the symbols that mean something in a number (+ < > ~ -).

    A hyphen survives only between two numbers ("3-5k", "2015 - 2018"); elsewhere
    it joins ("cx-5", "x-trail") and is dropped.
    """
    digits = text.translate(DIGITS)
    tokens: list[Token] = []
    for match in _TOKEN.finditer(digits):
        start, end = match.span()
        if match.lastgroup == "num":
            norm, value = _number(match.group())
            tokens.append(Token(NUMBER, norm, start, end, value))
        elif match.lastgroup == "word":
            norm = fold(match.group())
            if norm:
                tokens.append(Token(WORD, norm, start, end))
        else:
            tokens.append(Token(SYMBOL, match.group(), start, end))
    return [
        token
        for n, token in enumerate(tokens)
        if token.norm != "-" or (0 < n < len(tokens) - 1 and tokens[n - 1].kind == NUMBER and tokens[n + 1].kind == NUMBER)
    ]


def key_of(text: str) -> tuple[str, ...]:
    """A phrase as the vocabulary stores it: its tokens' folded forms."""
    return tuple(token.norm for token in tokenize(text))
