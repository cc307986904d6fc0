"""Quantities in running text: "2.4x", "40%", "$2\\times$", "2-3x", "an order of magnitude".

`find_quantities(text)` scans the whole document once with compiled regexes and returns
each number that carries a unit (or reads as a multiplier), with its character span.
It knows nothing about what the number measures; claims.py decides that from the words
around it. Numbers that are parts of names (LLaMA-2-7B, W4A16, A100, 2:4) and bare
numbers without a unit are not quantities here; claims.py may still take a bare number
that directly follows a metric name ("perplexity of 5.47") via `bare_numbers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# `unit` uses the schema's vocabulary; units the schema lacks (FPS, dB, minutes) are
# "other" with the surface unit kept in `raw_unit` so the kind classifier can use it.


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int          # span of the whole quantity, range included ("2-3x" starts at "2")
    end: int
    value: float        # upper bound for ranges, multiplier for word forms
    unit: str           # x | % | points | GB | MB | ms | s | tokens/s | FLOPs | params | other
    raw_unit: str       # the unit as written, lower-cased ("fps", "db", "gflops", "%")
    signed: str = ""    # "+" or "-" when written with an explicit sign ("+2.4%", "-0.4 PPL")
    is_range: bool = False
    num_start: int = -1  # span of the (upper) number itself
    num_end: int = -1


# A number: 1,234.5 / 12.5 / .878 (leading-dot decimals appear in score lists).
# (the leading lookahead lets the regex engine skip to digits and dots quickly)
_NUM = re.compile(r"(?=[\d.])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\d.])\.\d+)")

# Units, tried in order right after the number. Optional "$", "\," and spaces because
# abstracts carry LaTeX ("5.3$\times$", "$4-7\%$", "\mathbf{2.7\times}").
_SP = r"(?:\s|\\,|\\;|~)?"
_UNIT = re.compile(
    r"(?:" + _SP + r"\$?\}?\s?)"  # optional LaTeX closers between number and unit
    r"(?:"
    r"(?P<pp>(?:\\?%|\s?percent(?:age)?)\s?(?:p\b|pp\b|points?\b)|\s?percentage[- ]points?\b|\s?p\.p\.|\s?pp\b)"
    r"|(?P<pct>\\?%|\s?percent\b|\s?per\s?cent\b)"
    r"|(?P<x>\\times\b|×|[xX](?![\w])|\s?times\b|\s?-?\s?folds?\b)"
    r"|(?P<pts>\s?(?:points?|pts)\b)"
    r"|(?P<tps>\s?(?:tokens?|toks?)\s?/\s?s(?:ec(?:ond)?)?\b|\s?tokens?\s(?:per|a)\ssecond\b)"
    r"|(?P<fps>\s?(?:FPS|fps|frames?\s(?:per|a)\ssecond|frames?/s|images?/s|img/s)\b)"
    r"|(?P<gb>\s?(?:GB|GiB|TB|TiB)\b)"
    r"|(?P<mb>\s?(?:MB|MiB)\b)"
    r"|(?P<kb>\s?(?:KB|KiB|kB)\b)"
    r"|(?P<ms>\s?(?:ms|milliseconds?|msec)\b)"
    r"|(?P<sec>\s?(?:s|sec|secs|seconds?)\b(?![-/]))"
    r"|(?P<mins>\s?(?:minutes?|mins?|hours?|hrs?|h|days?|GPU[- ]hours?)\b)"
    r"|(?P<flops>\s?[KMGTP]?(?:FLOPS|FLOPs|FLOP|flops|MACs|MAC|OPs|TOPS)\b)"
    r"|(?P<params>\s?[KMB]?\s?(?:trainable\s)?(?:parameters|params)\b)"
    r"|(?P<db>\s?dB\b)"
    r")"
)
_GROUP_UNIT = {
    "pp": "points", "pct": "%", "x": "x", "pts": "points", "tps": "tokens/s", "fps": "other",
    "gb": "GB", "mb": "MB", "kb": "other", "ms": "ms", "sec": "s", "mins": "other", "flops": "FLOPs",
    "params": "params", "db": "other",
}

# "×3.23 speedup", "$\times$3.23", "x3 faster": a multiplier sign written before the number.
_X_BEFORE = re.compile(r"(?:×|\\times\$?|(?<![\w])[xX])\s?\$?$")

# Range joiners between a lower and an upper number: "2-3x", "2x–3x", "3x to 10x",
# "1.5~1.8x", "from 73.4% to 81.4%" (the value is the upper / final number either way).
_RANGE_JOIN = re.compile(r"^\$?\s?(?:-|–|—|~|∼|\\sim|\$?\\sim\$?|to|and up to|--|---|->|→|=>|\\to|\$\\rightarrow\$|\\rightarrow)\s?\$?$")


# Multipliers written in words. Values: guideline conventions ("an order of magnitude"
# is 10x, "half the cost" is 2x, bare "orders of magnitude" is 100x).
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "multiple": None}
_WORD_X = re.compile(
    r"\b(?:(?P<oc>an?|one|two|three|four|five|six|several|multiple)\s+)?orders?\s+of\s+magnitudes?\b"
    r"|\b(?P<twice>twice|doubl(?:es|ed|ing)|double\s+the)\b"
    r"|\b(?P<half>by\s+half|halv(?:e|es|ed|ing)|half\s+(?:the|as\s+much)|in\s+half)\b"
    r"|\b(?P<nfold>two|three|four|five|six|seven|eight|nine|ten)(?:-|\s)?(?:fold|times)\b"
    r"|\b(?P<third>one[-\s]third|a\s+third)\s+(?:the|of\s+the)\b"
    r"|\b1\s?/\s?(?P<frac>\d{1,4})(?:th)?\s+(?:the|of\s+the)\b",
    re.IGNORECASE,
)


_UNIT_SLASH = re.compile(r"\d\s?(?:x|X|×|times|\\?%|\\times\$?)/$")


def _part_of_name(text: str, s: int) -> bool:
    """LLaMA-2, W4A16, A100, 2:4, ResNet-50, 10^5: the number belongs to a name or ratio."""
    if s == 0:
        return False
    c1 = text[s - 1]
    c2 = text[s - 2] if s >= 2 else " "
    if c1 in "xX" and not c2.isalnum():
        return False  # "x3 faster": a multiplier written before the number
    if text[max(0, s - 5):s].rstrip().endswith("\\sim"):
        return False  # "$\\sim20\\times$": LaTeX "about"
    if c1 in "-–~" and c2 in "xX×%" and s >= 3 and text[s - 3].isdigit():
        return False  # "2x–3x", "20%-30%": the upper end of a range
    if c1.isalpha() or c1 in "_^@#":
        return True
    if c1 == "/" and _UNIT_SLASH.search(text, max(0, s - 12), s):
        return False  # "43x/31x", "2.8%/1.0%": the second of a pair
    if c1 in "-/–" and (c2.isalpha() or c2 in ")]"):
        return True
    if c1 in ":/" and c2.isdigit():
        return True
    return False


def _to_float(s: str) -> float:
    return float(s.replace(",", ""))


def _unit_at(text: str, pos: int) -> tuple[str, str, int] | None:
    m = _UNIT.match(text, pos)
    if not m:
        return None
    group = m.lastgroup
    return _GROUP_UNIT[group], m.group(group).strip().lower(), m.end()


def _sign_before(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and text[i] in "$ {":
        i -= 1
        if start - i > 3:
            break
    if i >= 0 and text[i] in "+-−":
        # a sign only when it is not a hyphen inside a word ("Llama-2")
        if i == 0 or text[i - 1] in " \t\n([{$,;:/":
            return "+" if text[i] == "+" else "-"
    return ""


def find_quantities(text: str) -> list[Quantity]:
    """Every unit-bearing number in `text`, ranges merged to their upper bound."""
    return scan(text)[0]


def bare_numbers(text: str) -> list[tuple[int, int, float, str, str]]:
    """(start, end, value, metric word, sign) for unit-less scores tied to a metric name."""
    return scan(text)[1]


_WORD_GATE = ("magnitude", "twice", "fold", "half", "halv", "doubl", "third", "1/")
_LOWER_BOUND = re.compile(r"(\d+(?:\.\d+)?)\s?(?:-|–|—|~|∼|\\sim|to)\s?\$?$")
_NAME_TAIL = re.compile(r"[A-Za-z][-_]?$")
_SHAPE_AFTER_X = re.compile(r"\s?\d")


def scan(text: str) -> tuple[list[Quantity], list[tuple[int, int, float, str, str]]]:
    """One pass over the numbers of `text`: (unit-bearing quantities, bare metric scores).

    The regex engine finds the numbers; Python looks only at each number's neighbours,
    so the cost grows with the count of numbers, not with the length of the text."""
    out: list[Quantity] = []
    bare_at: list[tuple[int, int]] = []
    n = len(text)
    for m in _NUM.finditer(text):
        s, e = m.start(), m.end()
        unit = _unit_at(text, e)
        if unit is None:
            if _part_of_name(text, s):
                continue
            prev = text[s - 1] if s else ""
            xb = _X_BEFORE.search(text, max(0, s - 8), s) if prev in "×xX$ " else None
            if (xb and not (e < n and (text[e].isalnum() or text[e] in ")^"))
                    and text[max(0, xb.start() - 3):xb.start()].strip("$ {")[-1:] not in tuple("(0123456789")):
                # "$\\times$3.2 faster"; but "(x4)" is a scale factor and "64\\times 64" a shape
                unit = ("x", "x", e)
            else:
                if not (e < n and (text[e].isalpha() or text[e] == "^")):
                    bare_at.append((s, e))
                continue
        if _part_of_name(text, s):
            continue
        if e < n and text[e].isalpha() and unit[0] not in ("x", "GB", "MB", "ms", "s", "FLOPs", "params", "other"):
            continue
        u, raw, uend = unit
        if text[e:e + 1] == "^" or text[uend:uend + 1] == "^":
            continue  # "10^5": a power, read as a magnitude elsewhere or not at all
        if u == "points" and (_to_float(m.group()) >= 100 or "," in m.group()):
            continue  # "100,000 points": data points, not score points
        # "3x3 convolutions", "4x4 tiles": a multiplication sign between digits is a shape.
        if u == "x" and _SHAPE_AFTER_X.match(text, uend):
            continue
        value = _to_float(m.group())
        q_start = s
        sign = _sign_before(text, s)
        if sign:
            q_start = text.rfind("+", 0, s) if sign == "+" else max(text.rfind("-", 0, s), text.rfind("−", 0, s))
        is_range = False
        # Merge with a lower bound written just before ("2-3x", "28% to 46%", "3x to 10x").
        if out and not sign:
            prev_q = out[-1]
            if prev_q.unit == u and prev_q.end <= s and _RANGE_JOIN.match(text[prev_q.end:s]):
                out.pop()
                q_start, is_range = prev_q.start, True
        if not is_range:
            w0 = max(0, s - 20)
            lower = _LOWER_BOUND.search(text, w0, s)
            if lower and not _NAME_TAIL.search(text, w0, lower.start()):
                q_start, is_range = lower.start(), True
                if bare_at and bare_at[-1][0] >= q_start:
                    bare_at.pop()  # the lower bound of this range is not a score of its own
        out.append(Quantity(q_start, uend, value, u, raw, "" if is_range else sign, is_range, s, e))
    low = text.lower()
    if any(w in low for w in _WORD_GATE):
        for m in _WORD_X.finditer(text):
            value = _word_value(m)
            if value is None:
                continue
            out.append(Quantity(m.start(), m.end(), value, "x", "x", "", False, m.start(), m.end()))
        out.sort(key=lambda q: q.start)
    return out, _bare(text, bare_at)


def _word_value(m: re.Match) -> float | None:
    if m.group("twice") or m.group("half"):
        return 2.0
    if m.group("nfold"):
        return float(_COUNT[m.group("nfold").lower()])
    if m.group("third"):
        return 3.0
    if m.group("frac"):
        n = float(m.group("frac"))
        return n if n > 1 else None
    count = m.group("oc")
    if count is None:
        return None  # "orders of magnitude" with no count is a manner of speaking, not a figure
    n = _COUNT[count.lower()]
    return None if n is None else 10.0 ** n


# Bare numbers that follow a metric name or precede a metric abbreviation: "perplexity of
# 5.47", "FID of 15.9", "71.2 AP". The metric word is returned so the caller can type it.
_METRIC_WORDS = (
    r"perplexity|PPL|FID|rFID|gFID|PSNR|SSIM|LPIPS|BLEU|ROUGE(?:-[L12])?|METEOR|CIDEr|mAP(?:@?[\d.:]+)?|"
    r"AP(?:50|75)?|mIoU|IoU|F1(?:[- ]score)?|AUC(?:-ROC)?|MAE|RMSE|MSE|EM|accuracy|Inception Score|IS|"
    r"VBench(?: score)?|score|WER|CER|recall|precision|Pearson correlation|collision rate|driving score"
)
# "<metric> (score)? (of|=|:|to|reaches|at|from A to)" right before a bare number.
_METRIC_BEFORE = re.compile(
    r"\b(?P<metric>" + _METRIC_WORDS + r")\)?(?:\s+(?:scores?|values?|rates?))?\s*(?:\([^)]{1,20}\)\s*)?"
    r"(?:of|=|:|to|reaches|at|from\s+\d+(?:\.\d+)?\s+(?:\([^()]{1,20}\)\s+)?to)\s+\$?"
    r"(?:only\s+|just\s+|about\s+|approximately\s+|~)?$")
_BARE_LIST_NEXT = re.compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*)(?P<num>\d+(?:\.\d+)?|\.\d+)(?![\w%]|\.\d|\s?(?:\\?%|x\b|×|times\b))")
_METRIC_AFTER = re.compile(r"\s(?P<metric>" + _METRIC_WORDS + r")\b(?!-)")
_NOT_SCORE_AFTER = re.compile(r"[\d.]*(?:\s?(?:-bit|bits?\b)|[A-Za-z])")


def _bare(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, float, str, str]]:
    out: list[tuple[int, int, float, str, str]] = []
    covered = -1
    for s, e in spans:
        if s < covered:
            continue
        value = _to_float(text[s:e])
        before = _METRIC_BEFORE.search(text, max(0, s - 70), s)
        if before and not _NOT_SCORE_AFTER.match(text, e):
            metric = before.group("metric")
            out.append((before.start("metric"), e, value, metric, ""))
            # "F1 scores of .878, .881, and .702": the rest of the list reads the same way
            pos = e
            while (c := _BARE_LIST_NEXT.match(text, pos)) is not None:
                out.append((c.start("num"), c.end("num"), _to_float(c.group("num")), metric, ""))
                pos = covered = c.end("num")
            continue
        after = _METRIC_AFTER.match(text, e)
        if after:
            sign = _sign_before(text, s)
            start = s
            if sign:
                start = text.rfind("+", 0, s) if sign == "+" else max(text.rfind("-", 0, s), text.rfind("−", 0, s))
            out.append((start, after.end("metric"), value, after.group("metric"), sign))
    return out
