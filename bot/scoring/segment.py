"""Splitting an answer into the pieces that evidence is looked for in.

Candidates write run-on sentences, bullet lists and half-sentences; a key point is usually made in
one clause, so matching clause by clause finds the evidence that a whole-answer embedding blurs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-*•·–—>]+|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx|resp|dr|mr|ms|fig|eq)\.", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Za-z0-9])")
_CLAUSE_BREAK = re.compile(
    r"\s*;\s*|(?<!\ba)\s+(?:while|whereas|but|however|although|though)\s+"
    r"|,\s+(?:and|so|which|whereas|but)\s+",
    re.I,
)
_PLACEHOLDER = "\u2063"
MIN_CLAUSE_WORDS = 3
SPLIT_SENTENCES_LONGER_THAN = 10


@dataclass(frozen=True)
class Piece:
    """A clause of the answer, with the sentence it came from."""

    text: str
    sentence: int


def sentences(answer: str) -> list[str]:
    """Sentences of an answer; each bullet or line is a sentence of its own."""
    found: list[str] = []
    for line in answer.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", _PLACEHOLDER), line)
        for part in _SENTENCE_END.split(protected):
            part = part.replace(_PLACEHOLDER, ".").strip()
            if re.search(r"\w", part):
                found.append(part)
    return found


def clauses(sentence: str) -> list[str]:
    """A long sentence split at contrast and list joints; short fragments stay attached."""
    if len(sentence.split()) <= SPLIT_SENTENCES_LONGER_THAN:
        return [sentence]
    parts = [p.strip(" ,") for p in _CLAUSE_BREAK.split(sentence) if p and p.strip(" ,")]
    merged: list[str] = []
    for part in parts:
        if merged and len(part.split()) < MIN_CLAUSE_WORDS:
            merged[-1] = f"{merged[-1]} {part}"
        elif merged and len(merged[-1].split()) < MIN_CLAUSE_WORDS:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged or [sentence]


def segment(answer: str) -> list[Piece]:
    pieces: list[Piece] = []
    for index, sentence in enumerate(sentences(answer)):
        pieces.extend(Piece(text=c, sentence=index) for c in clauses(sentence))
    return pieces
