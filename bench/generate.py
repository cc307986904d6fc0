"""Synthetic arXiv-metadata-snapshot corpus of any size, deterministic with a seed.

    python -m bench.generate -n 1000000 --seed 0 -o synth.jsonl     # streams, flat memory
    python -m bench.generate --stats -n 9207                          # real vs synthetic table

Each line is one paper in the format of Kaggle's arXiv metadata snapshot (id, submitter,
authors, title, comments, journal-ref, doi, report-no, categories as one space-separated
string, license, abstract, versions [{version, created}], update_date, authors_parsed).
`iter_papers(n, seed)` yields the same papers as `claimgraph.schema.Paper` objects so the
store/ingest/app benchmarks can build graphs without files.

Abstracts recombine sentence templates written for this benchmark (bench/templates.py;
no corpus sentence is copied) with names from the project's lexicon (extract/lexicon/,
when its loader is there; a small built-in list otherwise) and generated long-tail names.
Every paper is a pure function of (seed, index), so any slice can be generated alone, and
papers cite methods proposed by earlier papers (Zipf-distributed over the paper index),
which gives the name-frequency long tail and a connected OUTPERFORMS graph.

Statistics matched, measured on ../shared/corpus/abstracts/arxiv_ml_efficiency_2025_2026.jsonl
(9,207 abstracts) with `measure()` below; names are name-like tokens (mixed case, caps,
digits: GPTQ, LLaMA-2-7B, ResNet-50) minus generic acronyms, claims are numbers with a
unit (2.4x, 40%, 1.2 points, 12 GB, 35 ms). `--stats` re-measures both side by side.

    statistic (9,207 abstracts each)        real      synthetic (seed 0)
    abstract words mean / p10 / p50 / p90   183 / 137 / 182 / 231   185 / 132 / 183 / 238
    sentences per abstract mean             7.9       8.6
    names per abstract mean / p50 / p90     4.18 / 4 / 8            4.23 / 4 / 8
    claims per abstract mean / share of 0   0.94 / 0.60             0.92 / 0.61
    claims per abstract p90                 3         3
    distinct names                          18,070    18,424
    share of distinct names seen once       0.82      0.80
    share of mentions held by top-20 names  0.11      0.11
    title words p50                         10        10
    authors per paper mean / p50            6.2 / 5   5.8 / 5   (capped at 60)
    categories per paper mean               1.68      1.67
    what claimgraph's extractor finds, per abstract, over 300 of each (--stats --extract 300):
    methods / proposed methods              1.69 / 0.91             1.83 / 0.73
    datasets / models / metrics             0.38 / 0.55 / 0.62      0.39 / 0.42 / 0.85
    claims / claims naming a baseline       0.66 / 0.05             0.94 / 0.07
    outperforms relations                   0.08                    0.17
So a synthetic graph is a little denser in claims and OUTPERFORMS edges than a real one:
store figures measured on it err on the slow side.

Ids are well-formed new-style arXiv ids from 3001.00001 on (January 2030), so they never
collide with a real paper; 20,000 papers a month.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from . import templates as T

# Bumped whenever the same (seed, index) starts giving a different paper: key caches on it
# (lexicon edits change the names drawn too; they are not counted here).
VERSION = 3

REAL_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpus/abstracts/arxiv_ml_efficiency_2025_2026.jsonl"

# --- statistics of the real corpus (measured once with measure(); see module docstring) ---
# Abstract word counts at quantiles 0, .01, .05, .1, .25, .5, .75, .9, .95, .99, 1.
WORDS_Q = ([0, .01, .05, .1, .25, .5, .75, .9, .95, .99, 1],
           [52, 101, 124, 137, 157, 182, 209, 231, 245, 264, 306])
AUTHORS_Q = ([0, .01, .05, .1, .25, .5, .75, .9, .95, .99, 1],
             [1, 1, 2, 2, 3, 5, 7, 9, 11, 21, 60])  # real max 574: capped, a benchmark needs no 574-author list
# Histograms {value: count}.
CLAIMS_HIST = {0: 5564, 1: 1326, 2: 1118, 3: 558, 4: 322, 5: 117, 6: 85, 7: 48, 8: 26,
               9: 14, 10: 14, 11: 9, 12: 6}
NAMES_HIST: dict[int, int] = {}  # filled below from _NAMES_HIST_TEXT
CATS_HIST = {1: 4870, 2: 2918, 3: 1067, 4: 263, 5: 77, 6: 12}
PRIMARY_CATS = {"cs.CV": 4999, "cs.CL": 2610, "cs.AI": 1116, "cs.LG": 222, "cs.GR": 79,
                "eess.IV": 41, "cs.IT": 31, "cs.RO": 20, "cs.SD": 17, "cs.IR": 16, "cs.AR": 5}
CROSS_CATS = {"cs.AI": 3552, "cs.LG": 1636, "cs.CL": 600, "cs.CV": 300, "stat.ML": 150,
              "cs.RO": 156, "eess.IV": 100, "cs.IR": 105, "cs.MM": 93, "cs.SD": 66,
              "cs.MA": 71, "eess.AS": 70, "cs.CR": 52, "cs.DC": 48, "cs.NE": 40, "cs.AR": 30}
_NAMES_HIST_TEXT = ("0:403 1:1017 2:1437 3:1486 4:1305 5:1112 6:803 7:532 8:404 9:245 10:174 11:121 12:71 "
                    "13:36 14:27 15:12 16:8 17:5 18:2 19:3 20:4")
NAMES_HIST.update({int(k): int(v) for k, v in (p.split(":") for p in _NAMES_HIST_TEXT.split())})

# --- knobs tuned so the generated statistics land on the real ones (python -m bench.generate --stats) ---
P_PROPOSE = 0.72          # papers that name their method (given at least one name)
P_ALIAS = 0.15            # lexicon names written as one of their aliases
P_NAMED_BASELINE = 0.35   # claim sentences that name their baseline, when the paper has one
P_CLAUSE = 0.9            # name-free sentences that get a trailing clause
P_LATEX = 0.10            # abstracts writing $\times$ and \%
P_TITLE_NAME = 0.85       # named papers whose title starts "Name: ..."
KIND_WEIGHTS = {"term": 0.12, "method": 0.22, "model": 0.15, "dataset": 0.14, "metric": 0.07,
                "hw": 0.03, "component": 0.27}
P_TAIL = {"term": 0.0, "method": 0.45, "model": 0.35, "dataset": 0.35, "metric": 0.0, "hw": 0.0}
ZIPF_S_HEAD = 0.6        # rank-frequency exponent inside each head list
TAIL_S, TAIL_K0 = 1.15, 400.0  # Pareto over earlier papers' method index (k0 flattens the top)
PER_MONTH = 20_000

# --- name pools -------------------------------------------------------------------------
# Built-in fallback, in rough order of popularity (head of the Zipf): (name, category).
BUILTIN = {
    "method": [("LoRA", "peft"), ("GPTQ", "quantization"), ("AWQ", "quantization"), ("QLoRA", "peft"),
               ("FlashAttention", "efficient-attention"), ("SmoothQuant", "quantization"), ("vLLM", "inference-serving"),
               ("SparseGPT", "pruning"), ("Wanda", "pruning"), ("DPO", None), ("GRPO", "optimizer"), ("AdamW", "optimizer"),
               ("DoRA", "peft"), ("Transformer", None), ("Mamba", "other-efficiency"), ("PagedAttention", "kv-cache"),
               ("EAGLE", "speculative-decoding"), ("Medusa", "speculative-decoding"), ("H2O", "kv-cache"),
               ("StreamingLLM", "kv-cache"), ("SnapKV", "kv-cache"), ("KIVI", "kv-cache"), ("OmniQuant", "quantization"),
               ("QuIP", "quantization"), ("SpQR", "quantization"), ("LLM-Pruner", "pruning"), ("SliceGPT", "pruning"),
               ("DistilBERT", "distillation"), ("TinyBERT", "distillation"), ("MiniLLM", "distillation"),
               ("ZeRO", "training-efficiency"), ("DeepSpeed", "training-efficiency"), ("GaLore", "optimizer"),
               ("BitNet", "quantization"), ("QuaRot", "quantization"), ("SpinQuant", "quantization"),
               ("Linformer", "efficient-attention"), ("Performer", "efficient-attention"), ("LayerSkip", "early-exit"),
               ("DeeBERT", "early-exit"), ("ToMe", "compression-other"), ("SVD-LLM", "low-rank"), ("ASVD", "low-rank"),
               ("FedAvg", "federated"), ("DARTS", "nas"), ("GShard", "mixture-of-experts"), ("Adafactor", "optimizer"),
               ("SGD", "optimizer"), ("Adam", "optimizer"), ("IA3", "peft"), ("VeRA", "peft"), ("PiSSA", "peft")],
    "model": [("CLIP", None), ("ViT", None), ("LLaMA", None), ("GPT-4o", None), ("SAM", None), ("BERT", None),
              ("LLaMA-2-7B", None), ("Qwen3-8B", None), ("DeepSeek-R1", None), ("Mistral-7B", None),
              ("LLaMA-3-8B", None), ("Qwen2.5-7B", None), ("ResNet-50", None), ("OPT-6.7B", None), ("DINOv2", None),
              ("LLaMA-2-70B", None), ("Mixtral-8x7B", None), ("Stable Diffusion", None), ("T5", None),
              ("ResNet-18", None), ("MobileNetV2", None), ("Swin-T", None), ("DeiT-S", None), ("OPT-66B", None),
              ("Phi-3", None), ("Gemma-2B", None), ("Vicuna-7B", None), ("LLaVA-1.5", None), ("RoBERTa", None),
              ("BERT-base", None), ("GPT-3", None), ("DiT-XL/2", None)],
    "dataset": [("ImageNet", None), ("GSM8K", None), ("COCO", None), ("CIFAR-10", None), ("ImageNet-1K", None),
                ("CIFAR-100", None), ("MMLU", None), ("LongBench", None), ("WikiText-2", None), ("VBench", None),
                ("AIME", None), ("HumanEval", None), ("C4", None), ("GLUE", None), ("MATH", None), ("SQuAD", None),
                ("ADE20K", None), ("HellaSwag", None), ("PIQA", None), ("BoolQ", None), ("MT-Bench", None),
                ("LibriSpeech", None), ("Cityscapes", None), ("AlpacaEval", None), ("PTB", None)],
    "metric": [("F1", None), ("FLOPs", None), ("PSNR", None), ("FID", None), ("SSIM", None), ("LPIPS", None),
               ("AUC", None), ("BLEU", None), ("mIoU", None), ("mAP", None), ("ROUGE-L", None), ("CLIPScore", None)],
    "term": [("KV cache", "kv-cache"), ("PEFT", "peft"), ("CoT", None), ("SFT", None), ("RAG", None),
             ("MoE", "mixture-of-experts"), ("QA", None), ("KD", "distillation"), ("PTQ", "quantization"),
             ("FP16", "quantization"), ("RLHF", None), ("QAT", "quantization"), ("INT8", "quantization"),
             ("INT4", "quantization"), ("NAS", "nas"), ("FFN", None), ("MLP", None), ("RoPE", None), ("FP8", "quantization"),
             ("SVD", "low-rank"), ("ViTs", None), ("DiTs", None), ("SLMs", None), ("VQA", None), ("OCR", None)],
    "hw": [("A100", None), ("H100", None), ("RTX 4090", None), ("Jetson Orin", None), ("TPU v4", None),
           ("Snapdragon 8 Gen 3", None), ("A6000", None), ("V100", None)],
}
CATEGORY_WEIGHTS = {"quantization": 16, "pruning": 8, "sparsity": 4, "distillation": 7, "low-rank": 4, "peft": 10,
                    "efficient-attention": 7, "kv-cache": 6, "speculative-decoding": 4, "early-exit": 3,
                    "mixture-of-experts": 4, "nas": 2, "optimizer": 3, "training-efficiency": 6,
                    "inference-serving": 5, "hardware-kernels": 4, "compression-other": 5, "federated": 3,
                    "other-efficiency": 9}


@dataclass
class Pools:
    """Head names per kind, ranked by popularity, with Zipf cumulative weights."""

    names: dict[str, list[tuple[str, str | None, tuple[str, ...]]]]  # (name, category, aliases)
    source: str
    cum: dict[str, list[float]] = field(default_factory=dict)

    def __post_init__(self):
        for kind, items in self.names.items():
            acc, total = [], 0.0
            for r in range(len(items)):
                total += 1.0 / (r + 1) ** ZIPF_S_HEAD
                acc.append(total)
            self.cum[kind] = acc

    def draw(self, rng: random.Random, kind: str) -> str:
        acc = self.cum[kind]
        name, _cat, aliases = self.names[kind][bisect.bisect_left(acc, rng.random() * acc[-1])]
        if aliases and rng.random() < P_ALIAS:
            return rng.choice(aliases)
        return name


def load_pools() -> Pools:
    """The lexicon's names (behind the built-in popularity head) when it loads, else the built-in list."""
    try:
        from claimgraph.extract.lexicon import load_all
    except ImportError:  # no lexicon loader in this checkout
        return _builtin_pools()
    try:
        return _pools_from_lexicon(load_all())
    except Exception as exc:  # an unexpected lexicon shape must not stop a benchmark
        print(f"bench.generate: lexicon not usable ({exc!r}); using built-in names", file=sys.stderr)
        return _builtin_pools()


def _builtin_pools() -> Pools:
    return Pools({k: [(n, c, ()) for n, c in v] for k, v in BUILTIN.items()}, "built-in list")


_LEX_KIND = {"methods": "method", "datasets": "dataset", "models": "model", "metrics": "metric", "hardware": "hw"}


def _pools_from_lexicon(lex: dict) -> Pools:
    """Built-in names first (they carry the popularity order of the Zipf head), then every
    lexicon entry the built-in list lacks, in file order; lexicon aliases come along so
    some mentions use another surface form ("Llama 2 7B"), as real abstracts do."""
    names = {k: [] for k in BUILTIN}
    aliases: dict[str, tuple[str, ...]] = {}
    for kind, entries in lex.items():
        for e in entries:
            aliases[e.name] = tuple(a for a in e.aliases if a.strip())
    added = 0
    for kind, items in BUILTIN.items():
        names[kind] = [(n, c, aliases.get(n, ())) for n, c in items]
    seen = {k: {n for n, *_ in v} for k, v in names.items()}
    for lkind, entries in lex.items():
        kind = _LEX_KIND.get(lkind)
        if kind is None:
            continue
        for e in entries:
            if e.name in seen[kind]:
                continue
            cat = e.category if e.category in CATEGORY_WEIGHTS else None
            names[kind].append((e.name, cat, tuple(e.aliases)))
            seen[kind].add(e.name)
            added += 1
    if not added:
        raise ValueError("no usable entries")
    return Pools(names, f"built-in head + lexicon ({added} more names)")


# --- generated names ----------------------------------------------------------------------
def _rng(seed: int, *parts) -> random.Random:
    # String seeds hash with SHA-512: stable across runs and PYTHONHASHSEED.
    return random.Random("/".join(map(str, (seed, *parts))))


_CATS = list(CATEGORY_WEIGHTS)
_CAT_CUM = list(itertools.accumulate(CATEGORY_WEIGHTS.values()))


def _acronym(rng: random.Random, words: list[str]) -> str:
    """Initials of the words; now and then two letters of one ("LoRA"-style mixed case)."""
    out = []
    for w in words:
        for part in w.split("-"):
            out.append(part[0].upper() + (part[1].lower() if rng.random() < 0.25 and len(part) > 2 else ""))
    return "".join(out)


def _pseudo_word(rng: random.Random) -> str:
    syl = lambda: rng.choice(T.SYLLABLE_ON) + rng.choice(T.SYLLABLE_NU) + rng.choice(T.SYLLABLE_CO)  # noqa: E731
    return (syl() + syl()).capitalize()


def method_identity(seed: int, k: int) -> tuple[str, str | None, str]:
    """(name, expansion or None, category) of the method paper k proposes; cited by later papers."""
    rng = _rng(seed, "method", k)
    cat = _CATS[bisect.bisect_left(_CAT_CUM, rng.random() * _CAT_CUM[-1])]
    pre, suf = T.AFFIX[cat]
    style = rng.random()
    if style < 0.45:  # acronym with its expansion: "Outlier-aware Bit Assignment (OBA)"
        words = [rng.choice(T.EXP_ADJ), rng.choice(T.EXP_NOUN[cat])]
        if rng.random() < 0.5:
            words.insert(1, rng.choice(T.COMP_MID))
        words.append(rng.choice(T.EXP_TAIL).strip())
        expansion = " ".join(w for w in words if w)
        acr = _acronym(rng, expansion.split())
        if rng.random() < 0.3:
            acr += rng.choice(["-Q", "-LLM", "++", "2", "-V", "-KV"])
        return acr, expansion, cat
    if style < 0.75:  # a made-up word glued to a category affix: "VelaQuant"
        name = _pseudo_word(rng) + rng.choice(suf)
    else:  # two or three affixes: "SparseMaskX", "QuantSparseKV"
        name = rng.choice(pre) + rng.choice(suf)
        if rng.random() < 0.5:
            name = rng.choice(pre) + name
    if rng.random() < 0.35:
        name += f"-{rng.randint(2, 99)}" if rng.random() < 0.5 else rng.choice(["X", "Pro", "Lite", "++", "v2"])
    return name, None, cat


_MODEL_FAM = ["Orion", "Nova", "Atlas", "Lyra", "Kestrel", "Borealis", "Cobalt", "Juniper", "Quasar", "Sable"]
_DATA_WORDS = ["Reason", "Edge", "Long", "Math", "Code", "Vision", "Speech", "Doc", "Chart", "Agent", "Med", "Geo"]


def _tail_name(seed: int, kind: str, k: int) -> str:
    if kind == "method":
        return method_identity(seed, k)[0]
    rng = _rng(seed, kind, k)
    if kind == "model":
        return f"{rng.choice(_MODEL_FAM)}-{rng.choice([1, 2, 3, 7, 8, 13, 14, 32, 70])}B" + (
            f"-v{rng.randint(2, 9)}" if rng.random() < 0.5 else "")
    return rng.choice(_DATA_WORDS) + rng.choice(["Bench", "QA", "Eval", "-Hard", "Set"]) + (
        f"-{rng.randint(1, 999)}" if rng.random() < 0.6 else "")


def _pareto_index(rng: random.Random) -> int:
    # Continuous Pareto inverse CDF: many draws near 0 (famous early methods), a long tail.
    return int(TAIL_K0 * ((1.0 - rng.random()) ** (-1.0 / (TAIL_S - 1.0)) - 1.0))


# --- sampling helpers ---------------------------------------------------------------------
def _from_quantiles(u: float, q: tuple[list[float], list[int]]) -> int:
    ps, vs = q
    j = max(1, bisect.bisect_left(ps, u))
    p0, p1, v0, v1 = ps[j - 1], ps[j], vs[j - 1], vs[j]
    return int(round(v0 + (v1 - v0) * ((u - p0) / (p1 - p0) if p1 > p0 else 0)))


class _Hist:
    def __init__(self, hist: dict):
        self.values = list(hist)
        self.cum = list(itertools.accumulate(hist.values()))

    def draw(self, rng: random.Random):
        return self.values[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


_CLAIMS, _NAMES, _NCATS = _Hist(CLAIMS_HIST), _Hist(NAMES_HIST), _Hist(CATS_HIST)
_PRIMARY, _CROSS = _Hist(PRIMARY_CATS), _Hist(CROSS_CATS)
_KINDS = _Hist({k: int(v * 1000) for k, v in KIND_WEIGHTS.items()})


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --- one abstract -------------------------------------------------------------------------
class _Filler:
    """Mapping for str.format_map: hands out the paper's cast names and fresh claim numbers."""

    def __init__(self, rng, cast, proposed, latex, category):
        self.rng, self.cast, self.latex, self.category = rng, cast, latex, category
        self.proposed = proposed  # (name, expansion) or None
        self.used: set[str] = set()
        self.introduced = False

    def _pick(self, kind: str, generic_key: str) -> str:
        names = self.cast.get(kind) or []
        if not names:
            return self.rng.choice(T.GENERIC[generic_key])
        fresh = [n for n in names if n not in self.used]
        name = fresh[0] if fresh else self.rng.choice(names)
        self.used.add(name)
        return name

    def _list(self, kind: str, generic_key: str) -> str:
        names = self.cast.get(kind) or []
        fresh = [n for n in names if n not in self.used]
        if not fresh:
            return self._pick(kind, generic_key)
        self.used.update(fresh)
        return _join(fresh)

    def _num(self, v: float) -> str:
        return f"{v:.2f}".rstrip("0").rstrip(".") if v < 10 else f"{v:.1f}".rstrip("0").rstrip(".")

    def __getitem__(self, key: str) -> str:
        rng = self.rng
        if key in ("M", "MX"):
            if not self.proposed:
                return rng.choice(T.GENERIC["M"])
            name, exp = self.proposed
            self.used.add(name)
            if key == "MX" and exp and not self.introduced:
                self.introduced = True
                return f"{exp} ({name})"
            return name
        if key == "B":  # real claims name their baseline far less often than the templates offer one
            if rng.random() < P_NAMED_BASELINE:
                return self._pick("method", "B")
            return rng.choice(T.GENERIC["B"])
        if key == "BASES":
            return self._list("method", "B")
        simple = {"MODEL": "model", "DATA": "dataset", "METRIC": "metric", "HW": "hw", "TERM": "term"}
        if key in simple:
            return self._pick(simple[key], key)
        lists = {"MODELS": ("model", "MODEL"), "DATAS": ("dataset", "DATA"), "METRICS": ("metric", "METRIC"),
                 "TERMS": ("term", "TERM")}
        if key in lists:
            return self._list(*lists[key])
        if key == "COMP":
            return self._pick("component", "M")
        if key == "X":
            v = max(1.1, math.exp(rng.gauss(math.log(2.2), 0.55)))
            unit = "$\\times$" if self.latex else rng.choice(["×", "x", "x", "×", " times"])
            return self._num(v) + unit
        if key == "P":
            v = rng.uniform(4, 92) if rng.random() < 0.7 else rng.uniform(0.5, 4)
            return self._num(v) + ("\\%" if self.latex else "%")
        if key == "PT":
            return self._num(rng.uniform(0.1, 6.5)) + rng.choice([" points", " points", " percentage points"])
        if key == "GBV":
            return self._num(rng.uniform(1.5, 48)) + " GB"
        if key == "MS":
            return str(rng.randint(8, 900)) + " ms"
        if key == "BITS":
            return str(rng.choice([2, 3, 4, 4, 4, 8]))
        if key == "CATN":
            return rng.choice(T.CATN[self.category])
        if key == "TASK":
            return rng.choice(T.TASK)
        if key == "ADJ":
            return rng.choice(T.ADJ)
        if key == "REPO":
            return (self.proposed[0] if self.proposed else "efficient-models").lower().replace("+", "p")
        raise KeyError(key)


def _cast(rng: random.Random, seed: int, i: int, pools: Pools, n_names: int, proposes: bool, category: str):
    cast: dict[str, list[str]] = {k: [] for k in KIND_WEIGHTS}
    taken: set[str] = set()
    proposed = None
    if proposes:
        name, exp, _ = method_identity(seed, i)
        proposed = (name, exp)
        taken.add(name)
        n_names -= 1
    counted, attempts = 0, 0
    while counted < n_names and attempts < 4 * n_names + 4:  # a repeat draw adds no distinct name
        attempts += 1
        kind = _KINDS.draw(rng)
        if kind == "component":  # a paper's own named part: "token-adaptive cache router (TACR)"
            words = [rng.choice(T.EXP_ADJ), rng.choice(T.COMP_MID), *rng.choice(T.COMP_NOUN).split()]
            key = _acronym(rng, words)
            name = f"{' '.join(words).lower()} ({key})"
        elif rng.random() >= P_TAIL.get(kind, 0.0):
            name = key = pools.draw(rng, kind)
        else:
            k = _pareto_index(rng)
            if kind == "method" and k == i:
                continue
            name = key = _tail_name(seed, kind, k)
        if key not in taken:
            taken.add(key)
            cast[kind].append(name)
            # Lower-case names ("perplexity", "mobile") are mentions the name statistic
            # does not see: they come on top of the sampled count, as in real text.
            counted += 1 if names_in(key) else 0
    return cast, proposed


def synth_abstract(seed: int, i: int, pools: Pools) -> tuple[str, str, str]:
    """(title, abstract, category) of paper i: plain text, one space between sentences."""
    rng = _rng(seed, "paper", i)
    target_words = _from_quantiles(rng.random(), WORDS_Q)
    n_claims = _CLAIMS.draw(rng)
    n_names = _NAMES.draw(rng)
    proposes = n_names >= 1 and rng.random() < P_PROPOSE
    category = method_identity(seed, i)[2]
    cast, proposed = _cast(rng, seed, i, pools, n_names, proposes, category)
    f = _Filler(rng, cast, proposed, rng.random() < P_LATEX, category)
    fmt = lambda tpl: tpl.format_map(f)  # noqa: E731

    bg = fmt(rng.choice(T.BACKGROUND))
    prop = fmt(rng.choice(T.PROPOSAL_NAMED if proposed else T.PROPOSAL_UNNAMED))
    comps = [fmt(t) for t in rng.sample(T.COMPONENT, min(len(cast["component"]), len(T.COMPONENT)))]
    setup = fmt(rng.choice(T.SETUP)) if cast["model"] or cast["dataset"] else None
    compare = fmt(rng.choice(T.COMPARE)) if len(cast["method"]) >= 2 or (cast["method"] and n_claims == 0) else None
    order = rng.sample(T.CLAIM, len(T.CLAIM))
    claims = [fmt(order[c % len(order)]) for c in range(n_claims)]
    leftovers = []
    for kind, names in cast.items():
        rest = [n for n in names if n not in f.used]
        if rest:
            f.used.update(rest)
            leftovers.append(T.LEFTOVER[kind].format(NAMES=_join(rest)))
    # Short stems get a name-free clause too, so sentences are as long as real ones.
    comps = [_lengthen(rng, c) for c in comps]
    leftovers = [_lengthen(rng, c) for c in leftovers]
    setup = _lengthen(rng, setup) if setup else None
    compare = _lengthen(rng, compare) if compare else None
    core = [bg, prop, *comps, *([setup] if setup else []), *([compare] if compare else []), *leftovers, *claims]
    words = sum(len(s.split()) for s in core)
    extra_bg, problem, closing, fillers = [], [], [], []
    optional = [("problem", _lengthen(rng, rng.choice(T.PROBLEM))), ("closing", fmt(rng.choice(T.CLOSING))),
                ("bg", _lengthen(rng, fmt(rng.choice(T.BACKGROUND)))),
                ("problem", _lengthen(rng, rng.choice(T.PROBLEM)))]
    pool = rng.sample(T.DESCRIPTION, len(T.DESCRIPTION))
    while words < target_words - 24:
        if optional:
            slot, s = optional.pop(0)
            {"problem": problem, "closing": closing, "bg": extra_bg}[slot].append(s)
        elif pool:
            s = _lengthen(rng, pool.pop())
            fillers.append(s)
        else:
            break
        words += len(s.split())
    claims = [_lengthen(rng, c, 0.6) for c in claims]
    sentences = [bg, *extra_bg, *problem, prop, *comps, *fillers, *([setup] if setup else []),
                 *([compare] if compare else []), *leftovers, *claims, *closing]
    title = _title(rng, proposed, category)
    text = " ".join(s[:1].upper() + s[1:] for s in sentences)
    return title, _A_AN.sub(r"\1n \2", text), category


_A_AN = re.compile(r"\b([Aa]) ([aeioAEIO])")


def _lengthen(rng: random.Random, sentence: str, p: float = P_CLAUSE) -> str:
    """Append a name-free clause to a sentence (real sentences are longer than the stems)."""
    if rng.random() < p and sentence.endswith("."):
        return f"{sentence[:-1]}, {rng.choice(T.CLAUSE)}."
    return sentence


def _title(rng, proposed, category) -> str:
    def cap(s):
        return " ".join(w[:1].upper() + w[1:] for w in s.split())
    slots = {"ADJC": cap(rng.choice(T.ADJ)), "CATNC": cap(rng.choice(T.CATN[category])),
             "TASKC": cap(rng.choice(T.TASK))}
    if proposed and rng.random() < P_TITLE_NAME:
        return f"{proposed[0]}: " + rng.choice(T.TITLE_AFTER_COLON).format(**slots)
    return rng.choice(T.TITLE_PLAIN).format(**slots)


# --- one snapshot record ------------------------------------------------------------------
_DOW = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _created(d: date, rng) -> str:
    return (f"{_DOW[d.weekday()]}, {d.day} {_MON[d.month - 1]} {d.year} "
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} GMT")


def _wrap(text: str, width: int = 80) -> str:
    """Greedy wrap at `width` columns, the snapshot's layout: two leading spaces, hard
    line breaks, a final newline. Cuts at spaces with rfind (a line at a time, not a word
    at a time: this runs a million times for the big benchmark)."""
    lines, start, room, n = [], 0, width - 2, len(text)
    while n - start > room:
        cut = text.rfind(" ", start, start + room + 1)
        if cut <= start:  # a word longer than the line: it gets a line of its own
            cut = text.find(" ", start + room)
            if cut == -1:
                break
        lines.append(text[start:cut])
        start, room = cut + 1, width
    lines.append(text[start:])
    return "  " + "\n".join(lines) + "\n"


def paper_id(i: int) -> str:
    month, n = divmod(i, PER_MONTH)
    return f"{30 + month // 12:02d}{month % 12 + 1:02d}.{n + 1:05d}"


def synth_record(seed: int, i: int, pools: Pools) -> dict:
    """Paper i as one arXiv metadata snapshot record (a plain dict, ready for json.dumps)."""
    title, abstract, _cat = synth_abstract(seed, i, pools)
    rng = _rng(seed, "meta", i)
    month, n = divmod(i, PER_MONTH)
    d1 = date(2030 + month // 12, month % 12 + 1, 1) + timedelta(days=n * 28 // PER_MONTH)
    dates = [d1]
    for _ in range(rng.choices([0, 1, 2], [0.6, 0.3, 0.1])[0]):
        dates.append(dates[-1] + timedelta(days=rng.randint(3, 120)))
    n_auth = max(1, _from_quantiles(rng.random(), AUTHORS_Q))
    people = [(rng.choice(T.FIRST), rng.choice(T.LAST)) for _ in range(n_auth)]
    names = [f"{a} {b}" for a, b in people]
    cats = [_PRIMARY.draw(rng)]
    want = _NCATS.draw(rng)
    for _ in range(4 * want):  # cross-lists are distinct: redraw repeats
        if len(cats) >= want:
            break
        c = _CROSS.draw(rng)
        if c not in cats:
            cats.append(c)
    r = rng.random()
    comments = (f"{rng.randint(6, 30)} pages, {rng.randint(2, 12)} figures" if r < 0.3 else
                f"Accepted at {rng.choice(T.VENUES)} {d1.year}" if r < 0.45 else None)
    return {
        "id": paper_id(i),
        "submitter": names[0],
        "authors": _join(names) if len(names) > 1 else names[0],
        "title": title,
        "comments": comments,
        "journal-ref": None,
        "doi": f"10.5555/synth.{paper_id(i)}" if rng.random() < 0.05 else None,
        "report-no": None,
        "categories": " ".join(cats),
        "license": "http://creativecommons.org/licenses/by/4.0/" if rng.random() < 0.5 else None,
        "abstract": _wrap(abstract),
        "versions": [{"version": f"v{v + 1}", "created": _created(d, rng)} for v, d in enumerate(dates)],
        "update_date": dates[-1].isoformat(),
        "authors_parsed": [[b, a, ""] for a, b in people],
    }


def iter_records(n: int, seed: int = 0, start: int = 0, pools: Pools | None = None) -> Iterator[dict]:
    """Snapshot records for papers start .. start+n-1, one at a time (nothing accumulates)."""
    pools = pools or load_pools()
    for i in range(start, start + n):
        yield synth_record(seed, i, pools)


def record_to_paper(rec: dict):
    """A snapshot record as claimgraph.schema.Paper, exactly as `claimgraph ingest file`
    would read it (the ingest side's snapshot reader when present), so graphs built from
    iter_papers equal graphs built from the written file."""
    try:
        from claimgraph.app.ingest.files import paper_from_snapshot
    except ImportError:
        paper_from_snapshot = None
    if paper_from_snapshot is not None:
        return paper_from_snapshot(rec, SOURCE)
    from email.utils import parsedate_to_datetime

    from claimgraph.schema import Paper
    versions = rec["versions"]
    return Paper(
        id=rec["id"], version=len(versions), title=rec["title"], abstract=rec["abstract"].strip(),
        authors=[f"{first} {last}" for last, first, _ in rec["authors_parsed"]],
        published=parsedate_to_datetime(versions[0]["created"]).date(),
        updated=date.fromisoformat(rec["update_date"]),
        categories=rec["categories"].split(), source=SOURCE, url=f"https://arxiv.org/abs/{rec['id']}",
    )


SOURCE = "synthetic"


def iter_papers(n: int, seed: int = 0, start: int = 0, pools: Pools | None = None):
    """The same papers as iter_records, as claimgraph.schema.Paper objects."""
    for rec in iter_records(n, seed, start, pools):
        yield record_to_paper(rec)


def write_jsonl(out, n: int, seed: int = 0, start: int = 0) -> int:
    """Stream n records to a text file object; returns bytes written."""
    total = 0
    for rec in iter_records(n, seed, start):
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        out.write(line)
        total += len(line)
    return total


# --- statistics ---------------------------------------------------------------------------
NAME_RE = re.compile(r"(?<![\w-])(?:[A-Z][a-z]*[A-Z0-9][\w.-]*|[A-Z]{2,}[\w-]*|[A-Za-z]+-\d[\w.-]*)")
GENERIC_ACRONYMS = frozenset("LLM LLMs AI GPU GPUs CPU CPUs NLP ML DNN DNNs CNN CNNs VLM VLMs MLLM MLLMs "
                             "SOTA API RL".split())
CLAIM_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:\\?%|×|\$\\times\$|\\times|x\b|times\b|-fold|fold\b|"
                      r"ms\b|GB\b|MB\b|points?\b|pp\b|tokens/s)")
SENT_RE = re.compile(r"[.!?](?:\s|$)")


def names_in(text: str) -> set[str]:
    return {m.group(0).rstrip(".-") for m in NAME_RE.finditer(text)} - GENERIC_ACRONYMS


def _q(xs: list, p: float):
    xs = sorted(xs)
    return xs[int(p * (len(xs) - 1))] if xs else 0


def measure(docs: Iterable[tuple[str, str, int, int]]) -> dict[str, float]:
    """Statistics of (title, abstract, n_authors, n_categories) tuples; the same code for both corpora."""
    words, sents, names, claims, titles, authors, cats = [], [], [], [], [], [], []
    freq: Counter = Counter()
    for title, abstract, n_auth, n_cat in docs:
        words.append(len(abstract.split()))
        sents.append(len(SENT_RE.findall(abstract)))
        found = names_in(title + "\n" + abstract)
        names.append(len(found))
        freq.update(found)
        claims.append(len(CLAIM_RE.findall(abstract)))
        titles.append(len(title.split()))
        authors.append(n_auth)
        cats.append(n_cat)
    n = len(words) or 1
    mentions = sum(freq.values()) or 1
    return {
        "abstracts": len(words),
        "words mean": sum(words) / n, "words p10": _q(words, .1), "words p50": _q(words, .5),
        "words p90": _q(words, .9), "sentences mean": sum(sents) / n,
        "names/abstract mean": sum(names) / n, "names p50": _q(names, .5), "names p90": _q(names, .9),
        "claims/abstract mean": sum(claims) / n, "claims share 0": claims.count(0) / n,
        "claims p90": _q(claims, .9),
        "distinct names": len(freq),
        "distinct names seen once": sum(1 for v in freq.values() if v == 1) / (len(freq) or 1),
        "top-20 names share": sum(v for _, v in freq.most_common(20)) / mentions,
        "title words p50": _q(titles, .5), "authors mean": sum(authors) / n, "authors p50": _q(authors, .5),
        "categories mean": sum(cats) / n,
    }


def real_docs(path: Path = REAL_CORPUS, limit: int | None = None) -> Iterator[tuple[str, str, int, int]]:
    with open(path, encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if limit is not None and k >= limit:
                break
            r = json.loads(line)
            yield r.get("title") or "", r.get("abstract") or "", len(r.get("authors") or []), len(r.get("categories") or [])


def synth_docs(n: int, seed: int = 0) -> Iterator[tuple[str, str, int, int]]:
    for r in iter_records(n, seed):
        yield r["title"], r["abstract"], len(r["authors_parsed"]), len(r["categories"].split())


def measure_extracted(docs: Iterable[tuple[str, str, int, int]]) -> dict[str, float]:
    """What the project's own extractor finds per abstract: the graph density the store
    benchmarks get from these papers (slow: run it on a few hundred abstracts)."""
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.schema import Paper

    papers = [Paper(id=f"p{k}", title=t, abstract=a) for k, (t, a, _, _) in enumerate(docs)]
    sums: Counter = Counter()
    for e in Extractor().extract_many(papers):
        sums["extracted methods"] += len(e.methods)
        sums["extracted proposed methods"] += sum(1 for m in e.methods if m.role == "proposed")
        sums["extracted datasets"] += len(e.datasets)
        sums["extracted models"] += len(e.models)
        sums["extracted metrics"] += len(e.metrics)
        sums["extracted claims"] += len(e.claims)
        sums["extracted claims with baseline"] += sum(1 for c in e.claims if c.baseline)
        sums["extracted outperforms"] += len(e.outperforms)
    n = len(papers) or 1
    return {f"{k} per abstract": v / n for k, v in sums.items()}


def stats_table(n: int, seed: int = 0, real_path: Path = REAL_CORPUS, extract: int = 0) -> str:
    real = measure(real_docs(real_path, limit=n))
    synth = measure(synth_docs(real["abstracts"], seed))
    if extract:
        real.update(measure_extracted(real_docs(real_path, limit=extract)))
        synth.update(measure_extracted(synth_docs(extract, seed)))
    rows = [f"{'statistic':44s} {'real':>10s} {'synthetic':>10s}"]
    for k in real:
        a, b = real[k], synth.get(k, 0.0)
        fa = f"{a:10.3f}" if isinstance(a, float) else f"{a:10d}"
        fb = f"{b:10.3f}" if isinstance(b, float) else f"{b:10d}"
        rows.append(f"{k:44s} {fa} {fb}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="number of papers (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0, help="index of the first paper (slices of one corpus)")
    ap.add_argument("-o", "--out", help="output JSONL file (default: stdout)")
    ap.add_argument("--stats", action="store_true",
                    help="print real-vs-synthetic statistics over n abstracts of each instead of writing")
    ap.add_argument("--real", default=str(REAL_CORPUS), help="real corpus for --stats")
    ap.add_argument("--extract", type=int, default=0, metavar="N",
                    help="with --stats: also run the project's extractor over N abstracts of each")
    args = ap.parse_args(argv)
    if args.stats:
        print(f"names from: {load_pools().source}")
        print(stats_table(args.n, args.seed, Path(args.real), args.extract))
        return 0
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            write_jsonl(fh, args.n, args.seed, args.start)
    else:
        try:
            write_jsonl(sys.stdout, args.n, args.seed, args.start)
        except BrokenPipeError:  # `| head` closed the pipe: that is not an error
            sys.stderr.close()
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
