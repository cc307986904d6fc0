"""Property test: any Unicode text extracts without crashing, and every span is grounded."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.extract.pipeline import Extractor
from claimgraph.schema import Paper

_extractor = Extractor()

# Text mixing arbitrary Unicode with the tokens the extractors react to, so the
# property exercises their code paths, not only the "nothing found" path.
_hot = st.sampled_from([
    "2.4x", "2.4×", "40%", "up to 5x", "2-3x", "GPTQ", "AWQ", "than", "over", "W4A16",
    "INT4", "3/4-bit", "LLaMA-2-7B", "(", ")", "We propose", ":", ".", "\n", "$", "\\times",
    "an order of magnitude", "half", "vs.", "A100", "%", "—", "\u200b", "\ud7ff",
])
_text = st.lists(st.one_of(st.text(max_size=12), _hot), max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_text, abstract=_text)
def test_random_text_never_crashes_and_offsets_are_grounded(title, abstract):
    paper = Paper(id="x1", title=title, abstract=abstract)
    ext = _extractor.extract(paper)
    text = paper.text
    for claim in ext.claims:
        assert text[claim.start:claim.end] == claim.evidence
    for m in ext.methods + ext.datasets + ext.models + ext.metrics:
        assert m.name.strip()
