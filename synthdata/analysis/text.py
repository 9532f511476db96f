"""Reading business text: tokens with their singular forms, sentences, phrases and numbers.

Also the two normalizations every stage shares: :func:`fold` (accents off) and
:func:`identifier` (free text to snake_case).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from synthdata.analysis.inflection import singular

__all__ = [
    "PUNCTUATION",
    "Mention",
    "Number",
    "Token",
    "find_numbers",
    "fold",
    "identifier",
    "match_phrases",
    "phrase_key",
    "tokenize",
]

_V = TypeVar("_V")


def fold(text: str, *, lower: bool = True) -> str:
    """Accents removed (other scripts kept), lower-cased unless ``lower`` is False."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.lower() if lower else folded


def identifier(text: str, *, max_length: int = 63) -> str:
    """A snake_case identifier from free text (``Order Items`` → ``order_items``)."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    snake = re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")
    if not snake:
        snake = "field"
    if snake[0].isdigit():
        snake = f"_{snake}"
    return snake[:max_length].rstrip("_") or "field"


@dataclass(frozen=True)
class Token:
    """A word or number of the text, with its singular form and sentence number."""

    text: str
    base: str
    sentence: int
    start: int
    #: Capitalized inside a sentence: a name (Leeds, Shopify), not a kind of record.
    proper: bool = False
    #: Written in capitals (API, RFID, GPS): an abbreviation, which can modify a noun.
    acronym: bool = False
    #: Written with 's ("an article's body"): the owner of the next noun.
    possessive: bool = False

    @property
    def plural(self) -> bool:
        return self.base != self.text and self.text.endswith("s")

    @property
    def word(self) -> bool:
        return self.text[0].isalpha()


_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:\s?(?:k|m|mn|bn)\b)?\+?|[a-z]+(?:_[a-z]+)*(?:'[a-z]+)?|[.;!?\n]|[,():/=+>]"
)
_TOKEN_ANY_CASE = re.compile(_TOKEN.pattern, re.IGNORECASE)
_PARTICLES = frozenset({"in", "on", "up", "off", "out", "over", "down", "by"})
_PARTICLE_COMPOUND = re.compile(
    r"\b([A-Za-z]{2,})-((?:in|on|up|off|out|over|down|by)s?)\b", re.IGNORECASE
)
#: The same compounds written apart, with the particle plural ("trade ins", "sign ups"): a
#: plural particle is never a word alone (but "the ins and outs", "its ups and downs").
_PLAIN_PARTICLE_COMPOUND = re.compile(
    r"\b([A-Za-z]{2,})\s+(ins|ons|ups|offs|outs)\b", re.IGNORECASE
)
_NOT_PARTICLE_HEADS = frozenset("the and or of a an all with their its our".split())
#: An aside between two spaced dashes in one sentence (each dash kept one character long).
_DASH_ASIDE = re.compile(
    r"(?<=\s)[-\u2013\u2014](\s[^.;:!?()\n\u2013\u2014-]{1,150}?\s)[-\u2013\u2014](?=\s)"
)
#: A pronoun run into its verb, read as the two words ("we're" is read as "were" elsewhere).
_CONTRACTIONS = {
    f"{pronoun}'{ending}": (pronoun, verb)
    for pronoun in ("they", "you", "we", "i")
    for ending, verb in (("re", "are"), ("ve", "have"), ("ll", "will"))
    if (pronoun, ending) not in {("we", "re"), ("i", "re")}
}
#: Punctuation kept as tokens: it separates list items, so no phrase runs across it.
PUNCTUATION = frozenset(",():/=+>")
_SENTENCE_END = {".", ";", "!", "?", "\n"}


def tokenize(text: str) -> list[Token]:
    """Words and numbers (``5k`` and ``1,200`` stay whole), lower-case and unaccented."""
    tokens: list[Token] = []
    sentence = 0
    source = fold(text, lower=False).replace("&", " and ").replace("→", ">")
    # Dashes around an aside are brackets ("vendors - florists, caterers - with a fee").
    source = _DASH_ASIDE.sub(lambda m: f"({m.group(1)})", source)
    # Compounds with a particle are one noun: check-ins, add-ons, top-ups, drop-offs.
    source = _PARTICLE_COMPOUND.sub(r"\1_\2", source).replace("-", " ")
    source = _PLAIN_PARTICLE_COMPOUND.sub(
        lambda m: m.group() if m.group(1).lower() in _NOT_PARTICLE_HEADS else f"{m[1]}_{m[2]}",
        source,
    )
    # An ellipsis inside a list or parenthesis is "and so on" ("(violins, brass...)"), not a
    # sentence's end.
    source = re.sub(r"(?:\.{2,}|…)(?=\s*[),\]])", "", source)
    # Abbreviations whose dots are not sentence ends.
    source = re.sub(
        r"\b([eE])\.g\.|\b([iI])\.e\.|\betc\.", lambda m: m.group().replace(".", ""), source
    )
    for match in _TOKEN_ANY_CASE.finditer(source):
        raw = match.group()
        word = raw.lower()
        if word in _SENTENCE_END:
            sentence += 1
            continue
        if word in _CONTRACTIONS:  # "they're paired": a pronoun and its verb, not a noun
            for part in _CONTRACTIONS[word]:
                tokens.append(Token(part, part, sentence, match.start()))
            continue
        possessive = word.endswith("'s")
        word = word.replace("'s", "").replace("'", "")
        acronym = len(raw) >= 2 and raw.isupper() and raw.isalpha()
        base = word if not word[0].isalpha() or acronym else singular(word)
        starts_sentence = not tokens or tokens[-1].sentence != sentence
        proper = raw[0].isupper() and not starts_sentence
        tokens.append(Token(word, base, sentence, match.start(), proper, acronym, possessive))
    return tokens


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The singular words of a phrase, as phrase indexes key them (``Grape Varieties``); a word
    and its particle are one noun, as the text's "check-ins" are (``check in`` → ``check_in``)."""
    words = [t.base for t in tokenize(phrase)]
    if len(words) >= 2 and words[-1] in _PARTICLES and words[-2].isalpha():
        words[-2:] = [f"{words[-2]}_{words[-1]}"]
    return tuple(words)


def match_phrases(
    tokens: list[Token], index: Mapping[tuple[str, ...], _V]
) -> list[tuple[int, int, _V]]:
    """Longest-first phrase matches, within a sentence: (first token, last token, index entry)."""
    out = []
    i = 0
    while i < len(tokens):
        for n in (4, 3, 2, 1):
            if i + n > len(tokens) or tokens[i + n - 1].sentence != tokens[i].sentence:
                continue
            key = tuple(t.base for t in tokens[i : i + n])
            if key in index:
                out.append((i, i + n - 1, index[key]))
                i += n
                break
        else:
            i += 1
    return out


@dataclass(frozen=True)
class Mention:
    """An entity named in the text, covering tokens ``first … last``."""

    key: str
    first: int
    last: int
    plural: bool


@dataclass(frozen=True)
class Number:
    """A count written in the text, covering tokens ``first … last``."""

    value: int
    first: int
    last: int


_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "couple": 2,
    "handful": 5,
    "dozens": 36,
    "hundreds": 300,
    "thousands": 3000,
    "millions": 3_000_000,
}
_SCALES = {
    "k": 1000,
    "thousand": 1000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "hundred": 100,
    "dozen": 12,
}
#: "a few dozen" is about three dozen; "several hundred" about five hundred.
_VAGUE = {"few": 3, "several": 5, "couple": 2}


def _digits(word: str) -> float | None:
    match = re.fullmatch(r"(\d+(?:[.,]\d+)*)\s?(k|m|mn|bn)?\+?", word)
    if not match:
        return None
    raw = match[1]
    if re.fullmatch(r"\d{1,3}(,\d{3})+", raw):
        raw = raw.replace(",", "")
    value = float(raw.replace(",", "."))
    return value * _SCALES.get(match[2] or "", 1)


def find_numbers(tokens: list[Token]) -> list[Number]:
    """Counts such as ``200``, ``5k``, ``1.2 million``, ``a few dozen``, ``fourteen``."""
    out: list[Number] = []
    i = 0
    while i < len(tokens):
        found = _number_at(tokens, i)
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.last + 1
    return out


def _number_at(tokens: list[Token], i: int) -> Number | None:
    word = tokens[i].text
    value = _digits(word)
    j = i
    if word == "half" and i + 2 < len(tokens) and tokens[i + 1].text in ("a", "an"):
        scale = _SCALES.get(tokens[i + 2].text)
        return Number(scale // 2, i, i + 2) if scale else None
    if value is None:
        if word in ("a", "an") and i + 1 < len(tokens):
            return _vague(tokens, i + 1, i, default=1.0)
        if word in _VAGUE:
            return _vague(tokens, i, i, default=None)
        if word not in _UNITS or word in _SCALES:
            return None
        value = float(_UNITS[word])
    while j + 1 < len(tokens) and tokens[j + 1].text in _SCALES:
        value *= _SCALES[tokens[j + 1].text]
        j += 1
    return Number(round(value), i, j)


def _vague(tokens: list[Token], i: int, first: int, default: float | None) -> Number | None:
    """``a dozen``, ``a few hundred``, ``half a million``, ``several thousand``."""
    factor = default
    j = i
    if tokens[j].text in _VAGUE:
        factor = float(_VAGUE[tokens[j].text])
        if j + 1 < len(tokens) and tokens[j + 1].text == "of":
            j += 1
        j += 1
    if j >= len(tokens) or tokens[j].text not in _SCALES:
        return None
    if factor is None:
        return None
    value = factor
    while j < len(tokens) and tokens[j].text in _SCALES:
        value *= _SCALES[tokens[j].text]
        j += 1
    return Number(int(value), first, j - 1)
