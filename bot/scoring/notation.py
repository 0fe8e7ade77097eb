"""How people write complexities, normalised: "O(n log n)", "n log n", "linearithmic" are one class.

A complexity is a fact a key point can hinge on, and candidates state it in many ways ("O(N^2)",
"n squared", "quadratic time"). The reader treats the classes found here as the poles of one
built-in property contrast, so "binary search is O(n)" contradicts a point that says O(log n).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMPLEXITY_AXIS = "complexity"

_BIG_O = re.compile(r"\b(?:big[\s-]*)?o\s*\(\s*((?:[^()]|\([^()]*\))*?)\s*\)", re.I)
_WORDS = re.compile(
    r"\b(constant|logarithmic|linear|linearithmic|log[\s-]?linear|quadratic|cubic|exponential|"
    r"factorial)(?=[\s-]+(?:time|space|memory|complexity|runtime|cost|in\b|number))",
    re.I,
)
_BARE = re.compile(
    r"(?<![\w(])(n\s*(?:\*\s*)?log\s*\(?\s*n\s*\)?|n\s*squared|n\s*cubed|log\s*\(?\s*n\s*\)?)(?![\w])",
    re.I,
)
_WORD_CLASS = {
    "constant": "1", "logarithmic": "logn", "linear": "n", "linearithmic": "nlogn",
    "loglinear": "nlogn", "quadratic": "n^2", "cubic": "n^3", "exponential": "2^n",
    "factorial": "n!",
}
_SUM_ALIASES = {"e+v": "v+e", "n+m": "v+e", "m+n": "v+e", "n+e": "v+e", "e+n": "v+e",
                "v+m": "v+e"}


@dataclass(frozen=True)
class Mention:
    start: int
    """Character offset where the complexity is written."""
    end: int
    cls: str
    """The canonical class: 1, logn, n, nlogn, n^2, v+e, 2^n ..."""


def canonical(expression: str) -> str:
    """The canonical class of the inside of an O(...): spacing, case, powers and logs unified."""
    text = expression.lower().replace("²", "^2").replace("³", "^3").replace("**", "^")
    text = re.sub(r"\blg\b|\bln\b", "log", text)
    text = re.sub(r"\s*squared", "^2", text)
    text = re.sub(r"\s*cubed", "^3", text)
    text = re.sub(r"[\s*·×]+", "", text)
    text = re.sub(r"log\((\w+)\)", r"log\1", text)
    text = re.sub(r"^([a-z])([23])$", r"\1^\2", text)
    text = re.sub(r"^log(\w)\1$", r"\1log\1", text)
    return _SUM_ALIASES.get(text, text)


def complexities(text: str) -> list[Mention]:
    """Every complexity written in the text, in order, without overlaps."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, cls: str) -> None:
        if cls and not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            found.append(Mention(start, end, cls))

    for match in _BIG_O.finditer(text):
        add(match.start(), match.end(), canonical(match.group(1)))
    for match in _WORDS.finditer(text):
        word = re.sub(r"[\s-]", "", match.group(1).lower())
        add(match.start(), match.end(), _WORD_CLASS[word])
    for match in _BARE.finditer(text):
        add(match.start(), match.end(), canonical(match.group(1)))
    return sorted(found, key=lambda m: m.start)
