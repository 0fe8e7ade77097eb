"""Word-level evidence: fuzzy keyword hits and content-word alignment, with question demoting.

Embeddings miss exact terms and over-reward fluent text; words catch what embeddings miss. Words
that the question already contains earn no credit (Mohler et al. 2011's question demoting): a
candidate who repeats the question has shown nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
FUZZY_CUTOFF = 84.0
MIN_FUZZY_LENGTH = 5

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each etc few for from further get gets got had hadn't has
    hasn't have haven't having he her here hers herself him himself his how i i'd i'll i'm i've if
    in into is isn't it it's its itself just let's like me more most much must my myself no nor not
    now of off on once only or other ought our ours ourselves out over own really same shan't she
    should shouldn't so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under until up
    upon us very was wasn't way we we'd we'll we're we've were weren't what what's when where which
    while who whom why will with won't would wouldn't yes yet you you'd you'll you're you've your
    yours yourself yourselves thing things basically actually um uh like kind sort ok okay well
    mean guess think know say said one use used using make makes made e g i e""".split()
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix strip, enough to equate 'weights'/'weight' and 'regularizing'/'regularize'."""
    for suffix in ("ization", "isation", "ations", "ation", "ings", "ing", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str, demoted: frozenset[str] = frozenset()) -> list[str]:
    """Non-stopword tokens whose stems the question does not already contain."""
    return [t for t in tokens(text) if t not in STOPWORDS and stem(t) not in demoted]


def question_stems(question: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(question) if t not in STOPWORDS)


@dataclass(frozen=True)
class AnswerWords:
    """An answer's words prepared once for many look-ups."""

    words: tuple[str, ...]
    stem_list: tuple[str, ...]
    stems: frozenset[str]
    long_words: tuple[str, ...]
    _found: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    """`has_word` answers so far: a key point's words recur across its variants and keywords."""
    _places: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    """Where each stem looked up by `_near` matches: phrases share their words."""

    @classmethod
    def of(cls, text: str) -> AnswerWords:
        words = tuple(tokens(text))
        stems = tuple(stem(w) for w in words)
        return cls(
            words=words,
            stem_list=stems,
            stems=frozenset(stems),
            long_words=tuple(sorted({w for w in words if len(w) >= MIN_FUZZY_LENGTH})),
        )

    def has_word(self, word: str) -> bool:
        found = self._found.get(word)
        if found is None:
            found = self._found[word] = self._lookup(word)
        return found

    def _lookup(self, word: str) -> bool:
        if stem(word) in self.stems:
            return True
        if len(word) < MIN_FUZZY_LENGTH or not self.long_words:
            return False
        return process.extractOne(word, self.long_words, scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF) is not None

    def has_phrase(self, phrase: str) -> bool:
        """True when the phrase, its acronym, or its expansion occurs, typos allowed."""
        words = tokens(phrase)
        if not words:
            return False
        if all(w in STOPWORDS for w in words):
            return _contains_run(self.words, words)
        if len(words) == 1:
            return self.has_word(words[0]) or self._has_expansion(words[0])
        if all(self.has_word(w) for w in words if w not in STOPWORDS) and self._near(words):
            return True
        return _acronym(words) in self.words

    def _near(self, words: Sequence[str]) -> bool:
        """The phrase's words appear within a short window, in any order."""
        needed = {stem(w) for w in words if w not in STOPWORDS}
        if not needed:
            return True
        span = len(words) + 3
        stems = self.stem_list
        # Where each needed stem matches, found once instead of once per window holding it.
        places = [self._places_of(s) for s in needed]
        if not all(places):
            return False
        for start in range(max(1, len(stems) - span + 1)):
            end = start + span
            if all((k := bisect_left(at, start)) < len(at) and at[k] < end for at in places):
                return True
        return False

    def _places_of(self, needed: str) -> list[int]:
        """Positions of the answer's words whose stem matches `needed` (see `_matches`): each
        distinct stem is compared once, not once per occurrence."""
        found = self._places.get(needed)
        if found is None:
            if len(needed) < MIN_FUZZY_LENGTH:
                matching = {needed}
            else:  # rapidfuzz's loop over the distinct stems: `_matches` for each, in C
                matching = {w for w, _, _ in process.extract(
                    needed, self.stems, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                    limit=None)}
            found = self._places[needed] = [i for i, w in enumerate(self.stem_list)
                                            if w in matching]
        return found

    def _has_expansion(self, acronym: str) -> bool:
        """'cnn' is met by 'convolutional neural network'."""
        if not 2 <= len(acronym) <= 5 or not acronym.isalpha():
            return False
        n = len(acronym)
        return any(
            _acronym(self.words[i : i + n]) == acronym for i in range(len(self.words) - n + 1)
        )


def _contains_run(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return any(tuple(haystack[i : i + n]) == tuple(needle) for i in range(len(haystack) - n + 1))


@lru_cache(maxsize=65536)
def _matches(w: str, word: str) -> bool:
    """`w` is `word` or, for a word of MIN_FUZZY_LENGTH or more, a close spelling of it."""
    return w == word or (len(word) >= MIN_FUZZY_LENGTH and fuzz.ratio(w, word) >= FUZZY_CUTOFF)


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w and w not in STOPWORDS)


def keyword_coverage(keywords: Sequence[str], answer: AnswerWords,
                     demoted: frozenset[str]) -> tuple[float, list[str]]:
    """Share of a key point's keywords found (two hits count as full), and which ones."""
    usable = [k for k in keywords if not _all_demoted(k, demoted)]
    if not usable:
        return 0.0, []
    hits = [k for k in usable if answer.has_phrase(k)]
    return min(1.0, len(hits) / min(2, len(usable))), hits


def _all_demoted(keyword: str, demoted: frozenset[str]) -> bool:
    words = [w for w in tokens(keyword) if w not in STOPWORDS]
    return bool(words) and all(stem(w) in demoted for w in words)


def alignment(reference_words: Sequence[str], answer: AnswerWords) -> float:
    """Share of the reference's content words that the answer contains."""
    unique = list(dict.fromkeys(reference_words))
    if not unique:
        return 0.0
    return sum(1 for w in unique if answer.has_word(w)) / len(unique)
