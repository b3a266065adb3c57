"""Name keys that make transliterated place names meet: Deir ez-Zor = Dayr az Zawr."""

from __future__ import annotations

import re
import unicodedata

# Arabic article forms as English news writes them; also dropped inside names ("Deir ez-Zor").
ARTICLES = frozenset({"al", "el", "ul", "ash", "ad", "ar", "as", "at", "az", "ez", "an", "ath",
                      "adh", "es", "en"})
# Words that name a kind of admin area: "Hasakeh province", "Kharkiv Oblast", "Aleppo Governorate".
ADMIN_SUFFIXES = frozenset({"governorate", "province", "oblast", "region", "state", "district",
                            "division", "prefecture", "county", "department", "raion", "rayon",
                            "wilayah", "muhafazah", "municipality", "township", "territory"})
# "east of X", "northeast Syria": the points of the compass, as words of place
COMPASS_POINTS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                            "southeast", "southwest", "north-east", "north-west", "south-east",
                            "south-west"})
_NON_LETTER = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_DOUBLED = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lower-case ASCII letters and single spaces: diacritics, apostrophes, hyphens removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.lower().replace("'", "").replace("\u2019", "").replace("`", "")
    ascii_text = ascii_text.replace("\u02bf", "").replace("\u02be", "")
    return _SPACES.sub(" ", _NON_LETTER.sub(" ", ascii_text)).strip()


def exact_key(text: str) -> str:
    """Folded name without Arabic articles: 'Ash-Shaddadi' -> 'shaddadi'."""
    words = fold(text).split()
    kept = [w for w in words if w not in ARTICLES]
    return " ".join(kept or words)


def _skeleton_word(word: str) -> str:
    word = _DOUBLED.sub(r"\1", word)
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    head, rest = word[0], word[1:]
    rest = re.sub(r"[aeiouwy]", "", rest)
    return _DOUBLED.sub(r"\1", head + rest)


def collapsed_key(text: str) -> str:
    """Exact key with doubled letters single: 'Ash Shaddadi' -> 'shadadi'."""
    return _DOUBLED.sub(r"\1", exact_key(text))


def skeleton_key(text: str) -> str:
    """Consonant skeleton for spelling variants: Hasakeh, Hasakah, Hassakeh -> 'hsk'."""
    key = exact_key(text)
    return " ".join(_skeleton_word(w) for w in key.split())


_FUSED_ARTICLE = re.compile(r"^[ae]([bcdfghjklmnpqrstvxz])\1(?=[a-z]{2,}$)")


def defuse_articles(text: str) -> str:
    """Split an article fused to a sun letter: 'Deir Ezzor' -> 'deir zor', 'Arraqqa' -> 'raqqa'."""
    return " ".join(_FUSED_ARTICLE.sub(r"\1", w) for w in fold(text).split())


# Abbreviated first words of place names: "St. Marc", "Mt. Vernon", "Ft. Myers", "Sta. Rosa".
ABBREVIATED_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort",
                     "sta": "santa", "sto": "santo", "pt": "port"}


def expand_abbreviation(text: str) -> str:
    """The name with an abbreviated first word written out: 'St. Marc' -> 'saint marc'."""
    words = fold(text).split()
    if len(words) > 1 and words[0] in ABBREVIATED_WORDS:
        words[0] = ABBREVIATED_WORDS[words[0]]
    return " ".join(words)
