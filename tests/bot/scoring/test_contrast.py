"""The reader of discriminating words: poles, negation, foils, cuts, notation, verdicts.

Pure functions, no model: each case is a sentence a candidate might say.
"""

from __future__ import annotations

import pytest

from bot.scoring.alternatives import question_alternatives
from bot.scoring.contrast import COMPLEXITY, ENTITY, FORMULA, PROPERTY, Axis, Reader
from bot.scoring.notation import canonical, complexities, formulas
from bot.scoring.verdict import Verdict, compatible, judge

REG = Axis.of("reg", ENTITY, {"l1": ["L1", "lasso"], "l2": ["L2", "ridge"]})
EFFECT = Axis.of("effect", PROPERTY, {"sparse": ["sparse", "exactly zero", "zeroes"],
                                      "shrunk": ["shrinks", "small", "shrinkage"]})
PHASE = Axis.of("phase", ENTITY, {"train": ["training"], "infer": ["inference", "test time"]})
STATE = Axis.of("state", PROPERTY, {"on": ["switched on", "active"],
                                    "off": ["switched off", "disabled"]})
AXES = {a.id: a for a in (REG, EFFECT, PHASE, STATE, COMPLEXITY, FORMULA)}
READER = Reader(list(AXES.values()))


def sig(text: str) -> list[dict[str, set[str]]]:
    return [{a: set(p) for a, p in span.signature.items()} for span in READER.read(text)]


def test_clauses_are_cut_between_entities() -> None:
    assert sig("L1 gives sparse weights, while L2 just shrinks them.") == [
        {"reg": {"l1"}, "effect": {"sparse"}}, {"reg": {"l2"}, "effect": {"shrunk"}}]
    assert sig("Sparse weights come from L1 and shrinkage comes from L2") == [
        {"reg": {"l1"}, "effect": {"sparse"}}, {"reg": {"l2"}, "effect": {"shrunk"}}]


def test_negation_flips_a_two_pole_property_and_foils_are_ignored() -> None:
    assert sig("L2 does not make the weights sparse") == [{"reg": {"l2"}, "effect": {"shrunk"}}]
    assert sig("Lasso, unlike ridge, zeroes weights") == [{"reg": {"l1"}, "effect": {"sparse"}}]
    assert sig("At inference dropout is not active") == [{"phase": {"infer"}, "state": {"off"}}]


def test_plurals_and_multiword_terms_match() -> None:
    assert sig("at test time the units are switched off") == [
        {"phase": {"infer"}, "state": {"off"}}]


@pytest.mark.parametrize(("text", "cls"), [
    ("binary search is O(log n)", "logn"), ("sorting takes O(n log n)", "nlogn"),
    ("it is n log n", "nlogn"), ("O(N^2) in the worst case", "n^2"),
    ("quadratic time", "n^2"), ("runs in linear time", "n"), ("O(V + E)", "v+e"),
    ("constant time lookups", "1"), ("n squared comparisons", "n^2"),
])
def test_complexities_are_normalised(text: str, cls: str) -> None:
    assert [m.cls for m in complexities(text)] == [cls]


def test_linear_regression_is_not_a_complexity() -> None:
    assert complexities("linear regression with a quadratic loss") == []
    assert canonical("n * log(n)") == "nlogn"


def test_formulas_said_in_words_equal_their_symbols() -> None:
    spoken = formulas("precision is true positives over true positives plus false positives")
    written = formulas("precision = TP / (FP + TP)")
    assert [f.canonical for f in spoken] == [f.canonical for f in written] == ["tp/fp+tp"]
    assert formulas("F-beta and mini-batch gradient descent") == []


def verdict(point: str, said: str) -> Verdict:
    point_sig = READER.signature(point)
    span = READER.read(said)[0]
    return judge(point_sig, span, AXES, same_topic=True).verdict


@pytest.mark.parametrize(("point", "said", "expected"), [
    ("L1 drives weights to exactly zero", "L1 gives sparse weights", Verdict.states),
    ("L1 drives weights to exactly zero", "L1 just shrinks them", Verdict.contradicts),
    ("L1 drives weights to exactly zero", "L2 just shrinks them", Verdict.unrelated),
    ("L1 drives weights to exactly zero", "L2 gives sparse weights", Verdict.unrelated),
    ("At inference dropout is switched off", "at test time it stays active", Verdict.contradicts),
    ("At inference dropout is switched off", "dropout is active", Verdict.neutral),
    ("Binary search runs in O(log n)", "binary search is O(n)", Verdict.contradicts),
    ("Binary search runs in O(log n)", "it is logarithmic time", Verdict.states),
])
def test_verdicts(point: str, said: str, expected: Verdict) -> None:
    assert verdict(point, said) == expected


def test_a_misconception_needs_the_same_poles() -> None:
    claim = READER.signature("L2 drives weights to exactly zero")
    assert compatible(claim, READER.read("L2 gives sparse weights")[0], AXES)
    assert not compatible(claim, READER.read("L1 gives sparse weights")[0], AXES)
    assert not compatible(claim, READER.read("L2 just shrinks them")[0], AXES)


@pytest.mark.parametrize(("question", "poles"), [
    ("What's the difference between precision and recall?", [("precision", "recall")]),
    ("What is the difference between L1 and L2 regularization?", [("l1", "l2")]),
    ("Semantic segmentation vs instance segmentation?", [("semantic", "instance")]),
    ("How is it fitted, what does it assume, and how would you check?", []),
    ("She wanted to know which was harder, a penny or a nickel, so she did a scratch test.",
     [("penny", "nickel")]),
    ("They used collectors of different colors as one variable and covered versus uncovered "
     "as a second variable.", [("covered", "uncovered")]),
    ("Compare a CNN, an RNN and a transformer.", [("cnn", "rnn", "transformer")]),
])
def test_question_alternatives(question: str, poles: list[tuple[str, ...]]) -> None:
    found = [tuple(p.lower() for p in a.poles) for a in question_alternatives(question)]
    assert found == poles
