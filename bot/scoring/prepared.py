"""Everything about a rubric that scoring needs, computed once per model and rubric version.

Rubric-side embeddings come from the embedder's cache, so preparing a whole bank after a restart
reads vectors from disk instead of running the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.rubric.model import KeyPoint, Rubric
from bot.scoring.embedder import Embedder
from bot.scoring.lexical import content_words, question_stems, stem
from bot.scoring.segment import clauses


@dataclass(frozen=True)
class PreparedKeyPoint:
    point: KeyPoint
    variants: np.ndarray
    """Embeddings of the point's text and paraphrases (one row each)."""
    variant_words: tuple[tuple[str, ...], ...]
    """Content words of each variant, question words removed."""
    word_vectors: tuple[np.ndarray, ...]
    negated: tuple[bool, ...]
    subjects: tuple[str | None, ...]
    """A variant's leading acronym (L1, BFS, GRU...): the names candidates swap."""


@dataclass(frozen=True)
class Claim:
    """One clause of a misconception: 'L2 drives weights to exactly zero' of a swapped pair."""

    flag: int
    text: str
    subject: str
    """The clause's first content word: a piece must mention it to state the claim."""
    negated: bool
    words: tuple[str, ...]
    """The claim's other content words: a piece must share some of them."""


@dataclass(frozen=True)
class PreparedRubric:
    rubric: Rubric
    key_points: tuple[PreparedKeyPoint, ...]
    claims: tuple[Claim, ...]
    claim_vectors: np.ndarray
    question: np.ndarray
    question_stems: frozenset[str]


NEGATIONS = frozenset({"not", "no", "never", "without", "cannot", "neither", "nor", "none"})


_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z]*\d+[A-Za-z]*|[A-Z]{2,5}s?)$")


def acronym_subject(text: str) -> str | None:
    """The first word when it is a short name like L1, F1, BFS or LSTMs, lowercased."""
    first = text.split()[0].strip(",.:;()") if text.split() else ""
    if not _ACRONYM.match(first):
        return None
    plural = first.endswith("s") and first[:-1].isupper()
    return (first[:-1] if plural else first).lower()


def is_negated(text: str) -> bool:
    lowered = text.lower()
    return "n't" in lowered or any(w in NEGATIONS for w in lowered.replace(",", " ").split())


def claims_of(rubric: Rubric) -> list[Claim]:
    """Each misconception whole and, when it joins two claims, each clause on its own."""
    found: list[Claim] = []
    for index, flag in enumerate(rubric.red_flags):
        parts = clauses(flag.text)
        for text in dict.fromkeys([flag.text, *parts] if len(parts) > 1 else [flag.text]):
            words = content_words(text)
            if words:
                rest = tuple(dict.fromkeys(w for w in words[1:] if w != words[0]))
                found.append(Claim(index, text, stem(words[0]), is_negated(text), rest))
    return found


def prepare(rubric: Rubric, embedder: Embedder) -> PreparedRubric:
    demoted = question_stems(rubric.question)
    points = rubric.effective_key_points()
    claims = claims_of(rubric)
    texts: list[str] = [rubric.question]
    texts += [claim.text for claim in claims]
    for point in points:
        texts += [point.text, *point.paraphrases]
    vectors = embedder.embed_cached(texts)
    question, rest = vectors[0], vectors[1:]
    claim_vectors, rest = rest[: len(claims)], rest[len(claims) :]
    prepared: list[PreparedKeyPoint] = []
    for point in points:
        variant_texts = [point.text, *point.paraphrases]
        count = len(variant_texts)
        words = tuple(tuple(dict.fromkeys(content_words(t, demoted))) for t in variant_texts)
        prepared.append(
            PreparedKeyPoint(
                point=point,
                variants=rest[:count],
                variant_words=words,
                word_vectors=tuple(embedder.word_vectors(list(w)) for w in words),
                negated=tuple(is_negated(t) for t in variant_texts),
                subjects=tuple(acronym_subject(t) or acronym_subject(point.text)
                               for t in variant_texts),
            )
        )
        rest = rest[count:]
    return PreparedRubric(
        rubric=rubric,
        key_points=tuple(prepared),
        claims=tuple(claims),
        claim_vectors=claim_vectors,
        question=question,
        question_stems=demoted,
    )


def rubric_texts(rubric: Rubric) -> list[str]:
    """Every rubric-side text that gets embedded, for warming the cache in one batch."""
    texts = [rubric.question, *(claim.text for claim in claims_of(rubric))]
    for point in rubric.effective_key_points():
        texts += [point.text, *point.paraphrases]
    return texts


