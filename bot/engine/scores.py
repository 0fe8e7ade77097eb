"""Aggregates for the report: per round, per competency, and the topics that cost most points.

A question counts with its final grade (after blends and hint costs); a skipped question or an
"I don't know" counts as zero, while a question cut short by the candidate ending the interview
does not count at all: the report says the interview ended early instead.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field

from bot.engine.state import QuestionRecord
from bot.engine.tracks import Track
from bot.rubric.model import Strict
from bot.scoring.result import band_for

STUDY_MIN_LOSS = 20.0
"""A topic that cost less than one band across the interview is not worth a study entry."""
STUDY_MAX_MISSED = 5


class ScoreLine(Strict):
    id: str
    title: str
    score: float | None
    band: int | None
    questions: int
    weight: float = 1.0


class TopicLoss(Strict):
    topic: str
    points_lost: float = Field(description="Sum over its questions of 100 minus the score.")
    rubric_ids: list[str]
    missed: list[str] = Field(description="Key points not made, heaviest questions first.")


def _line(key: str, title: str, scores: list[float], weight: float = 1.0) -> ScoreLine:
    if not scores:
        return ScoreLine(id=key, title=title, score=None, band=None, questions=0, weight=weight)
    mean = round(sum(scores) / len(scores), 1)
    return ScoreLine(id=key, title=title, score=mean, band=band_for(mean), questions=len(scores),
                     weight=weight)


def graded(records: list[QuestionRecord]) -> list[tuple[QuestionRecord, float]]:
    return [(r, r.grade.score) for r in records if r.grade is not None]


def round_scores(records: list[QuestionRecord], track: Track) -> list[ScoreLine]:
    """One line per scored round of the track, in track order, plus any round no longer in it."""
    by_round: dict[str, list[float]] = defaultdict(list)
    for record, score in graded(records):
        by_round[record.asked.round_id].append(score)
    lines = [_line(p.id, p.title, by_round.pop(p.id, []), p.weight)
             for p in track.rounds if p.questions]
    return lines + [_line(key, key, scores) for key, scores in by_round.items()]


def competency_scores(records: list[QuestionRecord]) -> list[ScoreLine]:
    """Mean grade of the questions listing each competency, best first."""
    by_competency: dict[str, list[float]] = defaultdict(list)
    for record, score in graded(records):
        for competency in record.asked.competencies:
            by_competency[competency].append(score)
    lines = [_line(c, c, s) for c, s in by_competency.items()]
    return sorted(lines, key=lambda line: (-(line.score or 0.0), line.id))


def study_topics(records: list[QuestionRecord]) -> list[TopicLoss]:
    """Topics ordered by the points they cost, with the key points that were missed."""
    lost: dict[str, float] = defaultdict(float)
    rubrics: dict[str, list[str]] = defaultdict(list)
    missed: dict[str, list[str]] = defaultdict(list)
    for record, score in sorted(graded(records), key=lambda pair: pair[1]):
        topic = record.asked.topic
        lost[topic] += 100.0 - score
        rubrics[topic].append(record.asked.rubric_id)
        result = record.scored.result if record.scored else None
        for point in (result.key_points if result else []):
            if not point.met and point.text not in missed[topic]:
                missed[topic].append(point.text)
    topics = [
        TopicLoss(topic=t, points_lost=round(loss, 1), rubric_ids=rubrics[t],
                  missed=missed[t][:STUDY_MAX_MISSED])
        for t, loss in lost.items() if loss >= STUDY_MIN_LOSS
    ]
    return sorted(topics, key=lambda t: (-t.points_lost, t.topic))
