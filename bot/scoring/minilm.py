"""A plain BERT encoder (all-MiniLM-L6-v2 and its kin) run in bare torch, without transformers.

Importing `sentence_transformers` pulls in `transformers.modeling_utils`, which imports
`torch._dynamo`, `torch.distributed.tensor` and sympy: about two thirds of the service's start on
this machine, none of it needed to run six BERT layers. So a sentence-transformers folder whose
pipeline is [Transformer (BertModel), mean Pooling, Normalize] with `model.safetensors` and a
`tokenizer.json` is loaded here from those files, and the forward pass repeats, op for op,
what `transformers`' `BertModel` (sdpa attention, eval mode) does, so vectors are bit-for-bit the
same (`tests/bot/scoring/test_minilm.py` holds that against the library on the bank's texts).
Any other folder returns None from `PlainBert.load` and goes through sentence-transformers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

PIPELINE = ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
            "sentence_transformers.models.Normalize"]


@dataclass(frozen=True)
class BertShape:
    hidden: int
    heads: int
    layers: int
    eps: float
    max_seq_length: int

    @property
    def head_size(self) -> int:
        return int(self.hidden / self.heads)


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def plain_bert_shape(folder: Path) -> BertShape | None:
    """The model's shape when `folder` is a pipeline this module runs exactly, else None."""
    try:
        modules = _read_json(folder / "modules.json")
        config = _read_json(folder / "config.json")
        pooling = _read_json(folder / "1_Pooling" / "config.json")
        st_config = _read_json(folder / "sentence_bert_config.json")
    except (OSError, ValueError):
        return None
    if [m.get("type") for m in modules] != PIPELINE or modules[0].get("path") != "":
        return None
    modes = {k: v for k, v in pooling.items() if k.startswith("pooling_mode_")}
    chosen = [name for name, on in modes.items() if on]
    if chosen != ["pooling_mode_mean_tokens"]:
        return None
    plain = (config.get("model_type") == "bert" and config.get("hidden_act") == "gelu"
             and config.get("position_embedding_type", "absolute") == "absolute"
             and not config.get("is_decoder", False)
             and not config.get("add_cross_attention", False)
             and not config.get("chunk_size_feed_forward", 0))
    if not plain or set(st_config) - {"max_seq_length", "do_lower_case"}:
        return None
    if not (folder / "model.safetensors").is_file() or not (folder / "tokenizer.json").is_file():
        return None
    limit = st_config.get("max_seq_length") or config["max_position_embeddings"]
    return BertShape(hidden=config["hidden_size"], heads=config["num_attention_heads"],
                     layers=config["num_hidden_layers"], eps=config["layer_norm_eps"],
                     max_seq_length=int(limit))


class PlainBert:
    """BertModel's forward pass (last hidden state) on weights read with safetensors."""

    def __init__(self, shape: BertShape, weights: dict[str, Any], folder: Path) -> None:
        self.shape = shape
        self.folder = folder
        self._w = weights

    @classmethod
    def load(cls, folder: str | Path) -> PlainBert | None:
        path = Path(folder)
        shape = plain_bert_shape(path)
        if shape is None:
            return None
        import torch
        from safetensors.torch import load_file

        weights = {k.removeprefix("bert."): v for k, v in
                   load_file(str(path / "model.safetensors")).items()}
        if weights["embeddings.word_embeddings.weight"].dtype != torch.float32:
            return None
        return cls(shape, weights, path)

    def tokenizer(self) -> Any:
        """A fresh Rust tokenizer from `tokenizer.json`, padding and truncation off."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        return tokenizer

    def input_embeddings(self) -> np.ndarray:
        return self._w["embeddings.word_embeddings.weight"].numpy().astype(np.float32)

    def __call__(self, *, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> tuple[Any]:
        """(last hidden state,), as `BertModel(...)[0]`."""
        import torch
        from torch.nn import functional as F

        w, shape = self._w, self.shape
        length = input_ids.shape[1]
        positions = torch.arange(length).expand((1, -1))
        embeddings = (F.embedding(input_ids, w["embeddings.word_embeddings.weight"])
                      + F.embedding(token_type_ids, w["embeddings.token_type_embeddings.weight"]))
        embeddings = embeddings + F.embedding(positions, w["embeddings.position_embeddings.weight"])
        hidden = self._norm(embeddings, "embeddings.LayerNorm")
        mask = None
        if not bool(attention_mask.all()):  # transformers passes no mask when nothing is padded
            batch = attention_mask.shape[0]
            mask = attention_mask.bool()[:, None, None, :].expand(
                batch, 1, length, length).contiguous()
        for layer in range(shape.layers):
            hidden = self._layer(hidden, mask, f"encoder.layer.{layer}.")
        return (hidden,)

    def _linear(self, x: Any, name: str) -> Any:
        from torch.nn import functional as F

        return F.linear(x, self._w[name + ".weight"], self._w[name + ".bias"])

    def _norm(self, x: Any, name: str) -> Any:
        from torch.nn import functional as F

        return F.layer_norm(x, (self.shape.hidden,), self._w[name + ".weight"],
                            self._w[name + ".bias"], self.shape.eps)

    def _layer(self, hidden: Any, mask: Any, prefix: str) -> Any:
        from torch.nn import functional as F

        size = self.shape.head_size
        view = (*hidden.shape[:-1], -1, size)
        attn = prefix + "attention."
        query = self._linear(hidden, attn + "self.query").view(*view).transpose(1, 2)
        key = self._linear(hidden, attn + "self.key").view(*view).transpose(1, 2)
        value = self._linear(hidden, attn + "self.value").view(*view).transpose(1, 2)
        context = F.scaled_dot_product_attention(query, key, value, attn_mask=mask, dropout_p=0.0,
                                                 scale=size**-0.5, is_causal=False)
        context = context.reshape(context.shape[0], -1, query.shape[2], size)
        context = context.transpose(1, 2).contiguous()
        context = context.reshape(*hidden.shape[:-1], -1).contiguous()
        attended = self._norm(self._linear(context, attn + "output.dense") + hidden,
                              attn + "output.LayerNorm")
        inner = F.gelu(self._linear(attended, prefix + "intermediate.dense"))
        return self._norm(self._linear(inner, prefix + "output.dense") + attended,
                          prefix + "output.LayerNorm")
