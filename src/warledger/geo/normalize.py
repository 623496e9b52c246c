"""Name keys for gazetteer look-up: folding, loose keys and transliteration skeletons.

Three keys are derived from every gazetteer name and from every candidate span of text:

* ``fold``  — lower case, diacritics and apostrophes removed, hyphens and dots as spaces;
* ``loose`` — ``fold`` without Arabic articles (al-/el-/ad-/as-…), doubled letters collapsed and a
  final "h" after a vowel dropped ("Ar Raqqah" ~ "Raqqa", "Odessa" ~ "Odesa");
* ``skeleton`` — a romanization-independent key for East Slavic names: vowel runs become one
  symbol, Russian/Ukrainian consonant spellings merge (g/h/kh, ts/tz/c …) and a final vowel drops,
  so "Andrievka", "Andriivka" and "Andriyivka", "Kharkov" and "Kharkiv", "Chernigov" and
  "Chernihiv" share one key.  It collides often, so it is only used with context.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from operator import methodcaller

_APOS = dict.fromkeys(map(ord, "'’‘`ʼʹ´"), None)
_SPACEY = re.compile(r"[\s\-‐‑–—./,()]+")
_ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "ed", "es", "et", "ul")
_ARTICLE_RE = re.compile(r"^(?:" + "|".join(_ARTICLES) + r") (?=\w)")
_DOUBLE = re.compile(r"(\w)\1+")
# ``_DOUBLE.sub(_FIRST_GROUP, k)`` is ``_DOUBLE.sub(r"\1", k)`` without Python 3.11's per-match
# template expansion (a C-level callable instead of a Python one)
_FIRST_GROUP = methodcaller("group", 1)
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "ð": "d",
    }
)


_ASCII_DROP = str.maketrans("", "", "'`")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lower-case ASCII-ish key: 'Zaporizhzhia Oblast’' → 'zaporizhzhia oblast'."""
    if name.isascii():  # fast path: nothing to decompose
        return _SPACEY.sub(" ", name.lower().translate(_ASCII_DROP)).strip()
    # decompose first, so that letters hidden in compositions ("Ǽ" → "Æ" + accent) are mapped too
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if not unicodedata.combining(c)).translate(_SPECIAL).translate(_APOS).lower()
    return _SPACEY.sub(" ", s).strip()


def is_latin(key: str) -> bool:
    """True when a folded key holds only ASCII letters, digits and spaces."""
    return key.isascii() and any(c.isalpha() for c in key)


@lru_cache(maxsize=1 << 16)
def loose(key: str) -> str:
    """A folded key without Arabic article, doubled letters or final 'ah' → 'a'."""
    k = _ARTICLE_RE.sub("", key)
    # (the article pattern needs a space after the article, so no single word can match it:
    # re-joining the words is all a per-word pass would do)
    k = " ".join(k.split())
    k = _DOUBLE.sub(_FIRST_GROUP, k)
    if k.endswith("ah") and len(k) > 4:
        k = k[:-1]
    return k


SKELETON_COUNTRIES = frozenset({"UA", "RU", "BY", "MD", "GE", "KZ"})  # names given skeleton keys
_SLAVIC = (
    ("shch", "S"),
    ("sch", "S"),
    ("tsch", "C"),
    ("tch", "C"),
    ("kh", "h"),
    ("ch", "C"),
    ("sh", "S"),
    ("zh", "Z"),
    ("ts", "c"),
    ("tz", "c"),
    ("g", "h"),
    ("w", "v"),
    ("x", "ks"),
    ("q", "k"),
    ("j", "y"),
)
_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1 << 16)
def skeleton(key: str) -> str:
    """Romanization-independent key of a folded name (see the module docstring)."""
    s = key.replace(" ", "")
    for a, b in _SLAVIC:
        s = s.replace(a, b)
    s = _DOUBLE.sub(_FIRST_GROUP, s)
    s = _VOWELS.sub("*", s)
    if s.endswith("*") and len(s) > 3:
        s = s[:-1]
    return s


ADMIN_SUFFIXES: dict[str, int] = {
    # suffix word -> admin level it suggests (1 province-like, 2 district-like)
    "oblast": 1,
    "oblast'": 1,
    "region": 1,
    "province": 1,
    "governorate": 1,
    "state": 1,
    "prefecture": 1,
    "krai": 1,
    "kray": 1,
    "republic": 1,
    "territory": 1,
    "division": 1,
    "voivodeship": 1,
    "muhafazah": 1,
    "district": 2,
    "districts": 2,
    "regions": 1,
    "oblasts": 1,
    "provinces": 1,
    "states": 1,
    "raion": 2,
    "rayon": 2,
    "county": 2,
    "municipality": 2,
    "hromada": 2,
    "parish": 2,
    "department": 1,
    "canton": 2,
    "zone": 2,
    "lga": 2,
    "township": 2,
}

_SUFFIX_RE = re.compile(r"\s+(?:" + "|".join(re.escape(s) for s in ADMIN_SUFFIXES) + r"|city)$")
_PREFIX_RE = re.compile(
    r"^(?:misto|city of|state of|province of|republic of|autonomous republic of|"
    r"muhafazat|wilayat|provincia de|provincia di|departamento de|estado de|region)\s+"
)


def strip_admin_words(key: str) -> str:
    """'donetska oblast' → 'donetska'; 'kyiv city' → 'kyiv'; returns the key unchanged if nothing to strip."""
    k = _PREFIX_RE.sub("", _SUFFIX_RE.sub("", key))
    return k or key
