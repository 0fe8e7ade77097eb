"""The coding round in a real browser: the editor appears on a coding question, indents like an
editor, runs the examples and the candidate's own test, submits for the hidden tests, shows each
test's result, and shows whatever the code printed as text, never as markup."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from api.runtime import Runtime
from tests.web.conftest import LiveServer, screenshot
from tests.web.test_pages import ready, settled, start, token_of, type_answer

pytestmark = pytest.mark.slow
XSS = "<img src=x onerror=\"window.pwned=1\">"


def test_the_editor_runs_and_submits_code_and_shows_each_result(
        page: Page, server: LiveServer, web_runtime: Runtime) -> None:
    sid = start(page, track="ml-engineer-industrial", feedback="end")
    token = token_of(page, sid)
    panel = page.locator("#code-panel")
    skips = 0
    while True:
        session = server.api("GET", f"/v1/sessions/{sid}", token)
        if session["current_question"]["round"] == "coding":
            break
        expect(panel).to_be_hidden()
        page.click("button.command[data-command=skip]")
        skips += 1
        settled(page, skips)
    problem = web_runtime.problems.get(session["current_question"]["rubric_id"])
    expect(panel).to_be_visible()
    expect(page.locator("#code-limits")).to_contain_text("3 submission(s)")
    expect(page.locator("#code-editor")).to_have_value(problem.starter())

    # the editor indents: Enter after a colon adds a level, Tab inserts four spaces
    page.fill("#code-editor", "")
    page.click("#code-editor")
    page.keyboard.type("def probe():")
    page.keyboard.press("Enter")
    page.keyboard.type("return 1")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.input_value("#code-editor") == "def probe():\n    return 1\n        "

    type_answer(page, problem.discussion.reference_answer)
    expect(page.locator(".msg.sending")).to_have_count(0, timeout=120_000)  # first scoring
    settled(page, skips + 1)
    expect(panel).to_be_visible()

    example = problem.examples[0]
    args = ", ".join(repr(a) for a in example.args)
    source = (f"def test_mine():\n    assert {problem.function}({args}) == {example.expected!r}\n\n"
              f"print({XSS!r})\n\n{problem.solutions.reference}")
    page.fill("#code-editor", source)
    page.click("#code-run")
    expect(page.locator("#interview")).to_have_attribute("data-code-replies", "1",
                                                         timeout=60_000)
    expect(page.locator("#code-results h3").first).to_have_text(
        f"Examples: {len(problem.examples)} of {len(problem.examples)} passed")
    expect(page.locator("#code-results .own [data-test=test_mine]")).to_contain_text("✓")

    assert problem.solutions.wrong is not None
    page.fill("#code-editor", f"def {problem.function}(*args):\n    print({XSS!r})\n"
                              f"    return None\n")
    page.click("#code-run")
    expect(page.locator("#interview")).to_have_attribute("data-code-replies", "2",
                                                         timeout=60_000)
    expect(page.locator("#code-results .stdout").first).to_contain_text(XSS)
    assert page.evaluate("window.pwned") is None

    page.fill("#code-editor", problem.solutions.wrong)
    page.click("#code-submit")
    expect(page.locator("#interview")).to_have_attribute("data-code-replies", "3",
                                                         timeout=120_000)
    expect(page.locator("#code-results h3").first).to_have_text(
        re.compile(rf"Hidden tests: \d+ of {len(problem.tests)} passed"))
    failed = page.locator("#code-results .test.failed")
    expect(failed.first).to_be_visible()
    expect(failed.first.locator(".detail")).to_contain_text("input")
    expect(page.locator("#code-results .test.passed .detail")).to_have_count(0)
    expect(page.locator("#chat .msg.interviewer").last).to_contain_text("?")
    expect(page.locator("#code-limits")).to_contain_text("2 submission(s)")
    screenshot(page, "web-coding")

    page.reload()
    ready(page)
    expect(panel).to_be_visible()
    expect(page.locator("#code-editor")).to_have_value(problem.solutions.wrong)

    page.goto(f"/report/{sid}")
    expect(page.locator("#report")).to_have_attribute("data-ready", "true")
    block = page.locator(".code-block")
    expect(block.locator("h4")).to_contain_text(f"of {len(problem.tests)} hidden tests passed")
    expect(block.locator("pre")).to_have_text(problem.solutions.wrong)
    expect(block.locator(".test.failed").first).to_be_visible()
