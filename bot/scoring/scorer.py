"""Scoring one free-text answer against one rubric, with the reasons.

The answer is split into clauses and embedded in one batch; clauses that restate the question or
state a red flag earn no credit; every key point gets a fused coverage from its best evidence; the
weighted coverage is the score, then red flags and junk checks adjust it, each adjustment recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bot.prompts import PromptBook
from bot.rubric.model import KeyPoint, Rubric
from bot.scoring import junk
from bot.scoring.embedder import Embedder
from bot.scoring.evidence import AnswerView, KeyPointEvidence, key_point_evidence
from bot.scoring.feedback import write_feedback
from bot.scoring.fusion import DEFAULT_FUSION, FusionModel
from bot.scoring.lexical import AnswerWords, content_words, tokens
from bot.scoring.misconceptions import find_misconceptions
from bot.scoring.prepared import PreparedRubric, prepare, rubric_texts
from bot.scoring.result import Adjustment, KeyPointResult, RedFlagHit, ScoreResult, band_for
from bot.scoring.segment import segment
from bot.scoring.similarity import cosine_matrix, mean_direction

MET_COVERAGE = 0.5
QUESTION_COPY_SIMILARITY = 0.9
RED_FLAG_PENALTY = 15.0
WRONG_ANSWER_CAP = 39.0
JUNK_CAP = 19.0
OFF_TOPIC_SIMILARITY = 0.2
OFF_TOPIC_LEXICAL = 0.2
OFF_TOPIC_ALIGNMENT = 0.35
REPETITION_SHARE = 0.5
DONT_KNOW_MAX_CONTENT_WORDS = 6
MIN_WORDS_TO_JUDGE = 4
MIN_CONTENT_WORDS_TO_JUDGE = 2


@dataclass(frozen=True)
class Reading:
    """An answer read against a rubric: which pieces count, and what they say about each point."""

    prepared: PreparedRubric
    evidence: tuple[KeyPointEvidence, ...]
    red_flags: tuple[RedFlagHit, ...]
    flags: tuple[str, ...]
    insufficient: bool
    flagged_share: float


class Scorer:
    def __init__(self, embedder: Embedder, fusion: FusionModel = DEFAULT_FUSION,
                 prompts: PromptBook | None = None) -> None:
        self.embedder = embedder
        self.fusion = fusion
        self.prompts = prompts or PromptBook()
        self._prepared: dict[str, PreparedRubric] = {}

    def warm(self, rubrics: Iterable[Rubric]) -> int:
        """Embeds every rubric-side text in one batch (or reads it from the disk cache)."""
        rubrics = list(rubrics)
        self.embedder.embed_cached([t for r in rubrics for t in rubric_texts(r)])
        for rubric in rubrics:
            self.prepare(rubric)
        return len(rubrics)

    def prepare(self, rubric: Rubric) -> PreparedRubric:
        key = hashlib.sha256(rubric.model_dump_json().encode()).hexdigest()
        if key not in self._prepared:
            self._prepared[key] = prepare(rubric, self.embedder)
        return self._prepared[key]

    def score(self, rubric: Rubric, answer: str) -> ScoreResult:
        reading = self.read(rubric, answer)
        return self.judge(reading)

    def read(self, rubric: Rubric, answer: str) -> Reading:
        """Embeds the answer's pieces once and gathers the evidence for every key point."""
        prepared = self.prepare(rubric)
        pieces = [p.text for p in segment(answer)]
        flags = _text_flags(answer, pieces, rubric.question)
        unique = list(dict.fromkeys(pieces))
        vectors = self.embedder.embed(unique)
        copies = _question_copies(prepared, unique, vectors)
        red_hits, wrong = find_misconceptions(prepared, unique, vectors)
        keep = ~(copies | wrong)
        kept = [p for p, k in zip(unique, keep, strict=True) if k]
        view = self._view(kept, vectors[keep], prepared.question_stems)
        evidence = tuple(key_point_evidence(kp, view, prepared.question_stems)
                         for kp in prepared.key_points)
        if unique and copies.all():
            flags.append("copies_question")
        if kept and not red_hits and _off_topic(evidence):
            flags.append("off_topic")
        if "dont_know" in flags and len(view.content) > DONT_KNOW_MAX_CONTENT_WORDS:
            flags.remove("dont_know")
        words = tokens(answer)
        insufficient = (len(words) < MIN_WORDS_TO_JUDGE
                        or len(content_words(answer)) < MIN_CONTENT_WORDS_TO_JUDGE)
        return Reading(prepared, evidence, tuple(red_hits), tuple(flags), insufficient,
                       float(wrong.mean()) if len(wrong) else 0.0)

    def _view(self, pieces: list[str], vectors: np.ndarray, demoted: frozenset[str]) -> AnswerView:
        text = " ".join(pieces)
        content = tuple(dict.fromkeys(content_words(text, demoted)))
        return AnswerView(
            pieces=tuple(pieces),
            vectors=vectors,
            mean=mean_direction(vectors) if len(pieces) else np.zeros(1, dtype=np.float32),
            words=AnswerWords.of(text),
            content=content,
            content_vectors=self.embedder.word_vectors(list(content)),
        )

    def judge(self, reading: Reading) -> ScoreResult:
        rubric = reading.prepared.rubric
        points = [kp.point for kp in reading.prepared.key_points]
        grades = self.fusion.grade(np.array([e.features() for e in reading.evidence]))
        results = [
            _key_point_result(point, ev, float(c))
            for point, ev, c in zip(points, reading.evidence, self.fusion.coverage(grades),
                                    strict=True)
        ]
        total_weight = sum(p.weight for p in points)
        raw = 100.0 * sum(r.coverage * r.weight for r in results) / total_weight
        score, adjustments = _adjust(raw, reading)
        if reading.insufficient:
            adjustments.append(Adjustment(reason="too little to judge precisely",
                                          effect="score is indicative only"))
        missing = sorted((r for r in results if not r.met), key=lambda r: -r.weight)
        result = ScoreResult(
            rubric_id=rubric.id,
            rubric_version=rubric.version,
            score=round(score, 1),
            band=band_for(score),
            key_points=results,
            missing=[r.id for r in missing],
            red_flags=list(reading.red_flags),
            flags=list(reading.flags),
            insufficient_evidence=reading.insufficient,
            adjustments=adjustments,
        )
        return result.model_copy(update={"feedback": write_feedback(result, self.prompts)})


def _off_topic(evidence: tuple[KeyPointEvidence, ...]) -> bool:
    return all(e.semantic < OFF_TOPIC_SIMILARITY and e.lexical < OFF_TOPIC_LEXICAL
               and e.alignment < OFF_TOPIC_ALIGNMENT for e in evidence)


def _question_copies(prepared: PreparedRubric, pieces: list[str],
                     vectors: np.ndarray) -> np.ndarray:
    """Pieces that restate the question and add no word of their own."""
    similar = cosine_matrix(vectors, prepared.question[None, :])[:, 0] >= QUESTION_COPY_SIMILARITY
    bare = np.array([not content_words(p, prepared.question_stems) for p in pieces], dtype=bool)
    return similar & bare if len(pieces) else np.zeros(0, dtype=bool)


def _text_flags(answer: str, pieces: list[str], question: str) -> list[str]:
    checks = [
        ("empty", junk.is_empty(answer)),
        ("dont_know", junk.is_dont_know(answer)),
        ("keyword_list", junk.is_keyword_list(answer, question)),
        ("gibberish", junk.is_gibberish(answer)),
        ("repetition", len(pieces) >= 3 and junk.repetition_share(pieces) >= REPETITION_SHARE),
    ]
    return [name for name, hit in checks if hit]


def _adjust(raw: float, reading: Reading) -> tuple[float, list[Adjustment]]:
    score = raw
    adjustments: list[Adjustment] = []
    if reading.red_flags:
        penalty = RED_FLAG_PENALTY * min(2, len(reading.red_flags))
        score -= penalty
        adjustments.append(Adjustment(reason=f"{len(reading.red_flags)} misconception(s) stated",
                                      effect=f"-{penalty:g}"))
        if reading.flagged_share >= 0.5 and score > WRONG_ANSWER_CAP:
            score = WRONG_ANSWER_CAP
            adjustments.append(Adjustment(reason="mostly misconceptions",
                                          effect=f"capped at {WRONG_ANSWER_CAP:g}"))
    if reading.flags and score > JUNK_CAP:
        score = JUNK_CAP
        adjustments.append(Adjustment(reason=", ".join(reading.flags),
                                      effect=f"capped at {JUNK_CAP:g}"))
    return max(0.0, min(100.0, score)), adjustments


def _key_point_result(point: KeyPoint, ev: KeyPointEvidence, cov: float) -> KeyPointResult:
    return KeyPointResult(
        id=point.id,
        text=point.text,
        weight=point.weight,
        coverage=round(cov, 3),
        met=cov >= MET_COVERAGE,
        evidence=ev.evidence if cov > 0 else None,
        semantic=round(ev.semantic, 3),
        alignment=round(ev.alignment, 3),
        lexical=round(ev.lexical, 3),
        keywords_hit=list(ev.keywords_hit),
        follow_up=point.follow_up,
    )
