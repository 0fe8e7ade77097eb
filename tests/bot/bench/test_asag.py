"""The benchmark machinery on a small graded file made here (the shared data is not needed)."""

import json
from pathlib import Path

import pytest

from bot.bench.asag import benchmark, read_graded, write_predictions
from bot.errors import InputError
from bot.scoring.scorer import Scorer

QUESTIONS = [
    ("What does a stack do?", "It stores items last in, first out: push adds on top and pop "
     "removes the top.",
     ["Last in first out: push puts an item on top and pop takes the top one off.",
      "It stores things and you can take the newest one off.",
      "It sorts numbers.", "A stack is a kind of loop."]),
    ("What is a compiler?", "A program that translates source code into machine code before "
     "the program runs.",
     ["It translates the whole source program into machine code ahead of running it.",
      "It turns code into something the computer runs.",
      "It is an editor for writing code.", "A compiler stores variables."]),
]


def graded_file(tmp_path: Path) -> Path:
    path = tmp_path / "graded.jsonl"
    lines = []
    for qi, (question, reference, answers) in enumerate(QUESTIONS):
        for ai, (answer, grade) in enumerate(zip(answers, [5.0, 3.5, 1.0, 0.5], strict=True)):
            lines.append(json.dumps({"id": f"{qi}.{ai}", "question_id": str(qi),
                                     "question": question, "reference_answer": reference,
                                     "answer": answer, "score": grade}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_benchmark_reports_correlations_and_baseline(scorer: Scorer, tmp_path: Path) -> None:
    records = read_graded(graded_file(tmp_path))
    summary, scored = benchmark(scorer, records)
    assert summary["n"] == 8 and summary["questions"] == 2
    for key in ("pearson", "spearman", "rmse", "baseline", "leave_one_question_out"):
        assert key in summary
    assert summary["pearson"] > 0.5  # full-credit answers outscore the wrong ones
    out = tmp_path / "predictions.jsonl"
    write_predictions(out, scored)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [r.id for r in records]


def test_bad_record_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"question": "q", "reference_answer": "r", "answer": "a", "score": 9}\n')
    with pytest.raises(InputError, match=r"bad.jsonl:1: score"):
        read_graded(path)
