"""The contract between the engine and the prompt files."""

import re
from string import Template

import pytest

from bot.engine.speech import LINES, say
from bot.errors import PromptError
from bot.prompts import PromptBook

PLACEHOLDER = re.compile(r"\$(?:(\w+)|\{(\w+)\})")


@pytest.mark.parametrize("key", sorted(LINES))
def test_every_line_exists_and_fills_its_placeholders(prompts: PromptBook, key: str) -> None:
    variants = prompts.variants.get(key)
    assert variants, f"{key} is missing from prompts/"
    if key.startswith("interviewer."):
        assert len(variants) >= 2, f"{key} needs several variants"
    for text in variants:
        used = {a or b for a, b in PLACEHOLDER.findall(text)}
        assert used <= LINES[key], f"{key}: {text!r} uses {used - LINES[key]}"
        filled = Template(text).substitute(dict.fromkeys(LINES[key], "X"))
        assert "$" not in filled


def test_say_refuses_unregistered_keys_and_wrong_values(prompts: PromptBook) -> None:
    with pytest.raises(PromptError, match="not registered"):
        say(prompts, "interviewer.nonsense")
    with pytest.raises(PromptError, match="takes"):
        say(prompts, "interviewer.hint")


def test_say_fills_a_line(prompts: PromptBook) -> None:
    assert "use a heap" in say(prompts, "interviewer.hint", hint="use a heap")
