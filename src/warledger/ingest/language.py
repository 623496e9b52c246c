"""English detection with langdetect (fixed seed, so the same text always gets the same answer).

Short texts are unreliable for any detector: below ``MIN_CHARS`` letters a text counts as English
unless it is clearly not — most of its letters are outside the Latin script (Cyrillic, Arabic, ...)
or langdetect is very sure it is another language.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

MIN_CHARS = 200
_SURE = 0.90
_NON_LATIN_SHARE = 0.5
_SAMPLE = 5000
_SURE_SHORT = 0.99
_CLEARLY_ENGLISH = 0.12
_ENGLISH_FUNCTION_WORDS = (  # frequent in English, rare as words in other Latin-script languages
    "the of and to were are has said says with from by this that these those which their they who "
    "after its she would could should been being than them there"
)
_ENGLISH_WORDS = frozenset(_ENGLISH_FUNCTION_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+")

_lock = threading.Lock()
_ready = False


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # ISO 639-1 (langdetect's code, e.g. "en", "uk", "zh-cn")
    is_english: bool
    probability: float
    reason: str


def _detector_langs(text: str) -> list[tuple[str, float]]:
    global _ready
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        if not _ready:
            DetectorFactory.seed = 0
            _ready = True
        try:
            return [(g.lang, g.prob) for g in detect_langs(text)]
        except LangDetectException:
            return []


def _english_share(text: str) -> float:
    words = _WORD.findall(text.lower())
    return sum(w in _ENGLISH_WORDS for w in words) / len(words) if words else 0.0


def _letters(text: str) -> tuple[int, int]:
    letters = latin = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ch.isascii() or "LATIN" in unicodedata.name(ch, ""):
                latin += 1
    return letters, latin


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text``; never raises."""
    sample = text[:_SAMPLE]
    letters, latin = _letters(sample)
    if letters == 0:
        return LanguageGuess("en", True, 0.0, "no letters; assumed English")
    non_latin = 1 - latin / letters
    if non_latin < 0.05 and _english_share(sample) >= _CLEARLY_ENGLISH:
        # English function words make up a quarter or more of English prose and almost none of
        # other languages' text: no need to run the (slow) statistical detector.
        return LanguageGuess("en", True, 1.0, "English function words")
    guesses = _detector_langs(sample)
    top, prob = guesses[0] if guesses else ("en", 0.0)
    if letters < MIN_CHARS:
        if non_latin > _NON_LATIN_SHARE and top != "en":
            return LanguageGuess(top, False, prob, "short text, mostly non-Latin script")
        if (
            top != "en"
            and prob >= _SURE_SHORT
            and _english_share(sample) < 0.1
            and (letters >= 100 or latin > sum(ch.isascii() and ch.isalpha() for ch in sample))
        ):
            return LanguageGuess(top, False, prob, "short text, clearly not English")
        return LanguageGuess("en", True, prob if top == "en" else 0.0, "short text; assumed English")
    if top == "en":
        return LanguageGuess("en", True, prob, "detected")
    english = dict(guesses).get("en", 0.0)
    if prob >= _SURE or (english < 0.2 and non_latin > _NON_LATIN_SHARE):
        return LanguageGuess(top, False, prob, "detected")
    if english >= 0.2:
        return LanguageGuess("en", True, english, "mixed; English likely")
    return LanguageGuess(top, False, prob, "detected")
