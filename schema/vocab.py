"""Closed vocabularies from the annotation guidelines (shared/eval/GUIDELINES.md)."""

from typing import Literal, get_args

Category = Literal[
    "quantization", "pruning", "sparsity", "distillation", "low-rank", "peft",
    "efficient-attention", "kv-cache", "speculative-decoding", "early-exit",
    "mixture-of-experts", "nas", "optimizer", "training-efficiency", "inference-serving",
    "hardware-kernels", "compression-other", "federated", "other-efficiency", "not-efficiency",
]
ClaimKind = Literal[
    "speedup", "memory", "compression", "accuracy", "perplexity", "throughput",
    "latency", "energy", "params", "cost", "other",
]
Unit = Literal["x", "%", "points", "bits", "GB", "MB", "ms", "s", "tokens/s", "FLOPs", "params", "other"]
Direction = Literal["better", "worse", "equal"]
Role = Literal["proposed", "other"]

CATEGORIES: tuple[str, ...] = get_args(Category)
CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)
UNITS: tuple[str, ...] = get_args(Unit)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
ROLES: tuple[str, ...] = get_args(Role)
