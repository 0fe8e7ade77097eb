"""Reading which side of each contrast a piece of text takes.

Sentence embeddings put "L1 makes weights sparse" and "L2 makes weights sparse" almost on top of
each other: what separates a correct claim from its swap is a handful of discriminating words. A
contrast (an *axis*) lists mutually exclusive alternatives (its *poles*) and the words that name
each. Reading a text finds every pole it names, flips a two-pole property that is negated ("not
sparse"), ignores foils ("unlike L2", "rather than FN"), and cuts the text where it moves from one
entity to another ("L1 zeroes weights, while L2 shrinks them"), so each span carries one
*signature*: axis -> the poles it asserts.

Axes come from the rubric (authored), from the alternatives the question names ("precision and
recall"), from the opposites of the language (`polarity.py`) and from complexity notation
(`notation.py`); the same reader serves all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.scoring.lexical import STOPWORDS, stem
from bot.scoring.notation import COMPLEXITY_AXIS, FORMULA_AXIS, complexities, formulas

ENTITY = "entity"
PROPERTY = "property"

NEGATIONS = frozenset({"not", "no", "never", "without", "cannot", "neither", "nor", "none",
                       "nothing", "nobody"})
FOILS = (("instead", "of"), ("rather", "than"), ("unlike",), ("as", "opposed", "to"),
         ("compared", "to"), ("compared", "with"), ("versus",), ("vs",), ("not", "like"),
         ("than",))
JOINTS = frozenset({"and", "but", "while", "whilst", "whereas", "however", "although", "though",
                    "or", "then", ",", ";", ":", ".", "so", "yet", "because", "since", "when",
                    "if", "where"})
NEGATION_REACH = 4
"""Tokens a negation reaches forward ("does not make the weights sparse")."""
WEAK_NEGATIONS = frozenset({"without", "no", "none", "nothing", "nobody"})
"""Negate a noun phrase, not the clause: "without them every layer is linear"."""
WEAK_REACH = 1
DIMINISHERS = frozenset({"less", "least", "barely", "hardly"})
"""Read like a negation of the property that follows: "less sensitive" is the robust pole."""
FOIL_REACH = 3

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|[,;:.!?]")


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """One form for a word's inflections: plural and possessive stripped, then stemmed."""
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith(("ches", "shes", "sses", "xes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return stem(word)


def term_keys(term: str) -> tuple[str, ...]:
    return tuple(key(t) for t in _TOKEN.findall(term) if t not in ",;:.!?")


@dataclass(frozen=True)
class Axis:
    """Alternatives that exclude each other, with the word sequences that name each."""

    id: str
    kind: str
    poles: tuple[str, ...]
    terms: tuple[tuple[tuple[str, ...], str], ...]
    """(keys of a naming phrase, the pole it names), longest first."""
    origin: str = "rubric"
    """rubric, question, language or notation: how sure a contradiction on it is."""

    @classmethod
    def of(cls, id: str, kind: str, poles: Mapping[str, Iterable[str]],
           origin: str = "rubric") -> Axis:
        terms = {(term_keys(t), pole) for pole, names in poles.items() for t in names}
        ordered = sorted((t for t in terms if t[0]), key=lambda t: (-len(t[0]), t))
        return cls(id, kind, tuple(poles), tuple(ordered), origin)

    @property
    def binary(self) -> bool:
        return len(self.poles) == 2

    def other(self, pole: str) -> str:
        return self.poles[1] if pole == self.poles[0] else self.poles[0]


COMPLEXITY = Axis(COMPLEXITY_AXIS, PROPERTY, (), (), "notation")
FORMULA = Axis(FORMULA_AXIS, PROPERTY, (), (), "notation")
REPLY = Axis("reply", PROPERTY, (), (), "reply")
"""The short reply an answer opens with ("No, because ...", "40 meters", "C."), against a
reference that opens with another: only the first word counts, since "no" inside a sentence is
usually a negation and a number inside one is usually a detail."""
LEADING_REPLY = {"yes": "yes", "yeah": "yes", "yep": "yes", "no": "no", "nope": "no"}


def leading_reply(word: str) -> str | None:
    """yes/no, a number, or an option letter (A-F) as the first word of a text, else None."""
    lowered = word.lower()
    if lowered in LEADING_REPLY:
        return LEADING_REPLY[lowered]
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return f"{float(word):g}"
    if re.fullmatch(r"[A-F]", word):
        return word
    return None


@dataclass(frozen=True)
class Mention:
    index: int
    """Token position."""
    axis: str
    pole: str
    words: str
    """The words as written, for explanations."""
    negated: bool = False
    foil: bool = False
    context: frozenset[str] = frozenset()
    """Keys of the nearest content words on each side: what the pole is said of ("pitch")."""


@dataclass(frozen=True)
class Span:
    """A stretch of text about one entity, with the poles it asserts."""

    text: str
    signature: Mapping[str, frozenset[str]]
    mentions: tuple[Mention, ...]
    keys: frozenset[str] = field(default_factory=frozenset)
    """Content-word keys, for telling whether two texts talk about the same thing."""

    def context(self, axis: str) -> frozenset[str]:
        """What the span's mentions of an axis are said of (their neighbouring content words)."""
        return frozenset().union(*(m.context for m in self.mentions if m.axis == axis))

    def said(self, axis: str) -> str:
        """The words with which the span named its pole(s) of an axis."""
        words = [("not " if m.negated else "") + m.words for m in self.mentions
                 if m.axis == axis and not m.foil]
        return ", ".join(dict.fromkeys(words))


class Reader:
    """Reads texts against a fixed set of axes."""

    def __init__(self, axes: Sequence[Axis]) -> None:
        self.axes = {a.id: a for a in axes}
        index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for axis in axes:
            for keys, pole in axis.terms:
                index.setdefault(keys[0], []).append((keys, axis.id, pole))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._index = index
        self._complexity = any(a.id == COMPLEXITY_AXIS for a in axes)
        self._formula = any(a.id == FORMULA_AXIS for a in axes)

    def read(self, text: str) -> list[Span]:
        """The text cut into spans, one entity each, with their signatures."""
        text = text.replace("\u2019", "'")
        tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(text)]
        if not tokens:
            return []
        mentions = self._objects(self._mentions(text, tokens), tokens)
        spans: list[Span] = []
        for start, end in self._cuts(tokens, mentions):
            inside = tuple(_with_context(m, tokens, start, end) for m in mentions
                           if start <= m.index < end)
            first = tokens[start][1]
            last = tokens[end - 1][1] + len(tokens[end - 1][0])
            words = [t for t, _ in tokens[start:end]]
            spans.append(Span(
                text=text[first:last].strip(" ,;:.!?"),
                signature=_signature(inside, self.axes),
                mentions=inside,
                keys=frozenset(key(w) for w in words if _content(w)),
            ))
        return spans

    def signature(self, text: str) -> dict[str, frozenset[str]]:
        """All poles a text asserts, spans merged (for a key point or a misconception)."""
        merged: dict[str, set[str]] = {}
        for span in self.read(text):
            for axis, poles in span.signature.items():
                merged.setdefault(axis, set()).update(poles)
        return {a: frozenset(p) for a, p in merged.items()}

    def _mentions(self, text: str, tokens: list[tuple[str, int]]) -> list[Mention]:  # noqa: C901
        keys = [key(t) for t, _ in tokens]
        taken = [False] * len(tokens)
        found: list[Mention] = []
        if self._complexity:
            for c in complexities(text):
                cover = [i for i, (t, s) in enumerate(tokens) if c.start <= s < c.end]
                if cover:
                    for i in cover:
                        taken[i] = True
                    found.append(Mention(cover[0], COMPLEXITY_AXIS, c.cls, text[c.start:c.end]))
        reply = leading_reply(tokens[0][0]) if REPLY.id in self.axes else None
        if reply is not None:
            found.append(Mention(0, REPLY.id, reply, tokens[0][0]))
            taken[0] = True
        if self._formula:
            for f in formulas(text):
                at = max((i for i, (_, s) in enumerate(tokens) if s <= f.start), default=0)
                found.append(Mention(at, FORMULA_AXIS, f.canonical, f.canonical))
        for i in range(len(tokens)):
            if taken[i]:
                continue
            best: list[tuple[tuple[str, ...], str, str]] = []
            for entry in self._index.get(keys[i], ()):
                n = len(entry[0])
                if tuple(keys[i:i + n]) == entry[0] and not any(taken[i:i + n]):
                    if best and n < len(best[0][0]):
                        break
                    best.append(entry)
            if not best:
                continue
            n = len(best[0][0])
            for j in range(i, i + n):
                taken[j] = True
            surface = " ".join(t for t, _ in tokens[i:i + n])
            for _, axis, pole in best:
                found.append(Mention(i, axis, pole, surface))
        found.sort(key=lambda m: m.index)
        return [self._scope(m, tokens, keys, found) for m in found]

    def _scope(self, mention: Mention, tokens: list[tuple[str, int]], keys: list[str],
               mentions: list[Mention]) -> Mention:
        """Marks a mention as a foil ("unlike L2") or as negated ("not sparse")."""
        lowered = [t.lower() for t, _ in tokens]
        i = mention.index
        if _foiled(lowered, i):
            return Mention(i, mention.axis, mention.pole, mention.words, foil=True)
        if _diminished(lowered, i):
            return Mention(i, mention.axis, mention.pole, mention.words, negated=True)
        for back in range(1, NEGATION_REACH + 1):
            at = i - back
            if at < 0 or lowered[at] in JOINTS:
                break
            word = lowered[at]
            if word in WEAK_NEGATIONS and back > WEAK_REACH:
                continue
            if word in NEGATIONS or word.endswith("n't"):
                other = any(m.axis == mention.axis and at < m.index < i for m in mentions)
                if not other:
                    return Mention(i, mention.axis, mention.pole, mention.words, negated=True)
                break
        return mention

    def _cuts(self, tokens: list[tuple[str, int]],
              mentions: list[Mention]) -> list[tuple[int, int]]:
        """Token ranges of the spans: cut between mentions of different poles of one axis.

        An entity axis decides when one alternates ("L1 ..., while L2 ..."); otherwise a property
        axis that alternates ("a shorter string ... lower pitch and a longer string ... higher").
        """
        lowered = [t.lower() for t, _ in tokens]
        cuts = [0]
        entity = [m for m in mentions if self.axes.get(m.axis) is not None
                  and self.axes[m.axis].kind == ENTITY and not m.foil]
        if entity:
            # What comes before the first named entity and a joint ("it spreads the weight,
            # whereas L1 ...") is said of something unnamed: it is a span of its own.
            joint = max((j for j in range(1, entity[0].index) if lowered[j] in JOINTS
                         and any(m.index < j for m in mentions)), default=0)
            if joint:
                cuts.append(joint)
        chosen = self._alternating(mentions, ENTITY) or self._alternating(mentions, PROPERTY)
        if not chosen:
            return [(s, e) for s, e in zip(cuts, [*cuts[1:], len(tokens)], strict=True) if e > s]
        for a, b in zip(chosen, chosen[1:], strict=False):
            if a.pole == b.pole:
                continue
            joint = max((j for j in range(a.index + 1, b.index) if lowered[j] in JOINTS),
                        default=b.index)
            if joint > cuts[-1]:
                cuts.append(joint)
        cuts.append(len(tokens))
        return [(s, e) for s, e in zip(cuts, cuts[1:], strict=False) if e > s]

    def _objects(self, mentions: list[Mention], tokens: list[tuple[str, int]]) -> list[Mention]:
        """An entity named right after another with no joint between ("MSE is the same as MAE",
        "BFS beats DFS here") is the object of a comparison, not a new subject: a foil."""
        lowered = [t.lower() for t, _ in tokens]
        out = list(mentions)
        previous: dict[str, Mention] = {}
        for n, m in enumerate(out):
            axis = self.axes.get(m.axis)
            if axis is None or axis.kind != ENTITY or m.foil or m.negated:
                continue
            before = previous.get(m.axis)
            if (before is not None and before.pole != m.pole
                    and not any(w in JOINTS for w in lowered[before.index + 1:m.index])):
                out[n] = Mention(m.index, m.axis, m.pole, m.words, foil=True)
                continue
            previous[m.axis] = m
        return out

    def _alternating(self, mentions: list[Mention], kind: str) -> list[Mention]:
        """The mentions of the earliest axis of this kind naming two or more poles."""
        by_axis: dict[str, list[Mention]] = {}
        for m in mentions:
            axis = self.axes.get(m.axis)
            if axis is not None and axis.kind == kind and not m.foil and not m.negated:
                by_axis.setdefault(m.axis, []).append(m)
        split = [ms for ms in by_axis.values() if len({m.pole for m in ms}) > 1]
        return min(split, key=lambda ms: ms[0].index) if split else []


CONTEXT_WORDS = 2


def _foiled(lowered: list[str], i: int) -> bool:
    """"unlike L2", "rather than FN", "less noisy than SGD": the word names a foil."""
    for foil in FOILS:
        for back in range(1, FOIL_REACH + len(foil)):
            at = i - back
            if at >= 0 and tuple(lowered[at:at + len(foil)]) == foil:
                if not any(w in JOINTS for w in lowered[at + len(foil):i]):
                    return True
    return False


def _diminished(lowered: list[str], i: int) -> bool:
    """"less sensitive", "the least sensitive": a diminisher one or two words before."""
    if i >= 1 and lowered[i - 1] in DIMINISHERS:
        return True
    return i >= 2 and lowered[i - 2] in DIMINISHERS and lowered[i - 1] not in JOINTS


def _with_context(mention: Mention, tokens: list[tuple[str, int]], start: int,
                  end: int) -> Mention:
    """The mention with the keys of up to two content words on each side, within its span."""
    words = [t for t, _ in tokens]
    before = [key(w) for w in reversed(words[start:mention.index]) if _content(w)]
    width = len(mention.words.split()) if mention.axis not in _NOTATION else 1
    after = [key(w) for w in words[mention.index + width:end] if _content(w)]
    context = frozenset(before[:CONTEXT_WORDS] + after[:CONTEXT_WORDS])
    return Mention(mention.index, mention.axis, mention.pole, mention.words, mention.negated,
                   mention.foil, context)


_NOTATION = frozenset({COMPLEXITY_AXIS, FORMULA_AXIS})


def _content(word: str) -> bool:
    lowered = word.lower()
    return lowered.isalnum() and lowered not in STOPWORDS and lowered not in NEGATIONS


def _signature(mentions: Iterable[Mention], axes: Mapping[str, Axis]) -> dict[str, frozenset[str]]:
    poles: dict[str, set[str]] = {}
    for m in mentions:
        if m.foil:
            continue
        axis = axes.get(m.axis, FORMULA if m.axis == FORMULA_AXIS else COMPLEXITY)
        if m.negated:
            if axis.kind != PROPERTY or not axis.binary:
                continue
            pole = axis.other(m.pole)
        else:
            pole = m.pole
        poles.setdefault(m.axis, set()).add(pole)
    return {a: frozenset(p) for a, p in poles.items()}
