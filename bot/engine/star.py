"""What a project story shows about the candidate: STAR structure, ownership, techniques, obstacles
and quantified impact.

Interviewers in a project deep-dive listen for a story told as situation, task, action and result,
for "I" where the candidate did the work (not only "we"), for named techniques, for what went wrong
and what they did about it, and for numbers. These are surface cues, read from the text with
patterns a reviewer can check by eye; the rubric score covers whether the content is sound. The
`gaps` come out in the order an interviewer would probe them, and each maps to a follow-up in
`prompts/interviewer.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from bot.rubric.model import Strict
from bot.scoring.lexical import tokens

Gap = Literal["ownership", "impact", "obstacles", "context", "techniques", "result"]
GAP_ORDER: tuple[Gap, ...] = ("ownership", "impact", "obstacles", "context", "techniques", "result")

OWN_SHARE = 0.25
"""Below this share of "I" among "I" and "we", the candidate's own part is unclear."""
POINTS = {"part": 10.0, "ownership": 20.0, "techniques": 10.0, "obstacles": 15.0, "impact": 15.0}

_FIRST_PERSON = {"i", "my", "me", "i'm", "i've", "i'd", "myself", "mine"}
_WE = {"we", "our", "us", "we're", "we've", "we'd", "ours", "ourselves"}
_SITUATION = re.compile(
    r"\b(?:at (?:my|our|a|an|the) (?:\w+ )?(?:job|company|team|client|startup|plant|factory|lab|"
    r"firm|utility|bank|employer)|the (?:company|business|client|plant|customer|factory)|"
    r"there was|the problem was|was costing|we had|working (?:at|for))\b", re.I)
_TASK = re.compile(
    r"\b(?:my (?:task|job|role|goal|responsibility)|(?:the )?(?:goal|aim|objective|task|brief) "
    r"was|i was (?:asked|responsible|tasked|hired)|needed to|had to|wanted to|framed|so that)\b",
    re.I)
_ACTION = re.compile(
    r"\b(?:i|we)\b(?:\s+\w+){0,2}?\s+(?:built|trained|designed|implemented|wrote|developed|"
    r"created|chose|used|added|set up|deployed|ran|tested|tuned|replaced|collected|label+ed|"
    r"cleaned|split|wrapped|profiled|switched|moved|fixed|led|owned|organi[sz]ed|did|made|tried|"
    r"introduced|benchmarked|analy[sz]ed|debugged|rewrote|migrated|automated|proposed|decided|"
    r"evaluated|fine-tuned|started|modell?ed|shipped|optimi[sz]ed|reduced)\b", re.I)
_RESULT = re.compile(
    r"\b(?:result(?:s|ed)?|outcome|in the end|eventually|reduced|improved|increased|cut|saved|"
    r"went (?:up|down|from)|dropped|fell|rose|achieved|reached|led to|impact|shipped|launched|"
    r"in production|now runs|is used)\b", re.I)
_OBSTACLES = re.compile(
    r"\b(?:problem|challenge|issue|difficult|hard part|struggl\w*|went wrong|didn't work|"
    r"did not work|failed|failure|bottleneck|obstacle|roadblock|trade-?offs?|however|instead|"
    r"turned out|unfortunately|mistake|constraint|compromise|drift|leak\w*)\b", re.I)
_QUANTIFIED = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:%|percent|per cent|x\b|times\b|ms\b|milliseconds|seconds|minutes|"
    r"hours|days|weeks|months|k\b|million|thousand|hundred|gb\b|tb\b|fps\b|points|pp\b|"
    r"euros?|dollars?|pounds?)|[$€£]\s?\d+|\b(?:a|one) (?:third|quarter|half|fifth|tenth)\b|"
    r"\b(?:halved|doubled|tripled)\b|\b\w+ percent\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")


class StoryFindings(Strict):
    score: float
    situation: bool
    task: bool
    action: bool
    result: bool
    first_person: int
    we: int
    techniques: list[str]
    obstacles: bool
    impact: list[str]
    gaps: list[Gap]


def assess_story(text: str, techniques: Sequence[str] = ()) -> StoryFindings:
    """Reads one project story; `techniques` are the tools and methods it names (`skills.py`)."""
    words = tokens(text)
    mine = sum(1 for w in words if w in _FIRST_PERSON)
    ours = sum(1 for w in words if w in _WE)
    named = list(techniques)
    impact = [m.group(0) for m in _QUANTIFIED.finditer(text)]
    parts = {
        "situation": bool(_SITUATION.search(text)),
        "task": bool(_TASK.search(text)),
        "action": bool(_ACTION.search(text)),
        "result": bool(_RESULT.search(text)),
    }
    obstacles = bool(_OBSTACLES.search(text))
    owned = mine > 0 and mine / (mine + ours) >= OWN_SHARE
    score = (
        POINTS["part"] * sum(parts.values())
        + (POINTS["ownership"] if owned else POINTS["ownership"] / 2 if mine else 0.0)
        + POINTS["techniques"] * min(1.0, len(named) / 2)
        + (POINTS["obstacles"] if obstacles else 0.0)
        + (POINTS["impact"] if impact else POINTS["impact"] / 2 if _NUMBER.search(text) else 0.0)
    )
    missing: dict[Gap, bool] = {
        "ownership": not owned,
        "impact": not impact,
        "obstacles": not obstacles,
        "context": not (parts["situation"] and parts["task"]),
        "techniques": not (named and parts["action"]),
        "result": not parts["result"],
    }
    return StoryFindings(
        score=score, first_person=mine, we=ours, techniques=named, obstacles=obstacles,
        impact=impact, gaps=[g for g in GAP_ORDER if missing[g]], **parts,
    )

