"""Catching misconceptions: pieces of an answer that state a red flag rather than a key point.

Embeddings see "L1 zeroes weights" and "L2 zeroes weights" as near twins, so similarity alone
would flag correct answers. A piece states a claim only when it (1) mentions the claim's subject,
(2) shares at least a third of the claim's other content words, (3) agrees with it in negation,
(4) is at least as close to it as to any key point, and (5) is close enough in absolute terms.
Such pieces earn no credit and the misconception is reported. The checks favour precision: telling
a candidate they stated a misconception they did not is worse than missing a paraphrased one.
"""

from __future__ import annotations

import numpy as np

from bot.scoring.evidence import piece_similarities
from bot.scoring.lexical import AnswerWords, alignment
from bot.scoring.prepared import PreparedRubric, is_negated
from bot.scoring.result import RedFlagHit
from bot.scoring.similarity import cosine_matrix

MIN_SIMILARITY = 0.6
MIN_SHARED_WORDS = 1 / 3


def find_misconceptions(prepared: PreparedRubric, pieces: list[str],
                        vectors: np.ndarray) -> tuple[list[RedFlagHit], np.ndarray]:
    """The red flags stated, and a mask of the pieces that state one."""
    wrong = np.zeros(len(pieces), dtype=bool)
    if not prepared.claims or not pieces:
        return [], wrong
    sims = cosine_matrix(vectors, prepared.claim_vectors) * _eligible(prepared, pieces)
    point_sims = np.max(
        np.column_stack([piece_similarities(kp, pieces, vectors) for kp in prepared.key_points]),
        axis=1,
    )
    hits: dict[int, RedFlagHit] = {}
    for i, piece in enumerate(pieces):
        j = int(np.argmax(sims[i]))
        similarity = float(sims[i, j])
        if similarity < MIN_SIMILARITY or similarity < point_sims[i]:
            continue
        wrong[i] = True
        index = prepared.claims[j].flag
        if index not in hits or hits[index].similarity < similarity:
            flag = prepared.rubric.red_flags[index]
            hits[index] = RedFlagHit(text=flag.text, explanation=flag.explanation,
                                     evidence=piece, similarity=round(similarity, 3))
    return [hits[k] for k in sorted(hits)], wrong


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
