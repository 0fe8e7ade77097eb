"""What an answer has already told the interviewer, and what a follow-up question asks for.

A listening interviewer does not ask "Which model did you use?" right after "I fine-tuned a
YOLOv8s from COCO weights". Before a follow-up is asked, the engine reads every answer given to the
question so far for the facts follow-ups usually ask about (a named model, the task type, the
size of the data, a metric, the STAR parts of a story, the candidate's own role) and reads the
follow-up for the facts it asks for. A follow-up whose every part asks for something already said
is dropped; one with a part still open is asked about that part only, in words that refer to what
was said ("You mentioned YOLOv8s: how did you train it?").

Both sides are surface patterns a reviewer can check by eye, tested on real phrasings; the scorer
still decides whether a key point was met. A fact this module cannot see is never assumed: when in
doubt, the follow-up is asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Fact = Literal[
    "model", "task_type", "data_size", "metric", "situation", "task", "action", "result",
    "own_role", "obstacle", "deployment",
]
FACTS: tuple[Fact, ...] = (
    "model",
    "task_type",
    "data_size",
    "metric",
    "situation",
    "task",
    "action",
    "result",
    "own_role",
    "obstacle",
    "deployment",
)

_I = re.IGNORECASE
_MODEL = re.compile(
    r"\b(?:yolo(?:v\d+[a-z]?|[- ]?v?\d+[a-z]?)?|(?:mask |faster |fast )?r-?cnn|retinanet|ssd|"
    r"detr|u-?net|resnet[- ]?\d*|efficientnet(?:[- ]?b\d)?|mobilenet(?:[- ]?v\d)?|vgg[- ]?\d*|"
    r"vit|swin|clip|sam|deeplab(?:v\d\+?)?|inception|densenet|"
    r"bert|roberta|distilbert|deberta(?:-v\d)?|albert|electra|xlm-r(?:oberta)?|gpt-?\d*(?:\.\d)?|"
    r"t5|flan-t5|bart|llama[- ]?\d*|mistral|mixtral|falcon|sentence-?bert|sbert|minilm|"
    r"word2vec|glove|fasttext|spacy|crf|bilstm|lstm|gru|tcn|transformer|"
    r"whisper|wav2vec\s?2?(?:\.0)?|hubert|conformer|deepspeech|kaldi|tacotron|ecapa(?:-tdnn)?|"
    r"xgboost|lightgbm|catboost|random forests?|gradient[- ]boost(?:ing|ed)(?: trees| machines?)?|"
    r"logistic regression|linear regression|ridge|lasso|svm|naive bayes|k-?means|"
    r"isolation forest|autoencoder|prophet|s?arima(?:x)?|holt-winters|deepar|n-?beats|tft|"
    r"temporal fusion transformer|two-tower|matrix factori[sz]ation|als|lightfm|"
    r"collaborative filtering|ncf|dlrm|wide (?:and|&) deep|din|sasrec|bert4rec)\b",
    _I,
)
_TASK_TYPE = re.compile(
    r"\b(?:classif(?:ication|ier|y|ied)|detect(?:ion|or)|object detection|segment(?:ation|er|ing)|"
    r"regression|regressor|forecast(?:ing)?|ranking|ranker|recommend(?:ation|er)s?|"
    r"retrieval|named entity|ner|sequence labelling|clustering|anomaly detection|"
    r"ocr|transcription|speech recognition|asr|speaker (?:verification|identification)|"
    r"summari[sz]ation|translation|question answering|keypoint|pose estimation|tracking|"
    r"sentiment analysis|intent detection|topic modell?ing|survival analysis)\b",
    _I,
)
_DATA_SIZE = re.compile(
    r"\b(?:\d+(?:[.,]\d+)*\s*(?:(?:k|m|mb|gb|tb|thousand|million|billion|hundred)\b)?\s*"
    r"(?:[\w-]+\s+){0,2}"
    r"(?:images?|photos?|pictures?|frames?|videos?|samples?|examples?|rows?|records?|"
    r"documents?|docs|tickets?|emails?|sentences?|utterances?|tokens?|"
    r"hours? of (?:[\w-]+ ){0,2}?(?:audio|speech|recordings?|data|video)|"
    r"recordings?|clips?|users?|items?|interactions?|events?|transactions?|"
    r"customers?|sensors?|machines?|series|time series|data ?points?|labels?|reviews?|"
    r"messages?|sessions?|queries|pairs|gb|tb|mb)|(?:\d+(?:[.,]\d+)*\s*)(?:gb|tb)|"
    r"(?:a few|several|tens of|hundreds of) (?:thousand|million|billion))\b",
    _I,
)
_METRIC = re.compile(
    r"\b(?:map(?:@\d+|50)?|iou|f1(?:[- ]score)?|f-score|precision|recall|accuracy|auc|roc|pr-auc|"
    r"rmse|mae|mape|smape|mse|r2|r-squared|wer|cer|bleu|rouge(?:-l)?|perplexity|ndcg(?:@\d+)?|"
    r"mrr|hit rate|recall@\d+|precision@\d+|ctr|click-through|conversion|latency|throughput|"
    r"dice|exact match|eer|mos|p95|p99|uptime|false (?:alarm|positive|negative)s?(?: rate)?)\b",
    _I,
)
_NUMBER_RESULT = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:%|percent|per cent|ms|milliseconds|x)\b|"
    r"\b0\.\d+\b",
    _I,
)

_LABEL = r"(?:^|\n|[.;]\s*)\s*[-*•]?\s*\**{}\**\s*[:\-–—]"
_SITUATION = re.compile(
    _LABEL.format("(?:situation|context|background)") + r"|\b(?:at (?:my|our|a|an|the) "
    r"(?:\w+ )?(?:job|company|team|client|startup|plant|factory|lab|firm|bank|employer|"
    r"retailer|hospital|agency)|the (?:company|business|client|plant|customer|factory) "
    r"(?:was|had|needed|wanted)|there was|the problem was|was costing|we had (?:a|an|no|too)|"
    r"(?:working|worked|i was) (?:at|for) (?:a|an|the)|in my (?:last|previous|current) "
    r"(?:job|role|team|company))\b",
    _I,
)
_TASK = re.compile(
    _LABEL.format("(?:task|goal|objective|aim)") + r"|\b(?:my (?:task|job|goal|brief|"
    r"assignment) was|(?:the )?(?:goal|aim|objective|task|brief) was|i was (?:asked|tasked|"
    r"hired|brought in) to|we (?:needed|had|wanted) to|i (?:needed|had) to)\b",
    _I,
)
_ACTION = re.compile(
    _LABEL.format("(?:action|actions|approach|what i did)") + r"|\bi\b(?:\s+\w+){0,2}?\s+"
    r"(?:built|trained|designed|implemented|wrote|developed|created|set up|deployed|ran|tested|"
    r"tuned|replaced|collected|label+ed|cleaned|fine-tuned|finetuned|profiled|switched|fixed|"
    r"led|organi[sz]ed|introduced|benchmarked|analy[sz]ed|debugged|rewrote|migrated|automated|"
    r"proposed|evaluated|shipped|optimi[sz]ed|added|called|talked|asked|suggested|scheduled|"
    r"split|wrapped|moved|started|decided|chose)\b",
    _I,
)
_RESULT = re.compile(
    _LABEL.format("(?:result|results|outcome|impact)") + r"|\b(?:as a result|in the end|"
    r"eventually|the result was|the outcome was|which (?:cut|reduced|improved|raised|saved)|"
    r"(?:it|this|that) (?:cut|reduced|improved|raised|saved|increased|decreased|halved|doubled)|"
    r"went (?:up|down|from)|dropped (?:from|to|by)|rose (?:from|to|by)|now runs|is (?:now )?in "
    r"production|shipped|launched|we delivered|got deployed|went live)\b",
    _I,
)
_OWN_ROLE = re.compile(
    r"\b(?:my (?:part|role|job|responsibility|contribution|own part) (?:was|were|is)|"
    r"i was (?:responsible|in charge|the (?:lead|owner|only)|the one who)|i (?:personally|myself)|"
    r"i owned|i led|i did (?:the|all|most)|(?:was|were) (?:all )?mine|by myself|on my own|"
    r"i was the (?:\w+ )?(?:engineer|scientist|developer)|as the (?:lead|only) )",
    _I,
)

_OBSTACLE = re.compile(
    r"\b(?:the (?:hard(?:est)?|tricky|trickiest|difficult) (?:part|bit|thing) was|"
    r"(?:the )?(?:main |big(?:gest)? )?(?:challenge|problem|issue|obstacle) was|struggled with|"
    r"went wrong|didn't work|did not work|we hit|ran into|turned out to be hard)",
    _I,
)
_DEPLOYMENT = re.compile(
    r"\b(?:(?:it |now )?runs? (?:on|in)|running (?:on|in)|(?:has|have) run (?:on|in)|"
    r"deployed (?:to|on|in|as)|in production|went live|on the (?:line|edge|device|phone)|"
    r"on an? (?:edge box|line pc|jetson|gpu server|cpu server|server))",
    _I,
)

ASKS: dict[Fact, re.Pattern[str]] = {
    "model": re.compile(
        r"\b(?:which|what) (?:\w+ )?(?:model|architecture|algorithm|network|"
        r"backbone|detector|classifier|library|framework)s?\b(?! (?:run|serve))",
        _I,
    ),
    "task_type": re.compile(
        r"\b(?:classification, (?:detection|regression)|detection or "
        r"segmentation|what (?:kind|type|sort) of (?:\w+ )?(?:problem|task)|"
        r"was it (?:a )?(?:classification|regression|detection|"
        r"segmentation|ranking|forecasting))\b",
        _I,
    ),
    "data_size": re.compile(
        r"\b(?:how (?:much|many) (?:\w+ )?(?:data|images|examples|samples|"
        r"rows|records|labels|documents|hours|users|items)|how (?:big|large) "
        r"(?:was|were|is) (?:the|your) (?:data|dataset|corpus)|size of the "
        r"(?:data|dataset|corpus))",
        _I,
    ),
    "metric": re.compile(
        r"\b(?:(?:which|what) metrics?|how did you (?:measure|evaluate)|"
        r"in numbers|what numbers|how well did it (?:work|do|perform))",
        _I,
    ),
    "situation": re.compile(
        r"\b(?:what was the (?:situation|context|setting|background)|"
        r"set the scene|where (?:were you working|was this))",
        _I,
    ),
    "task": re.compile(
        r"\b(?:what (?:were you|was your team) (?:asked|supposed) to do|"
        r"what was (?:your|the) (?:task|goal|brief|objective))",
        _I,
    ),
    "action": re.compile(
        r"\b(?:what did you (?:actually )?do(?! yourself)|what steps did you "
        r"take|what actions did you take)\b",
        _I,
    ),
    "result": re.compile(
        r"\b(?:what was the (?:result|outcome)|how did it (?:end|turn out)|"
        r"where did (?:it|the project) land|what happened (?:in the end|with it)"
        r")",
        _I,
    ),
    "obstacle": re.compile(
        r"\b(?:what was the (?:hardest|trickiest|most difficult) (?:part|bit|thing)|"
        r"what went wrong|what were the (?:main )?(?:problems|challenges|obstacles))",
        _I,
    ),
    "deployment": re.compile(
        r"\b(?:where does it run|where (?:is|was) it (?:deployed|running)|how did you deploy|"
        r"where did it (?:run|go live))",
        _I,
    ),
    "own_role": re.compile(
        r"\b(?:your (?:own|specific|personal) (?:part|role|contribution)|"
        r"(?:did|do) (?:you )?(?:do )?yourself|you personally|"
        r"what was your (?:part|role))",
        _I,
    ),
}
"""What a question asks for, read from its words."""

_SAYS: dict[Fact, re.Pattern[str]] = {
    "model": _MODEL,
    "task_type": _TASK_TYPE,
    "data_size": _DATA_SIZE,
    "metric": _METRIC,
    "situation": _SITUATION,
    "task": _TASK,
    "action": _ACTION,
    "result": _RESULT,
    "own_role": _OWN_ROLE,
    "obstacle": _OBSTACLE,
    "deployment": _DEPLOYMENT,
}
MENTIONABLE: tuple[Fact, ...] = ("model", "task_type", "metric", "data_size")
"""Facts worth naming back to the candidate, in the order an interviewer would pick them."""

_PARTS = re.compile(
    r",\s*and\s+|;\s*|\?\s+(?=\S)|,\s*(?=(?:how|what|why|which|where|who|when|"
    r"and how|and why|and what)\b)",
    _I,
)


@dataclass(frozen=True)
class Facts:
    """Each fact the answers state, with the first words that state it."""

    found: dict[Fact, str]

    def __contains__(self, fact: object) -> bool:
        return fact in self.found

    def mention(self, exclude: Iterable[Fact] = ()) -> str | None:
        """The words of the most specific fact said, to refer back to ("YOLOv5")."""
        skip = set(exclude)
        for fact in MENTIONABLE:
            if fact in self.found and fact not in skip:
                return self.found[fact]
        return None


def facts_in(answers: str | Iterable[str]) -> Facts:
    """The facts one answer, or all answers given to a question so far, state."""
    text = answers if isinstance(answers, str) else "\n".join(answers)
    found: dict[Fact, str] = {}
    for fact in FACTS:
        match = _SAYS[fact].search(text)
        if match is None and fact == "metric":
            match = _NUMBER_RESULT.search(text) if _METRIC_CONTEXT.search(text) else None
        if match is not None:
            found[fact] = " ".join(match.group(0).strip(" \n.;:-*•").split())
    return Facts(found)


_METRIC_CONTEXT = re.compile(
    r"\b(?:score|scored|reached|got|achieved|error|improved|reduced|"
    r"cut|from|to)\b",
    _I,
)


def asked_by(question: str) -> frozenset[Fact]:
    """The facts a question asks for, as far as its words show."""
    return frozenset(f for f, pattern in ASKS.items() if pattern.search(question))


@dataclass(frozen=True)
class Reading:
    """A follow-up, read against what was said: ask it, ask part of it, or drop it."""

    question: str | None
    """The words to ask, or None when everything it asks for was already said."""
    given: frozenset[Fact]
    """Facts the original follow-up asked for that the answers already state."""


def read_follow_up(follow_up: str, facts: Facts) -> Reading:
    """Drops the parts of a follow-up that ask for something already said.

    Each part ("Which model did you use", "how did you train it") is kept unless every fact it
    asks for is in `facts`; a part that asks for nothing this module can see is always kept.
    When a part was dropped, the rest refers to what was said ("You mentioned X: ...").
    """
    parts = [p.strip(" ,?") for p in _PARTS.split(follow_up) if p and p.strip(" ,?")]
    given: set[Fact] = set()
    kept: list[str] = []
    for part in parts:
        asks = asked_by(part)
        if asks and asks <= set(facts.found):
            given |= asks
        else:
            kept.append(part)
    if not given:
        return Reading(question=follow_up, given=frozenset())
    if not kept:
        return Reading(question=None, given=frozenset(given))
    rest = " ".join(_sentence(p) for p in kept)
    said = _said_for(given, facts)
    if said is None:
        return Reading(question=rest, given=frozenset(given))
    return Reading(question=f"You mentioned {said}: {_lower_first(rest)}", given=frozenset(given))


def _said_for(given: set[Fact], facts: Facts) -> str | None:
    for fact in MENTIONABLE:
        if fact in given and fact in facts.found:
            words = facts.found[fact]
            return _TASK_NOUNS.get(words.lower(), words) if fact == "task_type" else words
    return None


_TASK_NOUNS = {
    "detector": "detection",
    "detect": "detection",
    "classifier": "classification",
    "classify": "classification",
    "classified": "classification",
    "segmenter": "segmentation",
    "segmenting": "segmentation",
    "regressor": "regression",
    "ranker": "ranking",
    "forecast": "forecasting",
    "recommender": "recommendations",
    "recommenders": "recommendations",
}
"""A task named by its tool ("a YOLOv5 detector") is named back as the task ("detection")."""


def _sentence(part: str) -> str:
    text = part.strip()
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith(("?", ".", "!")) else f"{text}?"


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


GAP_FACTS: dict[str, frozenset[Fact]] = {
    "ownership": frozenset({"own_role"}),
    "impact": frozenset({"metric"}),
    "context": frozenset({"situation", "task"}),
    "result": frozenset({"result"}),
    "techniques": frozenset({"model"}),
    "obstacles": frozenset({"obstacle"}),
}
"""The facts that fill each gap in a story (`star.py`); a gap with none is never assumed filled."""


def gap_told(gap: str, facts: Facts) -> bool:
    """Whether the answers already say what a story-gap probe would ask for (a labelled
    "Situation: ... Task: ..." fills the context gap that `star.py`'s cues may miss)."""
    needed = GAP_FACTS.get(gap, frozenset())
    return bool(needed) and needed <= set(facts.found)
