"""Choosing the next question: adaptive difficulty, balanced and steered topics, no repeats.

The rules, in order of precedence, for question `i` of a round:

1. Only rubrics of the round's pool `i % len(pools)` that were not asked in this interview (if that
   pool is used up, any pool of the round; if all are, the round ends early). A rubric that expects
   a job description (competency `job-description`) only when the session has one; a rubric the
   round kind's `rank` refuses (a project in a domain the candidate denied) never.
2. Rubrics from the candidate's earlier interviews (`avoid`) only when nothing else is left.
3. The round kind's rank (a project in the candidate's own domain first), then, when the session
   has a job description, the rubrics that ask about it.
4. The difficulty nearest the target. The target starts at the round's `start_difficulty` (in an
   adaptive round, at the candidate's level when the session gives one: junior 1, mid 2, senior
   3); in an adaptive round a strong answer (band 4-5) raises it by one and a weak one (band 1-2,
   or a skip) lowers it by one, within the pool's difficulties.
5. The topic asked least so far in the interview; in a steering round, a topic the candidate named
   in the recruiter screen counts as half a question less, so it comes first but does not crowd
   out the rest.
6. A seeded draw among the rubrics still tied: sessions with different seeds get different
   questions wherever several rubrics tie, the same seed the same ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from bot.engine.randomness import rng_for
from bot.engine.session_context import JOB_DESCRIPTION_COMPETENCY, SessionContext
from bot.engine.state import InterviewState, QuestionRecord
from bot.engine.tracks import Pool, RoundPlan
from bot.rubric.model import Rubric

STEER_BONUS = 0.5
Key = tuple[bool, int, bool, int, float]
Rank = Callable[[Rubric], int | None]
"""A round kind's preference among rubrics: lower first; None refuses the rubric."""


def target_difficulty(plan: RoundPlan, pool: Pool, in_round: list[QuestionRecord],
                      context: SessionContext | None = None) -> int:
    """The difficulty to aim at, from the previous question's grade in this round."""
    lowest, highest = min(pool.difficulties), max(pool.difficulties)
    first = plan.start_difficulty
    if plan.adaptive and context is not None:
        first = context.start_difficulty(first)
    start = min(max(first, lowest), highest)
    if not plan.adaptive or not in_round:
        return start
    last = in_round[-1]
    grade = last.grade
    step = 0 if grade is None else 1 if grade.strong else -1 if grade.weak else 0
    return min(max(last.asked.difficulty + step, lowest), highest)


def choose_question(state: InterviewState, plan: RoundPlan, rubrics: Iterable[Rubric],
                    rank: Rank | None = None) -> Rubric | None:
    """The next rubric for `plan`, or None when its pools are used up."""
    records = state.questions()
    in_round = [r for r in records if r.asked.round_id == plan.id]
    pool = plan.pool_for(len(in_round))
    asked = {r.asked.rubric_id for r in records}
    has_jd = state.context.has_job_description
    ranks: dict[str, int | None] = {}
    fresh: list[Rubric] = []
    for rubric in rubrics:
        if rubric.id in asked or (JOB_DESCRIPTION_COMPETENCY in rubric.competencies
                                  and not has_jd):
            continue
        ranks[rubric.id] = rank(rubric) if rank is not None else 0
        if ranks[rubric.id] is not None:
            fresh.append(rubric)
    candidates = [r for r in fresh if pool.matches(r)] or [
        r for r in fresh if any(p.matches(r) for p in plan.pools)
    ]
    if not candidates:
        return None
    target = target_difficulty(plan, pool, in_round, state.context)
    uses = Counter(r.asked.topic for r in records)
    steered = set(state.skills.topics) if plan.steer else set()
    avoid = set(state.avoid)

    def key(rubric: Rubric) -> Key:
        named = bool(steered & {rubric.topic, *rubric.competencies})
        about_jd = has_jd and JOB_DESCRIPTION_COMPETENCY in rubric.competencies
        return (rubric.id in avoid, ranks[rubric.id] or 0, not about_jd,
                abs(rubric.difficulty - target),
                uses[rubric.topic] - (STEER_BONUS if named else 0.0))

    best = min(key(r) for r in candidates)
    tied = sorted((r for r in candidates if key(r) == best), key=lambda r: r.id)
    return rng_for(state.seed, state.turn, "question").choice(tied)
