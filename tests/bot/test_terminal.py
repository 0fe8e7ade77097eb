"""The terminal client's own parts: reading answers, and an interview held in process."""

import io

from bot.engine import Interviewer, load_tracks
from bot.local import LocalInterview
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.scoring.scorer import Scorer
from bot.settings import Settings
from bot.terminal import hold, read_answers, say, write_report


def test_an_answer_runs_to_a_blank_line_or_the_end_of_input() -> None:
    text = "\n\nfirst line\nsecond line\n\n\nskip\n\nlast answer, no newline"
    assert list(read_answers(io.StringIO(text))) == [
        "first line\nsecond line", "skip", "last answer, no newline"]
    assert list(read_answers(io.StringIO(""))) == []
    assert list(read_answers(io.StringIO("\n \n\t\n"))) == []


def test_prompts_mark_a_new_answer_and_a_continued_one() -> None:
    shown: list[str] = []
    list(read_answers(io.StringIO("one\ntwo\n\n"), shown.append))
    assert shown == ["you> ", "   > ", "   > ", "you> "]


def test_an_interview_in_process_ends_with_a_report(settings: Settings, bank: RubricBank,
                                                    prompts: PromptBook, scorer: Scorer) -> None:
    interviewer = Interviewer(bank, load_tracks(settings.tracks_dir, bank), prompts, scorer)
    backend = LocalInterview(interviewer)
    out: list[str] = []
    say(backend.start("ml-engineer", 7, "Ada", True).messages, out.append)
    answers = ("I'm an ML engineer with four years of PyTorch and computer vision work.\nI cut "
               "false rejects on a defect line by 30 percent and want more industrial impact.\n\n"
               "skip\n\nhint please\n\nend the interview\n")
    assert hold(backend, read_answers(io.StringIO(answers)), out.append) is True
    write_report(backend.report(), out.append)
    text = "\n".join(out)
    assert text.startswith("interviewer> ")
    assert "[score " in text  # live feedback after the first answer
    assert backend.state is not None
    first = backend.state.questions()[0]
    assert first.answers == ["I'm an ML engineer with four years of PyTorch and computer vision "
                             "work.\nI cut false rejects on a defect line by 30 percent and want "
                             "more industrial impact."]
    report = backend.report()
    assert "Overall " in text and report["overall"]["recommendation"]["label"] in text
    assert report["status"] == "finished" and report["ended_early"]


def test_an_answer_the_engine_refuses_is_shown_and_the_interview_goes_on(
        settings: Settings, bank: RubricBank, prompts: PromptBook, scorer: Scorer) -> None:
    interviewer = Interviewer(bank, load_tracks(settings.tracks_dir, bank), prompts, scorer)
    backend = LocalInterview(interviewer)
    backend.start("ml-engineer", 7, "", False)
    out: list[str] = []
    assert hold(backend, read_answers(io.StringIO("...\n\nend\n")), out.append) is True
    assert any("not accepted" in line and "empty" in line for line in out)
