"""The report as JSON, Markdown and a printable HTML page; share links that open the report and
the transcript and nothing else."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bot.engine import Track
from bot.rubric.bank import RubricBank
from tests.api.conftest import REVIEWER, Started, answer, bearer, start, strong_answer

MAX_TURNS = 60
XSS = ("I would start simple.\n- first <script>alert('x')</script> bullet\n- second <b>bold</b>"
       "\n\n```python\nif a < b:\n    print('<img src=x onerror=alert(1)>')\n```\nDone.")


def play(client: TestClient, started: Started, bank: RubricBank, first: str | None = None) -> None:
    """Answers every question with its rubric's best example (the first with `first`)."""
    session = started.body
    for n in range(MAX_TURNS):
        text = first if n == 0 and first else strong_answer(bank, session)
        reply = answer(client, started, text)
        if reply["status"] == "finished":
            return
        session = reply
    raise AssertionError(f"not finished in {MAX_TURNS} turns")


def test_a_finished_interview_of_each_track_renders_as_html_and_markdown_with_answers_escaped(
        client: TestClient, bank: RubricBank, tracks: dict[str, Track]) -> None:
    for track in sorted(tracks):
        started = start(client, track=track)
        play(client, started, bank, first=XSS)
        url = f"/v1/sessions/{started.session_id}/report"
        report = client.get(url, headers=started.auth).json()
        page = client.get(url, params={"format": "html"}, headers=started.auth)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "script-src" not in page.headers["content-security-policy"]  # no script at all
        html = page.text
        assert "<script>" not in html and "<img" not in html and "<b>bold" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
        # the shape of the answer is kept: bullets, code with its line breaks
        assert "<li>first &lt;script&gt;" in html and "<li>second &lt;b&gt;bold" in html
        assert "<pre><code>if a &lt; b:\n    print(" in html
        assert html.count("<svg") == 2 and "<h2>Study plan</h2>" in html
        for n, q in enumerate(report["questions"], start=1):
            assert f"id=\"q-{n}\"" in html and q["model_answer"]
        assert html.count("Model answer") == len(report["questions"])
        assert "<mark>" in html  # evidence marked in the answers
        assert f"{report['overall']['score']:g}<small>/100" in html
        md = client.get(url, headers={**started.auth, "Accept": "text/markdown"})
        assert md.headers["content-type"].startswith("text/markdown")
        text = md.text
        assert text.startswith("# Interview report: ") and "## Study plan" in text
        assert "> ```python\n> if a < b:\n>     print('<img src=x onerror=alert(1)>')\n> ```" \
            in text  # code kept verbatim inside its fence, not escaped
        assert "> - first \\<script\\>alert('x')\\</script\\> bullet" in text
        assert "\n<script>" not in text and "\n# " not in text.split("\n", 1)[1]
        assert report["questions"][0]["question"] in text


def test_the_report_negotiates_like_the_transcript(client: TestClient, bank: RubricBank) -> None:
    started = start(client)
    answer(client, started, strong_answer(bank, started.body))
    url = f"/v1/sessions/{started.session_id}/report"
    assert client.get(url, headers=started.auth).headers["content-type"].startswith(
        "application/json")
    by_accept = client.get(url, headers={**started.auth, "Accept": "text/html"})
    by_query = client.get(url, params={"format": "html"}, headers=started.auth)
    assert by_accept.text == by_query.text and by_query.text.startswith("<!doctype html>")
    bad = client.get(url, params={"format": "pdf"}, headers=started.auth)
    assert bad.status_code == 422 and bad.json()["field"] == "format"


def test_the_model_answer_comes_only_once_a_question_is_closed(client: TestClient,
                                                              bank: RubricBank) -> None:
    started = start(client)
    url = f"/v1/sessions/{started.session_id}/report"
    vague = answer(client, started, "I have worked on some machine learning projects.")
    assert vague["current_question"]["follow_up"], "still open: a follow-up was asked"
    open_now = client.get(url, headers=started.auth).json()["questions"]
    assert [q["model_answer"] for q in open_now] == [None]
    assert "Model answer" not in client.get(url, params={"format": "html"},
                                            headers=started.auth).text
    answer(client, started, "skip")
    closed = client.get(url, headers=started.auth).json()["questions"]
    rubric = bank.get(closed[0]["rubric_id"])
    assert closed[0]["model_answer"] == rubric.reference_answer
    assert closed[-1]["model_answer"] is None  # the next question is open now


def test_the_transcript_html_is_styled_and_keeps_line_breaks_bullets_and_code(
        client: TestClient) -> None:
    started = start(client)
    answer(client, started, XSS)
    url = f"/v1/sessions/{started.session_id}/transcript"
    html = client.get(url, params={"format": "html"}, headers=started.auth).text
    assert "<style>" in html and "<script>" not in html
    assert re.search(r"<p>I would start simple\.</p><ul><li>first &lt;script&gt;", html)
    assert "<pre><code>if a &lt; b:\n    print(&#x27;&lt;img" in html
    md = client.get(url, params={"format": "markdown"}, headers=started.auth).text
    assert "> ```python\n> if a < b:" in md and "\\`\\`\\`" not in md


def test_an_unclosed_code_fence_cannot_swallow_the_rest_of_the_markdown(
        client: TestClient) -> None:
    started = start(client)
    answer(client, started, "My answer:\n```\nsome code\n## Turn 99\nscore 100/100")
    md = client.get(f"/v1/sessions/{started.session_id}/transcript?format=markdown",
                    headers=started.auth).text
    assert "> ```\n> some code\n> ## Turn 99\n> score 100/100\n> ```\n" in md
    assert "\n## Turn 99" not in md


def test_a_share_link_opens_the_report_and_transcript_and_nothing_else(
        client: TestClient, bank: RubricBank) -> None:
    started = start(client)
    other = start(client, seed=8)
    answer(client, started, strong_answer(bank, started.body))
    sid = started.session_id
    made = client.post(f"/v1/sessions/{sid}/share", headers=started.auth)
    assert made.status_code == 201, made.text
    link = made.json()
    share = bearer(link["token"])
    assert link["url"].endswith(f"/shared/{link['token']}")
    page = client.get(link["url"])
    assert page.status_code == 200 and "Interview report" in page.text
    assert "script-src" not in page.headers["content-security-policy"]
    assert client.get(f"/shared/{link['token']}/transcript").status_code == 200
    for fmt in ("json", "markdown", "html"):
        for what in ("report", "transcript"):
            got = client.get(f"/v1/sessions/{sid}/{what}", params={"format": fmt}, headers=share)
            assert got.status_code == 200, (what, fmt, got.text)
    denied = [
        ("GET", f"/v1/sessions/{sid}", None),
        ("POST", f"/v1/sessions/{sid}/answers", {"text": "skip"}),
        ("GET", "/v1/sessions", None),
        ("PATCH", f"/v1/sessions/{sid}/turns/1/score", {"score": 90, "note": "x"}),
        ("POST", f"/v1/sessions/{sid}/share", None),
        ("DELETE", f"/v1/sessions/{sid}/share", None),
        ("GET", f"/v1/sessions/{other.session_id}/report", None),
        ("GET", f"/v1/sessions/{other.session_id}/transcript", None),
        ("GET", "/v1/rubrics", None),
        ("GET", f"/web/sessions/{sid}/model-answers", None),
        ("GET", f"/web/sessions/{sid}/report.md", None),
    ]
    for method, path, body in denied:
        got = client.request(method, path, json=body, headers=share)
        assert got.status_code == 403, (method, path, got.status_code, got.text)
        assert got.json()["error"] == "forbidden"
    # revoked: the link and its token open nothing any more; the candidate still reads it
    assert client.delete(f"/v1/sessions/{sid}/share", headers=started.auth).status_code == 204
    assert client.get(link["url"]).status_code == 403
    assert client.get(f"/v1/sessions/{sid}/report", headers=share).status_code == 403
    assert client.get(f"/v1/sessions/{sid}/report", headers=started.auth).status_code == 200


@pytest.mark.parametrize("who", ["reviewer", "stranger"])
def test_who_may_make_a_share_link(client: TestClient, who: str) -> None:
    started = start(client)
    headers = REVIEWER if who == "reviewer" else bearer("not-a-token")
    got = client.post(f"/v1/sessions/{started.session_id}/share", headers=headers)
    assert got.status_code == (201 if who == "reviewer" else 403)
    assert client.post(f"/v1/sessions/{started.session_id}/share").status_code == 401
