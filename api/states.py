"""Parsed interview states, kept by the JSON they were stored as.

A session's state is stored whole, as JSON, and every answer reads it back: after 27 turns it is
275 KB, and parsing it took 6-8 ms of the answer's time on the project's machine. The answer that
wrote a state already holds the parsed object, so it keeps it here under the text it stored; the
next answer finds the same text in the row and takes the object instead of parsing it again.

Keyed by the stored text itself, not by session and revision: a state another worker wrote, or
one a rollback threw away, can never be mistaken for another. States are frozen, so one object
can be shared by requests. Bounded, as everything kept in memory (`MOCKINT_STATE_CACHE_SIZE`;
about 0.7 MB for the longest interview).
"""

from __future__ import annotations

from bot.engine import InterviewState
from bot.lru import LRU


class ParsedStates:
    def __init__(self, size: int) -> None:
        self._states: LRU[str, InterviewState] = LRU(size)
        self.parsed = 0
        """How many loads found nothing kept and parsed."""

    def load(self, text: str) -> InterviewState:
        """The state stored as `text`: kept, or parsed (and then kept)."""
        found = self._states.get(text)
        if found is None:
            found = InterviewState.model_validate_json(text)
            self.parsed += 1
            self._states[text] = found
        return found

    def keep(self, text: str, state: InterviewState) -> None:
        """`state` was just stored as `text` (its `model_dump_json()`)."""
        self._states[text] = state
