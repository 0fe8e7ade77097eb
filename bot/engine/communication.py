"""How a recruiter-screen answer was said, apart from what it said.

Recruiters judge whether an answer is relevant, structured and concise: about a minute, neither one
line nor a wall of text, with some signposting ("currently", "before that", "what I want next").
The rubric score covers relevance; this module measures the rest from the text alone, so every
finding can be pointed at in the answer. The engine blends the two (see `grading.py`).
"""

from __future__ import annotations

import re
from typing import Literal

from bot.rubric.model import Strict
from bot.scoring.lexical import tokens

Finding = Literal["too_short", "too_long", "run_on", "fillers", "unstructured", "off_topic"]

MIN_WORDS = 25
"""About ten seconds of speech: a one-liner tells the interviewer nothing they can follow up."""
MAX_WORDS = 260
"""About two minutes of speech: past this, the listener loses the thread."""
MAX_MEAN_SENTENCE_WORDS = 40
FILLER_SHARE = 0.03
SIGNPOST_FROM_WORDS = 80
"""Short answers need no signposts; longer ones do, or they read as one undivided stream."""
OFF_TOPIC_CAP = 20.0

PENALTIES: dict[Finding, float] = {
    "too_short": 50.0,
    "too_long": 30.0,
    "run_on": 15.0,
    "fillers": 20.0,
    "unstructured": 10.0,
}

_SENTENCE = re.compile(r"[.!?]+(?:\s|$)|\n+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+", re.M)
_FILLERS = re.compile(r"\b(?:um+|uh+|erm|er|hmm+|basically|yeah|kinda|sorta|you know|i mean)\b"
                      r"|,\s*like\s*,", re.I)
_SIGNPOSTS = re.compile(
    r"\b(?:first(?:ly)?|second(?:ly)?|then|next|finally|currently|today|now|before that|"
    r"after that|most recently|in short|to sum up|in a nutshell|for example|for instance|"
    r"because|which is why|that's why|so that|the result|as a result|overall)\b",
    re.I,
)


class CommunicationFindings(Strict):
    score: float
    words: int
    sentences: int
    findings: list[Finding]


def assess_communication(text: str, relevant: bool = True) -> CommunicationFindings:
    """Scores length, sentence shape, fillers and signposting; `relevant=False` caps the score.

    Relevance comes from the caller (the scorer's off-topic and junk flags), because judging it
    needs the rubric.
    """
    words = len(tokens(text))
    sentences = max(1, len([s for s in _SENTENCE.split(text) if tokens(s)]))
    findings = _findings(text, words, sentences)
    score = 100.0 - sum(PENALTIES.get(f, 0.0) for f in findings)
    if not relevant:
        findings.append("off_topic")
        score = min(score, OFF_TOPIC_CAP)
    return CommunicationFindings(score=max(0.0, score), words=words, sentences=sentences,
                                 findings=findings)


def _findings(text: str, words: int, sentences: int) -> list[Finding]:
    found: list[Finding] = []
    if words < MIN_WORDS:
        found.append("too_short")
    elif words > MAX_WORDS:
        found.append("too_long")
    if words / sentences > MAX_MEAN_SENTENCE_WORDS and not _BULLET.search(text):
        found.append("run_on")
    if words and len(_FILLERS.findall(text)) / words > FILLER_SHARE:
        found.append("fillers")
    if words >= SIGNPOST_FROM_WORDS and not (_SIGNPOSTS.search(text) or _BULLET.search(text)):
        found.append("unstructured")
    return found
