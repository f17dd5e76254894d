"""Numbers said in words: the small grammar behind "one hundred and twenty-three".

:func:`read_spelled` reads the longest well-formed number that starts at a position in
the text, and says where it ends::

    "one hundred and twenty three"     -> 123
    "twenty-one thousand"              -> 21000
    "two point five"                   -> 2.5
    "one and a half", "3 million and a half"   -> 1.5, 3500000
    "three quarters", "a fifth"        -> 0.75, 0.2   (fractions)
    "half a dozen", "quarter million"  -> 6, 250000
    "minus five", "one over twenty"    -> -5, 0.05

The grammar is written as rules over whole word lists (a cardinal, a decimal, a
fraction, a whole number and a fraction, a fraction of a scale), and the reader keeps
the longest run of words one of the rules accepts. Words that only join ("and", "a",
"of", "point") never end a number, and a number never stops just before a scale word
it would have taken ("3 hundred and 2 hundred" is 300 and 200, not 302 and a stray
"hundred").
"""

from __future__ import annotations

import re

Token = str | float  # a number word, lower-cased, or a figure written in digits

UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Scales above a hundred, said after a group ("twenty-one thousand"); South Asian
# newsrooms count in lakh (100,000) and crore (10 million).
SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
    "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
DOZENS = {"dozen": 12.0, "dozens": 12.0, "dz": 12.0, "dzs": 12.0, "doz": 12.0, "dozs": 12.0}

# A fraction's denominator is an ordinal: the cardinal word it stands for, and whether
# it is plural ("three fifths") or singular ("a fifth").
_ORDINAL_BASES = {
    "first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five",
    "sixth": "six", "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten",
    "eleventh": "eleven", "twelfth": "twelve", "thirteenth": "thirteen",
    "fourteenth": "fourteen", "fifteenth": "fifteen", "sixteenth": "sixteen",
    "seventeenth": "seventeen", "eighteenth": "eighteen", "nineteenth": "nineteen",
    "twentieth": "twenty", "thirtieth": "thirty", "fortieth": "forty", "fiftieth": "fifty",
    "sixtieth": "sixty", "seventieth": "seventy", "eightieth": "eighty",
    "ninetieth": "ninety", "hundredth": "hundred", "thousandth": "thousand",
    "millionth": "million", "billionth": "billion", "trillionth": "trillion",
}
DENOMINATORS: dict[str, tuple[str, bool]] = {"half": ("two", False), "halves": ("two", True),
                                             "quarter": ("four", False),
                                             "quarters": ("four", True)}
for _ordinal, _base in _ORDINAL_BASES.items():
    DENOMINATORS[_ordinal] = (_base, False)
    DENOMINATORS[_ordinal + "s"] = (_base, True)
# "first" and "second" name a denominator only inside "twenty-first", "thirty-seconds".
_COMPOUND_ONLY = {"first", "firsts", "second", "seconds"}

_JOINERS = {"and", "a", "an", "of", "point", "over", "minus", "negative"}
VOCABULARY = frozenset({*UNITS, *TENS, "hundred", *SCALES, *DOZENS, *DENOMINATORS,
                        *_JOINERS})
_MULTIPLIERS = frozenset({"hundred", *SCALES, *DOZENS})

_TOKEN = re.compile(
    r"(?:[ \t\u00a0]*-[ \t\u00a0]*|[ \t\u00a0]+)?"
    r"(?:(?P<word>[A-Za-z]+)|(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))"
)
_MAX_TOKENS = 24


def _cardinal(tokens: list[Token]) -> float | None:
    """A whole number in words (digits may stand for a group): "4 thousand 3 hundred and 21".

    >>> _cardinal(["one", "hundred", "and", "sixty", "one"])
    161.0
    >>> _cardinal(["twenty", "one", "twenty"]) is None
    True
    """
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0] in ("zero", "nought", "naught"):
        return 0.0
    total = 0.0
    group = 0.0
    last_scale = float("inf")
    has_hundred = has_tens = has_unit = has_digits = False
    previous: Token = ""
    for index, token in enumerate(tokens):
        if isinstance(token, float):
            if has_digits or has_unit or has_tens or (has_hundred and token >= 100):
                return None
            if group and not has_hundred:
                return None
            group += token
            has_digits = True
        elif token in ("a", "an"):
            if index != 0 or len(tokens) == 1 or tokens[1] not in _MULTIPLIERS:
                return None
            group, has_unit = 1.0, True
        elif token in UNITS:
            value = UNITS[token]
            if value == 0 or has_unit or has_digits or (has_tens and value >= 10):
                return None
            group += value
            has_unit = True
        elif token in TENS:
            if has_tens or has_unit or has_digits:
                return None
            group += TENS[token]
            has_tens = True
        elif token == "hundred":
            if has_hundred or (group >= 100 and not has_digits):
                return None
            group = (group or 1.0) * 100
            has_hundred, has_tens, has_unit, has_digits = True, False, False, False
        elif token in SCALES:
            scale = SCALES[token]
            if previous in SCALES and group == 0:
                total *= scale  # "three lakh crore"
                last_scale *= scale
                continue
            if scale >= last_scale:
                return None
            total += (group or 1.0) * scale
            group, last_scale = 0.0, scale
            has_hundred = has_tens = has_unit = has_digits = False
        elif token in DOZENS:
            if index != len(tokens) - 1:
                return None
            if "and" in tokens:  # "three hundred and two dozens": 300 and 24
                at = len(tokens) - 1 - tokens[::-1].index("and")
                before, counted = _cardinal(tokens[:at]), _cardinal(tokens[at + 1:index])
                if before is None or counted is None:
                    return None
                return before + counted * DOZENS[token]
            return (total + (group or 1.0)) * DOZENS[token]
        elif token == "and":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or previous not in ("hundred", *SCALES, *TENS):
                return None
            if isinstance(following, str) and following not in UNITS and following not in TENS:
                return None
        else:
            return None
        previous = token
    return total + group


def _decimals(tokens: list[Token]) -> float | None:
    """The words after "point", read digit by digit: "zero three" -> .03, "seventy-one" -> .71."""
    digits = ""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not isinstance(token, str):
            return None
        if token in UNITS:
            digits += str(UNITS[token])
        elif token in TENS:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if isinstance(following, str) and following in UNITS and 0 < UNITS[following] < 10:
                digits += str(TENS[token] + UNITS[following])
                index += 1
            else:
                digits += str(TENS[token])
        else:
            return None
        index += 1
    return float("0." + digits) if digits else None


def _fraction(tokens: list[Token]) -> float | None:
    """A fraction in words: "three fifths", "a hundredth", "one hundred thirty-fifths".

    The denominator takes the longest ordinal at the end that leaves a numerator in
    front ("twenty twenty-fifths" is 20/25, "twenty fifths" is 20/5).
    """
    last = tokens[-1] if tokens else None
    if not isinstance(last, str) or last not in DENOMINATORS:
        return None
    base, plural = DENOMINATORS[last]
    if len(tokens) == 1:
        return 0.5 if last == "half" else 0.25 if last == "quarter" else None
    for size in range(len(tokens) - 1, 0, -1):
        numerator_words, ordinal = tokens[:-size], tokens[-size:]
        first = ordinal[0]
        if size > 1:
            if not isinstance(first, str) or (first not in UNITS and first not in TENS):
                continue
            if first in UNITS and isinstance(numerator_words[-1], str) \
                    and numerator_words[-1] in TENS:
                continue  # "ninety - five hundred fifths" keeps "ninety-five" whole
        if last in _COMPOUND_ONLY and (size < 2 or ordinal[-2] not in TENS):
            continue
        if any(isinstance(t, float) for t in numerator_words) or numerator_words[-1] == "and":
            continue
        denominator = _cardinal([*ordinal[:-1], base])
        if not denominator:
            continue
        if numerator_words in (["a"], ["an"]):
            numerator: float | None = 1.0
        else:
            numerator = _cardinal(numerator_words)
        if numerator is None or numerator == 0 or (numerator == 1) == plural:
            continue
        return numerator / denominator
    return None


def _ends_with_scale(tokens: list[Token]) -> float | None:
    last = tokens[-1]
    return SCALES.get(last) if isinstance(last, str) else None


def _fraction_of_scale(tokens: list[Token]) -> float | None:
    """A fraction or mixed number of a scale: "half a dozen", "five and a half million"."""
    last = tokens[-1]
    if not isinstance(last, str) or (last not in SCALES and last not in DOZENS):
        return None
    scale = SCALES.get(last) or DOZENS[last]
    inner = tokens[:-1]
    if inner and inner[-1] in ("a", "an"):
        inner = inner[:-1]
    if inner and inner[-1] == "of":
        inner = inner[:-1]
    if not inner or any(isinstance(t, str) and t in SCALES for t in inner):
        return None
    value = _fraction(inner)
    if value is None:
        value = _mixed(inner)
    if value is None or value == int(value):
        return None
    return value * scale


def _mixed(tokens: list[Token]) -> float | None:
    """A whole number and a fraction: "one and a half", "3 million and a quarter"."""
    for index in range(len(tokens) - 2, 0, -1):
        if tokens[index] != "and":
            continue
        whole = _cardinal(tokens[:index])
        if whole is None:
            continue
        rest = tokens[index + 1:]
        part = _fraction(rest)
        if part is not None and part < 1:
            scale = _ends_with_scale(tokens[:index])
            return whole + part * (scale or 1.0)
        scaled = _fraction_of_scale(rest)
        whole_scale = _ends_with_scale(tokens[:index])
        rest_scale = _ends_with_scale(rest)
        if scaled is not None and whole_scale and rest_scale and rest_scale < whole_scale:
            return whole + scaled  # "one billion and a half million"
    return None


def phrase_value(tokens: list[Token]) -> tuple[float, bool] | None:
    """The value of a whole run of number words, and whether it is a bare fraction.

    >>> phrase_value(["one", "hundred", "and", "three", "quarters"])
    (100.75, False)
    >>> phrase_value(["two", "thirds"])[1]
    True
    """
    if not tokens:
        return None
    first = tokens[0]
    if first in ("minus", "negative"):
        inner = phrase_value(tokens[1:])
        return (-inner[0], inner[1]) if inner else None
    if "point" in tokens:
        at = tokens.index("point")
        whole = _cardinal(tokens[:at])
        decimals = _decimals(tokens[at + 1:])
        if whole is None or decimals is None or whole != int(whole):
            return None
        return whole + decimals, False
    if "over" in tokens:
        at = tokens.index("over")
        top, bottom = _cardinal(tokens[:at]), _cardinal(tokens[at + 1:])
        if top is None or not bottom or top >= bottom:
            return None
        return top / bottom, True
    value = _cardinal(tokens)
    if value is not None:
        return value, False
    value = _fraction_of_scale(tokens)
    if value is not None:
        return value, False
    value = _mixed(tokens)
    if value is not None:
        return value, False
    value = _fraction(tokens)
    if value is not None:
        return value, value < 1
    return None


def read_spelled(text: str, start: int, first: float | None = None,
                 first_end: int | None = None) -> tuple[float, int, bool] | None:
    """The longest number in words that starts at ``start``: (value, end, is a fraction).

    ``first`` is the value of a figure in digits that opens the number ("3 hundred and
    21"), ending at ``first_end``.

    >>> read_spelled("about one hundred and twenty three people", 6)
    (123.0, 34, False)
    """
    tokens: list[Token] = []
    ends: list[int] = []
    position = start
    if first is not None and first_end is not None:
        tokens.append(first)
        ends.append(first_end)
        position = first_end
    while len(tokens) < _MAX_TOKENS:
        match = _TOKEN.match(text, position)
        if not match:
            break
        word = match.group("word")
        if word is not None:
            lowered = word.lower()
            if lowered not in VOCABULARY:
                break
            if match.group(0)[:1] == "-" and not tokens:
                break
            tokens.append(lowered)
        else:
            if text[match.end():match.end() + 1].isalpha():
                break
            tokens.append(float(match.group("digits").replace(",", "")))
        ends.append(match.end())
        position = match.end()
    if len(tokens) == 2 and isinstance(tokens[0], float) and tokens[1] in SCALES:
        # "42.3 million", the commonest case, read as the general rule below reads it.
        return (tokens[0] or 1.0) * SCALES[tokens[1]], ends[1], False
    for size in range(len(tokens), 0, -1):
        last = tokens[size - 1]
        if isinstance(last, str) and last in _JOINERS:
            continue
        following = tokens[size] if size < len(tokens) else None
        if isinstance(following, str) and following in _MULTIPLIERS and (
                isinstance(last, float) or last in UNITS or last in TENS):
            continue  # "3 hundred and 2 hundred": do not stop at "2"
        if "over" in tokens[:size] and re.match(r"[ \t]*[A-Za-z]", text[ends[size - 1]:]):
            continue  # "one over 20 years" is not a fraction
        found = phrase_value(tokens[:size])
        if found is not None:
            return found[0], ends[size - 1], found[1]
    return None
