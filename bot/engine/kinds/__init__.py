"""The registry of round kinds: the one place a new kind is added.

Each kind is a module with a `RoundKindModule` subclass (`base.py` says what the hooks are); the
engine finds a round's behaviour with `kind_of(plan.kind)`, and tracks may name any kind listed
here. To add a kind, write its module and add an instance to `KINDS`.
"""

from __future__ import annotations

from bot.engine.kinds.base import RoundKindModule
from bot.engine.kinds.behavioral import Behavioral
from bot.engine.kinds.coding import Coding
from bot.engine.kinds.model_deep_dive import ModelDeepDive
from bot.engine.kinds.project import Project
from bot.engine.kinds.recruiter import Recruiter
from bot.engine.kinds.technical import Technical
from bot.engine.kinds.wrap_up import WrapUp

KINDS: dict[str, RoundKindModule] = {
    kind.name: kind
    for kind in (Recruiter(), Technical(), Project(), Behavioral(), WrapUp(), Coding(),
                 ModelDeepDive())
}


def kind_of(name: str) -> RoundKindModule:
    """Raises: KeyError naming the registered kinds when `name` is not one of them."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown round kind {name!r}; registered: {sorted(KINDS)}") from None


__all__ = ["KINDS", "RoundKindModule", "kind_of"]
