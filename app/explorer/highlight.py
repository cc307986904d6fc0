"""Evidence highlighting: mark the claimed number and the names in a sentence, as safe HTML.

Pure functions over strings (no Streamlit), so they are tested directly. Everything the
user or the corpus wrote is HTML-escaped; only our own <mark>/<a> tags are emitted.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# What may follow a number in a claim: "2x", "2.4×", "40%", "3-bit", "12 GB", "1.5 points".
_UNIT_TAIL = r"(?:\s?(?:×|x\b|%|-?bits?\b|GB\b|MB\b|ms\b|s\b|tokens/s|points?\b|pp\b|times\b))?"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    css: str  # "num" | "name" | "claim" | entity label
    href: str | None = None
    title: str | None = None


def number_patterns(value: float | int | str | None) -> list[str]:
    """Regexes matching how a value may be written: 2.0 -> '2', '2.0', '2.00'."""
    if value is None or value == "":
        return []
    try:
        v = float(value)
    except (TypeError, ValueError):
        return [re.escape(str(value))]
    text = f"{v:g}" if abs(v) < 1e6 else f"{v:.0f}"
    int_part, _, frac = text.partition(".")
    # Thousands may be written with commas ("1,000 tokens/s").
    grouped = f"{int(int_part):,}" if int_part.lstrip("-").isdigit() and len(int_part) > 3 else None
    body = "(?:" + re.escape(int_part) + (f"|{re.escape(grouped)}" if grouped else "") + ")"
    body += re.escape("." + frac) + "0*" if frac else r"(?:\.0+)?"
    return [rf"(?<![\d.]){body}(?![\d]){_UNIT_TAIL}"]


def find_spans(text: str, names: Iterable[str] = (), numbers: Iterable[float | str | None] = (),
               css_name: str = "name") -> list[Span]:
    spans: list[Span] = []
    for value in numbers:
        for pattern in number_patterns(value):
            spans += [Span(m.start(), m.end(), "num") for m in re.finditer(pattern, text)]
    for name in {n for n in names if n and len(n.strip()) > 1}:
        pattern = rf"(?<![\w]){re.escape(name.strip())}(?![\w])"
        spans += [Span(m.start(), m.end(), css_name) for m in re.finditer(pattern, text, re.IGNORECASE)]
    return spans


def render(text: str, spans: Sequence[Span]) -> str:
    """Escape `text` and wrap non-overlapping spans (longest first wins) in <mark>/<a>."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if span.start < 0 or span.end > len(text) or span.start >= span.end:
            continue
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    out: list[str] = []
    pos = 0
    for span in sorted(chosen, key=lambda s: s.start):
        out.append(html.escape(text[pos:span.start]))
        inner = html.escape(text[span.start:span.end])
        title = f' title="{html.escape(span.title, quote=True)}"' if span.title else ""
        mark = f'<mark class="cg-{span.css}"{title}>{inner}</mark>'
        if span.href:
            mark = f'<a href="{html.escape(span.href, quote=True)}" target="_self">{mark}</a>'
        out.append(mark)
        pos = span.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def render_layers(text: str, outer: Sequence[Span], inner: Sequence[Span]) -> str:
    """Like `render`, but `outer` spans (claims) wrap the `inner` ones (names, numbers)
    instead of competing with them, so a claim sentence keeps its marked names."""
    chosen: list[Span] = []
    for span in sorted(outer, key=lambda s: s.start):
        if 0 <= span.start < span.end <= len(text) and all(span.start >= c.end for c in chosen):
            chosen.append(span)
    out: list[str] = []
    pos = 0
    for span in chosen:
        out.append(render(text[pos:span.start], _shift(inner, pos, span.start)))
        body = render(text[span.start:span.end], _shift(inner, span.start, span.end))
        title = f' title="{html.escape(span.title, quote=True)}"' if span.title else ""
        out.append(f'<mark class="cg-{span.css}"{title}>{body}</mark>')
        pos = span.end
    out.append(render(text[pos:], _shift(inner, pos, len(text))))
    return "".join(out)


def _shift(spans: Sequence[Span], lo: int, hi: int) -> list[Span]:
    return [Span(s.start - lo, s.end - lo, s.css, s.href, s.title)
            for s in spans if s.start >= lo and s.end <= hi]


def highlight_evidence(evidence: str, names: Iterable[str | None] = (),
                       numbers: Iterable[float | str | None] = ()) -> str:
    """The evidence sentence with its number(s) and the row's names marked."""
    return render(evidence or "", find_spans(evidence or "", [n for n in names if n], numbers))


STYLE = """
<style>
mark.cg-num {background:#ffe08a; padding:0 2px; border-radius:3px; font-weight:600}
mark.cg-name, mark.cg-Method {background:#c9e4ff; padding:0 2px; border-radius:3px}
mark.cg-Dataset {background:#d4f5d0; padding:0 2px; border-radius:3px}
mark.cg-Model {background:#f2d7ff; padding:0 2px; border-radius:3px}
mark.cg-Metric {background:#ffe0cc; padding:0 2px; border-radius:3px}
mark.cg-claim {background:none; border-bottom:2px solid #e0a800; padding:0}
table.cg-answer {border-collapse:collapse; width:100%; font-size:0.9rem}
table.cg-answer th, table.cg-answer td {border-bottom:1px solid #ddd; padding:4px 6px; vertical-align:top; text-align:left}
</style>
"""
