"""Judging the candidate's own questions at the end: a real question, or none.

Interviewers notice what a candidate asks when it is their turn: a question about the team, the
work or the process shows interest and preparation; "No questions" shows neither, and "When can I
start?" or "Did I pass?" reads as presumptuous rather than curious. So a reply earns credit only
when one of its sentences asks something (a question mark, a question opener or "I was
wondering...") about a subject a candidate can learn from, and is not one of the presumptuous
asks. A question mark alone is not enough: "No questions, when can I start?" has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["question", "presumptuous", "none"]

_SENTENCE = re.compile(r"(?<=[?.!])\s+|\n+")
_OPENER = re.compile(
    r"^\W*(?:and |also |so |but |ok(?:ay)?,? |well,? |yes,? |yeah,? |sure,? |actually,? |"
    r"one thing,? |just one,? )*(?:what|how|who|when|where|why|which|could|can|is|are|do|does|"
    r"did|will|would|should|may|might|have|has)\b",
    re.I,
)
_ASKING = re.compile(
    r"\b(?:i(?:'d| would) (?:like|love) to (?:know|hear|understand|ask)|i was wondering|"
    r"i'm curious|i am curious|could you (?:tell|say|explain|describe)|can you (?:tell|say|"
    r"explain|describe)|tell me (?:about|more)|my question is|i wanted to ask)\b",
    re.I,
)
_PRESUMPTUOUS = re.compile(
    r"\b(?:when (?:can|do|could|should|would) i (?:start|begin|join)|did i (?:pass|get (?:it|the "
    r"job|the offer)|do (?:well|ok|okay|good))|how did i do|am i (?:hired|in|through)|"
    r"do i get the (?:job|offer)|when (?:do|will|would) i (?:get|hear about|receive) (?:the|an|my) "
    r"offer|what(?:'s| is| was) my score|was that (?:good|ok|okay) enough)\b",
    re.I,
)
_SUBJECT = re.compile(
    r"\b(?:team|teams|teammates?|colleagues?|manager|managers|lead|leads|people|report to|work|"
    r"working|projects?|product|products|day[- ]to[- ]day|typical (?:day|week)|stack|tools?|"
    r"models?|data|datasets?|deploy\w*|production|infrastructure|platform|roadmap|challeng\w*|"
    r"problems?|process|next steps?|interview\w*|onboarding|first (?:\d+|few|ninety|thirty|"
    r"sixty) (?:days|weeks|months)|mentor\w*|growth|grow|learn\w*|career|culture|remote|"
    r"hybrid|on-?call|success|succeed|expectations?|priorities|goals?|company|business|"
    r"customers?|users|role|position|responsibilit\w*|research|papers?|conferences?|budget|"
    r"gpus?|compute|hiring|hire|decision|timeline|feedback|values|release|ship\w*|code review|"
    r"engineering|engineers|scientists?|organisation|organization|department|office)\b",
    re.I,
)


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    question: str | None = None
    """The sentence that earned the credit, when one did."""

    @property
    def credited(self) -> bool:
        return self.verdict == "question"


def judge_questions(text: str) -> Judgement:
    """Whether a wrap-up reply asks the interviewer a real question about the job."""
    presumptuous = False
    for sentence in (s.strip() for s in _SENTENCE.split(text) if s.strip()):
        if _PRESUMPTUOUS.search(sentence):
            presumptuous = True
            continue
        asks = "?" in sentence or _OPENER.search(sentence) or _ASKING.search(sentence)
        if asks and _SUBJECT.search(sentence):
            return Judgement(verdict="question", question=sentence)
    return Judgement(verdict="presumptuous" if presumptuous else "none")
