"""Everything the interviewer says lives in `prompts/*.yaml`: key -> list of variants.

Templates use `string.Template`, which fails loudly on a missing placeholder, so a typo in a prompt
file is an error instead of a sentence with a hole in it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from bot.errors import PromptError
from bot.yamlio import load_yaml_file


@dataclass(frozen=True)
class PromptBook:
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def keys(self) -> set[str]:
        return set(self.variants)

    def say(self, key: str, rng: random.Random | None = None, **values: object) -> str:
        """One variant of `key` (the first when no generator is given), filled with `values`.

        Raises:
            PromptError: the key is unknown or a placeholder has no value.
        """
        options = self.variants.get(key)
        if not options:
            raise PromptError(f"no prompt {key!r} in the prompt files")
        text = options[rng.randrange(len(options))] if rng else options[0]
        try:
            return Template(text).substitute({k: str(v) for k, v in values.items()})
        except (KeyError, ValueError) as exc:
            raise PromptError(f"prompt {key!r}: placeholder {exc} has no value") from exc


def load_prompts(folder: Path) -> PromptBook:
    """Reads every `*.yaml` file in the folder; keys are `file-stem.key`."""
    variants: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = load_yaml_file(path) or {}
        if not isinstance(data, dict):
            raise PromptError(f"{path}: expected a mapping of key to list of variants")
        for key, value in data.items():
            options = [value] if isinstance(value, str) else value
            if not isinstance(options, list) or not all(isinstance(v, str) for v in options):
                raise PromptError(f"{path}: {key}: expected a string or a list of strings")
            variants[f"{path.stem}.{key}"] = tuple(options)
    return PromptBook(variants)
