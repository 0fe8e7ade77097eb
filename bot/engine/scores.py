"""Aggregates for the report: per round, per competency, and the topics that cost most points.

A question counts with its final grade (after blends and hint costs, or a reviewer's override);
a skipped question or an "I don't know" counts as zero, while a question cut short by the
candidate ending the interview does not count at all: the report says the interview ended
early instead.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field

from bot.engine.state import QuestionRecord
from bot.engine.tracks import Track
from bot.rubric.model import Strict
from bot.scoring.result import band_for

STUDY_MIN_LOSS = 20.0
"""A topic whose missed key points carry less than one band is not worth a study entry."""
STUDY_MAX_MISSED = 6


class ScoreLine(Strict):
    id: str
    title: str
    score: float | None
    band: int | None
    questions: int
    weight: float = 1.0


class TopicLoss(Strict):
    topic: str
    points_lost: float = Field(description="What its missed and wrong key points carried: the sum "
                               "over its questions of their share of the question (0-100), 100 "
                               "for a question passed on.")
    rubric_ids: list[str]
    questions: list[int] = Field(default_factory=list, description="Numbers of its questions in "
                                 "the report (1 for the first), to link them.")
    missed: list[str] = Field(description="Key points not made, costliest questions first.")
    wrong: list[str] = Field(default_factory=list, description="Key points stated wrongly.")
    skipped: list[int] = Field(default_factory=list, description="Numbers of its questions that "
                               "were skipped or passed on.")


def _line(key: str, title: str, scores: list[float], weight: float = 1.0) -> ScoreLine:
    if not scores:
        return ScoreLine(id=key, title=title, score=None, band=None, questions=0, weight=weight)
    mean = round(sum(scores) / len(scores), 1)
    return ScoreLine(id=key, title=title, score=mean, band=band_for(mean), questions=len(scores),
                     weight=weight)


def graded(records: list[QuestionRecord]) -> list[tuple[QuestionRecord, float]]:
    return [(r, g.score) for r in records if (g := r.final_grade) is not None]


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


def _content_loss(record: QuestionRecord) -> tuple[float, list[str], list[str]]:
    """(points the missed and wrong key points carry, missed texts, wrong texts)."""
    result = record.scored.result if record.scored else None
    if result is None:
        return 0.0, [], []
    total = sum(p.weight for p in result.key_points) or 1.0
    missed = [p for p in result.key_points if not p.met and p.status != "contradicted"]
    wrong = [p for p in result.key_points if p.status == "contradicted"]
    lost = sum(p.weight for p in missed + wrong) / total * 100
    if result.flags:  # a non-answer made none of its points
        lost = 100.0
    return lost, [p.text for p in missed], [p.text for p in wrong]


def study_topics(records: list[QuestionRecord]) -> list[TopicLoss]:
    """Topics ordered by what their missed and wrong key points cost, each naming the points and
    the questions; a topic whose points were all made (however the answer was said) is not one."""
    found: dict[str, dict[str, list]] = {}
    lost: dict[str, float] = defaultdict(float)
    for number, record in enumerate(records, start=1):
        if record.final_grade is None:
            continue
        if record.scored is None:
            loss, missed, wrong, skipped = 100.0, [], [], [number]
        else:
            loss, missed, wrong = _content_loss(record)
            skipped = []
        if not (missed or wrong or skipped):
            continue
        topic = record.asked.topic
        entry = found.setdefault(topic, {"rubric_ids": [], "questions": [], "missed": [],
                                         "wrong": [], "skipped": []})
        lost[topic] += loss
        entry["rubric_ids"].append(record.asked.rubric_id)
        entry["questions"].append(number)
        entry["missed"] += [m for m in missed if m not in entry["missed"]]
        entry["wrong"] += [w for w in wrong if w not in entry["wrong"]]
        entry["skipped"] += skipped
    topics = [TopicLoss(topic=t, points_lost=round(lost[t], 1), rubric_ids=e["rubric_ids"],
                        questions=e["questions"], missed=e["missed"][:STUDY_MAX_MISSED],
                        wrong=e["wrong"], skipped=e["skipped"])
              for t, e in found.items() if lost[t] >= STUDY_MIN_LOSS]
    return sorted(topics, key=lambda t: (-t.points_lost, t.topic))
