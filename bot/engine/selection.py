"""Choosing the next question: adaptive difficulty, balanced and steered topics, no repeats.

The rules, in order of precedence, for question `i` of a round:

1. Only rubrics of the round's pool `i % len(pools)` that were not asked in this interview (if that
   pool is used up, any pool of the round; if all are, the round ends early).
2. Rubrics from the candidate's earlier interviews (`avoid`) only when nothing else is left.
3. The difficulty nearest the target. The target starts at the round's `start_difficulty`; in an
   adaptive round a strong answer (band 4-5) raises it by one and a weak one (band 1-2, or a skip)
   lowers it by one, within the pool's difficulties.
4. The topic asked least so far in the interview; in a steering round, a topic the candidate named
   in the recruiter screen counts as half a question less, so it comes first but does not crowd
   out the rest.
5. A seeded draw among the rubrics still tied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot.engine.randomness import rng_for
from bot.engine.state import InterviewState, QuestionRecord
from bot.engine.tracks import Pool, RoundPlan
from bot.rubric.model import Rubric

STEER_BONUS = 0.5
Key = tuple[bool, int, float]


def target_difficulty(plan: RoundPlan, pool: Pool, in_round: list[QuestionRecord]) -> int:
    """The difficulty to aim at, from the previous question's grade in this round."""
    lowest, highest = min(pool.difficulties), max(pool.difficulties)
    start = min(max(plan.start_difficulty, lowest), highest)
    if not plan.adaptive or not in_round:
        return start
    last = in_round[-1]
    grade = last.grade
    step = 0 if grade is None else 1 if grade.strong else -1 if grade.weak else 0
    return min(max(last.asked.difficulty + step, lowest), highest)


def choose_question(state: InterviewState, plan: RoundPlan,
                    rubrics: Iterable[Rubric]) -> Rubric | None:
    """The next rubric for `plan`, or None when its pools are used up."""
    records = state.questions()
    in_round = [r for r in records if r.asked.round_id == plan.id]
    pool = plan.pool_for(len(in_round))
    asked = {r.asked.rubric_id for r in records}
    fresh = [r for r in rubrics if r.id not in asked]
    candidates = [r for r in fresh if pool.matches(r)] or [
        r for r in fresh if any(p.matches(r) for p in plan.pools)
    ]
    if not candidates:
        return None
    target = target_difficulty(plan, pool, in_round)
    uses = Counter(r.asked.topic for r in records)
    steered = set(state.skills.topics) if plan.steer else set()
    avoid = set(state.avoid)

    def key(rubric: Rubric) -> Key:
        named = bool(steered & {rubric.topic, *rubric.competencies})
        return (rubric.id in avoid, abs(rubric.difficulty - target),
                uses[rubric.topic] - (STEER_BONUS if named else 0.0))

    best = min(key(r) for r in candidates)
    tied = sorted((r for r in candidates if key(r) == best), key=lambda r: r.id)
    return rng_for(state.seed, state.turn, "question").choice(tied)
