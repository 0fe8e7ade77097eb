"""The model deep-dive: the candidate talks about one model they know well, and the interviewer
walks seed 001's eleven probes about it as follow-ups.

Interviewers open with "describe a model you know well" because going deep on something simple
(k-nearest neighbours, linear regression) shows whether a candidate understands a model or only
knows its name. The round draws one per-model rubric (`rubrics/technical/model-deep-dive/`, topic
`model-deep-dive`), preferring a model the candidate already named earlier in the interview. If the
first answer names another model that the bank has a deep-dive rubric for ("I'd rather talk about
random forests") and not the one suggested, the answers are scored against that model's rubric.

The per-model rubrics group the probes into six key points (`PROBES` maps each probe to one). The
interviewer walks the probes in the seed's order, each at most once, while the round's follow-up
allowance lasts (a track may allow all eleven: `max_follow_ups`). A probe is skipped only when the
candidate covered its key point on their own, before any probe of that point was asked: once the
convergence probe has been asked, a good answer to it does not skip the updating and speed probes
that share its key point "training", since each asks something the convergence answer was not
asked for. The probes are steps of the round, so a strong answer gets them too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from bot.engine.events import AnswerScored
from bot.engine.grading import grade
from bot.engine.kinds.base import RoundKindModule
from bot.engine.probing import Probe

if TYPE_CHECKING:
    from bot.engine.conversation import Draft
    from bot.engine.state import QuestionRecord
    from bot.engine.tracks import RoundPlan
    from bot.rubric.model import Rubric


MODELS: dict[str, tuple[str, ...]] = {
    "linear-regression-deep-dive": (
        "linear regression", "least squares", "ols", "ridge regression"),
    "logistic-regression-deep-dive": ("logistic regression", "logit model", "logreg"),
    "knn-deep-dive": (
        "k-nearest neighbours", "k-nearest neighbors", "k nearest neighbours",
        "k nearest neighbors", "nearest neighbours", "nearest neighbors", "knn", "k-nn"),
    "decision-tree-deep-dive": ("decision tree", "decision trees", "cart"),
    "random-forest-deep-dive": ("random forest", "random forests"),
    "gradient-boosting-deep-dive": (
        "gradient boosting", "gradient-boosted", "gradient boosted", "boosted trees", "xgboost",
        "lightgbm", "catboost", "gbm"),
    "svm-deep-dive": ("svm", "svms", "support vector machine", "support vector machines"),
    "k-means-deep-dive": ("k-means", "k means", "kmeans"),
    "naive-bayes-deep-dive": ("naive bayes", "naïve bayes"),
    "cnn-deep-dive": (
        "cnn", "cnns", "convolutional neural network", "convolutional neural networks",
        "convnet", "resnet"),
}
"""Each per-model rubric id and the words candidates use for its model (whole words, any
case)."""

NAMES: dict[str, str] = {
    "linear-regression-deep-dive": "linear regression",
    "logistic-regression-deep-dive": "logistic regression",
    "knn-deep-dive": "k-nearest neighbours",
    "decision-tree-deep-dive": "decision tree",
    "random-forest-deep-dive": "random forest",
    "gradient-boosting-deep-dive": "gradient boosting",
    "svm-deep-dive": "SVM",
    "k-means-deep-dive": "k-means",
    "naive-bayes-deep-dive": "naive Bayes",
    "cnn-deep-dive": "CNN",
}
"""How the interviewer names each model in a probe (`$model`, read as "the $model model")."""

PROBES: tuple[tuple[str, str], ...] = (
    ("problem", "problem"),
    ("overfitting", "overfitting"),
    ("assumptions", "assumptions"),
    ("convergence", "training"),
    ("data_types", "data"),
    ("missing_data", "data"),
    ("interpretability", "interpretability"),
    ("alternatives", "interpretability"),
    ("updating", "training"),
    ("speed", "training"),
    ("tuning", "overfitting"),
)
"""Seed 001's eleven probes in its order, each with the key point of a per-model rubric that
scores the answer to it."""

TARGET = "probe:"


def _pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?!\w)", re.IGNORECASE)


_PATTERNS = {rubric_id: _pattern(aliases) for rubric_id, aliases in MODELS.items()}


def models_named(text: str) -> list[str]:
    """The per-model rubric ids whose model the text names, in the order first named."""
    found = [(m.start(), rid) for rid, pattern in _PATTERNS.items()
             if (m := pattern.search(text)) is not None]
    return [rid for _, rid in sorted(found)]


def rubric_for_answers(asked_id: str, answers: list[str], available: set[str]) -> str:
    """The rubric the answers are about: the one asked, unless the first answer names another
    model with a deep-dive rubric and not the asked one."""
    if not answers:
        return asked_id
    named = [rid for rid in models_named(answers[0]) if rid in available]
    if not named or asked_id in named:
        return asked_id
    return named[0]


class ModelDeepDive(RoundKindModule):
    name: ClassVar[str] = "model-deep-dive"
    intro_key: ClassVar[str] = "deep_dive.round_intro"
    lines = {"deep_dive.round_intro": ["subject"], "deep_dive.probe_passed": [],
             **{f"deep_dive.probe_{probe}": ["model"] for probe, _ in PROBES}}
    follows_up_strong: ClassVar[bool] = True
    max_follow_ups: ClassVar[int] = len(PROBES)
    walk: ClassVar[bool] = True

    def choose(self, draft: Draft, plan: RoundPlan) -> Rubric | None:
        """A per-model rubric, preferring models the candidate has named in earlier answers."""
        from bot.engine.selection import choose_question

        earlier = " ".join(a for r in draft.state.questions() for a in r.answers)
        named = set(models_named(earlier))
        preferred = [r for r in draft.ctx.bank if r.id in named]
        return (choose_question(draft.state, plan, preferred) if preferred else None) or \
            choose_question(draft.state, plan, draft.ctx.bank)

    def rubric(self, draft: Draft, rubric_id: str) -> Rubric:
        record = draft.state.open_question()
        answers = record.answers if record and record.asked.rubric_id == rubric_id else []
        return draft.ctx.bank.get(self._about(draft, rubric_id, answers))

    def score(self, draft: Draft, record: QuestionRecord, text: str) -> AnswerScored:
        """As the default, but against the rubric of the model the candidate chose to discuss."""
        answers = [*record.answers, text]
        rubric = draft.ctx.bank.get(self._about(draft, record.asked.rubric_id, answers))
        result = draft.ctx.scorer.score(rubric, text, earlier=record.answers)
        scored = AnswerScored(rubric_id=rubric.id, rubric_version=rubric.version,
                              answer="\n".join(answers), result=result,
                              grade=grade(result, hints=len(record.hints)))
        return scored.model_copy(update={"grade": self.regrade(scored, len(record.hints))})

    def probe(self, record: QuestionRecord, plan: RoundPlan) -> Probe | None:
        """The next of the eleven probes after the last one asked, in the seed's order, while
        allowed; skipping a probe whose key point the candidate covered before any probe of that
        point was asked."""
        scored = record.scored
        if scored is None or scored.result.flags or len(record.follow_ups) >= plan.follow_ups:
            return None
        if scored.rubric_id not in MODELS:
            return None
        met = {kp.id for kp in scored.result.key_points if kp.met}
        asked = {f.target.removeprefix(TARGET) for f in record.follow_ups
                 if f.target.startswith(TARGET)}
        probed = {point for probe, point in PROBES if probe in asked}
        start = max((i + 1 for i, (probe, _) in enumerate(PROBES) if probe in asked), default=0)
        for probe, point in PROBES[start:]:
            if point in met and point not in probed:
                continue  # covered unprompted: a probe would ask for what was already said
            return Probe(target=TARGET + probe, key=f"deep_dive.probe_{probe}",
                         values=(("model", NAMES[scored.rubric_id]),))
        return None

    def _about(self, draft: Draft, asked_id: str, answers: list[str]) -> str:
        available = {r.id for r in draft.ctx.bank if r.id in MODELS}  # RubricSource: get, iter
        return rubric_for_answers(asked_id, answers, available)
