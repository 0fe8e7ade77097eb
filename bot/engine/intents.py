"""Recognising what the candidate asks for instead of answering: skip, repeat, hint, don't know,
end.

A message is a command only when the whole of it is essentially the command: it is short, and
after dropping politeness ("please", "sorry", "ok") it is close, as a whole, to one of the phrases
in `prompts/commands.yaml` (rapidfuzz's `ratio`, which tolerates typos such as "skp" or "hint pls"
but, unlike a partial match, never finds "skip" inside "we had to skip the warm-up epochs"). Ending
the interview needs a closer match than the rest, because mistaking an answer for "end" loses the
candidate's interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from bot.prompts import PromptBook

Intent = Literal["answer", "skip", "repeat", "hint", "dont_know", "end"]
COMMANDS: tuple[Intent, ...] = ("skip", "repeat", "hint", "dont_know", "end")
PHRASE_FILE = "commands"

MAX_COMMAND_WORDS = 8
MIN_SIMILARITY = 80.0
MIN_SIMILARITY_TO_END = 90.0
POLITENESS = frozenset(
    "please pls plz pleas sorry ok okay um uh erm hmm so well just oh ah thanks thank you".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_QUESTION_OPENERS = frozenset(
    "what how who when where why which could can is are do does will would should".split()
)


@dataclass(frozen=True)
class CommandPhrases:
    """Normalised phrase -> intent, read once from the prompt book."""

    phrases: dict[str, Intent]

    @classmethod
    def from_prompts(cls, prompts: PromptBook) -> CommandPhrases:
        phrases: dict[str, Intent] = {}
        for intent in COMMANDS:
            for phrase in prompts.variants.get(f"{PHRASE_FILE}.{intent}", ()):
                key = normalise(phrase)
                if key:
                    phrases.setdefault(key, intent)
        return cls(phrases)


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped ("don't" -> "dont"), politeness words removed."""
    words = _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))
    return " ".join(w for w in words if w not in POLITENESS)


def recognise(text: str, commands: CommandPhrases) -> Intent:
    """The command the whole message amounts to, or "answer"."""
    raw_words = _WORD.findall(text.lower())
    key = normalise(text)
    if not key or len(raw_words) > MAX_COMMAND_WORDS or not commands.phrases:
        return "answer"
    match = process.extractOne(key, commands.phrases.keys(), scorer=fuzz.ratio,
                               score_cutoff=MIN_SIMILARITY)
    if match is None:
        return "answer"
    phrase, similarity, _ = match
    intent = commands.phrases[phrase]
    if intent == "end" and similarity < MIN_SIMILARITY_TO_END:
        return "answer"
    return intent


def is_question(text: str) -> bool:
    """Whether a wrap-up reply asks the interviewer something (a question mark or opener)."""
    words = _WORD.findall(text.lower())
    return "?" in text or bool(words and words[0] in _QUESTION_OPENERS)
