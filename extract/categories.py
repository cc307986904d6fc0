"""Technique categories of the paper's contribution, from keyword evidence.

Each category has cue words and phrases. A cue scores more where it speaks about the
paper's own contribution: the title and the sentences that say "we propose ..." (and the
proposed methods' own categories) weigh more than background sentences. Categories
above a threshold relative to the best one are kept; with no efficiency evidence the
paper is "not-efficiency".

Cues are looked up word by word in dictionaries (memoised per word), not searched with
regexes: twenty cue regexes over every abstract cost more than tokenising it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from claimgraph.schema import CATEGORIES, Method

from .doctext import doc_text

# Prefix cues ("quantiz" -> quantization), tried on each word and each of its hyphen parts.
_PREFIX_CUES = {
    "quantization": "quantiz quantis low-bit binariz binaris ternar mxfp nvfp codebook outlier rotation-based "
                    "mixed-precision bit-width",
    "pruning": "prun",
    "sparsity": "sparsit sparsif",
    "distillation": "distill teacher",
    "low-rank": "low-rank factoriz factoris tensor-train",
    "peft": "qlora parameter-efficient adapter fine-tun finetun",
    "efficient-attention": "flashattention sub-quadratic subquadratic ssm mamba sliding-window long-context linear-time",
    "kv-cache": "kv-cach",
    "speculative-decoding": "speculative medusa draft-then-verify",
    "early-exit": "early-exit",
    "mixture-of-experts": "mixture-of-expert",
    "nas": "automl",
    "optimizer": "optimizer optimiser momentum second-order preconditio",
    "training-efficiency": "compute-efficient data-efficient",
    "inference-serving": "serving batching throughput scheduling request",
    "hardware-kernels": "gpu fpga asic accelerator hardware on-device npu cpu microcontroller systolic",
    "compression-other": "compress hashing",
    "federated": "federated communication-efficient",
    "other-efficiency": "efficien accelerat speedup speed-up latency lightweight resource-constrained",
}
# Whole-word cues.
_EXACT_CUES = {
    "quantization": "bit bits int2 int3 int4 int8 fp4 fp8 ptq qat nf4",
    "sparsity": "sparse n:m 2:4",
    "low-rank": "svd tucker",
    "peft": "lora dora peft",
    "kv-cache": "kv",
    "speculative-decoding": "eagle",
    "mixture-of-experts": "moe moes expert experts routing router routers",
    "nas": "nas",
    "optimizer": "adam sgd",
    "hardware-kernels": "kernel kernels cuda triton",
    "federated": "client clients",
    "other-efficiency": "flops",
}
# Phrases: every word but the last must match exactly, the last as a prefix.
_PHRASE_CUES = {
    "quantization": ["binary neural", "binary network", "binary weight", "post-training quant", "vector quantiz"],
    "pruning": ["token dropping", "token merging", "token reduction", "token eviction", "token compression",
                "layer dropping", "layer removal", "layer skipping", "drop tokens", "drop layers",
                "remove redundant", "structured sparsity"],
    "distillation": ["student model"],
    "low-rank": ["low rank", "singular value", "rank reduction", "tensor decompos", "tensor train",
                 "matrix decompos", "weight decompos", "cp decompos", "kronecker decompos"],
    "peft": ["parameter efficient", "prompt tuning", "prefix tuning"],
    "efficient-attention": ["linear attention", "sparse attention", "efficient attention", "flash attention",
                            "quadratic complexity", "quadratic cost", "state space model", "sliding window",
                            "long context", "token mixing"],
    "kv-cache": ["kv cach", "key-value cach"],
    "speculative-decoding": ["draft model", "draft tokens", "multi-token prediction"],
    "early-exit": ["early exit", "adaptive depth", "layer skipping", "dynamic depth"],
    "mixture-of-experts": ["mixture of expert"],
    "nas": ["architecture search", "hyperparameter search", "hyperparameter optimi", "hyperparameter tuning",
            "search space"],
    "optimizer": ["gradient descent", "convergence rate", "learning rate", "stochastic optimi", "step size"],
    "training-efficiency": ["training efficien", "training cost", "training time", "training speed",
                            "training throughput", "efficient training", "faster training", "accelerate training",
                            "accelerates training", "accelerating training", "accelerated training",
                            "pre-training cost", "pretraining cost", "training compute",
                            "memory-efficient training", "reduce training", "reduces training", "reduced training"],
    "inference-serving": ["inference system", "inference engine", "inference server"],
    "hardware-kernels": ["edge device", "in-memory computing"],
    "compression-other": ["model size", "weight sharing", "entropy coding"],
    "other-efficiency": ["speed up", "computational cost", "memory footprint"],
}
ORDER: tuple[str, ...] = tuple(c for c in CATEGORIES if c != "not-efficiency")
# Weak, generic cues only count when nothing specific is there.
_FALLBACK = {"other-efficiency", "compression-other", "hardware-kernels", "inference-serving"}


def _table(spec: dict[str, str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for cat, words in spec.items():
        for w in words.split():
            out[w] = out.get(w, ()) + (cat,)
    return out


_PREFIX = _table(_PREFIX_CUES)
_PREFIX_LENGTHS = sorted({len(k) for k in _PREFIX})
_EXACT = _table(_EXACT_CUES)
_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _cat, _phrases in _PHRASE_CUES.items():
    for _p in _phrases:
        _first, *_rest = _p.split()
        _PHRASES.setdefault(_first, []).append((tuple(_rest), _cat))
_PHRASE_FIRSTS = frozenset(_PHRASES)
_BITS = re.compile(r"[1-8]-bits?$|w\d+a\d+")
_WORD = re.compile(r"[a-z0-9][a-z0-9\-:.+#]*[a-z0-9+#]|[a-z0-9]")
# Two plain searches, not one "we ... propose" regex: a lazy gap between two alternations
# rescans the sentence at every start position.
_WE = re.compile(r"\b(?:we|this paper|this work|our)\b")
_PROPOSE = re.compile(r"propos|introduc|present|develop|design")
_MEMO: dict[str, tuple[str, ...]] = {}


def _word_cats(word: str) -> tuple[str, ...]:
    got = _MEMO.get(word)
    if got is None:
        found: list[str] = []
        for part in ({word, *word.split("-")} if "-" in word else (word,)):
            found.extend(_EXACT.get(part, ()))
            for n in _PREFIX_LENGTHS:
                if n > len(part):
                    break
                found.extend(_PREFIX.get(part[:n], ()))
        if _BITS.match(word):
            found.append("quantization")
        got = _MEMO[word] = tuple(dict.fromkeys(found))
    return got


def _count(lowered: str, weight: float, out: dict[str, float], cap: int | None = 3) -> None:
    """Add weight x (hits per category, at most `cap`) of one text span to `out`."""
    words = _WORD.findall(lowered)
    if not words:
        return
    local: dict[str, int] = {}
    if len(_MEMO) > 200_000:
        _MEMO.clear()
    # Every word gets its memo entry first (set difference in C: only unseen words reach
    # Python; a number is no cue unless it reads "4-bit" or "2:4"); then map()/filter()
    # keep the per-word lookups in C and only cue words reach the loop.
    for w in set(words).difference(_MEMO):
        if w[0].isdigit() and "bit" not in w and ":" not in w:
            _MEMO[w] = ()
        else:
            _word_cats(w)
    for cats in filter(None, map(_MEMO.__getitem__, words)):
        for cat in cats:
            local[cat] = local.get(cat, 0) + 1
    if not _PHRASE_FIRSTS.isdisjoint(words):
        for i, w in enumerate(words):
            for rest, cat in _PHRASES.get(w, ()):
                k = len(rest)
                if i + k < len(words) and all(words[i + 1 + j] == rest[j] for j in range(k - 1)) \
                        and words[i + k].startswith(rest[-1]):
                    local[cat] = local.get(cat, 0) + 1
    for cat, n in local.items():
        out[cat] = out.get(cat, 0.0) + weight * (min(n, cap) if cap else n)


def guess_category(text: str) -> str | None:
    """The single best category for a short text (a method's name, expansion and sentence)."""
    counts: dict[str, float] = {}
    _count(text.lower(), 1.0, counts, cap=None)
    for cat in _FALLBACK & counts.keys():
        counts[cat] *= 0.5
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -ORDER.index(c)))


def scores(doc: Doc, methods: list[Method]) -> dict[str, float]:
    text = doc_text(doc).lower()
    nl = text.find("\n")
    title_end = nl if nl >= 0 else len(text)
    out: dict[str, float] = {}
    # Weights: title 3, "we propose ..." sentences 2, the rest 1. Sentences of one weight are
    # counted together (one dictionary pass per weight, not per sentence), each cue word
    # at most 3 times per sentence on average.
    proposing: list[str] = []
    rest: list[str] = []
    for s in doc.sents:
        s0, s1 = s.start_char, s.end_char
        if s0 < title_end:
            continue
        sent = text[s0:s1]
        (proposing if _PROPOSE.search(sent) and _WE.search(sent) else rest).append(sent)
    _count(text[:title_end], 3.0, out)
    if proposing:
        _count(" ".join(proposing), 2.0, out, cap=3 * len(proposing))
    if rest:
        _count(" ".join(rest), 1.0, out, cap=3 * len(rest))
    for m in methods:
        if m.category and m.category != "not-efficiency":
            out[m.category] = out.get(m.category, 0.0) + (4.0 if m.role == "proposed" else 0.5)
    return out


def find(doc: Doc, methods: list[Method]) -> list[str]:
    s = scores(doc, methods)
    if not s:
        return ["not-efficiency"]
    top = max(s.values())
    if top < 3:
        return ["not-efficiency"]
    keep = [c for c, v in s.items() if v >= max(3.0, 0.3 * top) and (c not in _FALLBACK or v >= 0.8 * top)]
    if "sparsity" in keep and "pruning" not in keep and s.get("pruning", 0) >= 2:
        keep.append("pruning")  # sparse networks that the paper gets by pruning: both families
    if any(c not in _FALLBACK for c in keep):
        # "other-efficiency" is for efficiency work that fits no named family.
        keep = [c for c in keep if c != "other-efficiency"]
    return sorted(keep, key=ORDER.index) or ["not-efficiency"]
