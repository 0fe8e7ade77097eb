"""A practice interview in the terminal, driven by scripted lines of input."""

from bot.engine import Interviewer, load_tracks
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.scoring.scorer import Scorer
from bot.settings import Settings
from bot.terminal import run_interview


def test_scripted_terminal_interview_ends_with_a_report(settings: Settings, bank: RubricBank,
                                                        prompts: PromptBook,
                                                        scorer: Scorer) -> None:
    interviewer = Interviewer(bank, load_tracks(settings.tracks_dir, bank), prompts, scorer)
    lines = ["I'm an ML engineer with four years of PyTorch and computer vision work; I cut "
             "false rejects on a defect line by 30 percent and want more industrial impact.",
             "skip", "hint please"]
    out: list[str] = []
    report = run_interview(interviewer, "ml-engineer", 7, "Ada", True, lines, out.append)
    text = "\n".join(out)
    assert text.startswith("interviewer> ")
    assert "[score " in text  # live feedback after the first answer
    assert "Overall " in text and report.recommendation.label in text
    assert report.status == "finished" and report.ended_early
    assert report.questions[0].score is not None
