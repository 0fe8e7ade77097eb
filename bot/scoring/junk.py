"""Recognising answers that must not score well however similar their words look.

Each check is a plain function of the text (or of its pieces' similarities), so a reviewer can see
exactly why an answer was capped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.scoring.lexical import STOPWORDS, tokens

_DONT_KNOW = re.compile(
    r"\b(?:i\s*(?:do\s*n[o']?t|dont|dunno|don't|have\s*no|ha?ve\s*no)\s*(?:really\s*)?"
    r"(?:know|idea|clue|remember|recall)|idk|no\s*idea|not\s*sure|no\s*clue|"
    r"skip\s*this|can'?t\s*remember|never\s*heard)\b|^\W*pass\W*$",
    re.I,
)
_ENUMERATION = re.compile(r"^\W*(?:list|name|give|enumerate|which|what\s+are)\b", re.I)
DONT_KNOW_MAX_WORDS = 14
KEYWORD_ITEM_MAX_WORDS = 3
_VOWELS = set("aeiouy")


def is_empty(answer: str) -> bool:
    return not re.search(r"[A-Za-z0-9]", answer)


def is_dont_know(answer: str) -> bool:
    return len(tokens(answer)) <= DONT_KNOW_MAX_WORDS and bool(_DONT_KNOW.search(answer))


def is_keyword_list(answer: str, question: str = "") -> bool:
    """Three or more short items, separated by commas or lines, with almost no connecting words.

    A list is a fair answer to a question that asks for one ("name the ..."), so those are exempt.
    """
    if _ENUMERATION.search(question):
        return False
    items = [i for i in re.split(r"[,;\n/|]+|\s+-\s+", answer) if tokens(i)]
    if len(items) < 3:
        return False
    words = tokens(answer)
    function_share = sum(1 for w in words if w in STOPWORDS) / len(words)
    longest = max(len(tokens(i)) for i in items)
    return longest <= KEYWORD_ITEM_MAX_WORDS and function_share < 0.15


def is_gibberish(answer: str) -> bool:
    """Most words are unpronounceable letter strings and none are ordinary function words."""
    words = [w for w in tokens(answer) if w.isalpha()]
    if len(words) < 3 or any(w in STOPWORDS for w in words):
        return False
    odd = sum(1 for w in words if _unpronounceable(w))
    return odd / len(words) >= 0.5


def _unpronounceable(word: str) -> bool:
    if len(word) <= 2:
        return False
    vowels = sum(1 for c in word if c in _VOWELS)
    longest_consonant_run = max(len(r) for r in re.split(r"[aeiouy]", word))
    return vowels == 0 or longest_consonant_run >= 4 or vowels / len(word) < 0.2


def repetition_share(pieces: Sequence[str]) -> float:
    """Share of pieces that repeat an earlier piece (case and punctuation ignored)."""
    if not pieces:
        return 0.0
    keys = [" ".join(tokens(p)) for p in pieces]
    return 1.0 - len(set(keys)) / len(keys)
