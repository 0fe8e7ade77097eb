"""Shared fixtures: the real embedding model, loaded once per test session.

`scorer` scores on the default backend (the int8 ONNX model the service ships with); `embedder`
is the model in torch, for the tests of that backend and of what it must agree with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.prompts import PromptBook, load_prompts
from bot.rubric.bank import RubricBank
from bot.rubric.model import Rubric
from bot.runtime import build_bank, build_embedder
from bot.scoring.embedder import Embedder, SentenceEmbedder
from bot.scoring.scorer import Scorer
from bot.settings import PROJECT_ROOT, Settings

SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def settings(cache_dir: Path) -> Settings:
    return Settings(cache_dir=cache_dir)


@pytest.fixture(scope="session")
def embedder(cache_dir: Path) -> SentenceEmbedder:
    return SentenceEmbedder(cache_dir=cache_dir)


@pytest.fixture(scope="session")
def prompts(settings: Settings) -> PromptBook:
    return load_prompts(settings.prompts_dir)


@pytest.fixture(scope="session")
def bank(settings: Settings) -> RubricBank:
    """The rubric files plus the coding problems' discussion rubrics, as the service loads it."""
    return build_bank(settings)


@pytest.fixture(scope="session")
def default_embedder(settings: Settings) -> Embedder:
    """The configured backend (MOCKINT_BACKEND; int8 ONNX by default), as the service builds it."""
    return build_embedder(settings)


@pytest.fixture(scope="session")
def scorer(default_embedder: Embedder, prompts: PromptBook) -> Iterator[Scorer]:
    yield Scorer(default_embedder, prompts=prompts)


def make_rubric(**overrides: object) -> Rubric:
    """A small valid rubric; tests override what they exercise."""
    data: dict[str, object] = {
        "id": "sample-rubric",
        "question": "What is overfitting?",
        "reference_answer": "Overfitting is when a model memorises noise in the training data and "
        "fails to generalise to unseen data.",
    }
    data.update(overrides)
    return Rubric.model_validate(data)
