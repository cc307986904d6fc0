"""Plain-English question -> structured filters, by rules (no LLM, no network).

The explorer's Ask page shows the parsed `Filters` as editable widgets, so a wrong reading
is visible and fixable; that is why every rule here prefers leaving a field empty over
guessing. `parse` is pure: same question (and vocabulary, and `today`) in, same answer out.

Shapes understood (the common ones users type):
- "which quantization methods beat GPTQ at 2 bits"      -> intent beats, baseline, category, bits
- "what beats AWQ on LLaMA-2-7B"                         -> intent beats, baseline, model
- "what speedups are reported for speculative decoding" -> intent claims, kind, category
- "which datasets do KV cache papers use"               -> intent datasets, category
- "papers proposing pruning methods since 2024"         -> intent papers, category, since
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimgraph.schema import CATEGORIES, CLAIM_KINDS, Category, ClaimKind, fold

Intent = Literal["beats", "claims", "datasets", "models", "papers", "methods"]
INTENTS: tuple[str, ...] = ("beats", "claims", "datasets", "models", "papers", "methods")

EXAMPLES: tuple[str, ...] = (
    "which quantization methods beat GPTQ at 2 bits",
    "what speedups are reported for speculative decoding",
    "which datasets do KV cache papers use",
    "what beats AWQ on LLaMA-2-7B",
    "papers proposing pruning methods since 2024",
)


class Filters(BaseModel):
    """What the question asks for; every field optional so a user can start from filters."""

    model_config = ConfigDict(extra="forbid")

    intent: Intent = "claims"
    method: str | None = None
    baseline: str | None = None
    category: Category | None = None
    bits: float | None = Field(default=None, gt=0, le=64)
    kind: ClaimKind | None = None
    model: str | None = None
    dataset: str | None = None
    hardware: str | None = None
    since: date | None = None
    until: date | None = None

    def is_empty(self) -> bool:
        return not any(v is not None for k, v in self.model_dump().items() if k != "intent")

    def to_params(self) -> dict[str, str]:
        """URL-ready strings for the fields that are set (st.query_params holds strings)."""
        out: dict[str, str] = {}
        for key, value in self.model_dump().items():
            if value is None:
                continue
            if isinstance(value, float):
                value = f"{value:g}"
            out[key] = str(value)
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> tuple["Filters", list[str]]:
        """Rebuild from URL parameters; bad values are dropped and reported, never raised."""
        values: dict[str, object] = {}
        problems: list[str] = []
        for key in cls.model_fields:
            raw = params.get(key)
            if raw is None or str(raw).strip() == "":
                continue
            try:
                cls.model_validate({key: str(raw).strip()})
            except ValidationError:
                problems.append(f"ignored {key}={raw!r}: not a valid {key}")
                continue
            values[key] = str(raw).strip()
        return cls.model_validate(values), problems


class Understanding(BaseModel):
    """The parse result: filters, how each part was read, and a hint when nothing was."""

    model_config = ConfigDict(extra="forbid")

    question: str
    filters: Filters
    understood: bool
    notes: list[str] = Field(default_factory=list)  # "'GPTQ' read as baseline", ...
    message: str | None = None  # shown to the user when the question was not understood


class Vocabulary(BaseModel):
    """Names known in the graph, so 'llama 2 7b' resolves to the node's 'LLaMA-2-7B'.

    Each map goes from a folded alias (schema.fold) to the canonical display name.
    """

    model_config = ConfigDict(extra="forbid")

    methods: dict[str, str] = Field(default_factory=dict)
    models: dict[str, str] = Field(default_factory=dict)
    datasets: dict[str, str] = Field(default_factory=dict)
    # Method aliases as written (display text -> canonical name), for search boxes.
    method_aliases: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def build(cls, methods: Iterable[tuple[str, Iterable[str]]] = (),
              models: Iterable[tuple[str, Iterable[str]]] = (),
              datasets: Iterable[tuple[str, Iterable[str]]] = ()) -> "Vocabulary":
        """From (name, aliases) pairs as the store returns them."""
        def table(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
            out: dict[str, str] = {}
            for name, aliases in pairs:
                for alias in [name, *(aliases or [])]:
                    key = fold(alias)
                    if key and key not in out:
                        out[key] = name
            return out
        methods = [(name, list(aliases or [])) for name, aliases in methods]
        shown = {alias: name for name, aliases in methods for alias in aliases
                 if alias and fold(alias) != fold(name)}
        return cls(methods=table(methods), models=table(models), datasets=table(datasets),
                   method_aliases=shown)


# --- vocabularies of the rules ------------------------------------------------------------

# Phrases that name a technique family; longest first so "sparse attention" wins over "sparse".
_CATEGORY_PHRASES: dict[str, str] = {
    "quantization": "quantization", "quantisation": "quantization", "quantized": "quantization",
    "quantised": "quantization", "quantizing": "quantization", "quantize": "quantization",
    "low-bit": "quantization", "low bit": "quantization", "ptq": "quantization", "qat": "quantization",
    "pruning": "pruning", "pruned": "pruning", "prune": "pruning",
    "sparsity": "sparsity", "sparsification": "sparsity",
    "knowledge distillation": "distillation", "distillation": "distillation", "distilled": "distillation",
    "low-rank": "low-rank", "low rank": "low-rank",
    "parameter-efficient fine-tuning": "peft", "parameter efficient fine-tuning": "peft",
    "parameter-efficient": "peft", "parameter efficient": "peft", "peft": "peft",
    "efficient attention": "efficient-attention", "linear attention": "efficient-attention",
    "sparse attention": "efficient-attention", "efficient-attention": "efficient-attention",
    "kv cache": "kv-cache", "kv-cache": "kv-cache", "key-value cache": "kv-cache",
    "key value cache": "kv-cache", "kvcache": "kv-cache",
    "speculative decoding": "speculative-decoding", "speculative sampling": "speculative-decoding",
    "speculative-decoding": "speculative-decoding",
    "early exit": "early-exit", "early-exit": "early-exit", "early exiting": "early-exit",
    "mixture of experts": "mixture-of-experts", "mixture-of-experts": "mixture-of-experts",
    "moe": "mixture-of-experts",
    "neural architecture search": "nas", "architecture search": "nas", "nas": "nas",
    "optimizer": "optimizer", "optimizers": "optimizer", "optimiser": "optimizer",
    "training efficiency": "training-efficiency", "efficient training": "training-efficiency",
    "training-efficiency": "training-efficiency",
    "inference serving": "inference-serving", "llm serving": "inference-serving",
    "serving": "inference-serving", "inference-serving": "inference-serving",
    "hardware kernels": "hardware-kernels", "kernels": "hardware-kernels",
    "hardware-kernels": "hardware-kernels",
    "model compression": "compression-other", "compression-other": "compression-other",
    "federated learning": "federated", "federated": "federated",
}
assert set(_CATEGORY_PHRASES.values()) <= set(CATEGORIES)

# Words naming what kind of number is wanted. Checked in this order; the first hit wins.
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    (r"speed[- ]?ups?|faster|speeds? up|acceleration|accelerat\w*", "speedup"),
    (r"throughput|tokens?/s|tokens per second", "throughput"),
    (r"latency|latencies", "latency"),
    (r"perplexit(?:y|ies)|ppl", "perplexity"),
    (r"accuracy|accuracies", "accuracy"),
    (r"memory|footprint|vram", "memory"),
    (r"compression ratios?|model size|size reductions?", "compression"),
    (r"energy|power", "energy"),
    (r"flops|compute cost|costs?|cheaper", "cost"),
    (r"parameter counts?|trainable parameters|params", "params"),
)
assert {k for _, k in _KIND_WORDS} <= set(CLAIM_KINDS)

# Names that read as model checkpoints/families, and as datasets, when the graph's own
# vocabulary does not know them. Used only to decide where an "on X" name goes.
_MODEL_HINT = re.compile(
    r"(llama|mistral|mixtral|opt|qwen|gpt|bloom|falcon|vicuna|phi|gemma|pythia|deepseek|"
    r"baichuan|chatglm|olmo|bert|roberta|t5|vit|deit|swin|resnet|mobilenet|efficientnet|"
    r"whisper|clip|stable ?diffusion|yi)\b|\b\d+(?:\.\d+)?\s?[bm]\b",
    re.IGNORECASE,
)
_DATASET_HINT = re.compile(
    r"(wikitext|c4\b|ptb|penn treebank|mmlu|gsm8k|humaneval|mbpp|imagenet|cifar|glue|superglue|"
    r"squad|hellaswag|piqa|winogrande|boolq|arc[- ]?(?:e|c|easy|challenge)?\b|lambada|openbookqa|"
    r"mt-?bench|alpaca ?eval|longbench|ruler|coco|math\b|truthfulqa|sharegpt|pile)",
    re.IGNORECASE,
)
_HARDWARE = re.compile(
    r"\b(a100|h100|h200|v100|a10g?|l4|l40s?|t4|rtx ?\d{4}|tpu(?: ?v\d)?|gpus?|cpus?|fpgas?|"
    r"edge devices?|mobile(?: devices?)?|jetson\w*|apple m\d|npu)\b",
    re.IGNORECASE,
)

# A name: up to four tokens of letters/digits and the punctuation names carry.
_TOKEN = r"[A-Za-z0-9][\w.+#/'()-]*"
_STOP = (r"at|on|in|with|for|since|after|before|from|by|using|under|and|or|to|when|that|"
         r"which|who|where|than|of|per|across|over|between|until|during|is|are|was|were|do|does")
_NAME = rf"((?:(?!(?:{_STOP})\b){_TOKEN})(?:\s+(?!(?:{_STOP})\b){_TOKEN}){{0,3}})"

_BEAT_VERBS = (r"beat|beats|beating|beaten|outperform|outperforms|outperforming|outperformed|"
               r"surpass|surpasses|surpassing|better than|faster than|improves? (?:up)?on|"
               r"improvements? over|gains? over|wins? over|superior to|vs\.?|versus|"
               r"compared (?:to|with|against)|against")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"

# Words that carry no filter; a question made only of these (and unknown words) is not understood.
_GENERIC = {
    "which", "what", "who", "whose", "show", "list", "find", "give", "me", "all", "the", "a", "an",
    "methods", "method", "techniques", "technique", "approaches", "approach", "papers", "paper",
    "are", "is", "do", "does", "did", "reported", "report", "reports", "claims", "claim",
    "results", "result", "for", "of", "about", "by", "in", "on", "at", "use", "used", "uses",
    "using", "proposing", "propose", "proposed", "introduce", "introducing", "new", "any",
    "there", "that", "with", "works", "work", "how", "much", "many", "and", "to",
    # Not names: comparisons against these say nothing about a named baseline.
    "state-of-the-art", "sota", "baseline", "baselines", "existing", "prior", "previous",
    "others", "other", "it", "them", "everything", "anything", "something",
}


def _clean_name(raw: str) -> str:
    name = raw.strip(" ,;:?!.'\"")
    name = re.sub(r"'s$", "", name)
    return name


def _resolve(name: str, table: Mapping[str, str]) -> str | None:
    return table.get(fold(name))


def _date_from(year: str, month: str | None, end: bool) -> date:
    y = int(year)
    if month:
        m = _MONTHS[month[:3].lower()] if not month.isdigit() else max(1, min(12, int(month)))
        if not end:
            return date(y, m, 1)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(y, 12, 31) if end else date(y, 1, 1)


def parse(question: str, vocab: Vocabulary | None = None, today: date | None = None) -> Understanding:
    """Read a question into Filters. Never raises on user text."""
    vocab = vocab or Vocabulary()
    original = " ".join((question or "").split())
    text = original.rstrip("?!. ")
    notes: list[str] = []
    values: dict[str, object] = {}

    if not text:
        return Understanding(question=original, filters=Filters(), understood=False,
                             message=_hint("Type a question or set the filters below."))

    def cut(match: re.Match[str]) -> None:
        nonlocal text
        text = text[: match.start()] + " " + text[match.end():]

    # Dates first: their numbers must not be read as bits or names.
    year = r"((?:19|20)\d{2})"
    ym = rf"(?:{_MONTH_RE}\s+{year}|{year}-(\d{{1,2}})|{year})"
    m = re.search(rf"\bbetween\s+{ym}\s+and\s+{ym}", text, re.IGNORECASE)
    if m:
        g = m.groups()
        values["since"] = _date_from(g[1] or g[2] or g[4], g[0] or g[3], end=False)
        values["until"] = _date_from(g[6] or g[7] or g[9], g[5] or g[8], end=True)
        cut(m)
    for words, field, end in ((r"since|after|from|starting(?: in)?|as of", "since", False),
                              (r"before|until|till|up to|prior to|through", "until", True)):
        m = re.search(rf"\b(?:{words})\s+{ym}\b", text, re.IGNORECASE)
        if m and field not in values:
            g = m.groups()
            yr, mo = g[1] or g[2] or g[4], g[0] or g[3]
            d = _date_from(yr, mo, end=end)
            low = m.group(0).lower()
            if low.startswith("after") and not mo:
                d = date(int(yr) + 1, 1, 1)
            if low.startswith("before"):
                d = _date_from(yr, mo, end=False) - timedelta(days=1)
            values[field] = d
            cut(m)
    m = re.search(rf"\b(?:in|during|published in|from)\s+{year}\b", text, re.IGNORECASE)
    if m and "since" not in values and "until" not in values:
        values["since"] = date(int(m.group(1)), 1, 1)
        values["until"] = date(int(m.group(1)), 12, 31)
        cut(m)
    today = today or date.today()
    m = re.search(r"\b(this year|last year|past year|last (\d+) months?)\b", text, re.IGNORECASE)
    if m and "since" not in values:
        low = m.group(1).lower()
        if low == "this year":
            values["since"] = date(today.year, 1, 1)
        elif low == "last year":
            values["since"], values["until"] = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        elif low == "past year":
            values["since"] = today - timedelta(days=365)
        else:
            values["since"] = today - timedelta(days=30 * int(m.group(2)))
        cut(m)
    if "since" in values or "until" in values:
        notes.append("dates: " + " to ".join(
            str(values.get(k, "…")) for k in ("since", "until")))

    # Bit-widths: "at 2 bits", "2-bit", "3.5 bit", "INT4", "W4A16".
    m = (re.search(r"\b(?:at\s+|with\s+|in\s+)?(\d{1,2}(?:\.\d+)?)[\s-]?bits?\b(?:\s+(?:weights?|activations?|precision))?", text, re.IGNORECASE)
         or re.search(r"\bint(\d{1,2})\b", text, re.IGNORECASE)
         or re.search(r"\bw(\d{1,2})a\d{1,2}\b", text, re.IGNORECASE))
    if m:
        bits = float(m.group(1))
        if 0 < bits <= 64:
            values["bits"] = bits
            notes.append(f"bits: {bits:g}")
        cut(m)

    # Baseline: "beat GPTQ", "outperform AWQ", "better than SmoothQuant".
    m = re.search(rf"\b(?:{_BEAT_VERBS})\s+{_NAME}", text, re.IGNORECASE)
    if m:
        name = _clean_name(m.group(1))
        if name and name.lower() not in _GENERIC and not _category_of(name):
            canon = _resolve(name, vocab.methods)
            values["baseline"] = canon or name
            values["intent"] = "beats"
            notes.append(f"baseline: {values['baseline']}"
                         + ("" if canon is None or canon == name else f" (from '{name}')"))
            # "GPTQ vs AWQ", "does OmniQuant beat GPTQ": the name before the verb is the winner.
            before = re.search(rf"{_TOKEN}$", text[: m.start()].rstrip())
            winner = _as_name(before.group(0), vocab.methods) if before else None
            if winner:
                values["method"] = winner
                notes.append(f"method: {winner}")
            cut(m)
    elif re.search(r"\b(?:beat|beats|outperform\w*|surpass\w*|better than)\b", text, re.IGNORECASE):
        values["intent"] = "beats"  # "which methods are beaten ..." without a name: still beats

    # "what does X beat": X is the winner, not the baseline.
    m = re.search(rf"\b(?:what|which \w+)\s+(?:does|did|do)\s+{_NAME}\s+(?:beat|outperform|surpass)\b",
                  text, re.IGNORECASE)
    if m and "baseline" not in values:
        name = _clean_name(m.group(1))
        values["method"] = _resolve(name, vocab.methods) or name
        values["intent"] = "beats"
        notes.append(f"method: {values['method']}")
        cut(m)

    # Hardware before models: "on A100" is a setting, not a checkpoint.
    m = _HARDWARE.search(text)
    if m and re.search(rf"\b(?:on|with|using|for)\s+(?:an?\s+|the\s+)?{re.escape(m.group(0))}",
                       text, re.IGNORECASE):
        values["hardware"] = m.group(0)
        notes.append(f"hardware: {m.group(0)}")
        cut(m)

    # "on LLaMA-2-7B", "on WikiText-2", "with Mistral-7B": model or dataset by vocabulary, then by shape.
    for m in list(re.finditer(rf"\b(?:on|with|using|for|over)\s+(?:the\s+)?{_NAME}", text, re.IGNORECASE)):
        name = _clean_name(m.group(1))
        if not name or _category_of(name) or name.lower() in _GENERIC:
            continue
        field = _classify_setting(name, vocab)
        if field and field not in values:
            table = vocab.models if field == "model" else vocab.datasets
            values[field] = _resolve(name, table) or name
            notes.append(f"{field}: {values[field]}")
            text = text.replace(m.group(0), " ", 1)

    # Category: the longest family phrase in what is left.
    cat = _category_of(text)
    if cat:
        values["category"] = cat
        notes.append(f"category: {cat}")

    # Claim kind.
    for pattern, kind in _KIND_WORDS:
        km = re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE)
        if km:
            values["kind"] = kind
            notes.append(f"kind: {kind}")
            break

    # A method named as the subject: "speedups reported for Medusa", "claims about SmoothQuant".
    if "method" not in values:
        m = re.search(rf"\b(?:for|of|about|by|from)\s+{_NAME}", text, re.IGNORECASE)
        candidate = _as_name(m.group(1), vocab.methods) if m else None
        if candidate and not _only_kind_words(candidate):
            values["method"] = candidate
            notes.append(f"method: {candidate}")
        else:  # a known method name anywhere, or a question that is only a name ("LoRA")
            words = re.findall(_TOKEN, text)
            for tok in words:
                canon = _resolve(tok, vocab.methods)
                if canon and not _category_of(tok):
                    values["method"] = canon
                    notes.append(f"method: {canon}")
                    break
            else:
                if len(words) == 1 and not informative_so_far(values):
                    name = _as_name(words[0], vocab.methods)
                    if name:
                        values["method"] = name
                        notes.append(f"method: {name}")

    # Intent from the question's head noun, unless a comparison already decided it.
    if "intent" not in values:
        low = text.lower()
        if re.search(r"\b(datasets?|benchmarks?)\b", low):
            values["intent"] = "datasets"
        elif re.search(r"\b(which|what)\s+(?:\w+\s+)?models?\b|\bmodels?\s+(?:do|are|were)\b", low):
            values["intent"] = "models"
        elif re.search(r"\bpapers?\b|\bpublications?\b|\barticles?\b|\bpropos\w*|\bintroduc\w*", low):
            values["intent"] = "papers"
        elif "kind" in values or re.search(r"\b(claims?|results?|reported|numbers?)\b", low):
            values["intent"] = "claims"
        elif re.search(r"\b(methods?|techniques?|approaches?)\b", low):
            values["intent"] = "methods"

    informative = {k for k in values if k != "intent"}
    if not informative:
        leftovers = [w for w in re.findall(r"[a-z0-9-]+", text.lower()) if w not in _GENERIC]
        msg = ("I could not find a method, category, claim kind, bit-width, model, dataset or date "
               "in that question" + (f" (unknown words: {', '.join(leftovers[:6])})" if leftovers else "")
               + ".")
        return Understanding(question=original, filters=Filters(), understood=False,
                             notes=notes, message=_hint(msg))
    values.setdefault("intent", "claims")
    notes.insert(0, f"asking for: {values['intent']}")
    return Understanding(question=original, filters=Filters.model_validate(values),
                         understood=True, notes=notes)


def informative_so_far(values: Mapping[str, object]) -> bool:
    return any(k != "intent" for k in values)


def _as_name(raw: str, table: Mapping[str, str]) -> str | None:
    """A method name as typed, if it reads as one: known to the graph, or written like a
    name (a capital, digit or '#', as in GPTQ, vLLM, QuIP#). Plain lowercase words such
    as 'life' are not taken for names: a wrong filter is worse than none."""
    name = _clean_name(raw)
    if not name or name.lower() in _GENERIC or _category_of(name):
        return None
    canon = _resolve(name, table)
    if canon:
        return canon
    if any(w.lower() in _GENERIC for w in name.split()):
        return None
    if re.search(r"[A-Z0-9#]", name) and not re.fullmatch(r"\d+(?:\.\d+)?", name):
        return name
    return None


def _category_of(text: str) -> str | None:
    low = " " + re.sub(r"[^a-z0-9-]+", " ", text.lower()) + " "
    for phrase in sorted(_CATEGORY_PHRASES, key=len, reverse=True):
        if f" {phrase} " in low:
            return _CATEGORY_PHRASES[phrase]
    return None


def _only_kind_words(text: str) -> bool:
    return all(any(re.fullmatch(p, w, re.IGNORECASE) for p, _ in _KIND_WORDS) or w.lower() in _GENERIC
               for w in text.split())


def _classify_setting(name: str, vocab: Vocabulary) -> str | None:
    if _resolve(name, vocab.models):
        return "model"
    if _resolve(name, vocab.datasets):
        return "dataset"
    if _DATASET_HINT.search(name):
        return "dataset"
    if _MODEL_HINT.search(name):
        return "model"
    return None


def _hint(message: str) -> str:
    return message + " Try for example: " + "; ".join(f"“{q}”" for q in EXAMPLES[:3]) + "."
