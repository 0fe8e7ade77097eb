"""Everything about a rubric that scoring needs, computed once per model and rubric version.

Rubric-side embeddings come from the embedder's cache, so preparing a whole bank after a restart
reads vectors from disk instead of running the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from bot.rubric.model import KeyPoint, Rubric
from bot.scoring.alternatives import question_alternatives
from bot.scoring.contrast import (
    COMPLEXITY,
    ENTITY,
    FORMULA,
    PROPERTY,
    REPLY,
    Axis,
    Reader,
    key,
    leading_reply,
    term_keys,
)
from bot.scoring.embedder import Embedder
from bot.scoring.lexical import STOPWORDS, content_words, question_stems, stem
from bot.scoring.notation import complexities, formulas
from bot.scoring.polarity import COMPASS, POLARITIES
from bot.scoring.segment import clauses
from bot.scoring.verdict import Signature


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
    signature: Signature = field(default_factory=dict)
    """The pole of each contrast the point states (authored `about`, else read from its text)."""
    topic: frozenset[str] = frozenset()
    """Content-word keys of the point beyond its contrast words: what it is said of."""
    keys: frozenset[str] = frozenset()
    """Content-word keys of the point's text."""
    parts: tuple[tuple[Signature, frozenset[str]], ...] = ()
    """The signature and keys of each claim in the point's text, when it makes several
    ("shadows point east because the Sun is in the west"), so a clause is held to the claim
    it talks about."""
    contexts: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per axis, the words the point's poles are said of ("pitch" in "the pitch is lower")."""


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
    signature: Signature = field(default_factory=dict)
    wrong_side: bool = True
    """The claim takes the other side from the point it contradicts (`takes_other_side`)."""


@dataclass(frozen=True)
class PreparedRubric:
    rubric: Rubric
    key_points: tuple[PreparedKeyPoint, ...]
    claims: tuple[Claim, ...]
    claim_vectors: np.ndarray
    question: np.ndarray
    question_stems: frozenset[str]
    reader: Reader = field(default_factory=lambda: Reader([]))


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


ZERO = frozenset({"0", "zero"})
COMPARATIVES = frozenset({"more", "less", "fewer", "later", "earlier", "longer"})
CANCELLING = frozenset({"if", "unless", "when", "whenever", "without"})
"""Words of a condition, in which two negations cancel out."""
DETERMINERS = frozenset({"no", "without", "none", "neither", "nor"})
"""Negations of a thing rather than of the verb: they deny only what they name."""
CORRECTED_REACH = 2
"""Words after a corrective "not" ("higher, not lower") that it denies."""
_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def denies(text: str, point_keys: frozenset[str], point_text: str) -> bool:
    """Whether a text negates what a point says, not merely contains a negation.

    Some negations deny something other than the point: the second half of a correction, "not"
    right after the word it corrects ("the pitch is higher, not lower", "precision not
    recall"), which denies only the words it goes on to name; "no" as a quantity ("the boat
    with no marbles") where the point says zero of the same thing ("0 marbles"); and the
    idioms "no more than", "not only"; and "no", "without" before words the point does not say
    ("when it is clear and no material is on the bottom"). Two negations in a condition cancel
    out: "if you do not change one variable at a time it is not controlled", "it is not a fruit
    unless it has seeds", "without vibration there would be no sound" all state the point.
    """
    words = _WORDS.findall(text.lower())
    zero = not ZERO.isdisjoint(_WORDS.findall(point_text.lower()))
    count = sum(_denial(words, i, point_keys, zero) for i in range(len(words)))
    if count and "unless" in words:
        count += 1
    if count >= 2 and count % 2 == 0 and not CANCELLING.isdisjoint(words):
        return False
    return count > 0


def _denial(words: list[str], i: int, point_keys: frozenset[str], zero: bool) -> bool:
    """Whether words[i] is a negation that denies something the point says."""
    word = words[i]
    if word.endswith("n't") or word == "cannot":
        return True
    if word not in NEGATIONS:
        return False
    after = words[i + 1:i + 3]
    scope = {key(w) for w in words[i + 1:i + 1 + CORRECTED_REACH] if w not in STOPWORDS}
    if word == "no" and (zero or (after[:1] and after[0] in COMPARATIVES
                                  and after[1:] == ["than"])):
        return False
    if word == "not" and after[:1] and after[0] in ("only", "just"):
        return False
    if word in DETERMINERS and scope and scope.isdisjoint(point_keys):
        return False  # "no material is on the bottom" denies no word of "all clear"
    before = words[i - 1] if i else ""
    corrects = word == "not" and before and before not in STOPWORDS and before not in NEGATIONS
    return not (corrects and scope and scope.isdisjoint(point_keys))


_PRONOUN_OPENING = re.compile(r"^(?:it|it's|its|they|they're|this|that|these|those|which)\b",
                              re.I)
"""A clause opening on a pronoun ("it's basically the same thing as k-means") lost its subject
in the cut: on its own it would match any answer naming its object ("init from k-means")."""


def claims_of(rubric: Rubric, reader: Reader | None = None) -> list[Claim]:
    """Each misconception whole or, when it joins several claims, each claim on its own.

    With a reader, a misconception that names several entities ("L2 zeroes weights while L1
    only shrinks them") is read as its separate claims, never as one bag of poles, and a claim
    that lost its subject in the cut ("so it has the same problem") is dropped.
    """
    found: list[Claim] = []
    for index, flag in enumerate(rubric.red_flags):
        parts = clauses(flag.text)
        texts = list(dict.fromkeys([flag.text, *parts] if len(parts) > 1 else [flag.text]))
        if reader is not None:
            spans = reader.read(flag.text)
            named = any(_has_entity(reader, s.signature) for s in spans)
            if len(spans) > 1:
                texts = [s.text for s in spans
                         if not named or _has_entity(reader, s.signature)]
            elif named:
                # "MSE is in the target's units, so it's the easiest to explain": the clause
                # "it's the easiest to explain" alone names nothing and would match any answer.
                texts = [t for t in texts if t == flag.text
                         or _has_entity(reader, reader.signature(t))]
        if len(texts) > 1:
            texts = [t for t in texts if t == flag.text or not _PRONOUN_OPENING.match(t)]
        for text in texts:
            words = content_words(text)
            if words:
                rest = tuple(dict.fromkeys(w for w in words[1:] if w != words[0]))
                signature = reader.signature(text) if reader is not None else {}
                found.append(Claim(index, text, stem(words[0]), is_negated(text), rest,
                                   signature))
    return found


def _has_entity(reader: Reader, signature: Signature) -> bool:
    return any(a in reader.axes and reader.axes[a].kind == ENTITY for a in signature)


def axes_of(rubric: Rubric) -> list[Axis]:
    """The rubric's own contrasts, the question's alternatives, and the opposites that matter.

    Language opposites and complexity classes join only when the rubric's key points or reference
    use them, so an answer is held to the distinctions its question is about.
    """
    axes = [Axis.of(c.id, c.kind.value, c.poles) for c in rubric.contrasts]
    authored = {keys for a in axes for keys, _ in a.terms}
    for axis in question_alternatives(rubric.question):
        if not any(keys in authored for keys, _ in axis.terms):
            axes.append(axis)
    named = {keys for a in axes for keys, _ in a.terms}
    texts = [rubric.reference_answer, *(kp.text for kp in rubric.effective_key_points())]
    words = {tuple(term_keys(t)) for t in texts}
    flat = " ".join(" ".join(w) for w in words)
    for axis_id, *poles in (*POLARITIES, COMPASS):
        axis = Axis.of(f"language-{axis_id}", PROPERTY,
                       {f"{axis_id}-{i}": list(p) for i, p in enumerate(poles)}, origin="language")
        terms = [keys for keys, _ in axis.terms if keys not in named]
        if any(f" {' '.join(k)} " in f" {flat} " for k in terms):
            axes.append(Axis(axis.id, axis.kind, axis.poles,
                             tuple(t for t in axis.terms if t[0] not in named), axis.origin))
    if any(complexities(t) for t in texts):
        axes.append(COMPLEXITY)
    if any(formulas(t) for t in texts):
        axes.append(FORMULA)
    if opens_with_reply(rubric.reference_answer):
        axes.append(REPLY)
    return axes


def opens_with_reply(text: str) -> bool:
    """A reference that opens with yes/no, or with a short reply such as "40 meters." or "C."."""
    opening = re.split(r"(?<=[.!?])\s+", text.strip())[0]
    words = re.findall(r"[A-Za-z0-9.]+", opening)
    if not words:
        return False
    reply = leading_reply(words[0].rstrip(".,"))
    return reply is not None and (reply in ("yes", "no") or len(words) <= 3)


@dataclass(frozen=True)
class PointReading:
    """Everything the reader says about a key point's text, read once."""

    signature: Signature
    parts: tuple[tuple[Signature, frozenset[str]], ...]
    contexts: dict[str, frozenset[str]]
    keys: frozenset[str]


def read_point(point: KeyPoint, reader: Reader) -> PointReading:
    """The point's poles (its authored `about` winning), its claims when it makes several, what
    each axis is said of, and its content-word keys, all from one reading of its text."""
    spans = reader.read(point.text)
    signature: dict[str, frozenset[str]] = {}
    contexts: dict[str, frozenset[str]] = {}
    for span in spans:
        for axis, poles in span.signature.items():
            signature[axis] = signature.get(axis, frozenset()) | poles
            contexts[axis] = contexts.get(axis, frozenset()) | span.context(axis)
    signature.update({axis: frozenset(poles) for axis, poles in point.about.items()})
    claiming = [s for s in spans if s.signature]
    parts = (() if point.about or len(claiming) < 2
             else tuple((dict(s.signature), s.keys) for s in claiming))
    keys = frozenset().union(*(s.keys for s in spans))
    return PointReading(signature, parts, contexts, keys)


def point_signature(point: KeyPoint, reader: Reader) -> dict[str, frozenset[str]]:
    return dict(read_point(point, reader).signature)


def point_topic(point: KeyPoint, axes: list[Axis]) -> frozenset[str]:
    axis_words = {k for a in axes for keys, _ in a.terms for k in keys}
    words = [w for text in (point.text, *point.paraphrases) for w in content_words(text)]
    return frozenset(key(w) for w in words) - axis_words


def takes_other_side(rubric: Rubric, claim: Claim, points: Sequence[PreparedKeyPoint],
                     axes: Sequence[Axis]) -> bool:
    """The claim takes the other side from the point it contradicts on some property the reading
    checks (L2 "exactly zero" against the point's "shrinks"). Only then does asserting the
    claim's poles let similarity alone decide: "NaN losses can only be caused by the learning
    rate" has its wrongness in words no contrast reads, and its one pole, a diverging loss, is
    what a correct answer about NaNs names too. A misconception that names no point is taken as
    it is. A property of the rubric, so worked out once, when it is prepared."""
    target = rubric.red_flags[claim.flag].contradicts
    point = next((kp for kp in points if kp.point.id == target), None)
    if point is None:
        return True
    kinds = {a.id: a.kind for a in axes}
    return any(kinds.get(a) == PROPERTY and a in point.signature
               and claim.signature[a].isdisjoint(point.signature[a]) for a in claim.signature)


def prepare(rubric: Rubric, embedder: Embedder) -> PreparedRubric:
    demoted = question_stems(rubric.question)
    points = rubric.effective_key_points()
    axes = axes_of(rubric)
    reader = Reader(axes)
    claims = claims_of(rubric, reader)
    texts: list[str] = [rubric.question]
    texts += [claim.text for claim in claims]
    for point in points:
        texts += [point.text, *point.paraphrases]
    vectors = embedder.embed_cached(texts)
    question, rest = vectors[0], vectors[1:]
    claim_vectors, rest = rest[: len(claims)], rest[len(claims) :]
    prepared: list[PreparedKeyPoint] = []
    for point in points:
        reading = read_point(point, reader)
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
                signature=reading.signature,
                topic=point_topic(point, axes),
                contexts=reading.contexts,
                keys=reading.keys,
                parts=reading.parts,
            )
        )
        rest = rest[count:]
    claims = [replace(c, wrong_side=takes_other_side(rubric, c, prepared, axes)) for c in claims]
    return PreparedRubric(
        rubric=rubric,
        key_points=tuple(prepared),
        claims=tuple(claims),
        claim_vectors=claim_vectors,
        question=question,
        question_stems=demoted,
        reader=reader,
    )


def rubric_texts(rubric: Rubric) -> list[str]:
    """Every rubric-side text that gets embedded, for warming the cache in one batch."""
    texts = [rubric.question, *(claim.text for claim in claims_of(rubric, Reader(axes_of(rubric))))]
    for point in rubric.effective_key_points():
        texts += [point.text, *point.paraphrases]
    return texts


