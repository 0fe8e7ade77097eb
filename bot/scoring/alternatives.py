"""The alternatives a question names: "precision and recall", "BFS and DFS", "L1 vs L2".

When a question sets two or more things side by side, an answer that says of one what belongs to
the other has swapped them. These become entity contrasts for any rubric, including one made on
the fly from a question and a reference answer, so the swap is read even where no author wrote
the contrast down. Shared words are trimmed ("semantic segmentation and instance segmentation" ->
semantic vs instance) so each pole is named by what tells it apart.
"""

from __future__ import annotations

import re

from bot.scoring.contrast import ENTITY, Axis
from bot.scoring.lexical import STOPWORDS

_WORD = r"[A-Za-z][A-Za-z0-9+#-]*"
_ITEM = rf"(?:{_WORD})(?:\s+{_WORD}){{0,2}}"
_LIST = re.compile(
    rf"(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})*\s*,?\s+(?:and|or|vs\.?|versus)\s+(?:(?:with|for|on|in|"
    rf"at|by|from|the|a|an)\s+)?{_ITEM})",
)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+")
MAX_POLE_WORDS = 1
ARTICLES = frozenset({"a", "an", "the"})
_CUE = re.compile(r"\b(?:between|differ\w*|compar\w*|versus|vs\.?|contrast\w*|rather)\b", re.I)
LEADING = frozenset({"with", "for", "on", "in", "at", "by", "from", "the", "a", "an", "between",
                     "use", "using", "of"})


def question_alternatives(question: str) -> list[Axis]:
    """Entity axes for each list of alternatives the question names."""
    axes: list[Axis] = []
    seen: set[frozenset[str]] = set()
    for match in _LIST.finditer(question):
        joiner = re.search(r"\s(and|or|vs\.?|versus)\s", match.group("items"))
        cued = joiner is not None and joiner.group(1) != "and"
        sentence_start = max(question.rfind(c, 0, match.start()) for c in ".?!")
        if not cued and not _CUE.search(question[sentence_start + 1 : match.end()]):
            continue
        for poles in _candidates(match.group("items")):
            key = frozenset(poles)
            if key in seen:
                continue
            seen.add(key)
            axes.append(Axis.of(f"question-{len(axes) + 1}", ENTITY,
                                {p: [p] for p in poles}, origin="question"))
    return axes


def _candidates(text: str) -> list[list[str]]:
    """Trimmed items of one coordination, when they look like alternatives (not clauses)."""
    items = [i.split() for i in _SPLIT.split(_members(text).strip()) if i.strip()]
    if len(items) > 2 and all(i[0].lower() in ARTICLES for i in items[1:]) \
            and ARTICLES.isdisjoint(w.lower() for w in items[0]):
        items = items[1:]  # "which was harder, a penny or a nickel": the list is what has "a"
    if len(items) < 2:
        return []
    items = [_strip_leading(i) for i in items]
    # The coordination may have caught words before the first alternative: keep its tail only.
    width = max(len(i) for i in items[1:])
    items[0] = _strip_leading(items[0][-width:])
    items = _trim_shared(items)
    if len(items[-1]) == 2 and all(len(i) == 1 for i in items[:-1]):
        items[-1] = items[-1][:1]  # "L1 and L2 regularization": the head belongs to both
    if any(not i or len(i) > MAX_POLE_WORDS for i in items):
        return []
    if any(all(w.lower() in STOPWORDS for w in i) for i in items):
        return []
    poles = [" ".join(i) for i in items]
    if len({p.lower() for p in poles}) < len(poles):
        return []
    return [poles]


def _members(text: str) -> str:
    """The coordination "versus" binds: in "one variable and covered versus uncovered" the
    alternatives are the two around "versus", not what an earlier "and" joined to them."""
    versus = re.search(r"\s(?:vs\.?|versus)\s", text)
    if versus is None:
        return text
    head = text[:versus.start()]
    cut = max(head.rfind(","), head.rfind(" and "), head.rfind(" or "))
    if cut < 0:
        return text
    return re.sub(r"^\s*(?:,|and|or)\s+", "", text[cut:])


def _strip_leading(words: list[str]) -> list[str]:
    while words and (words[0].lower() in LEADING or words[0].lower() in STOPWORDS):
        words = words[1:]
    return words


def _trim_shared(items: list[list[str]]) -> list[list[str]]:
    """Removes words every item ends (or starts) with: what they have in common names no pole."""
    while all(len(i) > 1 for i in items) and len({i[-1].lower() for i in items}) == 1:
        items = [i[:-1] for i in items]
    while all(len(i) > 1 for i in items) and len({i[0].lower() for i in items}) == 1:
        items = [i[1:] for i in items]
    return items
