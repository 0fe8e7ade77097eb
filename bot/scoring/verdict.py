"""Whether a span of an answer states a key point, states its contrast, or is about something else.

Decided by the discriminating words, not by overall similarity: a span naming the point's entity
(L1) with the point's property (sparse) states it; the same entity with the other property
(shrunk) contradicts it; the other entity (L2) makes it about something else. With no entity in
play (a point that is only "the pitch gets lower"), one opposite property contradicts, while
every property reversed together ("shorter string, higher pitch") is the same law read backwards
and is left to the similarity views.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.scoring.contrast import ENTITY, Axis, Span
from bot.scoring.notation import FORMULA_AXIS

Signature = Mapping[str, frozenset[str]]


class Verdict(StrEnum):
    states = "states"
    contradicts = "contradicts"
    unrelated = "unrelated"
    neutral = "neutral"


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    axis: str | None = None
    """The axis that decided it."""
    said: frozenset[str] = frozenset()
    expected: frozenset[str] = frozenset()


NEUTRAL = Judgement(Verdict.neutral)


def judge(point: Signature, span: Span, axes: Mapping[str, Axis], same_topic: bool) -> Judgement:
    """Reads one span against one key point's signature.

    `same_topic` says whether the span talks about the point's subject at all (shares a content
    word with it): without an entity to compare, a lone opposite property must at least be said of
    the same thing. The language's general opposites are weaker evidence than a rubric's own
    contrasts: they never make a span state a point, and only decide when nothing else does.
    """
    strong = {a: p for a, p in point.items() if _origin(axes, a) != "language"}
    verdict = _judge(strong, span, axes, same_topic)
    if verdict.verdict != Verdict.neutral or len(strong) == len(point):
        return verdict
    weak = _judge(point, span, axes, same_topic)
    if weak.verdict == Verdict.contradicts and _origin(axes, weak.axis or "") == "language":
        return weak
    return verdict


def _judge(point: Signature, span: Span, axes: Mapping[str, Axis], same_topic: bool) -> Judgement:
    said = span.signature
    shared = [a for a in point if a in said]
    entities = [a for a in point if _kind(axes, a) == ENTITY]
    for axis in shared:
        if (_kind(axes, axis) == ENTITY and said[axis].isdisjoint(point[axis])
                and not _names_as_well(span, axis, point[axis], axes)):
            return Judgement(Verdict.unrelated, axis, said[axis], point[axis])
    entity_agrees = any(a in said for a in entities)
    properties = [a for a in shared if _kind(axes, a) != ENTITY
                  and (a != FORMULA_AXIS or _comparable(said[a], point[a]))]
    agree = [a for a in properties if said[a] <= point[a]]
    disagree = [a for a in properties if said[a].isdisjoint(point[a])]
    if entities and not entity_agrees:
        return NEUTRAL
    if not disagree:
        return Judgement(Verdict.states, agree[0]) if agree else NEUTRAL
    axis = disagree[0]
    wrong = Judgement(Verdict.contradicts, axis, said[axis], point[axis])
    if entity_agrees or agree:
        return wrong
    if len(disagree) >= 2:
        return NEUTRAL
    sure = _origin(axes, axis) == "reply"
    return wrong if same_topic or sure else NEUTRAL


NEGATION_OVERLAP = 0.6
"""Share of the point's content words a negated restatement must repeat to contradict it."""


def negation_mismatch(point_keys: frozenset[str], point_negated: bool, span: Span,
                      span_negated: bool) -> bool:
    """The point's own statement with its negation flipped ("the bulb will not light").

    Used only for points that name no contrast, where it is the one reading left; the span
    must repeat most of the point's words, so "L2 does not zero weights" is not read as denying
    "L2 shrinks weights smoothly towards zero".
    """
    if point_negated == span_negated or not point_keys:
        return False
    return len(point_keys & span.keys) / len(point_keys) >= NEGATION_OVERLAP


def compatible(claim: Signature, span: Span, axes: Mapping[str, Axis]) -> bool:
    """True when a span asserts what a misconception asserts on every axis both name.

    The misconception's entities must be named by the span, and at least one of its properties
    (when it has any) must be asserted the same way, with none asserted the other way.
    """
    said = span.signature
    properties = [a for a in claim if _kind(axes, a) != ENTITY]
    for axis in claim:
        if _kind(axes, axis) == ENTITY and (axis not in said or said[axis].isdisjoint(claim[axis])):
            return False
    agree = [a for a in properties if a in said and said[a] <= claim[a]]
    disagree = [a for a in properties if a in said and said[a].isdisjoint(claim[a])]
    return not disagree and (bool(agree) or not properties)


def _names_as_well(span: Span, axis: str, poles: frozenset[str],
                   axes: Mapping[str, Axis]) -> bool:
    """A span that also names the point's own pole of an axis the question's wording suggested
    ("speed of light versus time": "as time goes on, the speed of light stays the same") is not
    about something else: the question's "versus" may join the two variables of one relation,
    not two alternatives, so only a rubric's own contrast may set such a span aside."""
    return _origin(axes, axis) == "question" and any(
        m.axis == axis and m.pole in poles for m in span.mentions)


def _comparable(said: frozenset[str], point: frozenset[str]) -> bool:
    """Formulas are compared only over the same variables: another form of the same law
    ("2/(1/P + 1/R)") or a formula about something else is left to the other views."""
    if said & point:
        return True
    return any(_variables(s) == _variables(p) for s in said for p in point)


def _variables(formula: str) -> frozenset[str]:
    return frozenset(v for v in re.split(r"[-+*/]", formula) if v and not v[0].isdigit())


def _origin(axes: Mapping[str, Axis], axis: str) -> str:
    found = axes.get(axis)
    return found.origin if found is not None else "notation"


def _kind(axes: Mapping[str, Axis], axis: str) -> str:
    found = axes.get(axis)
    return found.kind if found is not None else "property"
