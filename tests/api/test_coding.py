"""The coding round over HTTP, as a candidate holds it: problem, approach, runs, submissions (right,
quadratic, wrong), the follow-ups, and the report; plus what the API refuses."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient

from api.runtime import Runtime
from bot.coding.problem import CodingProblem
from bot.rubric.bank import RubricBank
from tests.api.conftest import Started, answer, start, strong_answer

TRACK = "ml-engineer-industrial"


def reach_coding(client: TestClient, seed: int = 11) -> Started:
    """Starts an industrial interview and skips to its coding question."""
    started = start(client, track=TRACK, seed=seed)
    body = started.body
    for _ in range(20):
        if body["current_question"] and body["current_question"]["round"] == "coding":
            started.body = body
            return started
        body = answer(client, started, "skip")
    raise AssertionError("never reached the coding round")


def problem_of(runtime: Runtime, started: Started) -> CodingProblem:
    return runtime.problems.get(started.body["current_question"]["rubric_id"])


def post_code(client: TestClient, started: Started, source: str, mode: str = "submit",
              status: int = 200) -> dict[str, Any]:
    path = f"/v1/sessions/{started.session_id}/code" + ("/run" if mode == "run" else "")
    response = client.post(path, json={"language": "python", "source": source},
                           headers=started.auth)
    assert response.status_code == status, response.text
    return response.json()


def with_test(problem: CodingProblem, source: str) -> str:
    example = problem.examples[0]
    args = ", ".join(repr(a) for a in example.args)
    return (f"def test_first_example():\n    assert {problem.function}({args}) == "
            f"{example.expected!r}\n\n{source}")


def test_a_whole_coding_round_from_problem_to_report(client: TestClient,
                                                     runtime: Runtime) -> None:
    started = reach_coding(client)
    problem = problem_of(runtime, started)
    shown = client.get(f"/v1/sessions/{started.session_id}/code", headers=started.auth)
    assert shown.status_code == 200
    view = shown.json()
    assert view["problem_id"] == problem.id and view["signature"] == problem.signature
    assert view["submissions_left"] == 3 and len(view["examples"]) == len(problem.examples)
    assert not any(t.name in shown.text or t.description in shown.text for t in problem.tests)

    refused = post_code(client, started, problem.solutions.reference, status=409)
    assert refused["error"] == "illegal_move" and "approach" in refused["detail"]

    reply = answer(client, started, problem.discussion.reference_answer)
    assert reply["current_question"]["round"] == "coding"

    ran = post_code(client, started, with_test(problem, problem.solutions.reference), "run")
    assert ran["passed"] == ran["total"] == len(problem.examples)
    assert all(r["input"] is not None and r["got"] is not None for r in ran["results"])
    assert ran["own_tests"] == [{"name": "test_first_example", "ok": True, "error": ""}]
    assert ran["messages"] == [] and ran["runs_left"] == 49

    assert problem.solutions.wrong is not None and problem.solutions.naive is not None
    wrong = post_code(client, started, problem.solutions.wrong)
    failed = [r for r in wrong["results"] if not r["passed"]]
    assert failed and wrong["passed"] < wrong["total"] == len(problem.tests)
    assert all(r["input"] for r in failed) and all(r["message"] for r in failed)
    assert all(r["input"] is None and r["got"] is None for r in wrong["results"] if r["passed"])
    first = next(t for t in problem.tests if t.name == failed[0]["name"])
    assert first.description in " ".join(wrong["messages"])
    assert wrong["submissions_left"] == 2

    follow = answer(client, started, "I missed that case: I would handle it before the loop "
                    "and add a test for it.")
    assert follow["current_question"]["round"] == "coding"

    slow = post_code(client, started, problem.solutions.naive)
    large = [r for r in slow["results"] if r["group"] == "large"]
    timed_out = [r for r in large if r["outcome"] == "timeout"]
    assert timed_out and all(problem.complexity.time in r["message"] for r in timed_out)
    assert all(r["passed"] for r in slow["results"] if r["group"] != "large")

    right = post_code(client, started, with_test(problem, problem.solutions.reference))
    assert right["passed"] == right["total"] and right["submissions_left"] == 0
    assert right["groups"]["large"]["passed"] == right["groups"]["large"]["total"] >= 1
    spent = post_code(client, started, problem.solutions.reference, status=409)
    assert spent["error"] == "code_limit_reached"

    done = answer(client, started, problem.discussion.reference_answer)
    while done["current_question"] and done["current_question"]["round"] == "coding":
        done = answer(client, started, problem.discussion.reference_answer)
    assert done["current_question"] is None or done["current_question"]["round"] != "coding"

    report = client.get(f"/v1/sessions/{started.session_id}/report", headers=started.auth)
    assert report.status_code == 200
    question = next(q for q in report.json()["questions"] if q["rubric_id"] == problem.id)
    code = question["code"]
    assert code["submissions"] == 3 and code["runs"] == 1 and code["test_first"] is True
    assert code["source"].endswith(problem.solutions.reference)
    assert code["passed"] == code["total"] == len(problem.tests)
    assert question["score"] is not None and question["score"] >= 60


def test_code_outside_a_coding_question_is_refused(client: TestClient) -> None:
    started = start(client, track=TRACK)
    refused = post_code(client, started, "def f():\n    return 1\n", "run", status=409)
    assert refused["error"] == "illegal_move" and "coding question" in refused["detail"]
    shown = client.get(f"/v1/sessions/{started.session_id}/code", headers=started.auth)
    assert shown.status_code == 409


def test_bad_code_requests_name_the_field_and_the_limit(client: TestClient) -> None:
    started = reach_coding(client, seed=12)
    empty = post_code(client, started, "   ", "run", status=422)
    assert empty["field"] == "source"
    huge = post_code(client, started, "x = 1\n" * 5000, "run", status=422)
    assert huge["field"] == "source" and "20,000" in huge["detail"]
    other = client.post(f"/v1/sessions/{started.session_id}/code/run",
                        json={"language": "rust", "source": "fn main() {}"},
                        headers=started.auth)
    assert other.status_code == 422 and other.json()["field"] == "language"
    anonymous = client.post(f"/v1/sessions/{started.session_id}/code/run",
                            json={"source": "def f(): pass"})
    assert anonymous.status_code == 401


def test_a_retried_submission_replays_and_counts_once(client: TestClient,
                                                     runtime: Runtime) -> None:
    started = reach_coding(client, seed=14)
    problem = problem_of(runtime, started)
    answer(client, started, problem.discussion.reference_answer)
    url = f"/v1/sessions/{started.session_id}/code"
    body = {"language": "python", "source": problem.solutions.reference}
    headers = {**started.auth, "Idempotency-Key": "submit-1"}
    first = client.post(url, json=body, headers=headers)
    again = client.post(url, json=body, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and first.json()["submissions_left"] == 2
    view = client.get(url, headers=started.auth).json()
    assert view["submissions_left"] == 2
    clash = client.post(url, json={**body, "source": "def f(): pass"}, headers=headers)
    assert clash.status_code == 409 and clash.json()["error"] == "idempotency_key_reused"


def test_broken_code_is_reported_not_a_server_error(client: TestClient,
                                                    runtime: Runtime) -> None:
    started = reach_coding(client, seed=13)
    ran = post_code(client, started, "def oops(:\n    pass\n", "run")
    assert ran["passed"] == 0 and "SyntaxError" in ran["load_error"]
    assert all(r["outcome"] == "load_error" for r in ran["results"])


def test_ten_runs_at_once_do_not_hold_up_answers_in_other_sessions(
        client: TestClient, runtime: Runtime, bank: RubricBank) -> None:
    """Runs wait for the sandbox's workers in request threads, off the event loop: an answer in
    another session is scored and stored while most of them are still queued or running."""
    coders = [reach_coding(client, seed=40 + i) for i in range(10)]
    other = start(client)
    warm = start(client)  # the same first question: the scorer's first call is not what is timed
    answer(client, warm, strong_answer(bank, warm.body))

    def run(started: Started) -> int:
        function = problem_of(runtime, started).function
        source = f"import time\ndef {function}(*args):\n    time.sleep(0.7)\n"
        response = client.post(f"/v1/sessions/{started.session_id}/code/run",
                               json={"source": source}, headers=started.auth)
        return response.status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        runs = [pool.submit(run, started) for started in coders]
        while not any(f.running() for f in runs):
            time.sleep(0.01)
        reply = answer(client, other, strong_answer(bank, other.body))
        pending = sum(not f.done() for f in runs)
        statuses = [f.result() for f in runs]
    assert reply["turn"] == 1 and reply["status"] == "in_progress"
    assert pending >= 5, f"only {pending} of 10 runs were still going when the answer came back"
    assert statuses == [200] * 10
