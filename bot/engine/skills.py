"""Skills and tools the candidate names, mapped to the rubric topics they point to.

A recruiter screen is where candidates say what they work with ("mostly PyTorch and OpenCV", "a
lot of Spark"); a good interviewer then asks about those areas first. The vocabulary is data in
`prompts/skills.yaml` (topic -> terms). Terms match as whole words; single words of seven letters or
more also match with a typo ("pytoch"), since candidates type fast in an interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.prompts import PromptBook

VOCABULARY_FILE = "skills"
MIN_FUZZY_LENGTH = 7
MIN_FUZZY_SIMILARITY = 88.0
_WORD = re.compile(r"[a-z0-9+#]+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("-", " ").replace("/", " "))


@dataclass(frozen=True)
class SkillsFound:
    topics: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class SkillVocabulary:
    terms: dict[str, tuple[str, ...]]
    """Topic slug -> the terms that point to it, as written in the vocabulary file."""

    @classmethod
    def from_prompts(cls, prompts: PromptBook) -> SkillVocabulary:
        prefix = f"{VOCABULARY_FILE}."
        return cls({key[len(prefix):]: terms for key, terms in sorted(prompts.variants.items())
                    if key.startswith(prefix)})

    def find(self, text: str) -> SkillsFound:
        """Topics and terms the text names, each once, in vocabulary order."""
        words = words_of(text)
        joined = f" {' '.join(words)} "
        topics: list[str] = []
        terms: list[str] = []
        for topic, options in self.terms.items():
            hits = [t for t in options if _mentions(t, words, joined)]
            if hits:
                topics.append(topic)
                terms.extend(h for h in hits if h not in terms)
        return SkillsFound(tuple(topics), tuple(terms))


def _mentions(term: str, words: list[str], joined: str) -> bool:
    key = " ".join(words_of(term))
    if not key:
        return False
    if f" {key} " in joined:
        return True
    if " " in key or len(key) < MIN_FUZZY_LENGTH:
        return False
    return process.extractOne(key, words, scorer=fuzz.ratio,
                              score_cutoff=MIN_FUZZY_SIMILARITY) is not None
