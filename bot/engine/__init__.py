"""The conversational interview engine: rounds, adaptive questions, follow-ups and the report.

Pure Python with no web or database imports. Typical use (the API layer does exactly this, storing
`turn.state.model_dump_json()` after every turn):

    tracks = load_tracks(settings.tracks_dir, bank)          # once per process
    interviewer = Interviewer(bank, tracks, prompts, scorer)  # once per process

    turn = interviewer.start("ml-engineer", seed=42, candidate_name="Ada", feedback="end")
    show(turn.messages)                                       # greeting, round intro, question
    state_json = turn.state.model_dump_json()                 # store it

    state = InterviewState.model_validate_json(state_json)    # any process, any time later
    turn = interviewer.answer(state, "I'd use L2 because ...")
    show(turn.messages); show(turn.feedback)                  # feedback only when "live"

    interviewer.report(turn.state)                            # any time; final when finished

The state exposes `status` ("in_progress" / "finished"), `phase`, `round_id`, `progress`
(asked / planned), `current_question` (round, rubric id and version, text, pending follow-up) and
`transcript`. The same seed and the same answers give the same questions, wording and scores.

Errors (all in `bot.errors`): `UnknownTrack` and `InputError` from `start`; `AnswerTooLong`,
`InterviewFinished` and `IllegalMove` from `answer`; `RubricError` from `load_tracks`.
"""

from bot.engine.communication import CommunicationFindings, assess_communication
from bot.engine.conversation import AnswerScorer
from bot.engine.events import Event
from bot.engine.grading import Grade, GradePart
from bot.engine.intents import Intent, recognise
from bot.engine.interviewer import Interviewer, Turn
from bot.engine.recommendation import Recommendation, Verdict
from bot.engine.report import KeyPointLine, QuestionReport, Report
from bot.engine.scores import ScoreLine, TopicLoss
from bot.engine.star import StoryFindings, assess_story
from bot.engine.state import CurrentQuestion, InterviewState, Line, Progress
from bot.engine.tracks import (
    TRACK_SCHEMA_FILE,
    Pool,
    RoundKind,
    RoundPlan,
    RubricSource,
    Track,
    load_tracks,
    track_schema_json,
)

__all__ = [
    "TRACK_SCHEMA_FILE",
    "AnswerScorer",
    "CommunicationFindings",
    "CurrentQuestion",
    "Event",
    "Grade",
    "GradePart",
    "Intent",
    "InterviewState",
    "Interviewer",
    "KeyPointLine",
    "Line",
    "Pool",
    "Progress",
    "QuestionReport",
    "Recommendation",
    "Report",
    "RoundKind",
    "RoundPlan",
    "RubricSource",
    "ScoreLine",
    "StoryFindings",
    "TopicLoss",
    "Track",
    "Turn",
    "Verdict",
    "assess_communication",
    "assess_story",
    "load_tracks",
    "recognise",
    "track_schema_json",
]
