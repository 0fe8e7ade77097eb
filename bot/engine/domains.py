"""The application domains a candidate says they work in, and the ones they say they have not.

An interviewer who hears "I'm an NLP engineer, no computer vision at all" asks about an NLP
project, never a computer-vision one. The recruiter screen's answers are read clause by clause
for the words of each domain (`prompts/domains.yaml`); a clause that negates the domain ("no
computer vision at all", "I've never done speech", "nothing with images") denies it instead. A
denial wins over a mention: the cost of asking a candidate about work they said they never did
is far higher than that of missing a domain they mentioned once. Domains are ranked by how often
they are named, then by first mention, so the one the candidate talks about most comes first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.prompts import PromptBook

VOCABULARY_FILE = "domains"
NEGATION_WINDOW = 5
"""Words before a domain term in which a negation still applies to it ("no real computer
vision")."""

_CLAUSE = re.compile(r"[.;!?\n]+|,|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bthough\b", re.I)
_WORD = re.compile(r"[a-z0-9+#/'\u2019-]+")
_NEGATION = frozenset(
    "no not never nothing none zero without neither nor haven't hasn't hadn't don't didn't "
    "doesn't isn't wasn't aren't can't cannot won't havent hasnt dont didnt doesnt isnt wasnt "
    "cant".split()
)
_RESUME = re.compile(r"\b(?:my|your|the|his|her|on|in|updated|attached|send|sent|a)\s+cv\b", re.I)
""""CV" after these words is the résumé, not computer vision."""


@dataclass(frozen=True)
class DomainsFound:
    named: tuple[str, ...]
    """Domains named and never denied, most named first."""
    denied: tuple[str, ...]
    """Domains the candidate said they have not worked in."""


@dataclass(frozen=True)
class DomainVocabulary:
    terms: dict[str, tuple[str, ...]]
    """Domain slug -> the words that name it."""

    @classmethod
    def from_prompts(cls, prompts: PromptBook) -> DomainVocabulary:
        prefix = f"{VOCABULARY_FILE}."
        return cls(
            {
                key[len(prefix) :]: tuple(_words(t) for t in terms)
                for key, terms in sorted(prompts.variants.items())
                if key.startswith(prefix)
            }
        )

    def find(self, texts: str | Iterable[str]) -> DomainsFound:
        """The domains named and denied in one answer, or in several read together."""
        text = texts if isinstance(texts, str) else "\n".join(texts)
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        denied: list[str] = []
        position = 0
        for clause in _CLAUSE.split(_RESUME.sub(" resume ", text)):
            words = _WORD.findall(clause.lower().replace("\u2019", "'"))
            for domain, terms in self.terms.items():
                hit = _first_hit(words, terms)
                if hit is None:
                    continue
                if _negated(words, hit):
                    if domain not in denied:
                        denied.append(domain)
                    continue
                counts[domain] = counts.get(domain, 0) + 1
                first.setdefault(domain, position + hit)
            position += len(words)
        named = sorted((d for d in counts if d not in denied), key=lambda d: (-counts[d], first[d]))
        return DomainsFound(named=tuple(named), denied=tuple(denied))


def _words(term: str) -> str:
    return " ".join(_WORD.findall(term.lower()))


def _first_hit(words: list[str], terms: tuple[str, ...]) -> int | None:
    """The index of the first word of the first term found in the clause, or None."""
    joined = f" {' '.join(words)} "
    best: int | None = None
    for term in terms:
        at = joined.find(f" {term} ")
        if at >= 0:
            index = joined[:at].count(" ")
            best = index if best is None else min(best, index)
    return best


def _negated(words: list[str], index: int) -> bool:
    before = words[max(0, index - NEGATION_WINDOW) : index]
    return any(w in _NEGATION or w.endswith("n't") for w in before)


def rubric_domain(competencies: Iterable[str], domains: Iterable[str]) -> str | None:
    """The domain a rubric is about: the first of its competencies that names a domain, or None
    for a question any candidate can answer ("walk me through a project of yours")."""
    known = set(domains)
    return next((c for c in competencies if c in known), None)


def domain_rank(domain: str | None, found: DomainsFound) -> int | None:
    """How well a question's domain suits the candidate: 0 for their main domain, 1 for another
    one they named, 2 for a question about any project of theirs; None when it must not be asked
    (a domain they denied, or one they never named)."""
    if domain is None:
        return 2 if found.named else 0
    if domain in found.named:
        return 0 if domain == found.named[0] else 1
    return None
