"""Scoring one free-text answer against one rubric, with the reasons.

The answer is split into clauses and embedded in one batch; clauses that restate the question or
state a red flag earn no credit; every key point gets a fused coverage from its best evidence; the
weighted coverage is the score, then red flags and junk checks adjust it, each adjustment recorded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.lru import LRU
from bot.prompts import PromptBook
from bot.rubric.model import KeyPoint, Rubric
from bot.scoring import junk
from bot.scoring.contradictions import read_claims
from bot.scoring.contrast import ENTITY, REPLY, Axis, Mention, Span, leading_reply
from bot.scoring.embedder import Embedder
from bot.scoring.evidence import (
    AnswerView,
    KeyPointEvidence,
    key_point_evidence,
    piece_similarities,
)
from bot.scoring.feedback import write_feedback
from bot.scoring.fusion import DEFAULT_FUSION, TRACE, FusionModel
from bot.scoring.lexical import AnswerWords, content_words, tokens
from bot.scoring.misconceptions import find_misconceptions
from bot.scoring.prepared import PreparedRubric, prepare, rubric_texts
from bot.scoring.result import (
    Adjustment,
    Contradiction,
    KeyPointResult,
    RedFlagHit,
    ScoreResult,
    band_for,
)
from bot.scoring.segment import segment
from bot.scoring.similarity import cosine_matrix, passage_means
from bot.scoring.verdict import Judgement, Verdict

MET_COVERAGE = 0.6
PARTIAL_COVERAGE = 0.3
CONTRADICTION_PENALTY = 10.0
STATED_COVERAGE = 0.65
"""A clause naming every discriminating pole of a point, all correctly, has made the point."""
UNVOICED_COVERAGE = 0.55
"""The most a point with discriminating words earns when no credited clause says any of them:
sounding like the point ("it does well on training but worse on test") is not saying which side
of its contrast the answer takes ("both errors high is underfitting")."""
MAX_PENALISED_CONTRADICTIONS = 3
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
    contradictions: tuple[Contradiction, ...] = ()
    contradicted: frozenset[str] = frozenset()
    stated: frozenset[str] = frozenset()
    unvoiced: frozenset[str] = frozenset()


class Scorer:
    def __init__(self, embedder: Embedder, fusion: FusionModel = DEFAULT_FUSION,
                 prompts: PromptBook | None = None, prepared_cache_size: int = 2_000,
                 span_cache_size: int = 4_096) -> None:
        self.embedder = embedder
        self.fusion = fusion
        self.prompts = prompts or PromptBook()
        self._prepared: LRU[str, PreparedRubric] = LRU(prepared_cache_size)
        """Rubric versions prepared for scoring; bounded, as admins can add versions forever."""
        self._spans: LRU[str, np.ndarray] = LRU(span_cache_size)
        """Vectors of recent answer spans, served to a follow-up for what its question's earlier
        turns said. A follow-up is scored with every earlier answer to the question, so without
        it each turn re-encodes the spans of the turns before (two in five encoded spans in a
        whole interview). A span's vector does not depend on its batch (embedder.py), so a
        cached one is the vector a fresh encode would give.

        A new answer's own spans are always encoded, even when someone said the same words
        before: two candidates rarely type the same clause, and the speed benchmark, whose
        simulated candidates all give the same answers, then pays for every answer what a real
        candidate's costs."""

    def warm(self, rubrics: Iterable[Rubric]) -> int:
        """Embeds every rubric-side text in one batch (or reads it from the disk cache)."""
        rubrics = list(rubrics)
        self.embedder.embed_cached([t for r in rubrics for t in rubric_texts(r)])
        for rubric in rubrics:
            self.prepare(rubric)
        return len(rubrics)

    def prepare(self, rubric: Rubric) -> PreparedRubric:
        key = hashlib.sha256(rubric.model_dump_json().encode()).hexdigest()
        found = self._prepared.get(key)
        if found is None:
            found = prepare(rubric, self.embedder)
            self._prepared[key] = found
        return found

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        """Scores an answer, together with what was said earlier about the same question.

        A follow-up is judged for what it adds: its clauses join the earlier ones (a restatement
        adds nothing twice), and a junk check holds only when every turn is junk, so repeating
        part of a strong first answer cannot trip the repetition cap.
        """
        reading = self.read(rubric, answer, earlier)
        return self.judge(reading)

    def read(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> Reading:
        """Embeds the answer's spans once, reads each claim, and gathers every point's evidence."""
        prepared = self.prepare(rubric)
        turns = [*earlier, answer]
        answer = "\n".join(turns)
        pieces = [p.text for p in segment(answer)]
        flags = _turn_flags(turns, rubric.question)
        spans = _spans(prepared, pieces, answer)
        unique = [span.text for span in spans]
        told = "\n".join(earlier)
        vectors = self._span_vectors(unique, {t for t in unique if t in told} if told else set())
        copies = _question_copies(prepared, unique, vectors)
        sims = [piece_similarities(kp, unique, vectors).max(axis=1) if unique
                else np.zeros(0) for kp in prepared.key_points]
        claims = read_claims(prepared, spans, sims)
        red_hits, flagged = find_misconceptions(prepared, unique, vectors, spans, claims.stating)
        wrong = flagged | claims.wrong
        keep = ~(copies | wrong)
        views: dict[bytes, AnswerView] = {}
        evidence: list[KeyPointEvidence] = []
        for kp, unrelated in zip(prepared.key_points, claims.unrelated, strict=True):
            mask = keep & ~unrelated
            if mask.tobytes() not in views:
                kept = [p for p, k in zip(unique, mask, strict=True) if k]
                views[mask.tobytes()] = self._view(kept, vectors[mask], prepared.question_stems)
            evidence.append(key_point_evidence(kp, views[mask.tobytes()],
                                               prepared.question_stems))
        whole = keep.any()
        if unique and copies.all():
            flags.append("copies_question")
        if whole and not red_hits and not claims.contradictions and _off_topic(tuple(evidence)):
            flags.append("off_topic")
        content = content_words(answer, prepared.question_stems)
        if "dont_know" in flags and len(set(content)) > DONT_KNOW_MAX_CONTENT_WORDS:
            flags.remove("dont_know")
        words = tokens(answer)
        insufficient = (len(words) < MIN_WORDS_TO_JUDGE
                        or len(content_words(answer)) < MIN_CONTENT_WORDS_TO_JUDGE)
        unvoiced = _unvoiced(prepared, spans, keep, claims.unrelated)
        misstated = _misstated(prepared, red_hits, claims.judgements, keep)
        return Reading(prepared, tuple(evidence), tuple(red_hits), tuple(flags), insufficient,
                       float(flagged.mean()) if len(flagged) else 0.0, claims.contradictions,
                       claims.contradicted | misstated, claims.stated, unvoiced)

    def _span_vectors(self, texts: list[str], reusable: set[str]) -> np.ndarray:
        """The spans' vectors; those in `reusable` (said in an earlier turn) from the cache when
        they are still there."""
        if not texts:
            return self.embedder.embed([])
        found = {t: self._spans.get(t) if t in reusable else None for t in texts}
        missing = [t for t, v in found.items() if v is None]
        if missing:
            fresh = dict(zip(missing, self.embedder.embed(missing), strict=True))
            self._spans.update(fresh.items())
            found.update(fresh)
        return np.stack([found[t] for t in texts])

    def _view(self, pieces: list[str], vectors: np.ndarray, demoted: frozenset[str]) -> AnswerView:
        text = " ".join(pieces)
        content = tuple(dict.fromkeys(content_words(text, demoted)))
        return AnswerView(
            pieces=tuple(pieces),
            vectors=vectors,
            means=passage_means(pieces, vectors),
            words=AnswerWords.of(text),
            content=content,
            content_vectors=self.embedder.word_vectors(list(content)),
        )

    def judge(self, reading: Reading) -> ScoreResult:
        rubric = reading.prepared.rubric
        points = [kp.point for kp in reading.prepared.key_points]
        coverage = self.fusion.point_coverage(np.array([e.features() for e in reading.evidence]))
        wrong = {c.key_point: c for c in reading.contradictions}
        results = [
            _key_point_result(point, ev,
                              max(float(c), STATED_COVERAGE) if point.id in reading.stated
                              else min(float(c), UNVOICED_COVERAGE)
                              if point.id in reading.unvoiced else float(c), wrong.get(point.id),
                              point.id in reading.contradicted, bool(reading.flags))
            for point, ev, c in zip(points, reading.evidence, coverage,
                                    strict=True)
        ]
        total_weight = sum(p.weight for p in points)
        raw = 100.0 * sum(r.coverage * r.weight for r in results) / total_weight
        score, adjustments = _adjust(raw, reading, results)
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
            contradictions=list(reading.contradictions),
            flags=list(reading.flags),
            insufficient_evidence=reading.insufficient,
            adjustments=adjustments,
        )
        return result.model_copy(update={"feedback": write_feedback(result, self.prompts)})


def _spans(prepared: PreparedRubric, pieces: list[str], answer: str = "") -> list[Span]:
    """The answer's clauses, cut further where they move between contrasted entities.

    A short reply the answer opens with ("B. Because ...") is kept as a span of its own: the
    sentence splitter would otherwise take "B." for a list marker.
    """
    seen: dict[str, Span] = {}
    opening = re.match(r"\W*([A-Za-z0-9]+)", answer)
    replies = REPLY.id in prepared.reader.axes
    reply = leading_reply(opening.group(1)) if opening and replies else None
    if reply is not None and opening is not None:
        word = opening.group(1)
        seen[f"reply {word}"] = Span(word, {REPLY.id: frozenset({reply})},
                                     (Mention(0, REPLY.id, reply, word),))
    named: dict[str, Mention] = {}
    for piece in dict.fromkeys(pieces):
        for span in prepared.reader.read(piece) or []:
            span = _resolved(span, named, prepared.reader.axes)
            said = " ".join(tokens(span.text))
            if said and said not in seen:
                seen[said] = span
    return list(seen.values())


_PRONOUN = re.compile(r"^\W*(it|its|it's|they|their|they're|this|these)\b", re.I)


def _resolved(span: Span, named: dict[str, Mention], axes: Mapping[str, Axis]) -> Span:
    """A clause that opens on "it" or "they" and names no contrasted entity is about the one
    named last ("Deep learning needs a lot of data. It wins on tabular data" says the win is
    deep learning's). `named` keeps, per entity axis, the last clause's lone pole."""
    entity = {a for a in span.signature if a in axes and axes[a].kind == ENTITY}
    if entity:
        for axis in entity:
            poles = [m for m in span.mentions if m.axis == axis and not m.foil]
            if len(span.signature[axis]) == 1 and poles:
                named[axis] = poles[-1]
            else:
                named.pop(axis, None)
        return span
    opening = _PRONOUN.match(span.text)
    if opening is None or not named:
        return span
    signature = dict(span.signature)
    mentions = list(span.mentions)
    for axis, mention in named.items():
        signature[axis] = frozenset({mention.pole})
        mentions.append(Mention(0, axis, mention.pole, f"{opening.group(1)} ({mention.words})"))
    return Span(span.text, signature, tuple(mentions), span.keys)


def _off_topic(evidence: tuple[KeyPointEvidence, ...]) -> bool:
    return all(e.semantic < OFF_TOPIC_SIMILARITY and e.lexical < OFF_TOPIC_LEXICAL
               and e.alignment < OFF_TOPIC_ALIGNMENT for e in evidence)


def _question_copies(prepared: PreparedRubric, pieces: list[str],
                     vectors: np.ndarray) -> np.ndarray:
    """Pieces that restate the question and add no word of their own."""
    similar = cosine_matrix(vectors, prepared.question[None, :])[:, 0] >= QUESTION_COPY_SIMILARITY
    bare = np.array([not content_words(p, prepared.question_stems) for p in pieces], dtype=bool)
    return similar & bare if len(pieces) else np.zeros(0, dtype=bool)


def _turn_flags(turns: list[str], question: str) -> list[str]:
    """The junk flags every turn raises (one turn: its own flags)."""
    per_turn = [_text_flags(t, [p.text for p in segment(t)], question) for t in turns]
    return [f for f in per_turn[-1] if all(f in other for other in per_turn)]


def _text_flags(answer: str, pieces: list[str], question: str) -> list[str]:
    checks = [
        ("empty", junk.is_empty(answer)),
        ("dont_know", junk.is_dont_know(answer)),
        ("keyword_list", junk.is_keyword_list(answer, question)),
        ("gibberish", junk.is_gibberish(answer)),
        ("repetition", len(pieces) >= 3 and junk.repetition_share(pieces) >= REPETITION_SHARE),
    ]
    return [name for name, hit in checks if hit]


def _adjust(raw: float, reading: Reading,
            results: list[KeyPointResult]) -> tuple[float, list[Adjustment]]:
    score = raw
    adjustments: list[Adjustment] = []
    stated_wrongly = [r for r in results if r.contradiction is not None]
    wrong = [r for r in results if r.status == "contradicted"]
    if stated_wrongly:
        count = len(stated_wrongly)
        penalty = CONTRADICTION_PENALTY * min(MAX_PENALISED_CONTRADICTIONS, count)
        score -= penalty
        adjustments.append(Adjustment(reason=f"{count} key point(s) stated wrongly",
                                      effect=f"-{penalty:g}"))
    right = sum(r.weight for r in results if r.met)
    if wrong and sum(r.weight for r in wrong) >= right and score > WRONG_ANSWER_CAP:
        score = WRONG_ANSWER_CAP
        adjustments.append(Adjustment(reason="mostly stated wrongly",
                                      effect=f"capped at {WRONG_ANSWER_CAP:g}"))
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


def _misstated(prepared: PreparedRubric, red_hits: Sequence[RedFlagHit],
               judgements: Sequence[Sequence[Judgement]], keep: np.ndarray) -> frozenset[str]:
    """Points that a stated misconception contradicts (its `contradicts`) and that no credited
    span states by the point's own discriminating words (an axis on which the point takes sides,
    not one whose every pole it names): the candidate got that point wrong, so it earns nothing,
    as a point contradicted on a contrast does. Without this the rest of a fluent wrong answer,
    close in topic, kept covering the very point it had wrong."""
    said = {hit.text for hit in red_hits}
    targets = {flag.contradicts for flag in prepared.rubric.red_flags
               if flag.text in said and flag.contradicts}
    axes = prepared.reader.axes
    found: set[str] = set()
    for kp, row in zip(prepared.key_points, judgements, strict=True):
        if kp.point.id not in targets:
            continue
        deciding = {a for a, poles in kp.signature.items()
                    if a not in axes or not axes[a].poles or poles < set(axes[a].poles)}
        if not any(
                keep[i] and j.verdict == Verdict.states and j.axis in deciding
                for i, j in enumerate(row)):
            found.add(kp.point.id)
    return frozenset(found)


def _unvoiced(prepared: PreparedRubric, spans: Sequence[Span], keep: np.ndarray,
              unrelated: Sequence[np.ndarray]) -> frozenset[str]:
    """Points with a pole on a rubric's own contrast that no credited span names."""
    axes = prepared.reader.axes
    found: set[str] = set()
    for kp, off in zip(prepared.key_points, unrelated, strict=True):
        own = {a: poles for a, poles in kp.signature.items()
               if a in axes and axes[a].origin == "rubric"}
        if own and not any(
                keep[i] and not off[i] and any(not span.signature.get(a, frozenset()).isdisjoint(p)
                                               for a, p in own.items())
                for i, span in enumerate(spans)):
            found.add(kp.point.id)
    return frozenset(found)


def _key_point_result(point: KeyPoint, ev: KeyPointEvidence, cov: float,
                      wrong: Contradiction | None, only_wrongly: bool,
                      junk_answer: bool) -> KeyPointResult:
    """A point stated only wrongly earns nothing; nothing is "met" in an answer treated as junk."""
    if only_wrongly:
        cov, status = 0.0, "contradicted"
    elif cov >= MET_COVERAGE and not junk_answer:
        status = "met"
    elif cov >= PARTIAL_COVERAGE and not junk_answer:
        status = "partial"
    else:
        status = "missing"
    return KeyPointResult(
        id=point.id,
        text=point.text,
        weight=point.weight,
        coverage=round(cov, 3),
        met=status == "met",
        status=status,
        contradiction=wrong,
        evidence=(wrong.evidence if only_wrongly and wrong
                  else ev.evidence if cov > TRACE else None),
        semantic=round(ev.semantic, 3),
        alignment=round(ev.alignment, 3),
        lexical=round(ev.lexical, 3),
        keywords_hit=list(ev.keywords_hit),
        follow_up=point.follow_up,
    )
