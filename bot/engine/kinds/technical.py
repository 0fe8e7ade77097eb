"""The technical round: rubric questions from the bank, follow-ups on missing key points.

Everything it does is the default behaviour of `RoundKindModule`; it exists as its own module so
that a track's `kind: technical` names a registered module like every other kind.
"""

from __future__ import annotations

from typing import ClassVar

from bot.engine.kinds.base import RoundKindModule


class Technical(RoundKindModule):
    name: ClassVar[str] = "technical"
    intro_key: ClassVar[str] = "interviewer.round_technical"
    lines = {"interviewer.round_technical": ["subject"]}
