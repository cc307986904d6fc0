"""Technique categories of the paper's contribution, from keyword evidence.

Each category has cue patterns. A cue scores more where it speaks about the paper's own
contribution: the title and the sentences that say "we propose ..." (and the proposed
methods' own categories) weigh more than background sentences. Categories above a
threshold relative to the best one are kept; with no efficiency evidence the paper is
"not-efficiency".
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from claimgraph.schema import Method

_CUES: list[tuple[str, str]] = [
    ("quantization", r"quantiz|quantis|low-bit|\b[1-8]-bit|\bbits?\b|binari[sz]|binary (?:neural|network|weight)|ternary|"
                     r"\bint[2348]\b|\bfp[48]\b|\bw\d+a\d+|post-training quant|\bptq\b|\bqat\b|mixed-precision|"
                     r"bit-width|\bnf4\b|mxfp|nvfp4|codebook|vector quantiz|rotation-based|outlier"),
    ("pruning", r"prun|\bprune|token (?:dropping|merging|reduction|eviction|compression)|layer (?:dropping|removal|skipping)|"
                r"drop (?:tokens|layers)|remove redundant|structured sparsity"),
    ("sparsity", r"sparsit|\bsparse (?:training|model|network|neural|matrix|matrices|weight|attention|activation|kernel|convolution|computation|subnetwork|expert|mixture|transformer)|sparsif|\bn:m\b|2:4|\bsparse\b"),
    ("distillation", r"distill|teacher|student model"),
    ("low-rank", r"low-rank|low rank|\bsvd\b|singular value|rank reduction|tensor decomposition|\btucker\b|"
                 r"factoriz|factorisation|tensor[- ]train|(?:matrix|tensor|weight|low-rank|tucker|cp|kronecker) decompos"),
    ("peft", r"\blora\b|qlora|\bdora\b|parameter-efficient|parameter efficient|\bpeft\b|adapter|prompt tuning|"
             r"prefix tuning|fine-tun"),
    ("efficient-attention", r"linear attention|sparse attention|efficient attention|attention (?:kernel|mechanism) with|"
                            r"flashattention|flash attention|sub-quadratic|subquadratic|quadratic (?:complexity|cost)|"
                            r"state space model|\bssm|mamba|sliding[- ]window|long[- ]context|token mixing|linear-time"),
    ("kv-cache", r"kv[- ]cache|key-value cache|kv cach|\bkv\b"),
    ("speculative-decoding", r"speculative|draft model|draft tokens|draft-then-verify|multi-token prediction|medusa|eagle"),
    ("early-exit", r"early[- ]exit|early exiting|adaptive depth|layer skipping|dynamic depth"),
    ("mixture-of-experts", r"mixture[- ]of[- ]experts|\bmoes?\b|\bexperts?\b|routing|router"),
    ("nas", r"architecture search|\bnas\b|hyperparameter (?:search|optimi|tuning)|autoML|search space"),
    ("optimizer", r"optimizer|optimiser|\badam\b|\bsgd\b|gradient descent|convergence rate|learning rate|momentum|"
                  r"stochastic optimi|second-order|preconditio|step size"),
    ("training-efficiency", r"training (?:efficien|cost|time|speed|throughput)|efficient training|faster training|"
                            r"accelerat\w+ training|compute-efficient|data-efficient|pre-?training cost|"
                            r"training compute|memory-efficient training|reduce(?:s|d)? training"),
    ("inference-serving", r"serving|inference (?:system|engine|server)|batching|throughput|scheduling|request"),
    ("hardware-kernels", r"\bkernels?\b|\bgpu|\bfpga|\basic|accelerator|hardware|\bcuda\b|triton|on-device|\bnpu|"
                         r"\bcpu|edge device|microcontroller|systolic|in-memory computing"),
    ("compression-other", r"compress|model size|weight sharing|hashing|entropy coding"),
    ("federated", r"federated|\bclients?\b|communication-efficient"),
    ("other-efficiency", r"efficien|accelerat|speed ?up|latency|lightweight|\bflops\b|computational cost|"
                         r"resource-constrained|memory footprint"),
]
CUES: list[tuple[str, re.Pattern]] = [(c, re.compile(p, re.I)) for c, p in _CUES]
_WE_PROPOSE = re.compile(r"\b(?:we|this (?:paper|work)|our)\b[^.]*?\b(?:propos|introduc|present|develop|design)")

# Weak, generic cues only count when nothing specific is there.
_FALLBACK = {"other-efficiency", "compression-other", "hardware-kernels", "inference-serving"}

# Cues are matched against words and word pairs/triples, memoised: running twenty cue
# regexes over every abstract costs more than tokenising it, a dict lookup per n-gram does not.
_WORD = re.compile(r"[a-z0-9][a-z0-9\-:.+#]*[a-z0-9+#]|[a-z0-9]")
_MEMO: dict[str, tuple[str, ...]] = {}


_ANY = re.compile("|".join(f"(?:{p})" for _, p in _CUES), re.I)


def _cats_of(gram: str, multi: bool) -> tuple[str, ...]:
    got = _MEMO.get(gram)
    if got is None:
        found = []
        if _ANY.search(gram):  # one scan to rule out the many words that hold no cue
            for cat, rx in CUES:
                for m in rx.finditer(gram):
                    # A word pair only adds cues that need both words ("kv cache"); the
                    # single words were counted on their own.
                    if not multi or " " in m.group():
                        found.append(cat)
        if len(_MEMO) > 200_000:
            _MEMO.clear()
        got = _MEMO[gram] = tuple(found)
    return got


# First words of the multi-word cues above: only pairs and triples starting with one of
# these can hold such a cue, so only those are looked up.
_STARTERS = frozenset("""
binary post-training token layer drop remove structured sparse student low singular rank tensor matrix weight
tucker cp kronecker parameter prompt prefix linear efficient attention flash quadratic state sliding long kv
key-value draft multi-token early adaptive dynamic mixture architecture hyperparameter search gradient
convergence learning stochastic step training faster compute pre-training pretraining memory-efficient reduce
reduces reduced inference edge in-memory model entropy speed computational memory resource-constrained
""".split())


def _hits(lowered: str):
    words = [(m.group(), m.start()) for m in _WORD.finditer(lowered)]
    for i, (w, pos) in enumerate(words):
        if w[0].isdigit() and "bit" not in w and ":" not in w:
            continue  # "2.4x", "1,000": numbers hold no cue
        for cat in _cats_of(w, False):
            yield cat, pos
        if i + 1 < len(words) and (w in _STARTERS or w.startswith("accelerat")):
            pair = w + " " + words[i + 1][0]
            for cat in _cats_of(pair, True):
                yield cat, pos
            if i + 2 < len(words):
                for cat in _cats_of(pair + " " + words[i + 2][0], True):
                    if cat not in _cats_of(pair, True):
                        yield cat, pos


def guess_category(text: str) -> str | None:
    """The single best category for a short text (a method's name, expansion and sentence)."""
    counts: dict[str, float] = {}
    for cat, _ in _hits(text.lower()):
        counts[cat] = counts.get(cat, 0.0) + (0.5 if cat in _FALLBACK else 1.0)
    if not counts:
        return None
    order = [c for c, _ in _CUES]
    return max(counts, key=lambda c: (counts[c], -order.index(c)))


def scores(doc: Doc, methods: list[Method]) -> dict[str, float]:
    text = doc.text.lower()
    nl = text.find("\n")
    title_end = nl if nl >= 0 else len(text)
    # Sentence weights: title 3, "we propose ..." sentences 2, the rest 1.
    bounds = [(s.start_char, s.end_char) for s in doc.sents]
    weights = []
    for s0, s1 in bounds:
        if s0 < title_end:
            weights.append(3.0)
        else:
            weights.append(2.0 if _WE_PROPOSE.search(text, s0, s1) else 1.0)
    starts = [b[0] for b in bounds]
    per_sent: dict[tuple[int, str], int] = {}
    for cat, pos in _hits(text):
        i = bisect_right(starts, pos) - 1
        per_sent[(i, cat)] = per_sent.get((i, cat), 0) + 1
    out: dict[str, float] = {}
    for (i, cat), n in per_sent.items():
        out[cat] = out.get(cat, 0.0) + weights[max(i, 0)] * min(n, 3)
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
    order = [c for c, _ in CUES]
    return sorted(keep, key=order.index) or ["not-efficiency"]
