"""Counts as news writes them: 'two', '156', 'at least 12', 'dozens', 'more than 100', '3-5'."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "single": 1, "both": 2, "couple": 2,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities: (low, best, high).
VAGUE = {
    "dozens": (24, 36, 99), "scores": (40, 60, 99), "hundreds": (200, 300, 999),
    "thousands": (2000, 3000, 9999), "several": (3, 4, 9), "many": (5, 10, 50),
    "a few": (2, 3, 5), "few": (2, 3, 5), "some": (2, 5, 20), "tens": (20, 40, 99),
}
LOWER_BOUND = ("at least", "more than", "over", "upwards of", "no fewer than", "in excess of")
UPPER_BOUND = ("up to", "as many as", "nearly", "almost", "at most", "fewer than", "less than",
               "about", "around", "some", "approximately", "roughly")


def parse_number(text: str) -> int | None:
    """An exact number in digits or words ('1,200', 'twenty-five', 'two hundred'); else None."""
    clean = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", clean):
        return int(clean)
    if re.fullmatch(r"\d+(\.\d+)?", clean):
        return int(float(clean))
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", clean):
        if word in ("and", ""):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        elif re.fullmatch(r"\d+", word):
            current += int(word)
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_count(text: str) -> tuple[int, int, int] | None:
    """(low, best, high) for a count phrase, with its qualifiers; None if it is not a count."""
    clean = " ".join(text.lower().replace(",", "").split())
    clean = re.sub(r" ?\( ?\d+ ?\)", "", clean)  # "three (3)": a number and its figures
    for vague, triple in VAGUE.items():
        if clean == vague or clean.endswith(" " + vague) and not parse_number(clean):
            return triple
    span = re.fullmatch(r"(\d+)\s*(?:-|to|–)\s*(\d+)", clean)
    if span:
        low, high = sorted((int(span.group(1)), int(span.group(2))))
        return low, (low + high) // 2, high
    for cue in LOWER_BOUND:
        if clean.startswith(cue + " "):
            value = parse_number(clean[len(cue) + 1 :])
            if value is not None:
                return value, value, value if cue == "at least" else value * 2
    for cue in UPPER_BOUND:
        if clean.startswith(cue + " "):
            value = parse_number(clean[len(cue) + 1 :])
            if value is not None:
                low = (value * 3) // 4 if cue not in ("about", "around", "some") else value
                return low, value, value
    value = parse_number(clean)
    return (value, value, value) if value is not None else None
