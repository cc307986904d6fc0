"""Names the lexicon has never seen, found from the words around them.

Proposed (this paper's own) names come from:
- the title prefix ("BitStack: Any-Size Compression ..."): a coined one-word name always,
  a longer one when the abstract uses it too or defines its acronym;
- "we propose / introduce / present / develop X", "this paper presents X";
- "called / dubbed / named / termed X" in a sentence about this work;
- "X, a novel / new ... (framework | method ...)", "the proposed X", "our X";
- acronym definitions inside those clauses ("we introduce a moiré-aware gate (MABG)");
- named parts of the proposal: "X relies on two contributions: (1) Bit Determination
  (RBD) ...", "an Anchor-based Filtering module".
Other (existing) names come from acronym definitions whose expansion ends in a method
word ("Singular Value Decomposition (SVD)") and from comparisons ("outperforms PS-KD and
SSKD"). A name introduced as a benchmark or dataset is filed as a dataset, one introduced
as "a novel metric" as a metric.

Speed: every pattern starts only at trigger words that the mention finder's PhraseMatcher
already located (TRIGGER_WORDS), never scanning the text on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from claimgraph.schema import fold

from . import categories as cats
from .acronyms import Acronym
from .doctext import doc_text
from .names import _COMMON_CAPS as _COMMON_CAPS_EX
from .names import GENERIC, NAME, looks_like_name, looks_like_name_in_context
from .resolve import Resolver, tidy


@dataclass
class Found:
    spans: list[Span] = field(default_factory=list)
    proposed: set[str] = field(default_factory=set)
    aliases: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)


_WE = re.compile(r"(?i)\b(?:we|our|us|this (?:paper|work|study|article|letter|report)|here(?:in)?|the authors)\b")
_PROPOSE = re.compile(
    r"(?i)\b(?:propos(?:e|es|ed|ing)|introduc(?:e|es|ed)|(?:by|through) (?:introduc|propos|design)ing|present(?:s|ed)?|develop(?:s|ed)?|"
    r"design(?:s|ed)?|devis(?:e|es|ed)|put(?:s)? forward|unveil(?:s|ed)?|build(?:s)?|built|creat(?:e|es|ed)|"
    r"construct(?:s|ed)?|formulat(?:e|es|ed)|contribute)\b")
def _starts(literals: tuple[str, ...], low: str) -> list[int]:
    """Sorted offsets where one of `literals` occurs in `low` at a word start (str.find
    runs in C; a regex alternation would try every literal at every character)."""
    out = set()
    for lit in literals:
        i = low.find(lit)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum():
                out.add(i)
            i = low.find(lit, i + 1)
    return sorted(out)


_CALLED = re.compile(r"\b(?:called|dubbed|named|termed|coined|denoted as|referred to as|namely)\s+(" + NAME + r")")
# "a sparse accelerator, namely SAT, is developed": a passive proposal right after the name.
_PASSIVE_PROPOSAL = re.compile(r"[^.;]{0,12}?\b(?:is|are)\s+(?:\w+ly\s+)?(?:proposed|developed|designed|introduced|presented|devised|built)\b")
_PROPOSED_THE = re.compile(r"(?i:\b(?:the|our) proposed|\bour(?: new| novel)?)\s+(?:(?i:method|framework|approach|algorithm|model|system|technique),?\s+)?(" + NAME + r")")
_COMPARE = re.compile(
    r"(?i:\b(?:outperform(?:s|ing|ed)?|surpass(?:es|ing|ed)?|beat(?:s|ing)?|exceed(?:s|ing)?|over|than|"
    r"compared (?:to|with|against)|versus|vs\.?|against|relative to|improv(?:es|ing|ed) (?:up)?on))\s+"
    r"(?:(?:the|prior|previous|existing|strong|state-of-the-art|sota|competitive|baseline|recent|popular|"
    r"standard|vanilla|leading|works|its|their|traditional|conventional|classic|classical|original|naive|well-known|widely-used|"
    r"methods?|approaches|such|as|like|e\.g\.,?|including)\s+)*"
    # "than the state-of-the-art ANNS solution DiskANN": a described head noun before the name.
    r"(?:(?:(?:[a-z][a-z\-]*|[A-Z]{2,6})\s+){0,3}?(?:solution|system|engine|library|baseline|implementation|"
    r"method|approach|algorithm|technique|framework|optimizer|index|router|gate|teacher)s?,?\s+(?:(?:e\.g\.,?|such as|like|including)\s+)?)?"
    r"((?:" + NAME + r")(?:(?:\s*,?\s*(?:and|or)\s+|,\s*)(?:" + NAME + r"))*)")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# Where a "we propose ..." clause stops holding the name of what is proposed.
_CLAUSE_END = re.compile(
    r"[.;:]\s|,\s+(?:which|that|where|while|and|to|by|with)\b|\s(?:that|which|to|for|based on|by|via|using|"
    r"with|where|on|in|from|through|across|under|over|than|against|whose|so that)\s")
# "ChaosBench: A Multi-Channel, Physics-Based Benchmark for ...": the subtitle's head noun.
_SUBTITLE_BENCHMARK = re.compile(
    r"\s*(?:(?:A|An|The)\s+)?(?:[\w\-]+,?\s+){0,5}(?i:benchmark|dataset|corpus|suite|testbed)s?\b")
_DATASET_NOUN = re.compile(r"(?i)\b(?:benchmark|dataset|data set|corpus|suite|leaderboard|testbed|test set|collection)s?\b")
_METHOD_HEAD = frozenset("""
method methods algorithm algorithms decomposition decompositions adaptation quantization quantisation
distillation pruning attention search descent optimization optimisation optimizer transform
transformation transformations estimator estimation regression averaging clustering sampling decoding
tuning fine-tuning finetuning training learning network networks factorization factorisation
compression sparsification approximation projection encoding embedding embeddings framework
scheme technique strategy policy mechanism operator kernel solver rule procedure analysis filter
transformer transformers adapter adapters routing merging caching splatting fields generation matching
""".split())
_SKIP_BEFORE_NAME = re.compile(
    r"(?i)^(?:\s*(?:a|an|the|novel|new|simple|first|yet|effective|efficient|general|unified|lightweight|"
    r"principled|scalable|robust|practical|powerful|flexible|generic|fast|accurate|versatile|adaptive|"
    r"training-free|plug-and-play|data-free|tuning-free|hardware-friendly|memory-efficient|two-stage|"
    r"end-to-end|called|named|dubbed|termed|,)\b\s*)*")


_TITLE_SMALL = frozenset("of and for the to via with in on a an by from".split())


def _overlaps(start: int, end: int, known: list[tuple[int, int, str, str]]):
    """(True, start, end, group, name) of the first known span overlapping [start, end)."""
    for s, e, group, name in known:
        if s < end and start < e:
            return True, s, e, group, name
    return None


_CAP_WORDS = re.compile(r"(?:[ ](?!(?:In|On|For|With|To|And|Of)\b)[A-Z][\w\-+#]*){1,3}(?![\w\-])")


def _first_name(window: str) -> tuple[int, int] | None:
    """Offsets of the name that opens a proposal clause, past articles and adjectives."""
    pos = len(window) - len(window.lstrip())
    skip = _SKIP_BEFORE_NAME.match(window, pos)
    pos = skip.end() if skip else pos
    m = re.compile(NAME).match(window, pos)
    if m and looks_like_name(m.group()):
        # "Safety-Potential Pruning", "K-Token Merging": following capitalised words belong
        # to the name.
        more = _CAP_WORDS.match(window, m.end())
        return m.start(), (more.end() if more else m.end())
    # A Title Case phrase of 2-6 words ("Layer-adaptive Confidence Thresholding").
    t = re.compile(r"(?:[A-Z][\w\-]*\s+){1,5}[A-Z][\w\-]*").match(window, pos)
    if t and not any(w.lower() in GENERIC for w in t.group().split()):
        return t.start(), t.end()
    return None


class _Collector:
    def __init__(self, text: str, known, acros: list[Acronym], resolver: Resolver):
        self.text = text
        self.known = known
        self.acros = acros
        self.resolver = resolver
        self.cands: dict[str, dict] = {}  # folded name -> candidate

    def add(self, name: str, role: str, start: int, context: str, group: str = "method",
            alias: str | None = None, allow_known: bool = False) -> None:
        if alias is None:
            # A name that opens an acronym's expansion, or is followed by its acronym, is
            # filed under the acronym: "called Weight-Aware Distillation (WAD)" -> WAD.
            for a in self.acros:
                if a.long_start <= start < a.long_end or start <= a.short_start <= start + len(name) + 3:
                    if a.short_start != start:
                        name, alias, start = a.short, a.long, a.short_start
                    else:
                        alias = a.long
                    break
        name = tidy(name).rstrip(".")
        if not name or fold(name) in ("",) or name.lower() in GENERIC:
            return
        hit = _overlaps(start, start + len(name), self.known)
        if hit is not None and hit[2] - hit[1] < len(name) and hit[1] >= start and hit[2] <= start + len(name) \
                and role == "proposed":
            hit = None  # "Pareto LoRA" contains LoRA: the longer, new name wins
        if hit is not None:
            kgroup, kname = hit[3], hit[4]
            # A lexicon method can be this paper's own (its authors named it); other lexicon
            # kinds are never "proposed" here.
            if allow_known and kgroup == "method" and role == "proposed" and fold(kname) == fold(name):
                self.cands.setdefault(fold(kname), {"name": kname, "role": role, "group": "method",
                                                    "known": True, "aliases": [], "context": context})
            return
        key = fold(name)
        c = self.cands.get(key)
        if c is None:
            c = self.cands[key] = {"name": name, "role": role, "group": group, "known": False,
                                   "aliases": [], "context": context}
        elif role == "proposed":
            c["role"] = "proposed"
            if group == "dataset":
                c["group"] = "dataset"
        if alias and fold(alias) != key and alias not in c["aliases"]:
            c["aliases"].append(alias)



# Trigger words, found by the mention finder's PhraseMatcher in the same pass as the
# lexicon (mentions.TRIGGERS): each pattern below is tried only where its trigger starts.
TRIGGER_WORDS = {
    "propose": "propose proposes proposed proposing introduce introduces introduced present presents presented develop "
               "develops developed design designs designed devise devises devised unveil unveils unveiled build "
               "builds built create creates created construct constructs constructed formulate formulates "
               "formulated contribute|put forward|puts forward|by introducing|by proposing|by designing|"
               "through introducing|through proposing|through designing",
    "called": "called dubbed named termed coined denoted referred namely",
    "ours": "our|the proposed",
    "compare": "outperform outperforms outperformed outperforming surpass surpasses surpassed surpassing beat beats "
               "beating exceed exceeds exceeding over than compared versus vs vs. against relative improves improving "
               "improved improve",
}


def trigger_phrases() -> dict[str, list[str]]:
    """kind -> phrases ("|" separates multi-word phrases, spaces separate single words)."""
    out: dict[str, list[str]] = {}
    for kind, spec in TRIGGER_WORDS.items():
        phrases: list[str] = []
        for chunk in spec.split("|"):
            phrases.extend([chunk.strip()] if " " in chunk.strip() and chunk.strip().split()[0] in (
                "put", "puts", "by", "through", "the") else chunk.split())
        out[kind] = phrases
    return out


def _matches_at(rx: re.Pattern, text: str, offsets) -> list[re.Match]:
    out = []
    for i in sorted(set(offsets)):
        m = rx.match(text, i)
        if m:
            out.append(m)
    return out


def find(doc: Doc, text: str, known_spans: list[Span], acros: list[Acronym], resolver: Resolver,
         triggers: dict[str, list[int]] | None = None) -> Found:
    """`triggers`: kind -> start offsets of trigger words (see TRIGGER_WORDS); when None
    they are found here with str.find (slower; for callers without the mention finder)."""
    if triggers is None:
        low = text.lower()
        triggers = {k: _starts(tuple(trigger_phrases()[k]), low) for k in TRIGGER_WORDS}
    known = [(s.start_char, s.end_char, *s.label_.split("\t", 1)) for s in known_spans]
    col = _Collector(text, known, acros, resolver)
    nl = doc_text(doc).find("\n")  # `text` has its newlines blanked
    title_end = nl if nl >= 0 else len(text)
    abstract = text[title_end:]

    _title(col, text, title_end, abstract, acros)
    bounds = [(sent.start_char, sent.end_char) for sent in doc.sents]
    _scan(col, text, bounds, acros, triggers)
    _components(col, text, bounds, acros)
    _others(col, text, acros, triggers, title_end)
    return _finish(doc, text, col)


def _title(col, text, title_end, abstract, acros) -> None:
    """1. Title prefix: "BitStack: ...", used again in the abstract."""
    m = re.match(r"\s*([^:]{1,50}?)\s*:\s", text[:title_end])
    if m:
        cand = re.sub(r"^(?:The|A|An)\s+", "", m.group(1))
        words = cand.split()
        title_case = len(words) >= 2 and "," not in cand and cand == m.group(1) and all(
            w[0].isupper() for w in words if w.lower() not in _TITLE_SMALL)
        acro_named = any(fold(a.long) == fold(cand) for a in acros)  # "The Local Interaction Basis (LIB)"
        if 1 <= len(words) <= 4 and (
                any(looks_like_name(w) for w in words) or title_case or acro_named
                or (len(words) == 1 and looks_like_name_in_context(cand))):
            # (str.find, not a regex built from the title: compiling one per paper costs
            # more than everything else done here)
            in_abstract = next(_occurrences(abstract if title_case else abstract.lower(),
                                            cand if title_case else cand.lower()), None) is not None
            # A one-word coined name ("TinyEcoWeedNet: ...") is the paper's even if unrepeated.
            in_abstract = in_abstract or (len(words) == 1 and looks_like_name(cand))
            acro = next((a for a in acros if fold(a.long) == fold(cand) or fold(a.short) == fold(cand)), None)
            # "ChaosBench: A ... Benchmark for ...": the title names a new benchmark.
            tgroup = "dataset" if _SUBTITLE_BENCHMARK.match(text, m.end(), title_end) else "method"
            if acro or in_abstract:
                if acro and fold(acro.long) == fold(cand):
                    col.add(acro.short, "proposed", acro.short_start, text[:title_end], tgroup, alias=acro.long)
                else:
                    col.add(cand, "proposed", text.find(cand, m.start(1)), text[:title_end], tgroup,
                            allow_known=True)

def _scan(col, text: str, bounds: list[tuple[int, int]], acros: list[Acronym],
          triggers: dict[str, list[int]]) -> None:
    """2. Proposal patterns, match by match over the whole text (each regex runs once per
    abstract; a sentence is looked at only where something matched in it)."""
    starts = [b[0] for b in bounds]
    about: dict[int, bool] = {}

    def sent_of(pos: int) -> int:
        return max(bisect_right(starts, pos) - 1, 0)

    def about_us(i: int) -> bool:
        if i not in about:
            st = text[bounds[i][0]:bounds[i][1]]
            about[i] = _WE_ANY.search(st.lower()) is not None and _WE.search(st) is not None
        return about[i]

    called_at: dict[int, list[int]] = {}
    if True:
        for c in _matches_at(_CALLED, text, triggers.get("called", ())):
            i = sent_of(c.start())
            # "a pruning method, dubbed X, is proposed": the passive says it is this
            # paper's even without "we"; "namely X" names this paper's only when so.
            passive = _PASSIVE_PROPOSAL.match(text, c.end(), bounds[i][1]) is not None
            if passive or (about_us(i) and not c.group().startswith("namely")):
                s0, s1 = bounds[i]
                called_at.setdefault(i, []).append(c.start())
                _add_at(col, c.start(1), c.group(1), text[s0:s1], context_name=True, allow_known=False)
    first_verb: dict[int, int] = {}
    for v in _matches_at(_PROPOSE, text, triggers.get("propose", ())):
        i = sent_of(v.start())
        if not about_us(i):
            continue
        s0, s1 = bounds[i]
        first_verb.setdefault(i, v.end())
        if any(c > v.end() for c in called_at.get(i, ())):
            continue  # "we propose a novel pruning method, named GraNet": the name is GraNet
        _propose_clause(col, text, s0, v.end() - s0, text[s0:s1])
    for i, vend in first_verb.items():
        s0, s1 = bounds[i]
        if _ENUMERATION.match(text, vend, s1):
            # "We propose three techniques: statistical weight quantization (StatsQ), ...":
            # acronyms defined in the enumeration name what is proposed.
            for a in acros:
                if vend <= a.short_start < s1 and not _plural_or_generic(a.short):
                    col.add(a.short, "proposed", a.short_start, text[s0:s1], alias=a.long)
    if True:
        for c in _matches_at(_PROPOSED_THE, text, triggers.get("ours", ())):
            i = sent_of(c.start())
            if about_us(i) or c.group().lower().startswith("the proposed"):
                name = c.group(1)
                head = _HYPHEN_TITLE_HEAD.match(text, c.end(1))
                if head and _HYPHEN_TITLE.match(name):
                    name = name + head.group()  # "the proposed Two-Pass algorithm"
                if _BENCH_NAME.search(name) or _BENCH_AFTER.match(text, c.end(1)):
                    if looks_like_name(name):  # "the proposed FooBench (benchmark)": a dataset
                        col.add(name, "proposed", c.start(1), text[bounds[i][0]:bounds[i][1]], "dataset")
                    continue
                noun = _NOUN_AFTER.match(text, c.end(1))
                if noun and noun.group(1) in _QUALIFIED and name == c.group(1) \
                        and not any(a.short_start == c.start(1) for a in col.acros):
                    continue  # "our SpGEMM kernel": the name qualifies what is ours
                _add_at(col, c.start(1), name, text[bounds[i][0]:bounds[i][1]])
    # "through a novel Straight-Through Factorizer (STF) algorithm"; in a sentence about
    # what this paper proposes, also "and a learnable Bit-Aware Quantization (BAQ) mode".
    for a in acros:
        if len(a.short) < 3:
            continue
        i = sent_of(a.long_start)
        s0, s1 = bounds[i]
        intro = _INTRO_LOOSE if i in first_verb else _INTRO_STRICT
        lead = text[max(s0, a.long_start - 40):a.long_start]
        if intro.search(lead) and not _EXISTING.search(lead) and not _plural_or_generic(a.short) \
                and not _used_as_modifier(text, a):
            col.add(a.short, "proposed", a.short_start, text[s0:s1], alias=a.long)
    for start, name, tail in _appositions(text):
        if not looks_like_name_in_context(name):
            continue
        i = sent_of(start)
        if start == bounds[i][0] and not looks_like_name(name):
            continue  # "Then, a ...": a capitalised first word is no name
        group = "dataset" if _DATASET_NOUN.search(tail) else "method"
        if about_us(i) or _NEWS.search(tail):
            col.add(name, "proposed", start, text[bounds[i][0]:bounds[i][1]], group)


_ENUMERATION = re.compile(r"[^.]{0,60}?(?::|\b(?:two|three|four|five|several)\b)")

_COMPONENT_VERBS = re.compile(
    r"(?i)\b(?:introduces?|combines?|consists? of|comprises?|relies on|contains?|includes?|integrates?|employs?|"
    r"features?|is composed of|proposes?|designs?|uses?|leverages?|incorporates?)\b")
_TITLE_PHRASE = re.compile(r"(?<![\w\-])((?:[A-Z][\w]*(?:-[\w]+)*)(?:\s+(?:[A-Z][\w]*(?:-[\w]+)*)){1,4})(?![\w\-])")
_GENERIC_WORDS = frozenset("""
large language models model vision transformer transformers neural networks network deep learning machine
diffusion post-training quantization quantization-aware training knowledge distillation low-rank adaptation
mixture experts mixture-of-experts attention multi-head self-attention key-value cache reinforcement
retrieval-augmented generation chain-of-thought fine-tuning parameter-efficient federated convolutional
recurrent graph spiking state space visual multimodal multi-modal vision-language vision-language-action
speculative decoding pruning sparse sparsity efficient efficiency inference memory computation github code
""".split())


def _components(col, text, bounds, acros) -> None:
    """Named parts of the proposal: "QuantSR+ relies on three contributions: (1) Bit
    Determination (RBD) ..."; "We propose X, which ... via Spatio-Semantic Aggregation".
    Sentences that name a proposed method (or say "we propose") and list its parts."""
    own = [c["name"] for c in col.cands.values() if c["role"] == "proposed" and c["group"] == "method"]
    if not own:
        return
    for s0, s1 in bounds[1:]:  # not the title: it is Title Case throughout
        st = text[s0:s1]
        named = any(n in st for n in own)
        if not named or not _COMPONENT_VERBS.search(st):
            continue
        for a in acros:
            if s0 <= a.long_start < s1 and _PART_BEFORE.search(text, max(s0, a.long_start - 12), a.long_start) \
                    and not _plural_or_generic(a.short):
                col.add(a.short, "proposed", a.short_start, st, alias=a.long)
        for m in _TITLE_PHRASE.finditer(st):
            phrase = m.group(1)
            before = st[max(0, m.start() - 12):m.start()]
            after = st[m.end():m.end() + 14]
            # Only phrases set out as parts: "(1) X", ": X", "(X)", "an X module".
            if not (_PART_BEFORE.search(before) or _PART_AFTER.match(after) or (before.endswith("(") and after.startswith(")"))):
                continue
            words = phrase.lower().split()
            if all(w in _GENERIC_WORDS or w.rstrip("s") in _GENERIC_WORDS for w in words):
                continue
            lead = _LEADING_FUNCTION.match(phrase)
            if lead:  # "In REFLEX, ...": the capitalised first word is not part of a name
                continue
            if any(n in phrase for n in own):
                continue
            col.add(phrase, "proposed", s0 + m.start(1), st)


_LEADING_FUNCTION = re.compile(
    r"(?:In|On|For|With|To|The|We|Our|This|These|Its|Each|Then|Finally|Specifically|Moreover|However|First|"
    r"Second|Third|Next|Here|Unlike|Compared|Using|By|From|At|As|And|Both|All|Such)\s")
_PART_BEFORE = re.compile(r"(?:\(\s*(?:\d|i{1,3}|iv|[a-d])\s*\)\s*(?:a|an|the)?\s*|:\s*(?:a|an|the)?\s*|;\s*(?:and\s+)?(?:a|an|the)?\s*)$")
_PART_AFTER = re.compile(r"\s+(?:module|component|block|mechanism|stage|layer|unit|head|gate|loss|branch)s?\b")


def _others(col, text, acros, triggers, title_end: int = 0) -> None:
    """3./4. Existing methods from acronym definitions and comparisons."""
    # 3. Existing methods named by acronym definitions with a method word at the end.
    for a in acros:
        if fold(a.short) in col.cands or a.short.lower() in GENERIC:
            continue
        head = a.long.split()[-1].lower().split("-")[-1]
        if head in _METHOD_HEAD or head.rstrip("s") in _METHOD_HEAD:
            col.add(a.short, "other", a.short_start, a.long, alias=a.long)

    # 4. Existing methods named in comparisons: "outperforms PS-KD and SSKD".
    for c in _matches_at(_COMPARE, text, triggers.get("compare", ())):
        pos = c.start(1)
        if _EXAMPLE_CUE.search(text, c.start(), pos):
            _examples(col, text, pos)
        for piece in _LIST_SPLIT.split(c.group(1)):
            at = text.find(piece, pos)
            pos = at + len(piece)
            if not looks_like_name(piece) and at > title_end and c.group().split(None, 1)[0].lower() in _WIN_WORDS:
                # "faster than Matrix Entropy": a Title Case phrase beaten by this work (not in
                # the title, which is Title Case throughout: "More Than One Teacher").
                tc = _TITLE_CASE_NAME.match(text, at)
                if tc and not any(w.lower() in _COMMON_WORDS for w in re.split(r"[ -]", tc.group())):
                    col.add(tc.group(), "other", at, text[max(0, at - 60):at + 60])
                    break
            if _FAMILY_AFTER.match(text, pos):
                continue  # "outperforms its Few-Shot counterparts": a family, not a name
            if looks_like_name(piece) and not re.search(r"\d(?:\.\d+)?[x×%]$", piece):
                head = _HYPHEN_TITLE_HEAD.match(text, pos)
                if head and _HYPHEN_TITLE.match(piece):
                    piece += head.group()  # "than the Gauss-Southwell rule": the rule is the name
                col.add(piece, "other", at, text[max(0, at - 60):at + 60])


_FAMILY_AFTER = re.compile(r"(?:-based)?\s+(?:algorithms|methods|approaches|techniques|variants|schemes|frameworks"
                           r"|solutions|baselines|counterparts|works)\b")
_EXAMPLE_CUE = re.compile(r"(?:\be\.g\.,?|\bsuch as|\bincluding|\blike)\s+$")
_EXAMPLE_HEAD = r"(?:routing|pruning|attention|decoding|sampling|quantization|search|distillation|merging|dropout|gating|caching)"
_EXAMPLE_ITEM = re.compile(r"([A-Z][a-z]+(?:-[a-z])?)(\s+" + _EXAMPLE_HEAD + r")?(?![\w\-])")
_EXAMPLE_JOIN = re.compile(r"\s*,?\s*(?:and|or)\s+|,\s*")


def _examples(col, text: str, pos: int) -> None:
    """Baselines given as examples in a comparison ("over popular gates, e.g., Hash routing
    and Top-k"): that slot holds names, so a capitalised word with a method noun ("Hash
    routing") or a "Top-k" shape is one there, beside name-shaped items ("GShard")."""
    for _ in range(8):
        m = _EXAMPLE_ITEM.match(text, pos) or _NAME_RX.match(text, pos)
        if m is None:
            return
        if m.re is _EXAMPLE_ITEM:
            word, head = m.group(1), m.group(2)
            if word.lower() not in _COMMON_WORDS and word.lower() not in _COMMON_CAPS_EX and (head or "-" in word):
                col.add(m.group(), "other", m.start(), text[max(0, m.start() - 60):m.end() + 60])
        elif looks_like_name(m.group()):
            col.add(m.group(), "other", m.start(), text[max(0, m.start() - 60):m.end() + 60])
        j = _EXAMPLE_JOIN.match(text, m.end())
        if j is None:
            return
        pos = j.end()


_NAME_RX = re.compile(NAME)
_BENCH_NAME = re.compile(r"(?i)bench(?:mark)?$|-(?:set|data|eval)$")
_BENCH_AFTER = re.compile(r"\s+(?i:benchmark|dataset|data set|corpus|suite|test set)s?\b")
_WIN_WORDS = frozenset("outperform outperforms outperformed outperforming surpass surpasses surpassed surpassing "
                       "beat beats beating than".split())
_TITLE_CASE_NAME = re.compile(r"[A-Z][a-z]{2,}(?:[ -][A-Z][a-z]*[\w\-]*){1,2}(?![\w\-])(?! [A-Z])")
_COMMON_WORDS = _GENERIC_WORDS | GENERIC | frozenset(
    "in on for with to and of the this our we it its that these those state art previous prior existing".split())
# "Three-Pass", "Gauss-Southwell": hyphenated Title words name a method only with their
# head noun ("the Three-Pass algorithm"), which then belongs to the name.
_HYPHEN_TITLE = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)+$")
_HYPHEN_TITLE_HEAD = re.compile(r" (?:algorithm|method|rule|scheme|transform|decomposition|estimator|routing|sampling|"
                                r"attention|search|descent|pruning|quantization)\b")


_WE_WORDS = ("we", "our", "us ", "this paper", "this work", "this study", "this article", "this letter",
             "this report", "here", "the authors")
# A plain literal alternation: the cheapest regex test that a sentence may speak of us.
_WE_ANY = re.compile("|".join(_WE_WORDS))
_INTRO_LOOSE = re.compile(r"(?i)\b(?:(?:a|an|our)\s+(?:novel|new)|a|an)\s+(?:[a-z][\w\-]*\s+){0,2}$")
_INTRO_STRICT = re.compile(r"(?i)\b(?:a|an|our)\s+(?:novel|new)\s+$")
_EXISTING = re.compile(r"(?i)\b(?:existing|state-of-the-art|standard|popular|conventional|vanilla|widely[- ]used|"
                       r"prior|previous|classic|classical|traditional|common|well-known|off-the-shelf)\b")
_NEWS = re.compile(r"(?i)\b(?:novel|new|first|our|proposed)\b")
_APPOSITION_AT = re.compile(r",\s+(?:a|an|the first)\s+(?:[\w\-]+\s+){0,5}?"
                            r"(?:novel|new|first|simple|proposed|unified|general|lightweight|efficient|scalable|principled|"
                            r"framework|method|approach|algorithm|technique|system|benchmark|dataset|suite|library|toolkit|"
                            r"engine|architecture|model|strategy|scheme|pipeline|paradigm)\b")
_NAME_END = re.compile(r"(?:(?<=\s)|^)((?:[A-Z][\w\-+#^.]*\s+){0,3}(?:" + NAME + r"))$")


def _appositions(st: str):
    """("X, a novel ...") -> (offset of X, X, the words after the comma), found from each ', a'."""
    pos = st.find(", ")
    while pos > 0:
        m = _APPOSITION_AT.match(st, pos)
        if m:
            before = _NAME_END.search(st, max(0, pos - 60), pos)
            if before:
                start, name = before.start(1), before.group(1)
                lead = _LEADING_FUNCTION.match(name)
                while lead and lead.end() < len(name):  # "In REFLEX, a ..." names REFLEX
                    start, name = start + lead.end(), name[lead.end():]
                    lead = _LEADING_FUNCTION.match(name)
                yield start, name, st[pos:m.end() + 40]
        pos = st.find(", ", pos + 2)


_MODIFIER_AFTER = re.compile(r"\)?\s*-\w|\)\s+(?:problems?|tasks?|models|settings?|scenarios?|data|datasets|"
                             r"architectures|networks|systems|devices|methods|approaches|techniques)\b")


def _used_as_modifier(text: str, a: Acronym) -> bool:
    """'lookup table (LUT)-based', 'Bi-Level Optimization (BLO) problems': the acronym
    qualifies something else; it does not name what is proposed."""
    return _MODIFIER_AFTER.match(text, a.short_end) is not None


def _plural_or_generic(short: str) -> bool:
    """'SAEs', 'FDMs', 'LLMs' name a class of things, not one method."""
    return short.lower() in GENERIC or (len(short) > 2 and short.endswith("s") and short[-2].isupper())


def _add_at(col: "_Collector", start: int, name: str, ctx: str, context_name: bool = False,
            allow_known: bool = True) -> None:
    """Add the proposed name that starts at `start`: an acronym's expansion, or a name."""
    for a in col.acros:
        if a.long_start <= start < a.long_end or a.short_start == start or 0 < a.long_start - start <= 12:
            if not _plural_or_generic(a.short):
                col.add(a.short, "proposed", a.short_start, ctx, alias=a.long)
            return
    if looks_like_name(name) or (context_name and looks_like_name_in_context(name)):
        col.add(name, "proposed", start, ctx, allow_known=allow_known)


def _propose_clause(col: "_Collector", text: str, s0: int, w0: int, st: str) -> None:
    """Read the object of "we propose ..." starting at sentence offset `w0`."""
    acros = col.acros
    window = st[w0:w0 + 160]
    stop = _CLAUSE_END.search(window)
    clause = window[:stop.start()] if stop else window
    acro = next((a for a in acros if s0 + w0 <= a.short_start <= s0 + w0 + len(clause) + 2), None)
    group = "dataset" if re.search(r"(?i)^\W*(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,3}(?:benchmark|dataset|corpus)",
                                   window) or re.search(r"^[^,]{1,40},\s+(?:a|an)\s+(?:[\w\-]+\s+){0,3}(?:benchmark|dataset|corpus)", window) else "method"
    if group == "method" and _NEW_METRIC.search(window[:120]):
        group = "metric"  # "we introduce the X Rate (XR), a novel metric that ..."
    first = _first_name(clause)
    if first is not None:
        a, b = first
        name = clause[a:b]
        at = s0 + w0 + a
        after = text[s0 + w0 + b:s0 + w0 + b + 30]
        pa = re.match(r"\s*\(([^()\s]{2,16})\)", after)
        if acro and (acro.long_start <= at < acro.long_end or acro.short_start == at):
            if not _plural_or_generic(acro.short):
                col.add(acro.short, "proposed", acro.short_start, st, group, alias=acro.long)
            return
        if pa and looks_like_name(pa.group(1)) and len(name.split()) <= 6:
            col.add(pa.group(1), "proposed", s0 + w0 + b + pa.start(1), st, group, alias=name)
            return
        article = re.search(r"(?i)\b(?:a|an)\b", clause[:a]) is not None
        head = re.match(r"\s+([a-z][\w\-]*)", after)
        if head and head.group(1) in _METHOD_HEAD and len(name.split()) == 1 and not article:
            name = f"{name} {head.group(1)}"  # "per-IC quantization"
        elif article and head and head.group(1) not in _FUNCTION_WORDS:
            return  # "a novel SpGEMM kernel implementation": a modifier, not a name
        if len(name.split()) == 1 or looks_like_name(name.split()[0]) or acro is None:
            col.add(name, "proposed", at, st, group, allow_known=True)
    elif (named := _HEAD_THEN_NAME.match(clause)) is not None and looks_like_name_in_context(named.group(1)) \
            and named.group(1).lower() not in _FUNCTION_WORDS and not _EXISTING.search(clause[:named.start(1)]):
        # "we co-design an inference engine Nunchaku that ...": the name after its kind.
        col.add(named.group(1), "proposed", s0 + w0 + named.start(1), st, group, allow_known=True)
    elif acro is not None and not _plural_or_generic(acro.short):
        col.add(acro.short, "proposed", acro.short_start, st, group, alias=acro.long)
    else:
        # "we introduce a fine-grained strategy on Quantization-aware Integrated Gradients (QIG)":
        # no name in the clause, so the first acronym defined soon after names the proposal.
        later = next((a for a in acros if s0 + w0 <= a.long_start <= s0 + w0 + 100 and a.short_start < s0 + len(st)), None)
        if later is not None and not _plural_or_generic(later.short) and not _used_as_modifier(text, later) and \
                not _EXISTING.search(text[max(s0, later.long_start - 40):later.long_start]):
            col.add(later.short, "proposed", later.short_start, st, group, alias=later.long)


_HEAD_THEN_NAME = re.compile(
    r"\s*(?:a|an|the|our)?\s*(?:[\w\-]+\s+){0,3}?(?:framework|system|engine|method|approach|algorithm|library|toolkit|"
    r"technique|scheme|strategy|pipeline|architecture|accelerator|compiler|runtime|optimizer|module)\s+(" + NAME + r")(?=[\s,.;:(]|$)")
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z\-]+)\b")
# "our SpGEMM kernel", "our LoRA baseline": what is ours is the kernel or the baseline, the
# name is the operation or method it runs ("our OCRSmith library" does name ours).
_QUALIFIED = frozenset("kernel kernels operator operators baseline baselines port".split())
_NEW_METRIC = re.compile(r"(?i)\b(?:a|an)\s+(?:novel\s+|new\s+)?(?:[\w\-]+\s+){0,2}(?:metric|measure)\b")
_FUNCTION_WORDS = frozenset("to that which for with by via and or in on as is are was were that, using based".split())


def _occurrences(text: str, form: str):
    """Start offsets of `form` as a whole word (not inside "X-Y" or a longer word)."""
    if not form:
        return
    i = text.find(form)
    n = len(form)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        # "/" and "." around it: part of a URL or path ("github.com/x/Name"), not a mention.
        if not (before.isalnum() or before in "-_/.@") and not (after.isalnum() or after in "-_/"):
            yield i
        i = text.find(form, i + 1)


_VARIANT_TAIL = re.compile(r"(?:\+{1,2}|-v?\d+|-(?:L|S|M|XL|Lite|Large|Small|Base|Tiny|Pro|Plus))$")


def _finish(doc: Doc, text: str, col: _Collector) -> Found:
    found = Found()
    own = [c["name"] for c in col.cands.values() if c["role"] == "proposed" and c["group"] == "method"]
    for c in col.cands.values():
        # "COMET+" beside the proposed COMET: a variant of this paper's method is its own too.
        if c["role"] == "other" and c["group"] == "method" and any(
                c["name"].startswith(n) and _VARIANT_TAIL.fullmatch(c["name"][len(n):]) for n in own):
            c["role"] = "proposed"
    for key, c in col.cands.items():
        name, group = c["name"], c["group"]
        if c["role"] == "proposed" and group == "method":
            found.proposed.add(name)
        if c["known"]:
            continue
        if c["aliases"]:
            found.aliases.setdefault(group, {})[name] = c["aliases"]
        if group == "method" and c["role"] == "proposed":
            # The name, its expansion and the words right after it say what kind of method
            # it is ("X, a post-training quantization method").
            ctx = c["context"]
            at = ctx.find(name)
            cat = cats.guess_category(" ".join([name, *c["aliases"]]) + " " + ctx[max(at, 0):max(at, 0) + 160])
            if cat:
                found.categories[name] = cat
        for form in [name, *c["aliases"]]:
            for start in _occurrences(text, form):
                span = doc.char_span(start, start + len(form), alignment_mode="expand")
                if span is not None:
                    found.spans.append(Span(doc, span.start, span.end, label=f"{group}\t{name}"))
    return found
