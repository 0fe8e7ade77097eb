"""The pages in a real browser against the live app: whole interviews typed into the page, the
command buttons, reload and server restart, double submits, the report, the reviewer's override,
the rubric playground, and answers and names that try to inject markup."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bot.rubric.bank import RubricBank
from tests.api.conftest import strong_answer as api_strong_answer
from tests.web.conftest import REVIEWER_KEY, LiveServer, screenshot

pytestmark = pytest.mark.slow
XSS_NAME = 'Eve"><img src=x onerror="window.pwned=1">'
XSS_ANSWER = "<script>window.pwned=1</script>\"><img src=x onerror=\"window.pwned=1\">"


def start(page: Page, *, track: str = "ml-engineer", feedback: str = "live",
          name: str = "Ada") -> str:
    page.goto("/")
    page.check(f"input[name=track][value={track}]")
    page.check(f"input[name=feedback][value={feedback}]")
    page.fill("#candidate-name", name)
    page.click("#start-button")
    page.wait_for_url(re.compile(r"/interview/[\w-]+$"))
    ready(page)
    return page.url.rsplit("/", 1)[1]


def ready(page: Page) -> None:
    expect(page.locator("#interview")).to_have_attribute("data-ready", "true")


def settled(page: Page, answers: int) -> None:
    """The chat shows `answers` candidate messages and nothing is in flight."""
    expect(page.locator(".msg.candidate")).to_have_count(answers)
    expect(page.locator(".msg.sending")).to_have_count(0)


def token_of(page: Page, sid: str) -> str:
    token = page.evaluate(f"localStorage.getItem('mockint.token.{sid}')")
    assert isinstance(token, str) and token
    return token


def strong_answer(server: LiveServer, bank: RubricBank, sid: str, token: str) -> str:
    return api_strong_answer(bank, server.api("GET", f"/v1/sessions/{sid}", token))


def type_answer(page: Page, text: str) -> None:
    page.fill("#answer", text)
    page.press("#answer", "Enter")


def no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width  # type: ignore[index]


def transcript(server: LiveServer, sid: str, token: str) -> dict[str, Any]:
    return dict(server.api("GET", f"/v1/sessions/{sid}/transcript", token))


def test_whole_interview_typed_in_the_page_to_the_report(
        page: Page, server: LiveServer, bank: RubricBank) -> None:
    sid = start(page, name=XSS_NAME)
    token = token_of(page, sid)
    assert token not in page.url
    expect(page.locator("#chat .msg.interviewer").first).to_contain_text(XSS_NAME)
    expect(page.locator("#progress")).to_have_text(re.compile(r"Question 1 of \d+"))
    expect(page.locator("#round-title")).to_have_text("Recruiter screen")

    # Shift+Enter is a new line, Enter sends; markup in an answer is shown as text
    page.click("#answer")
    page.keyboard.type("I am an ML engineer with four years of computer vision in PyTorch.")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type(XSS_ANSWER + " I shipped a defect detector that cut scrap by 20 percent.")
    expect(page.locator(".msg.candidate")).to_have_count(0)
    page.keyboard.press("Enter")
    settled(page, 1)
    first = page.locator(".msg.candidate .text").first
    expect(first).to_contain_text(XSS_ANSWER)
    assert "\n" in first.inner_text()
    expect(page.locator(".feedback").first).to_contain_text(re.compile(r"\d+(\.\d)?/100 · band \d"))
    assert transcript(server, sid, token)["turns"][0]["answer"].count("\n") == 1

    # the hint and repeat buttons send the commands, as typing them would
    page.click("button[data-command=hint]")
    settled(page, 2)
    page.click("button[data-command=repeat]")
    settled(page, 3)
    intents = [t["intent"] for t in transcript(server, sid, token)["turns"]]
    assert intents[1:] == ["hint", "repeat"]

    # reload mid-interview: the chat comes back from the server, the token from the browser
    page.reload()
    ready(page)
    settled(page, 3)
    expect(page.locator(".msg.candidate .text").first).to_contain_text(XSS_ANSWER)

    # a double click on Send records the answer once
    page.fill("#answer", strong_answer(server, bank, sid, token))
    page.dblclick("#send")
    settled(page, 4)
    assert len(transcript(server, sid, token)["turns"]) == 4
    screenshot(page, "interview-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    no_horizontal_scroll(page)
    screenshot(page, "interview-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    answers = 4
    while page.locator("#answer-form").is_visible():
        type_answer(page, strong_answer(server, bank, sid, token))
        answers += 1
        settled(page, answers)
        assert answers < 40, "the interview never finished"
    expect(page.locator("#round-title")).to_have_text("Interview finished")
    expect(page.locator(".model-answer").first).to_be_attached()

    page.click("#report-link")
    expect(page.locator("#report")).to_have_attribute("data-ready", "true")
    report = server.api("GET", f"/v1/sessions/{sid}/report", token)
    expect(page.locator("#overall-score")).to_have_text(f"{report['overall']['score']:g}")
    expect(page.locator("#recommendation")).to_have_text(report["overall"]["recommendation"]["label"])
    expect(page.locator("#questions article.question")).to_have_count(len(report["questions"]))
    scored_rounds = [r for r in report["rounds"] if r["score"] is not None]
    expect(page.locator("#rounds-chart svg rect.bar")).to_have_count(len(scored_rounds))
    expect(page.locator("#questions mark").first).to_be_visible()
    expect(page.locator("#questions .model-answer").first).to_be_attached()
    expect(page.locator("#questions .answer").first).to_contain_text(XSS_ANSWER)
    with page.expect_download() as download:
        page.click("#download-md")
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("# Interview report: ") and "## Study plan" in text and "<script>" not in text
    screenshot(page, "report-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    no_horizontal_scroll(page)
    screenshot(page, "report-phone")
    assert page.evaluate("window.pwned") is None


def test_other_track_by_keyboard_with_skip_and_end_buttons(
        page: Page, server: LiveServer) -> None:
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # mockint
    page.focus("input[name=track][value=ml-engineer-industrial]")
    page.keyboard.press("Space")
    page.focus("#candidate-name")
    page.keyboard.type("Kim")
    page.focus("input[name=feedback][value=end]")
    page.keyboard.press("Space")
    page.focus("#start-button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/interview/[\w-]+$"))
    ready(page)
    sid = page.url.rsplit("/", 1)[1]
    token = token_of(page, sid)

    # a 5,000-character answer made of one unbroken word breaks no layout
    type_answer(page, "x" * 5000)
    settled(page, 1)
    expect(page.locator(".feedback")).to_have_count(0)  # feedback at the end only
    page.set_viewport_size({"width": 375, "height": 800})
    no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.focus("button[data-command=skip]")
    page.keyboard.press("Enter")
    settled(page, 2)
    page.click("button[data-command=skip]")
    settled(page, 3)
    page.click("button[data-command=end]")  # confirm() is accepted by the fixture
    expect(page.locator("#finished")).to_be_visible()
    turns = transcript(server, sid, token)["turns"]
    assert [t["intent"] for t in turns][1:] == ["skip", "skip", "end"]
    assert server.api("GET", f"/v1/sessions/{sid}", token)["status"] == "finished"
    page.click("#report-link")
    expect(page.locator("#report")).to_have_attribute("data-ready", "true")
    expect(page.locator("#overall-note")).to_contain_text("ended early")


def test_an_answer_survives_a_server_restart(page: Page, server: LiveServer) -> None:
    sid = start(page, feedback="end")
    token = token_of(page, sid)
    server.stop()
    try:
        type_answer(page, "I build vision models in PyTorch and ship them to the factory floor.")
        expect(page.locator(".msg.unsent")).to_have_count(1, timeout=60_000)
        expect(page.locator("#send-status")).to_contain_text("Not sent yet")
    finally:
        server.start()
    page.reload()
    ready(page)
    settled(page, 1)
    turns = transcript(server, sid, token)["turns"]
    assert [t["answer"] for t in turns] == [
        "I build vision models in PyTorch and ship them to the factory floor."]
    type_answer(page, "skip")
    settled(page, 2)
    assert len(transcript(server, sid, token)["turns"]) == 2


def sign_in(page: Page) -> None:
    page.goto("/review")
    page.fill("#reviewer-key", "not-a-key")
    page.click("#signin button[type=submit]")
    expect(page.locator("#signin-error")).to_have_text("That key is not a reviewer key.")
    page.fill("#reviewer-key", REVIEWER_KEY)
    page.click("#signin button[type=submit]")
    expect(page.locator("#reviewer")).to_be_visible()
    assert REVIEWER_KEY not in page.url


def finished_session(server: LiveServer, name: str) -> str:
    created = server.api("POST", "/v1/sessions", json={
        "track": "ml-engineer", "candidate_name": name, "feedback": "end", "seed": 3})
    sid, token = created["session_id"], created["candidate_token"]
    server.api("POST", f"/v1/sessions/{sid}/answers", token, json={
        "text": "I am an ML engineer; I shipped a detector in PyTorch that cut scrap by 20%."})
    server.api("POST", f"/v1/sessions/{sid}/answers", token, json={"text": "end"})
    return str(sid)


def test_reviewer_filters_opens_a_transcript_and_overrides_a_score(
        page: Page, server: LiveServer) -> None:
    sid = finished_session(server, XSS_NAME)
    server.api("POST", "/v1/sessions", json={"track": "ml-engineer-industrial",
                                             "candidate_name": "Still going"})
    sign_in(page)
    expect(page.locator(f"#sessions tr[data-session='{sid}'] td.name")).to_have_text(XSS_NAME)

    page.select_option("#f-status", "finished")
    page.select_option("#f-track", "ml-engineer")
    page.click("#filters button[type=submit]")
    expect(page.locator("#sessions tbody tr .name", has_text="Still going")).to_have_count(0)
    expect(page.locator(f"#sessions tr[data-session='{sid}']")).to_have_count(1)

    page.click(f"#sessions tr[data-session='{sid}'] button.open")
    expect(page.locator("#transcript")).to_have_attribute("data-session", sid)
    machine = server.api("GET", f"/v1/sessions/{sid}/transcript", REVIEWER_KEY)["turns"][0]
    page.fill("#ov-1-score", "88")
    page.fill("#ov-1-note", "Concrete, <b>measurable</b> impact.")
    page.click("article[data-turn='1'] .override-form button")
    scores = page.locator("article[data-turn='1'] .scores")
    expect(scores).to_contain_text(f"Score 88 · machine score {machine['machine_score']:g}")
    expect(scores).to_contain_text("Concrete, <b>measurable</b> impact.")

    # the key stays in this tab's sessionStorage: the report opens with it, the override shows
    page.click("#transcript-report")
    expect(page.locator("#report")).to_have_attribute("data-ready", "true")
    expect(page.locator(".override").first).to_contain_text("Reviewer score 88")
    assert page.evaluate("window.pwned") is None
    assert REVIEWER_KEY not in page.url


def test_playground_validates_a_broken_rubric_and_scores_an_answer(page: Page) -> None:
    page.goto("/playground")
    expect(page.locator("#need-key")).to_be_visible()
    sign_in(page)
    page.goto("/playground")
    expect(page.locator("#playground")).to_be_visible()
    page.fill("#yaml", "id: broken-one\nquestion: What is overfitting?\ndifficulty: 9\n")
    page.click("#validate")
    problems = page.locator("#validation .problems li")
    expect(problems.first).to_be_visible()
    expect(page.locator("#validation")).to_contain_text("reference_answer")
    expect(page.locator("#validation")).to_contain_text("difficulty")

    page.select_option("#rubric-select", "l1-vs-l2-regularization")
    page.click("#load-yaml")
    expect(page.locator("#yaml")).to_have_value(re.compile("l1-vs-l2-regularization"))
    page.click("#validate")
    expect(page.locator("#validation .ok")).to_have_text("Valid: l1-vs-l2-regularization")
    page.fill("#pg-answer", "L1 adds the absolute values of the weights and drives many of them "
              "to exactly zero, so it selects features; L2 adds the squares and shrinks all "
              "weights smoothly without zeroing them.")
    page.click("#score")
    expect(page.locator("#score-result .feedback")).to_contain_text("/100")
    expect(page.locator("#score-result table.coverage tbody tr").first).to_be_visible()
    expect(page.locator("#score-result tr.met").first).to_be_visible()
