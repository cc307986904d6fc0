"""Outperforms relations: the text says one named method beats another named one.

Two sources, both requiring a NAMED loser ("outperforms state-of-the-art methods" and
"beats the baselines" give nothing):
- comparison verbs: "X outperforms / surpasses / beats / exceeds Y (and Z)", "X is
  faster / better / cheaper than Y", "X improves upon Y", "superior to Y"; the winner is
  the method named before the verb in the clause, or the paper's headline method when
  the subject is "we", "our method", "it" or unnamed;
- quantitative claims with a named baseline and an improvement ("2.4x speedup over
  GPTQ"), read from claims.find.
Bits come from the bit-width stated in the same sentence.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from claimgraph.schema import Method, Outperforms

from . import claims as claims_mod
from .claim_context import (Mention, collect_mentions, doc_text, in_range, lower_re, lowered, main_proposed,
                            mention_list, name_after)
from .settings_parse import nearest_bits

_WIN = re.compile(
    r"\b(?:outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|exceed(?:s|ed|ing)?|outpac\w+|outrun\w*"
    r"|improv(?:es|ed|ing)\s+(?:up)?on|improv(?:es|ed|ing)\s+over|(?:is|are|was|were|being|runs?|remains?)\s+superior\s+to|superior\s+to"
    r"|(?:faster|better|cheaper|more\s+(?:accurate|efficient|robust)|stronger|higher|lower\s+(?:latency|perplexity|error))"
    r"(?:\s+[a-z-]+){0,2}?\s+than)\b",
    re.IGNORECASE,
)
_WIN_LOWER = re.compile(_WIN.pattern)  # over lower-cased text: same matches, much faster
_UNNAMED_SUBJECT = re.compile(r"\b(?:we|our|ours|it|this (?:method|approach|framework|model)|the proposed)\b", re.IGNORECASE)
# Words that end a subject search going left from the verb.
_CLAUSE_START = re.compile(r"[;:]|,\s+(?:and|but|while|whereas)\b|\b(?:while|whereas|but|which|that)\b")
_NEG = re.compile(r"\b(?:not|never|fails? to|cannot|can't|no longer)\s+(?:\w+\s+)?$", re.IGNORECASE)
_NEG_L = lower_re(_NEG)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    return claims_mod._sentences(doc)


# "outperforms previous VQ algorithms": a name followed by a plural method noun is a
# family, not one named method to beat.
_FAMILY_AFTER = re.compile(r"(?:-based)?\s+(?:algorithms|methods|approaches|techniques|variants|schemes|frameworks"
                           r"|solutions|baselines|counterparts)\b")


def _losers(text: str, pos: int, hi: int, mentions: list[Mention]) -> list[Mention]:
    first = name_after(text, pos, mentions, hi)
    if first is None:
        return []
    return [x for x in mention_list(text, first, mentions, hi) if not _FAMILY_AFTER.match(text, x.end)]


# "Compared to GPTQ and AWQ, X uses less memory": the comparison opens the sentence.
_FRONT = re.compile(r"\s*(?:Compared\s+(?:to|with|against)|In\s+comparison\s+(?:to|with)|Relative\s+to|Unlike)\s+", re.IGNORECASE)
_GAIN = re.compile(r"\b(?:less|fewer|lower|higher|better|faster|outperform\w*|surpass\w*|improv\w*|reduc\w*|sav\w*|speed\w*|accelerat\w*|more\s+(?:accurate|efficient))\b", re.IGNORECASE)


_GAIN_NOUN = re.compile(r"\b(?:improvement|improves|speedup|speed-up|acceleration|reduction|gain)s?\b", re.IGNORECASE)


def _fronted(text, ss, se, mentions, main, add) -> None:
    m = _FRONT.match(text, ss)
    if not m:
        return
    losers = _losers(text, m.end(), se, mentions)
    if not losers:
        return
    comma = text.find(",", losers[-1].end, se)
    if comma < 0 or comma - losers[-1].end > 40:
        return
    rest_end = min(se, comma + 120)
    if not _GAIN.search(text, comma, rest_end):
        return
    subj = next((x for x in in_range(mentions, comma + 1, comma + 40) if x.kind == "proposed"), None)
    if subj is not None:
        winner = subj.name
    elif _UNNAMED_SUBJECT.search(text, comma, comma + 30):
        winner = main
    else:
        return
    for x in losers:
        add(winner, x.name, ss, min(rest_end, se), ss, se, ss)


def find(doc: Doc, methods: list[Method]) -> list[Outperforms]:
    text = doc_text(doc)
    low = lowered(text)
    found_claims = claims_mod.find(doc, methods)
    # Most abstracts compare nothing by name: no win verb, no fronted comparison, no
    # claim with a baseline. Those need no mention search at all.
    wins = list(_WIN_LOWER.finditer(low))
    fronted = "compar" in low or "relative to" in low or "unlike" in low
    if not (wins or fronted or any(c.baseline for c in found_claims)):
        return []
    mentions = collect_mentions(doc, methods)
    if not mentions:
        return []
    main = main_proposed(methods, mentions)
    out: list[Outperforms] = []
    seen: set[tuple[str, str]] = set()

    def add(winner: str | None, loser: str, s: int, e: int, ss: int, se: int, pos: int) -> None:
        if not winner or winner == loser or (winner, loser) in seen:
            return
        seen.add((winner, loser))
        bits = nearest_bits(text[ss:se], pos - ss)
        out.append(Outperforms(method=winner, baseline=loser, bits=bits,
                               evidence=text[s:e], start=s, end=e))

    sents = _sentences(doc)
    starts = [ss for ss, _ in sents]
    contrib = claims_mod.contribution_start(text, sents, mentions)
    if fronted:
        for ss, se in sents:
            _fronted(text, ss, se, mentions, main, add)
    for v in wins:
        sent_i = max(0, bisect.bisect_right(starts, v.start()) - 1)
        ss, se = sents[sent_i]
        if _NEG_L.search(low, max(ss, v.start() - 25), v.start()):
            continue
        hi = se
        losers = _losers(text, v.end(), hi, mentions)
        if not losers:
            continue
        # Winner: the proposed method named before the verb in its clause; else a
        # named method that opens the clause ("LoRA outperforms ..."); else the
        # headline method when the subject is "we"/"our method"/"it" or the verb is
        # a participle hanging off the paper's own sentence ("..., outperforming X").
        left = ss
        for m in _CLAUSE_START.finditer(text, ss, v.start()):
            left = m.end()
        before = [x for x in in_range(mentions, left, v.start()) if x not in losers]
        own = [x for x in before if x.kind == "proposed"]
        opener = [x for x in before if x.kind != "model" and len(text[left:x.start].split()) <= 3]
        participle = text[v.start():v.end()].lower().endswith("ing")
        if own:
            winner = own[-1].name
            subj = own[-1]
        elif opener and not participle:
            winner, subj = opener[0].name, opener[0]
            if sent_i < contrib:
                winner = None  # background: "3DGS outperforms NeRF" before the paper's own work
        elif _UNNAMED_SUBJECT.search(text, left, v.start()) or participle or not before:
            winner, subj = main, None
        else:
            winner, subj = None, None
        for x in losers:
            s = subj.start if subj is not None else v.start()
            add(winner, x.name, s, x.end, ss, se, v.start())
    # Claims with a named baseline and an improvement: "6.95x acceleration over
    # FlashAttention"; a baseline that opens a list brings the rest of it ("over popular
    # quantizers, e.g., GPTQ and AWQ").
    for c in found_claims:
        if not (c.baseline and c.method):
            continue
        if c.direction != "better":
            # "13% improvement over A, and up to 9% over B": a claim left without a direction
            # shares the gain its sentence states before it.
            ss, _ = sents[max(0, bisect.bisect_right(starts, c.start) - 1)]
            if c.direction is not None or not _GAIN_NOUN.search(text, ss, c.start):
                continue
        losers = [c.baseline]
        at = next((x for x in in_range(mentions, c.start, c.end) if x.end == c.end and x.name == c.baseline), None)
        if at is not None:
            i = bisect.bisect_right(starts, at.start) - 1
            losers = [x.name for x in mention_list(text, at, mentions, sents[max(0, i)][1])]
        for loser in losers:
            if loser != c.method and (c.method, loser) not in seen:
                seen.add((c.method, loser))
                out.append(Outperforms(method=c.method, baseline=loser, bits=c.bits,
                                       model=c.model, dataset=c.dataset,
                                       evidence=c.evidence, start=c.start, end=c.end))
    return out
