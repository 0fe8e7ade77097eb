"""Catching misconceptions: pieces of an answer that state a red flag rather than a key point.

Embeddings see "L1 zeroes weights" and "L2 zeroes weights" as near twins, so similarity alone
would flag correct answers. A piece states a claim only when it (1) mentions the claim's subject,
(2) shares at least a third of the claim's other content words, (3) agrees with it in negation,
(4) is at least as close to it as to any key point, and (5) is close enough in absolute terms.
Such pieces earn no credit and the misconception is reported. The checks favour precision: telling
a candidate they stated a misconception they did not is worse than missing a paraphrased one.

When the misconception names poles of the rubric's contrasts ("L2 ... exactly zero"), the reading
of discriminating words decides instead of conditions (2) and (4): the piece must assert the same
poles and none of the opposite ones, and a piece that states a key point correctly never states a
misconception.
"""

from __future__ import annotations

import numpy as np

from bot.scoring.contrast import PROPERTY, Span
from bot.scoring.evidence import piece_similarities
from bot.scoring.lexical import AnswerWords, alignment
from bot.scoring.prepared import PreparedRubric, is_negated
from bot.scoring.result import RedFlagHit
from bot.scoring.similarity import cosine_matrix
from bot.scoring.verdict import compatible

MIN_SIMILARITY = 0.6
MIN_SIMILARITY_READ = 0.55
"""Enough when the piece asserts exactly the misconception's discriminating words."""
MIN_SHARED_WORDS = 1 / 3


def find_misconceptions(prepared: PreparedRubric, pieces: list[str], vectors: np.ndarray,
                        spans: list[Span] | None = None,
                        stating: np.ndarray | None = None) -> tuple[list[RedFlagHit], np.ndarray]:
    """The red flags stated, and a mask of the pieces that state one."""
    wrong = np.zeros(len(pieces), dtype=bool)
    if not prepared.claims or not pieces:
        return [], wrong
    raw = cosine_matrix(vectors, prepared.claim_vectors)
    read, lenient = _read_eligibility(prepared, pieces, spans, stating)
    sims = raw * np.maximum(_eligible(prepared, pieces) * (read != 0), lenient)
    point_sims = np.max(
        np.column_stack([piece_similarities(kp, pieces, vectors) for kp in prepared.key_points]),
        axis=1,
    )
    hits: dict[int, RedFlagHit] = {}
    for i, piece in enumerate(pieces):
        j = int(np.argmax(sims[i]))
        similarity = float(sims[i, j])
        floor = MIN_SIMILARITY_READ if lenient[i, j] else MIN_SIMILARITY
        if similarity < floor or (not lenient[i, j] and similarity < point_sims[i]):
            continue
        wrong[i] = True
        index = prepared.claims[j].flag
        if index not in hits or hits[index].similarity < similarity:
            flag = prepared.rubric.red_flags[index]
            hits[index] = RedFlagHit(text=flag.text, explanation=flag.explanation,
                                     evidence=piece, similarity=round(similarity, 3))
    return [hits[k] for k in sorted(hits)], wrong


def _read_eligibility(prepared: PreparedRubric, pieces: list[str], spans: list[Span] | None,
                      stating: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Per piece and claim: 1/0 where the claim's signature allows/forbids it (2 = no reading),
    and 1 where the piece asserts exactly the claim's poles (similarity alone then decides).

    The language's general opposites ("more", "largest") are too common to stand in for a
    claim's own words: "you care more about precision" does not assert "precision is more
    important than recall"; only a rubric's or the notation's property can."""
    shape = (len(pieces), len(prepared.claims))
    allowed = np.full(shape, 2, dtype=np.int8)
    lenient = np.zeros(shape, dtype=np.float32)
    if spans is None:
        return allowed, lenient
    axes = prepared.reader.axes
    for i, span in enumerate(spans):
        states = stating is not None and bool(stating[i])
        negated = is_negated(span.text)
        for j, claim in enumerate(prepared.claims):
            if not claim.signature:
                allowed[i, j] = 0 if states else 2
                continue
            ok = not states and compatible(claim.signature, span, axes)
            allowed[i, j] = int(ok)
            lenient[i, j] = float(ok and claim.negated == negated and claim.wrong_side and any(
                a in span.signature and axes[a].kind == PROPERTY and axes[a].origin != "language"
                for a in claim.signature if a in axes))
    return allowed, lenient


def _eligible(prepared: PreparedRubric, pieces: list[str]) -> np.ndarray:
    """1 where a piece names a claim's subject, shares its words and its negation, else 0."""
    mask = np.zeros((len(pieces), len(prepared.claims)), dtype=np.float32)
    for i, piece in enumerate(pieces):
        words = AnswerWords.of(piece)
        negated = is_negated(piece)
        for j, claim in enumerate(prepared.claims):
            mask[i, j] = (claim.negated == negated and words.has_word(claim.subject)
                          and alignment(claim.words, words) >= MIN_SHARED_WORDS)
    return mask
