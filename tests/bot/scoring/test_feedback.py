"""Feedback wording: every template, with empty and full lists, reads as sentences to "you"."""

from __future__ import annotations

import itertools
import re

import pytest

from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.scoring.feedback import as_clause, model_answer_line, write_feedback
from bot.scoring.result import Contradiction, KeyPointResult, RedFlagHit, ScoreResult

POINTS = [("sparse", "L1 drives some weights to exactly zero.", 2.0),
          ("shrink", "L2 shrinks all weights smoothly towards zero.", 1.0),
          ("prior", "L1 corresponds to a Laplace prior and L2 to a Gaussian prior.", 1.0)]


def _point(pid: str, text: str, weight: float, status: str) -> KeyPointResult:
    met = status == "met"
    return KeyPointResult(id=pid, text=text, weight=weight, coverage=0.9 if met else 0.0,
                          met=met, status=status,  # type: ignore[arg-type]
                          evidence="L1 pushes many weights to exactly zero." if met else None,
                          semantic=0.5, alignment=0.5, lexical=0.5)


def make_result(*, covered: bool, wrong: bool, flags: bool, missing: bool, band: int,
                junk: bool = False, short: bool = False) -> ScoreResult:
    statuses = {"sparse": "met" if covered else "missing",
                "shrink": "contradicted" if wrong else ("missing" if missing else "met"),
                "prior": "missing" if missing else "met"}
    if not covered and not missing and not wrong:
        statuses = dict.fromkeys(statuses, "met")
    key_points = [_point(pid, text, weight, statuses[pid]) for pid, text, weight in POINTS]
    contradictions = [Contradiction(
        key_point="shrink", evidence="L2 makes the weights exactly zero.", axis="sparsity",
        said="exactly zero", expected="shrinks", correction=POINTS[1][1])] if wrong else []
    red_flags = [RedFlagHit(text="L2 produces sparse models.", explanation="Only L1 does; L2 "
                            "shrinks weights but leaves them non-zero.",
                            evidence="L2 also gives sparse weights", similarity=0.8)] if flags else []
    return ScoreResult(rubric_id="l1-vs-l2", rubric_version=1, score=band * 20 - 10, band=band,
                       key_points=key_points,
                       missing=[k.id for k in key_points if not k.met],
                       contradictions=contradictions, red_flags=red_flags,
                       flags=["off_topic"] if junk else [], insufficient_evidence=short)


def single_variant_books(prompts: PromptBook) -> list[PromptBook]:
    """One book per variant index, each key holding just that variant (or its last one)."""
    most = max(len(v) for k, v in prompts.variants.items() if k.startswith("feedback."))
    return [PromptBook({k: (v[min(i, len(v) - 1)],) for k, v in prompts.variants.items()})
            for i in range(most)]


CASES = [dict(zip(("covered", "wrong", "flags", "missing"), combo, strict=True))
         for combo in itertools.product((False, True), repeat=4)]


@pytest.mark.parametrize("band", [1, 3, 5])
@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(k for k, v in c.items() if v)
                         or "empty")
def test_every_template_reads_well_with_empty_and_full_lists(prompts: PromptBook, band: int,
                                                              case: dict[str, bool]) -> None:
    for extra in ({}, {"junk": True}, {"short": True}):
        result = make_result(band=band, **case, **extra)
        for book in single_variant_books(prompts):
            text = write_feedback(result, book)
            sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", text)]
            assert "nothing" not in text.lower() and "$" not in text, text
            assert len(sentences) == len(set(sentences)), text  # no sentence twice
            assert not re.search(r"\.\.|\. \.|:\.|;\.|\.\"\.|\s[,.;:]", text), text
            assert text[0].isupper() and text.endswith((".", "\"", "…")), text
            if result.covered and not result.flags:
                assert "L1 pushes many weights to exactly zero" in text and "right" in text
            if result.contradictions:
                assert "You said" in text and "it should be \"shrinks\"" in text
                assert "Correct statement: L2 shrinks all weights" in text
            if result.red_flags:
                assert "misconception" in text and "Only L1 does" in text
            missed = [kp for kp in result.key_points if kp.status == "missing"]
            for kp in missed:
                assert text.count(kp.text.rstrip(".")) == 1, text  # named once, with why
            if missed:
                assert "of the score" in text or "main point" in text
            if result.contradictions:  # a point stated wrongly is corrected, not also "missing"
                assert text.count("L2 shrinks all weights smoothly towards zero") == 1


def test_the_opening_follows_the_band_it_is_given(prompts: PromptBook) -> None:
    result = make_result(covered=True, wrong=False, flags=False, missing=False, band=5)
    assert write_feedback(result, prompts).startswith(("Strong answer", "That was a thorough"))
    overridden = write_feedback(result, prompts, band=1)
    assert "Strong" not in overridden and "thorough" not in overridden


def test_a_point_is_a_clause_after_that() -> None:
    assert as_clause("The model overfits.") == "the model overfits"
    assert as_clause("L1 drives weights to zero.") == "L1 drives weights to zero"
    assert as_clause("PyTorch builds the graph eagerly") == "PyTorch builds the graph eagerly"


def test_the_model_answer_line(prompts: PromptBook) -> None:
    line = model_answer_line("L1 gives sparse weights.", prompts)
    assert "L1 gives sparse weights." in line and line.lower().startswith(("model answer",
                                                                           "here is"))


def test_no_hint_reads_as_a_hint_inside_a_hint(prompts: PromptBook, bank: RubricBank) -> None:
    """"Think about this: Think about your last project" came from a template that introduced
    a hint with words a hint itself starts with."""
    for variant in prompts.variants["interviewer.hint"]:
        lead = variant.split("$hint")[0].strip().rstrip(":").split()
        for rubric in bank:
            for hint in rubric.hints:
                shown = variant.replace("$hint", hint)
                first = hint.split()[:2]
                assert not (lead[-2:] and [w.lower() for w in first] == [
                    w.lower().strip(".:") for w in lead[-3:-1]]), shown
                assert "Think about this: Think" not in shown
