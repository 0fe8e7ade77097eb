"""Reviewing: transcripts in JSON, Markdown and HTML, and score overrides that keep the machine's
original beside them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.rubric.bank import RubricBank
from tests.api.conftest import REVIEWER, Started, answer, start, strong_answer

HOSTILE = "<script>alert('x')</script> **bold** # heading [link](http://evil)"


def _scored(client: TestClient, bank: RubricBank) -> Started:
    started = start(client)
    answer(client, started, strong_answer(bank, started.body))
    return started


def test_an_override_is_shown_with_the_original_in_transcript_and_report(
        client: TestClient, bank: RubricBank) -> None:
    started = _scored(client, bank)
    sid = started.session_id
    before = client.get(f"/v1/sessions/{sid}/transcript", headers=REVIEWER).json()["turns"][0]
    machine = before["score"]
    assert machine is not None and before["machine_score"] == machine
    new_score = 12.5 if machine > 50 else 87.5
    patched = client.patch(f"/v1/sessions/{sid}/turns/1/score",
                           json={"score": new_score, "note": "misread the question"},
                           headers=REVIEWER)
    assert patched.status_code == 200, patched.text
    turn = client.get(f"/v1/sessions/{sid}/transcript", headers=started.auth).json()["turns"][0]
    assert turn["score"] == new_score and turn["machine_score"] == machine
    assert turn["override"]["note"] == "misread the question"
    assert turn["override"]["by"].startswith("reviewer:")  # the key's id, never the key
    report = client.get(f"/v1/sessions/{sid}/report", headers=REVIEWER).json()
    question = report["questions"][0]
    assert question["score"] == new_score and question["machine_score"] == machine
    assert question["override"]["score"] == new_score
    assert report["overall"]["machine_score"] != report["overall"]["score"]
    listed = client.get("/v1/sessions", headers=REVIEWER).json()["items"][0]
    assert listed["score"] == report["overall"]["score"]
    markdown = client.get(f"/v1/sessions/{sid}/transcript?format=markdown",
                          headers=REVIEWER).text
    assert "override" in markdown and f"{machine:g}" in markdown


def test_transcript_formats_by_query_or_accept_header(client: TestClient,
                                                      bank: RubricBank) -> None:
    started = _scored(client, bank)
    url = f"/v1/sessions/{started.session_id}/transcript"
    as_json = client.get(url, headers=started.auth)
    assert as_json.headers["content-type"].startswith("application/json")
    md = client.get(url, headers={**started.auth, "Accept": "text/markdown"})
    assert md.headers["content-type"].startswith("text/markdown") and "## Turn 1" in md.text
    page = client.get(url, params={"format": "html"}, headers=started.auth)
    assert page.headers["content-type"].startswith("text/html") and "<h2>Turn 1</h2>" in page.text
    by_accept = client.get(url, headers={**started.auth, "Accept": "text/html"})
    assert by_accept.text == page.text


def test_answers_are_escaped_in_html_and_markdown(client: TestClient) -> None:
    started = start(client)
    answer(client, started, HOSTILE)
    url = f"/v1/sessions/{started.session_id}/transcript"
    page = client.get(url, params={"format": "html"}, headers=started.auth).text
    assert "<script>" not in page and "&lt;script&gt;" in page
    md = client.get(url, params={"format": "markdown"}, headers=started.auth).text
    assert "<script>" not in md and "**bold**" not in md and "\n# heading" not in md
    assert "[link]" not in md


def test_the_transcript_keeps_every_turn_with_scores_and_evidence(client: TestClient,
                                                                  bank: RubricBank) -> None:
    started = start(client, feedback="live")
    first = answer(client, started, strong_answer(bank, started.body))
    answer(client, started, "skip")
    turns = client.get(f"/v1/sessions/{started.session_id}/transcript",
                       headers=started.auth).json()["turns"]
    assert [t["n"] for t in turns] == [1, 2]
    assert turns[0]["question"] == started.body["current_question"]["text"]
    assert turns[0]["evidence"] == first["feedback"]
    assert turns[0]["rubric_id"] == started.body["current_question"]["rubric_id"]
    assert turns[1]["intent"] == "skip" and turns[1]["score"] is None


def test_an_override_outlasts_a_later_regrade_of_the_same_question(client: TestClient) -> None:
    started = start(client)
    after_first = answer(client, started, "I have worked on some machine learning projects.")
    assert after_first["current_question"]["follow_up"], "the vague answer gets a follow-up"
    answer(client, started, "Mostly computer vision with PyTorch, for about three years.")
    sid = started.session_id
    patched = client.patch(f"/v1/sessions/{sid}/turns/1/score",
                           json={"score": 95, "note": "strong in the live conversation"},
                           headers=REVIEWER)
    assert patched.status_code == 200, patched.text
    report = client.get(f"/v1/sessions/{sid}/report", headers=REVIEWER).json()
    assert report["questions"][0]["score"] == 95
    listed = client.get("/v1/sessions", headers=REVIEWER).json()["items"]
    assert [s["score"] for s in listed if s["session_id"] == sid] == [report["overall"]["score"]]


def test_line_breaks_cannot_forge_lines_in_markdown(client: TestClient) -> None:
    response = client.post("/v1/sessions", json={"track": "ml-engineer", "seed": 3,
                                                  "candidate_name": "Eve\n- status: finished"})
    assert response.status_code == 201, response.text
    body = response.json()
    text = client.get(f"/v1/sessions/{body['session_id']}/transcript?format=markdown",
                      headers=REVIEWER).text
    assert "\n- status: finished" not in text
    assert "\n- status: in_progress" in text
