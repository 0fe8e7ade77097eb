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
    text = re.sub(r"\btimes\b", "*", text)
    text = re.sub(r"\bplus\b", "+", text)
    text = re.sub(r"[\s*·×]+", "", text)
    text = re.sub(r"log\((\w+)\)", r"log\1", text)
    text = re.sub(r"^([a-z])([23])$", r"\1^\2", text)
    text = re.sub(r"^log(\w)\1$", r"\1log\1", text)
    if re.fullmatch(r"[a-z]{2,3}", text):
        text = "".join(sorted(text))  # O(nd) is O(dn)
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


FORMULA_AXIS = "formula"

_OPERATORS = (
    (r"\bdivided\s+by\b|\bover\b|÷|/", "/"),
    (r"\bplus\b|\+", "+"),
    (r"\bminus\b|(?<=\s)-(?=\s)|−", "-"),
    (r"\btimes\b|\bmultiplied\s+by\b|\*|×|·", "*"),
)
_ALIASES = {
    "true positives": "tp", "true positive": "tp", "false positives": "fp",
    "false positive": "fp", "false negatives": "fn", "false negative": "fn",
    "true negatives": "tn", "true negative": "tn", "precision": "p", "recall": "r",
}
_NAMES = "|".join(sorted(map(re.escape, _ALIASES), key=len, reverse=True))
_SPOKEN = re.compile(
    "|".join([rf"(?P<alias>\b(?:{_NAMES})\b)"]
             + [f"(?P<op{i}>{pattern})" for i, (pattern, _) in enumerate(_OPERATORS)]),
    re.I,
)
_OPERAND = r"(?:[a-z][a-z0-9_]*|\d+(?:\.\d+)?)"
_FORMULA = re.compile(
    rf"\(?\s*{_OPERAND}\s*\)?(?:\s*[+*/-]\s*\(?\s*{_OPERAND}\s*\)?)+", re.I)
_SYMBOL = re.compile(r"\d+(?:\.\d+)?|[a-z]{1,2}\d*|[a-z]+_[a-z0-9]+|[a-z]\d*[a-z]?")
"""What a formula's operands look like: numbers, short symbols (tp, p, k, x2), subscripted
names (c_in). Words are not operands, so "F1 over accuracy" and "a distribution over many
variables" are prose, not division."""


@dataclass(frozen=True)
class Formula:
    start: int
    """Character offsets in the original text."""
    end: int
    canonical: str
    variables: frozenset[str]


def _symbolic(text: str) -> tuple[str, list[int]]:
    """The text with spoken operators and ML variable names as symbols, and for each character
    of it the offset of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _SPOKEN.finditer(text):
        out.append(text[last:match.start()])
        origin.extend(range(last, match.start()))
        if match.group("alias"):
            symbol = _ALIASES[" ".join(match.group("alias").lower().split())]
        else:
            index = next(i for i in range(len(_OPERATORS)) if match.group(f"op{i}"))
            symbol = f" {_OPERATORS[index][1]} "
        out.append(symbol)
        origin.extend([match.start()] * len(symbol))
        last = match.end()
    out.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(out), origin


def formulas(text: str) -> list[Formula]:
    """Formulas written with symbols or said in words ("TP over TP plus FP"), normalised.

    Sums and products are put in a fixed order, so "TP over FP plus TP" equals TP/(TP+FP);
    brackets are dropped, reading a spoken "A over B plus C" as A/(B+C) the way people mean it.
    A hyphen is a minus only between spaces, so "F-beta" and "mini-batch" stay words.
    """
    spoken, origin = _symbolic(text)
    found: list[Formula] = []
    for match in _FORMULA.finditer(spoken):
        raw = re.sub(r"[\s()]", "", match.group(0).lower())
        if "-" in raw and not re.search(r"\s-\s", match.group(0)):
            continue
        operands = re.split(r"[-+*/]", raw)
        if len(operands) < 2 or not all(_SYMBOL.fullmatch(o) for o in operands):
            continue
        variables = frozenset(o for o in operands if not o[0].isdigit())
        if not variables:
            continue
        found.append(Formula(origin[match.start()], origin[match.end() - 1] + 1,
                             _canonical_formula(raw), variables))
    return found


def _canonical_formula(raw: str) -> str:
    """Numerator and denominator, each a sorted sum of sorted products."""
    parts = raw.split("/")
    return "/".join("+".join(sorted("*".join(sorted(t.split("*"))) for t in p.split("+")))
                    for p in parts)
