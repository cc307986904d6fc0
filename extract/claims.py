"""Quantitative claims: a number tied to an outcome, with its kind, setting and evidence.

One pass over the document: numbers.py finds every unit-bearing number, then for each
one this module reads the words around it in its sentence:
- kind: the outcome noun right after the number ("2.4x speedup", "40% fewer FLOPs"),
  else the nearest outcome word around it ("reduces memory by 2x"), the unit deciding
  when it is telling (GB is memory, tokens/s throughput, dB accuracy);
- direction: improvement words ("reduces", "faster", "+") vs. loss words ("drop",
  "retains 98% of", "within"); absolute scores stay null unless called a new record;
- method: the proposed method named in the sentence, else the paper's headline method;
  baseline: a named method after "over / than / compared with / vs." or the object of
  "outperforms X by";
- setting: bit-width, hardware, model and dataset mentioned nearest in the sentence.
Numbers in a list ("9.8% and 7.7%", "45x and 6150x for GPU") share one reading.
Setup numbers (GPU counts, "at 50% sparsity", model sizes), the baseline's own figure
in "71.4% vs. 67.0%", and background figures stated before the paper speaks of its own
work are left out: a wrong claim misleads more than a missing one.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from claimgraph.schema import Claim, Method

from .claim_context import (Mention, baseline_near, collect_mentions, doc_text, in_range, lower_re, lowered,
                            main_proposed, mention_list)
from .numbers import Quantity, scan
from .settings_parse import bits_spans, hardware_spans, is_generic_hw

# Cheap document-level gate: no digit and no multiplier word means no claim.
_MAYBE = re.compile(r"\d|magnitude|twice|fold|half|halv|doubl|third")  # over lowered text

# Outcome words by kind. Weight is added to the distance: generic words ("improves",
# "performance") lose to specific ones ("accuracy", "speedup") at similar distance.
# Lookbehinds keep compounds with their head: "memory cost" is memory, "energy cost"
# energy, "KV cache storage" memory, "token budget" compression.
_KIND_CUES: list[tuple[str, str, int]] = [
    ("perplexity", r"perplexit\w*|PPL", 0),
    ("throughput", r"throughput|tokens?\s?/\s?s\b|tokens per second|QPS|requests per second", 0),
    ("latency", r"latenc\w*|TTFT|TPOT|time[- ]to[- ]first[- ]token|response time|pruning time", 0),
    ("speedup", r"speed[- ]?ups?|speeds?\s+up|sped\s+up|faster|accelerat\w*|speed\b|wall[- ]?(?:clock|time)|runtime|run[- ]time"
                r"|inference time|decoding time|slower|(?:training|inference|decoding|generation) efficiency", 0),
    ("energy", r"energy(?:[- ]efficien\w*)?|power\s+consumption|joules?|carbon", 0),
    ("memory", r"memory|VRAM|footprint|KV[- ]?cache|(?<!KV )(?<!KV-)\bcache\b|GPU requirement", 0),
    ("params", r"trainable\s+param\w*|fewer\s+(?:trainable\s+)?param\w*", 0),
    ("compression", r"compress\w*|model size|size reduction|smaller|(?<!cache )storage|bitrate|bit[- ]rate|parameter counts?"
                    r"|param\w* reduction|of (?:the )?(?:model )?param\w*|model parameters|input length|splats"
                    r"|(?:visual|vision|image|video|input|prompt|context)\s+tokens?|tokens?\s+(?:reduction|budget|count|pruning|compression|retention)"
                    r"|fewer\s+tokens|vocabular\w+|feature size|(?<!batch )(?<!original )(?<!initial )size", 5),
    ("compression", r"param\w*|(?<!-)tokens?|weights", 10),
    ("cost", r"G?FLOPs?|MACs|OPs\b|compute|computation\w*|computational|(?<!memory )(?<!energy )(?<!memory and )costs?"
             r"|operations|overhead|(?<!token )(?<!visual token )budget|training time|GPU[- ]hours|execution time|communication|efficiency", 8),
    ("accuracy", r"accura\w*|F1|mAP\w*|\bAP\b|mIoU|IoU|errors?|WER|CER|AUC\w*|BLEU|ROUGE[- ]?\w*|recall|precision|success rates?"
                 r"|FID|rFID|gFID|FiD|PSNR|SSIM|top-?[15]|exact match|pass@\d+|win rate|scores?|ADE|FDE|HTER|ACER|MAE|RMSE|R@\d+", 0),
    ("accuracy", r"performance|quality|improv\w*|gains?|boost\w*|better|higher|outperform\w*|surpass\w*", 30),
    ("other", r"sparsity|of (?:the )?(?:training )?(?:data|samples|heads|pixels|cases|experiments)|context (?:window|length)s?"
              r"|generation length|accepted tokens|stability|resilience|detection efficiency|robustness|codebook usage", 0),
]
_WEAK = 30
_CUE_RE = [(k, re.compile(r"\b(?:" + p + r")", 0 if k == "throughput" else re.IGNORECASE), w)
           for k, p, w in _KIND_CUES]
# The same cues over lower-cased text without IGNORECASE, which the regex engine runs
# several times faster; used when lower-casing keeps every offset (nearly always).
assert not re.search(r"\\[SWDB]", "".join(p for _, p, _ in _KIND_CUES))
_CUE_RE_LOWER = [(k, re.compile(r"\b(?:" + p.lower() + r")"), w)
                 for k, p, w in _KIND_CUES if k != "throughput"]
_THROUGHPUT_RE = [(k, rx, w) for k, rx, w in _CUE_RE if k == "throughput"]
_SPEED_NOUN = re.compile(r"speed[- ]?ups?|accelerat\w*|faster|slower|quicker", re.IGNORECASE)
_BOUNDARY = re.compile(r"[,;]|\band\b|\bwhile\b|\bwhereas\b|\bbut\b|\bwith\b|\bunder\b|\busing\b|\bwhen\b|\bat\b")
_PAREN = re.compile(r"[()]")
# Where the noun phrase after a number ends: "2.4x speedup in throughput | on A100".
_PHRASE_END = re.compile(
    r"[,;:()]|\s(?:and|with|while|whereas|on|at|for|across|compared|relative|over|than|vs\.?|versus|when|under|using|to|from|by|as|without|against)\b|\.(?:\s|$)")

# Numbers in a list share one reading: "9.8% and 7.7%", "0.3%, 1.1%, and 1.0%",
# "1.0% for ResNet-32, 0.5% for VGG-16", "43x/31x", "458x respectively 1191x".
_LIST_GAP = re.compile(
    r"^\s*(?:(?:for|on|in)\s+[^,;()%\d]{1,30}?\s*|\([^()]{1,30}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|respectively\s+)(?:up\s+to\s+)?$")

# Setup, not outcome: "at 50% sparsity", "with a 3% KV budget", "30% sparse ResNet".
_SETUP_AFTER = re.compile(r"^\s?(?:\$\s?)?(?:\w+\s){0,2}?(?:sparsity|density|budgets?|pruning ratio|compression ratio|pruning|compressed|pruned)\b", re.IGNORECASE)
_SETUP_BEFORE = re.compile(r"\b(?:at|under|across|for|with\s+(?:a\s+)?|using\s+(?:a\s+)?)\s*(?:up\s+to\s+|only\s+)?$", re.IGNORECASE)
_HW_AFTER = re.compile(r"^\s?(?:NVIDIA\s|AMD\s)?(?:A100|H100|H200|H800|A800|V100|A6000|RTX|GPUs?|TPUs?|nodes?|cards?|devices?|cores?|HBM|DRAM|RAM|L40|T4)\b"
                       r"|^\s?(?:[A-Z][\w-]*\s){1,3}(?:GPUs?|cards?)\b")
_HW_BEFORE = re.compile(r"(?:A100|H100|H200|H800|A800|V100|A6000|RTX\s?\d+|GPUs?|TPU\w*|with|Jetson[\w ]{0,20}|Orin[\w ]{0,12}|Raspberry Pi\s?\d?|iPhone[\w ]{0,8}|Snapdragon[\w ]{0,8}|M[1-4](?: Pro| Max| Ultra)?)\s?-?\s?\(?\s?$")
_SIZE_IN_BRACKETS = re.compile(r"\b[\w.-]*[A-Z0-9][\w.-]*\s*\((?:[^()]{0,30},\s*)?~?$")
_BASE_VALUE_BEFORE = re.compile(
    r"(?:\bvs\.?|\bversus|\bcompared\s+(?:to|with)|\bfrom|\b(?:over|than)\s+the|\b(?:references?|baselines?|counterparts?)(?:'s)?\s+(?:of|at))"
    r"\s*(?:about\s+|approximately\s+|roughly\s+|only\s+|just\s+|~\s*)?\$?\s*$"
    r"|\b(?:at|under|with|even at)\s+(?:a|an|the)?\s*(?:\w+\s+)?(?:sparsity|pruning|compression)\s+(?:ratio|rate|level)s?\s+of\s+$",
    re.IGNORECASE)
_PARAMS_OK_BEFORE = re.compile(
    r"(?:\b(?:reduc\w*|down|compress\w*|prun\w*|shrink\w*|cut\w*)\s+(?:\w+\s+){0,3}?to|\bonly|\bjust|\bmerely|\bfewer|\breduc\w*\s+by)"
    r"\s+(?:about\s+|approximately\s+|~)?$", re.IGNORECASE)

_GAIN_BY = re.compile(
    r"\b(?:improv\w*|boost\w*|outperform\w*|surpass\w*|exceed\w*|beat\w*)\b[^,;()]{0,60}?\bby\s+(?:up\s+to\s+|an\s+average\s+of\s+|over\s+|about\s+|nearly\s+|approximately\s+)?\$?$",
    re.IGNORECASE)
_GAIN_BY_L = lower_re(_GAIN_BY)

# Direction words. Checked in the clause around the number.
_WORSE = re.compile(
    r"\b(?:drops?|dropp\w*|degrad\w*|loss|losses|los[et]s?|worse|declin\w*|decreas\w+\s+(?:in\s+)?(?:accuracy|performance)"
    r"|retain\w*|preserv\w*|maintain\w*|recover\w*|keeps?|within|gap|trails?|behind|sacrific\w*|at the cost|slower"
    r"|increases?\s+(?:in\s+)?(?:perplexity|VRAM|memory|latency)|penalty)\b", re.IGNORECASE)
_BETTER = re.compile(
    r"\b(?:improv\w*|gains?|boost\w*|faster|speed\w*|accelerat\w*|reduc\w*|sav\w*|fewer|less|lower|higher|better"
    r"|outperform\w*|surpass\w*|exceed\w*|beat\w*|cuts?|shrink\w*|compress\w*|increas\w*|rais\w*|enhanc\w*|smaller"
    r"|decreas\w*|only|merely|just)\b|\+", re.IGNORECASE)
_EQUAL = re.compile(r"\b(?:ties|tied|on par|comparable to|same as)\b", re.IGNORECASE)
_RECORD = re.compile(r"state[- ]of[- ]the[- ]art|\bSOTA\b|new record|best[- ]reported|highest|new best", re.IGNORECASE)

# The paper starts speaking about its own work here; numbers before are background.
_CONTRIB = re.compile(
    r"\b(?:we|our|ours|us|this (?:paper|work|study|letter|article)|in this|here,? we|proposed|propose[sd]?|introduc\w+"
    r"|present\w*|experiments?|results?|evaluations?|empirical\w*|achiev\w*)\b",
    re.IGNORECASE)
_PRIOR = re.compile(r"\b(?:existing|prior|previous|conventional|traditional|typically|often|commonly)\b", re.IGNORECASE)
_OWN = re.compile(r"\b(?:we|our|ours)\b", re.IGNORECASE)


_CONTRIB_L, _OWN_L, _PRIOR_L, _BETTER_L, _WORSE_L, _EQUAL_L, _RECORD_L = map(
    lower_re, (_CONTRIB, _OWN, _PRIOR, _BETTER, _WORSE, _EQUAL, _RECORD))
_KEEP_WORDS = re.compile(r"retain|preserv|maintain|keep|within")
_LESS_LOSS = re.compile(r"\b(?:reduc\w*|lower|less|smaller|minimiz\w*|no|without|zero)\b\s+(?:\w+\s+){0,2}(?:drop|degradation|loss|gap)")
_SETUP_WORD_AFTER = re.compile(r"\s?(?:sparse|pruned|dense)\b|\s?(?:confidence|CI\b)")
_BASELINE_FIGURE_LIST = re.compile(r"\(\s*[<>~]?\s*\d[\d.,]*\s*\\?%?\s*\)\s*,\s*(?:and\s+|or\s+)?[A-Za-z][^,;()%]{0,30}\(\s*$")
_COMPARED_TO = re.compile(r"(?:compared\s+(?:to|with)|vs\.?|versus|than)\s+(?:the\s+)?$", re.IGNORECASE)
_COMMA = re.compile(r"[,;]")
_OWNED_FIGURE = re.compile(r"(?:'s)?\s*\(?\s*\$?")
_RESTATED = re.compile(r"\s*\(\s*(?:~|about\s+)?")


def _bits_near(cache: dict, seg: str, ss: int, pos: int) -> float | None:
    """nearest_bits over a sentence, its bit-width mentions found once per sentence."""
    spans = cache.get(ss)
    if spans is None:
        spans = cache[ss] = bits_spans(seg)
    if not spans:
        return None
    p = pos - ss
    return min(spans, key=lambda b: min(abs(b[0] - p), abs(b[1] - p)))[2]


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    try:
        return [(s.start_char, s.end_char) for s in doc.sents]
    except ValueError:  # no sentence boundaries set: one sentence per line
        out, pos = [], 0
        for line in doc_text(doc).split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out


def contribution_start(text: str, sents: list[tuple[int, int]], mentions: list[Mention]) -> int:
    """Index of the first sentence where the paper speaks of its own work; sentences
    between the title and it are background (figures there describe prior work)."""
    low = lowered(text)
    first_own = next((x.start for x in mentions if x.kind == "proposed" and x.start >= sents[0][1]), len(text)) if sents else 0
    for i, (ss, se) in enumerate(sents):
        if i == 0:
            # the title; but a splitter that does not end the title at its line break
            # hands over the first abstract sentence with it
            nl = text.find("\n", ss, se)
            if nl >= 0 and (_CONTRIB_L.search(low, nl, se) or nl <= first_own < se):
                return 0
            continue
        if _CONTRIB_L.search(low, ss, se) or ss <= first_own < se:
            return i
    return len(sents)


def _clause(text: str, ss: int, se: int, pos: int) -> tuple[int, int]:
    """The ;-delimited part of sentence [ss, se) around pos."""
    lo = text.rfind(";", ss, pos)
    hi = text.find(";", pos, se)
    return (lo + 1 if lo >= 0 else ss), (hi if hi >= 0 else se)


_LONE_BRACKET = re.compile(r"\s*\(\s*(?:[<>~≈]|up to|about|only)?\s*")
_NEAR_MAX = 70  # largest distance score at which a cue still types a number
_CUE_REACH = _NEAR_MAX + 30  # characters; a cue word is at most this far to be in reach


def _cue_after(text: str, cues: list, g_end: int, hi: int, unit: str) -> tuple[str, int, int] | None:
    """The head outcome noun of the phrase right after the number(s): '2.4x speedup in
    throughput' -> throughput, '65% reduction in image token FLOPs' -> cost."""
    stop = _PHRASE_END.search(text, g_end, hi)
    # "40% of the parameters", "2x speedup in prefill": "of"/"in" stay inside the phrase
    end = stop.start() if stop else hi
    end = min(end, g_end + 60)
    if end <= g_end:
        return None
    found = [(s, -(e - s), kind, e, w) for s, e, kind, w in _cues(cues, g_end, end, unit)]
    if not found:
        return None
    found.sort()
    specific = [f for f in found if f[4] != _WEAK] or found
    first = specific[0]
    if _SPEED_NOUN.match(text, first[0]):
        return first[2], first[0], first[3]
    last = specific[-1]
    return last[2], last[0], last[3]


def _cue_near(text: str, cues: list, lo: int, hi: int, g_start: int, g_end: int, unit: str) -> tuple[int, str, int, int] | None:
    best = None
    for ms, me, kind, weight in _cues(cues, lo, hi, unit):
        if ms < g_end and me > g_start:
            continue
        if ms >= g_end:
            score = ms - g_end + weight
            between = text[g_end:ms]
        else:
            score = g_start - me + weight + 4
            between = text[me:g_start]
        if score > _NEAR_MAX or (best is not None and score >= best[0]):
            continue  # penalties only add: this cue cannot win
        score += 25 * len(_BOUNDARY.findall(between))
        # a bracket costs unless the number sits alone in it right by its cue:
        # "degradation (<0.3%)" reads as one phrase, "(58.4%) at one-third the size" not
        if ("(" in between or ")" in between) and not _LONE_BRACKET.fullmatch(between):
            score += 30 * len(_PAREN.findall(between))
        if best is None or score < best[0]:
            best = (score, kind, ms, me)
    return best


def _all_cues(text: str, windows: list[tuple[int, int]]) -> list[tuple[int, int, str, int]]:
    """Outcome words inside the windows (the clauses holding numbers), as (start, end,
    kind, weight) in text order; a word inside a longer cue ("efficiency" in "energy
    efficiency") gives way to it."""
    low = text.lower()
    if len(low) == len(text):
        plan = [(low, _CUE_RE_LOWER), (text, _THROUGHPUT_RE)]
    else:
        plan = [(text, _CUE_RE)]
    found = []
    for lo, hi in windows:
        for src, regexes in plan:
            for kind, rx, weight in regexes:
                for m in rx.finditer(src, lo, hi):
                    found.append((m.start(), m.end(), kind, weight))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    out: list[tuple[int, int, str, int]] = []
    for f in found:
        if out and f[0] < out[-1][1]:
            if f[1] - f[0] > out[-1][1] - out[-1][0]:
                out[-1] = f
            continue
        out.append(f)
    return out


def _cues(cues: list, lo: int, hi: int, unit: str) -> list[tuple[int, int, str, int]]:
    """The cues inside text[lo:hi]. Accuracy never reads a multiplier: "2x with a small
    loss in accuracy" is not a 2x accuracy claim."""
    i = bisect.bisect_left(cues, (lo,))
    out = []
    for c in cues[i:]:
        if c[0] >= hi:
            break
        if c[1] <= hi and not (unit == "x" and c[2] == "accuracy"):
            out.append(c)
    return out


def _kind(text: str, cues: list, lo: int, hi: int, g_start: int, g_end: int, unit: str, raw_unit: str, signed: str):
    """(kind, cue start, cue end) for a number (or list of numbers) at [g_start, g_end)."""
    if raw_unit in ("fps", "frames per second", "images/s", "img/s", "image/s"):
        return "throughput", g_start, g_end
    if raw_unit == "db":
        return "accuracy", g_start, g_end
    after = _cue_after(text, cues, g_end, hi, unit)
    near = _cue_near(text, cues, lo, hi, g_start, g_end, unit)
    if after is not None:
        kind, cs, ce = after
    elif signed == "+" and unit in ("%", "points") and (near is None or near[0] > 40):
        kind, cs, ce = "accuracy", g_start, g_end  # "ResNet-18 on ImageNet (+3.5%)"
    elif near is not None and near[0] <= _NEAR_MAX:
        _, kind, cs, ce = near
    else:
        kind, cs, ce = None, g_start, g_end
    if raw_unit.startswith(("min", "hour", "hr", "day", "gpu")) or raw_unit == "h":
        return (kind if kind in ("latency", "speedup") else "cost"), cs, ce
    if unit == "tokens/s":
        return "throughput", cs, ce
    if unit == "FLOPs":
        return "cost", cs, ce
    if unit in ("ms", "s"):
        return (kind if kind == "cost" else "latency"), cs, ce
    if unit == "params":
        return (kind if kind in ("params", "compression") else "compression"), cs, ce
    if unit in ("GB", "MB"):
        return (kind if kind in ("compression", "memory") else "memory"), cs, ce
    if kind is None and unit in ("%", "points") and _GAIN_BY_L.search(lowered(text), max(lo, g_start - 90), g_start):
        kind = "accuracy"  # "improves the strong baseline approach by 6.4%"
    if kind is None:
        if unit == "x":
            return "speedup", g_start, g_end
        if signed == "+" or unit == "points":
            return "accuracy", g_start, g_end
        return None
    if unit == "points" and kind not in ("accuracy", "perplexity"):
        kind = "accuracy"
    return kind, cs, ce


def _direction(text: str, lo: int, hi: int, q: Quantity, kind: str, ev_lo: int, ev_hi: int) -> str | None:
    text = lowered(text)
    window = text[max(lo, min(ev_lo, q.start) - 40):min(hi, max(ev_hi, q.end) + 30)]
    near = text[max(lo, min(ev_lo, q.start) - 15):min(hi, max(ev_hi, q.end) + 5)]
    if _EQUAL_L.search(near):
        return "equal"
    worse = _WORSE_L.search(near)
    if worse and _KEEP_WORDS.match(worse.group()) and (kind not in ("accuracy", "perplexity", "other") or q.value >= 100):
        worse = None  # "retaining only 30% of the tokens" is a saving; "maintaining 100%" no loss
    if worse or (q.signed == "-" and kind == "accuracy" and q.unit != "other"):
        if not _LESS_LOSS.search(near):
            return "worse"
    verb = text[max(lo, min(ev_lo, q.start) - 40):min(hi, max(ev_hi, q.end) + 5)]
    if q.unit == "other" or (q.unit == "%" and kind in ("accuracy", "other") and not _BETTER_L.search(verb)):
        return "better" if _RECORD_L.search(window) else None
    return "better" if (_BETTER_L.search(window) or q.unit == "x" or q.signed == "+") else None


def _near_name(mentions: list[Mention], kinds: tuple[str, ...], ss: int, se: int, pos: int) -> Mention | None:
    best = None
    for x in in_range(mentions, ss, se):
        if x.kind not in kinds:
            continue
        d = pos - x.end if x.end <= pos else x.start - pos + 20  # prefer names before the number
        if best is None or d < best[0]:
            best = (d, x)
    return best[1] if best else None


def _span_table(doc: Doc) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, label) of the entity groups a claim's setting reads, built once per Doc."""
    table = {}
    for group in ("model", "dataset", "metric", "hardware"):
        if group in doc.spans:
            table[group] = sorted((sp.start_char, sp.end_char, sp.label_ or sp.text) for sp in doc.spans[group])
    return table


def _span_name(table: dict, group: str, ss: int, se: int, pos: int) -> str | None:
    best = None
    rows = table.get(group, ())
    i = bisect.bisect_left(rows, (ss,))
    for start, end, label in rows[i:]:
        if start >= se:
            break
        if end <= se:
            d = abs(start - pos)
            if best is None or d < best[0]:
                best = (d, label)
    return best[1] if best else None


def _candidates(text: str) -> list[Quantity]:
    qs, bare = scan(text)
    # "an order of magnitude (23.9x)": the written-out figure restates the word form.
    qs = [q for i, q in enumerate(qs)
          if not (q.num_start == q.start and not text[q.start].isdigit() and i + 1 < len(qs)
                  and _RESTATED.fullmatch(text, q.end, qs[i + 1].start))]
    taken = [(q.start, q.end) for q in qs]
    for start, end, value, metric, sign in bare:
        if any(s < end and start < e for s, e in taken):
            continue
        unit = "points" if sign else "other"
        # the metric word becomes the "raw unit" so the kind reads from it
        qs.append(Quantity(start, end, value, unit, "metric:" + metric.lower(), sign, False, start, end))
        taken.append((start, end))
    qs.sort(key=lambda q: q.start)
    return qs


def _groups(text: str, qs: list[Quantity], sent_of: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i, q in enumerate(qs):
        if groups:
            p = qs[groups[-1][-1]]
            if (sent_of[i] == sent_of[groups[-1][-1]] and p.unit == q.unit and p.end <= q.start
                    and _LIST_GAP.match(text[p.end:q.start])):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


# The last document's claims, so compare.find (called right after on the same Doc) reads
# them for free. Held here rather than in doc.user_data, which crosses process borders
# with the Doc and would have to serialise pydantic objects.
_last: tuple[Doc, tuple, list[Claim]] | None = None


def find(doc: Doc, methods: list[Method]) -> list[Claim]:
    """The document's quantitative claims, in text order."""
    global _last
    key = tuple((m.name, m.role, tuple(m.aliases)) for m in methods)
    if _last is not None and _last[0] is doc and _last[1] == key:
        return list(_last[2])
    result = _find(doc, methods)
    _last = (doc, key, result)
    return list(result)


def _find(doc: Doc, methods: list[Method]) -> list[Claim]:
    text = doc_text(doc)
    low = lowered(text)
    if not _MAYBE.search(low):
        return []
    cands = _candidates(text)
    if not cands:
        return []
    sents = _sentences(doc)
    starts = [s for s, _ in sents]
    sent_of = [max(0, bisect.bisect_right(starts, q.start) - 1) for q in cands]
    mentions = collect_mentions(doc, methods)
    main = main_proposed(methods, mentions)
    contrib = contribution_start(text, sents, mentions)
    # Outcome words farther than _CUE_REACH from every number can never be chosen
    # (see _kind), so they are only looked for near the numbers, within the sentence.
    windows: list[tuple[int, int]] = []
    for q, i in zip(cands, sent_of):
        ss, se = sents[i]
        w = (max(ss, q.start - _CUE_REACH), min(max(se, q.end), q.end + _CUE_REACH))
        if windows and w[0] <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], w[1]))
        else:
            windows.append(w)
    cues = _all_cues(text, windows)
    spans = _span_table(doc)
    if "hardware" in spans:
        # the entity components' hardware lexicon has already read the devices
        hw_all = [(s0, e0, name, not is_generic_hw(name)) for s0, e0, name in spans["hardware"]]
    else:
        hw_all = hardware_spans(text) if _HW_GATE.search(text) else []
    hw_doc = {h[2] for h in hw_all if h[3]}
    claims: list[Claim] = []
    last_in_sentence: dict[int, tuple[str, str]] = {}
    bits_cache: dict[int, list] = {}
    kind_of: dict[int, str] = {}
    for group in _groups(text, cands, sent_of):
        first, last = cands[group[0]], cands[group[-1]]
        i = sent_of[group[0]]
        ss, se = sents[i]
        se = max(se, last.end)
        if 0 < i < contrib:
            continue
        lo, hi = _clause(text, ss, se, first.start)
        hi = max(hi, last.end)
        own = _OWN_L.search(low, ss, se) or any(x.kind == "proposed" for x in in_range(mentions, ss, se))
        if not own and _PRIOR_L.search(low, lo, first.start) and not _BETTER_L.search(low, max(lo, first.start - 50), first.start):
            continue
        if len(group) > 1 and _BASE_VALUE_BEFORE.search(text, max(0, first.start - 25), first.start):
            continue  # "their FP16 references of 97.1% and 87.0%": all the baseline's
        k0 = group[0]
        if first.raw_unit.startswith("metric:"):
            is_ppl = first.raw_unit[7:] in ("perplexity", "ppl")
            kind_res = ("perplexity" if is_ppl else "accuracy", first.start, first.end)
        elif k0 > 0 and k0 - 1 in kind_of and sent_of[k0 - 1] == i and _RESTATED.fullmatch(text, cands[k0 - 1].end, first.start):
            # "from 14.3 GB to 2.7 GB (5.3x)": the bracketed figure restates the one before
            kind_res = (kind_of[k0 - 1], first.start, first.end)
        else:
            kind_res = _kind(text, cues, lo, hi, first.start, last.end, first.unit, first.raw_unit, first.signed)
        if kind_res is None:
            # "from 34% to 50% for A and from 58.8% to 69.5% for B": a figure with no
            # outcome word of its own continues the sentence's previous one.
            prev = last_in_sentence.get(i)
            if prev is None or prev[0] != first.unit:
                continue
            kind_res = (prev[1], first.start, first.end)
        kind, cue_s, cue_e = kind_res
        for k in group:
            kind_of[k] = kind
        last_in_sentence[i] = (first.unit, kind)
        subj = _near_name(mentions, ("proposed",), ss, se, first.start)
        method = subj.name if subj else main
        base = baseline_near(text, lo, hi, first.start, last.end, mentions, method)
        for k in group:
            q = cands[k]
            if _skip(text, q, hi, mentions):
                continue
            ev_s, ev_e = min(q.start, cue_s), max(q.end, cue_e)
            baseline = None
            if base is not None:
                mention, cue_at = base
                if len(group) > 1:
                    # "outperforms A and B by 1.4x and 1.7x": one baseline per figure, in order
                    listed = mention_list(text, mention, mentions, hi)
                    if len(listed) == len(group):
                        mention = listed[group.index(k)]
                baseline = mention.name
                ev_s, ev_e = min(ev_s, cue_at, mention.start), max(ev_e, mention.end)
            ev_s, ev_e = _tidy(text, ev_s, ev_e)
            seg = text[ss:se]
            # the entity components' hardware lexicon first, then this module's patterns
            hw = _nearest_hw(hw_all, ss, se, q.start) or (next(iter(hw_doc)) if len(hw_doc) == 1 else None)
            claims.append(Claim(
                method=method, baseline=baseline, kind=kind, value=q.value, unit=q.unit,
                direction=_direction(text, lo, hi, q, kind, ev_s, ev_e),
                bits=_bits_near(bits_cache, seg, ss, q.start),
                model=_span_name(spans, "model", ss, se, q.start),
                dataset=_span_name(spans, "dataset", ss, se, q.start),
                hardware=hw, metric=_span_name(spans, "metric", ss, se, q.start),
                evidence=text[ev_s:ev_e], start=ev_s, end=ev_e,
            ))
    return claims


def _skip(text: str, q: Quantity, hi: int, mentions: list[Mention]) -> bool:
    """Setup numbers and figures that belong to the baseline rather than the paper."""
    after = text[q.end:min(hi, q.end + 40)]
    before = text[max(0, q.start - 25):q.start]
    if q.unit == "%":
        if _SETUP_AFTER.match(after) and _SETUP_BEFORE.search(before):
            return True
        if _SETUP_WORD_AFTER.match(after) or before.rstrip().endswith("bootstrap"):
            return True
    if q.unit == "x" and q.value.is_integer() and not q.is_range and _HW_AFTER.match(after):
        return True  # "8x A100 GPUs": a device count (but "0.6x GPU requirement" is a result)
    if q.unit in ("GB", "MB", "other") and q.raw_unit in ("gb", "gib", "tb", "tib", "mb", "mib", "kb", "kib") and _SIZE_IN_BRACKETS.search(before):
        return True  # "enwik8 (100 MB)", "(Canterbury Corpus, 152 KB)": a data set's size
    if q.unit in ("GB", "MB") and (_HW_AFTER.match(after) or _HW_BEFORE.search(before)):
        return True  # "a 24GB GPU", "A100 80GB": a device's memory
    if q.unit == "params" and not q.raw_unit.startswith(("parameters", "params", "trainable")) and not _PARAMS_OK_BEFORE.search(before):
        return True  # "7B parameters": a model size, not a result
    if _BASELINE_FIGURE_LIST.search(text, max(0, q.start - 60), q.start):
        return True  # "LoRA (5.5%), Full FT (7.2%), and ...": a list of the baselines' figures
    base_value = _BASE_VALUE_BEFORE.search(before)
    if base_value and not (q.is_range and base_value.group().lower().startswith("from")):
        return True  # "71.4% vs. 67.0%", "over the 40-55% needed by X": the baseline's figure
    for x in in_range(mentions, q.start - 120, q.start):
        if (x.kind != "proposed" and x.end < q.start and q.start - x.end < 80 and text.startswith("'s", x.end)
                and _COMPARED_TO.search(text, max(0, x.start - 20), x.start)
                and not _COMMA.search(text, x.end, q.start)):
            return True  # "compared to LoRA's 80.8% accuracy with 0.70% of parameters"
        if x.end <= q.start and q.start - x.end <= 4 and x.kind != "proposed":
            if _OWNED_FIGURE.fullmatch(text, x.end, q.start):
                return True  # "LoRA (42.3%)", "LoRA's 80.8%": the baseline's own figure
    return False


# Cheap gate before the hardware patterns: most abstracts name no device at all.
_HW_GATE = re.compile(r"(?=[PABHLTVRGJSQMIXFmelsr])(?:PU|[ABHLTV]\d{2,4}|RTX|GTX|Jetson|Raspberry|Snapdragon|Qualcomm|M[1-4]\b|Ascend|Hopper|Blackwell|Ampere|Xilinx|Intel|Rockchip|mobile|edge|laptop|smartphone|microcontroller|MCU|FPGA)")


def _nearest_hw(spans: list[tuple[int, int, str, bool]], ss: int, se: int, pos: int) -> str | None:
    i = bisect.bisect_left(spans, (ss,))
    j = bisect.bisect_left(spans, (se,), lo=i)
    inside = spans[i:j]
    if not inside:
        return None
    specific = [h for h in inside if h[3]] or inside
    return min(specific, key=lambda h: abs(h[0] - pos))[2]


def _tidy(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim spaces and clause punctuation from the evidence edges."""
    while s < e and text[s] in " ,;(":
        s += 1
    while e > s and text[e - 1] in " ,;":
        e -= 1
    return s, e
