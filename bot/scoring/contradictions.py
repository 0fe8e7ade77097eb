"""Which key points an answer states, which it states wrongly, and which spans are off its point.

Every span of the answer is read against every key point (`verdict.judge`). A contradiction is
only believed when the span is plausibly about the point: on a rubric's own or the question's
contrasts it must be at least loosely similar to the point; on the language's general opposites,
which are noisier ("reduces overfitting" vs "increases training time"), it must also be the span
that best matches the point. A point that some span states correctly keeps its credit (a
candidate who corrects themselves is not zeroed), but the wrong statement is still reported and
costs points.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from bot.scoring.contrast import ENTITY, Axis, Span
from bot.scoring.prepared import PreparedKeyPoint, PreparedRubric, denies, is_negated
from bot.scoring.result import Contradiction
from bot.scoring.verdict import NEUTRAL, Judgement, Signature, Verdict, judge, negation_mismatch

MIN_SIMILARITY = 0.3
"""Below this cosine a span is about something else, whatever words it shares."""
MIN_SIMILARITY_LANGUAGE = 0.4
MIN_SIMILARITY_NEGATION = 0.45
NEGATION = "negation"


@dataclass(frozen=True)
class Reading:
    """The verdicts of every span on every key point, and what follows from them."""

    judgements: tuple[tuple[Judgement, ...], ...]
    """[point][span]."""
    contradictions: tuple[Contradiction, ...]
    contradicted: frozenset[str]
    """Ids of the points stated only wrongly (the others in `contradictions` were also stated
    correctly somewhere)."""
    wrong: np.ndarray
    """Spans that contradict some point: they earn no credit anywhere."""
    stating: np.ndarray
    """Spans that state some point with its discriminating words."""
    unrelated: tuple[np.ndarray, ...]
    """[point]: spans about another entity than the point's, which earn it no credit."""
    stated: frozenset[str] = frozenset()
    """Ids of the points some span states with every discriminating word the point has (two or
    more of the rubric's contrasts, all agreeing): made, whatever the similarity views say."""


def read_claims(prepared: PreparedRubric, spans: list[Span], sims: list[np.ndarray]) -> Reading:
    """`sims[p][s]` is the best cosine of span s to point p's text or paraphrases."""
    n = len(spans)
    wrong = np.zeros(n, dtype=bool)
    stating = np.zeros(n, dtype=bool)
    unrelated: list[np.ndarray] = []
    rows: list[tuple[Judgement, ...]] = []
    found: list[Contradiction] = []
    contradicted: set[str] = set()
    stated: set[str] = set()
    for point, sim in zip(prepared.key_points, sims, strict=True):
        row = tuple(_judge(prepared, point, span, sim[i]) for i, span in enumerate(spans))
        rows.append(row)
        states = np.array([j.verdict == Verdict.states for j in row], dtype=bool)
        stating |= states
        if any(_fully(prepared, point, span) for span, ok in zip(spans, states, strict=True)
               if ok):
            stated.add(point.point.id)
        unrelated.append(np.array([j.verdict == Verdict.unrelated for j in row], dtype=bool))
        against = [i for i, j in enumerate(row) if j.verdict == Verdict.contradicts
                   and _believable(prepared, point, spans[i], j, sim, i)
                   and not _about_another(prepared, point, spans[i], j)]
        for i in against:
            wrong[i] = True
        if against:
            if not states.any():
                contradicted.add(point.point.id)
            best = max(against, key=lambda i: sim[i])
            found.append(_explain(prepared, point, spans[best], row[best]))
    return Reading(tuple(rows), tuple(found), frozenset(contradicted), wrong, stating,
                   tuple(unrelated), frozenset(stated - contradicted))


def _fully(prepared: PreparedRubric, point: PreparedKeyPoint, span: Span) -> bool:
    axes = prepared.reader.axes
    strong = [a for a in point.signature if a in axes and axes[a].origin == "rubric"]
    return len(strong) >= 2 and all(
        a in span.signature and span.signature[a] <= point.signature[a] for a in strong)


def _judge(prepared: PreparedRubric, point: PreparedKeyPoint, span: Span,
           similarity: float) -> Judgement:
    axes = prepared.reader.axes
    same_topic = bool(span.keys & point.topic) or not point.topic
    about = _parts_about(prepared, point, span) if point.parts else []
    judgement = judge(_signature_for(point, span, about), span, axes, same_topic)
    if judgement.verdict == Verdict.contradicts and point.parts:
        # A point that makes several claims is contradicted only if no claim of it agrees; the
        # point as a whole (every pole of its claims together) agrees with anything, so it
        # speaks only when the span names none of the claims' entities.
        others = [judge(sig, span, axes, same_topic).verdict for sig, _ in point.parts]
        whole = (not about
                 and judge(point.signature, span, axes, same_topic).verdict == Verdict.states)
        if Verdict.states in others or whole:
            return Judgement(Verdict.states, judgement.axis)
    if judgement.verdict == Verdict.contradicts and point.parts and _backwards(point, span, axes):
        return NEUTRAL
    strong = any(axes[a].origin != "language" for a in point.signature if a in axes)
    if (judgement.verdict == Verdict.neutral and not strong
            and similarity >= MIN_SIMILARITY_NEGATION
            and negation_mismatch(point.keys, point.negated[0], span,
                                  denies(span.text, point.keys, point.point.text))):
        said = "not" if is_negated(span.text) else "without the negation"
        return Judgement(Verdict.contradicts, NEGATION, frozenset({said}),
                         frozenset({"the opposite"}))
    return judgement


LINKS = frozenset({"is", "are", "was", "were", "be", "being", "becomes", "called", "like",
                   "such", "i.e", "e.g"})
"""Words that say what kind of thing an entity is: "Faster R-CNN is single-stage", "two-stage
detectors like YOLO". Not "has" or "uses": in "a model flagging everything has perfect recall"
the flagging is the model's, not recall's."""
LISTING = frozenset({"or", "and", "but", "while", "whereas", "versus", "vs", "then"})
"""Words that set an entity and a property side by side instead: "memoization or a bottom-up
table", "recall, subject to a tolerable false alarm rate" has no link at all."""
MAX_LINK_GAP = 6


def _backwards(point: PreparedKeyPoint, span: Span, axes: Mapping[str, Axis]) -> bool:
    """Every property the span shares with the point reversed together ("the closer the effort,
    the more effort it takes" against "farther, less effort"): the same law read backwards, which
    the point's clauses taken one at a time ("if the effort is applied farther") would each call
    a contradiction."""
    shared = [a for a in point.signature if a in span.signature
              and (a not in axes or axes[a].kind != ENTITY)]
    return len(shared) >= 2 and all(span.signature[a].isdisjoint(point.signature[a])
                                    for a in shared)


def _parts_about(prepared: PreparedRubric, point: PreparedKeyPoint, span: Span) -> list[int]:
    """The point's claims whose entity the span names and says one of the claim's properties
    of (a linking word between them, no listing word)."""
    axes = prepared.reader.axes
    return [i for i, (sig, _) in enumerate(point.parts)
            if any(a in axes and axes[a].kind == ENTITY and a in span.signature
                   and not span.signature[a].isdisjoint(poles) for a, poles in sig.items())
            and _attributes(span, sig, axes)]


def _attributes(span: Span, claim: Signature, axes: Mapping[str, Axis]) -> bool:
    text = span.text.lower()
    mentions = [m for m in span.mentions if not m.foil and m.axis in claim and m.axis in axes]
    entities = [m for m in mentions if axes[m.axis].kind == ENTITY]
    properties = [m for m in mentions if axes[m.axis].kind != ENTITY]
    for entity in entities:
        for prop in properties:
            first, second = _find(text, entity.words), _find(text, prop.words)
            if first is None or second is None:
                continue
            lo, hi = ((first[1], second[0]) if first[0] < second[0] else (second[1], first[0]))
            between = set(re.findall(r"[a-z.']+", text[lo:hi]))
            if (len(re.findall(r"[a-z.']+", text[lo:hi])) <= MAX_LINK_GAP
                    and between & LINKS and not between & LISTING):
                return True
    return False


def _find(text: str, words: str) -> tuple[int, int] | None:
    """Where the words of a mention (as the reader wrote them, "Faster R CNN") are in the text."""
    pattern = r"\W+".join(re.escape(w) for w in words.lower().split())
    found = re.search(pattern, text) if pattern else None
    return (found.start(), found.end()) if found else None


def _signature_for(point: PreparedKeyPoint, span: Span, about: list[int]) -> Signature:
    """The claim of the point that the span talks about, or the whole point: the one claim about
    the entity the span names (`about`: "Faster R-CNN is single-stage" is about the Faster R-CNN
    claim, however many words it shares with the YOLO one), else the claim sharing the most
    words."""
    if not point.parts:
        return point.signature
    if len(about) == 1:
        return point.parts[about[0]][0]
    candidates = about or list(range(len(point.parts)))
    overlap = [len(point.parts[i][1] & span.keys) for i in candidates]
    best = max(overlap)
    if best == 0 or overlap.count(best) > 1:
        return point.signature
    return point.parts[candidates[overlap.index(best)]][0]


def _believable(prepared: PreparedRubric, point: PreparedKeyPoint, span: Span,
                judgement: Judgement, sim: np.ndarray, i: int) -> bool:
    """A general opposite must also be said of the same thing as in the point ("smaller
    learning rate" does not contradict "a large pretrained model")."""
    if judgement.axis == NEGATION:
        return bool(sim[i] >= sim.max() - 1e-6)
    axis = prepared.reader.axes.get(judgement.axis or "")
    if axis is not None and axis.origin == "reply":
        return True
    if axis is not None and axis.origin == "language":
        said_of = span.context(axis.id) & point.contexts.get(axis.id, frozenset())
        return bool(said_of and sim[i] >= MIN_SIMILARITY_LANGUAGE
                    and sim[i] >= sim.max() - 1e-6)
    return bool(sim[i] >= MIN_SIMILARITY)


def _about_another(prepared: PreparedRubric, point: PreparedKeyPoint, span: Span,
                   judgement: Judgement) -> bool:
    """The span says what another key point says on the deciding axis, and names nothing that
    ties it to this point: it is that other point, said correctly ("compare input distributions"
    is the data-drift point, not a wrong account of concept drift). A span naming this point's
    own entity ("data drift is when the relation changes") is still read against it, and so is
    a span the other point contradicts too: "a shorter string makes a lower pitch" says the
    "lower" of the longer-string point, but with the wrong length, so it is no point said
    correctly."""
    axes = prepared.reader.axes
    axis = judgement.axis or ""
    said = span.signature.get(axis)
    if not said:
        return False
    if any(a in span.signature and not span.signature[a].isdisjoint(poles)
           for a, poles in point.signature.items() if a in axes and axes[a].kind == ENTITY):
        return False
    for other in prepared.key_points:
        wanted = other.signature.get(axis)
        if other is point or not wanted or not said <= wanted:
            continue
        if judge(other.signature, span, axes, True).verdict in (Verdict.states, Verdict.neutral):
            return True
    return False


def _explain(prepared: PreparedRubric, point: PreparedKeyPoint, span: Span,
             judgement: Judgement) -> Contradiction:
    axis = judgement.axis or ""
    expected = _words_for(prepared, point, axis, judgement.expected) or ", ".join(
        sorted(judgement.expected))
    return Contradiction(
        key_point=point.point.id,
        evidence=span.text,
        axis=axis,
        said=span.said(axis) or ", ".join(sorted(judgement.said)),
        expected=expected,
        correction=point.point.text,
    )


def _words_for(prepared: PreparedRubric, point: PreparedKeyPoint, axis: str,
               expected: frozenset[str] = frozenset()) -> str:
    """How the point itself names its pole of the axis ("FP", "exactly zero"), skipping words
    of the point's text that name another pole ("rising" in a point about a falling loss), and
    of a point making several claims, only the pole of the claim the span got wrong."""
    wanted = (expected & point.signature.get(axis, frozenset())) or point.signature.get(
        axis, frozenset())
    words: list[str] = []
    for span in prepared.reader.read(point.point.text):
        if span.signature.get(axis, frozenset()) & wanted:
            words += [("not " if m.negated else "") + m.words for m in span.mentions
                      if m.axis == axis and not m.foil]
    return ", ".join(dict.fromkeys(words))
