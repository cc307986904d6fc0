"""Evidence highlighting marks the number and the names, and never lets text become HTML."""

from claimgraph.app.explorer.highlight import Span, find_spans, highlight_evidence, render, render_layers


def test_number_and_names_are_marked():
    out = highlight_evidence("APB achieves a 2.0x speedup over GPTQ at 2 bits.", ["APB", "GPTQ"], [2.0])
    assert '<mark class="cg-num">2.0x</mark>' in out
    assert '<mark class="cg-name">APB</mark>' in out and '<mark class="cg-name">GPTQ</mark>' in out
    # the "2" of "2 bits" is a different number than the claim's 2.0x? it is the same value, so
    # it is marked too; but digits inside other numbers never are:
    assert "<mark" not in highlight_evidence("a 12.5% gain and 20x", [], [2])


def test_values_written_differently():
    assert '<mark class="cg-num">40%</mark>' in highlight_evidence("cuts memory by 40%", [], [40.0])
    assert '<mark class="cg-num">1,200 tokens/s</mark>' in highlight_evidence("reaches 1,200 tokens/s", [], [1200])
    assert '<mark class="cg-num">3.50×</mark>' in highlight_evidence("up to 3.50× faster", [], [3.5])
    assert "<mark" not in highlight_evidence("up to 3.51x faster", [], [3.5])


def test_text_is_escaped():
    out = highlight_evidence('<script>alert(1)</script> beats "GPTQ" by 2x & more', ["GPTQ"], [2])
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; more" in out
    assert '<mark class="cg-name">GPTQ</mark>' in out


def test_names_match_whole_words_case_insensitively():
    spans = find_spans("gptq and GPTQv2 and AutoGPTQ", ["GPTQ"])
    assert [(s.start, s.end) for s in spans] == [(0, 4)]


def test_overlaps_keep_the_longest_and_links_are_escaped():
    out = render("LLaMA-2-7B", [Span(0, 5, "name"), Span(0, 10, "Model", href='model?name=a"b')])
    assert out.count("<mark") == 1 and 'href="model?name=a&quot;b"' in out


def test_layers_nest_names_inside_claims():
    text = "Title\nOurs beats GPTQ by 3x. Then more."
    claim = Span(6, text.index(" Then"), "claim", title="speedup 3 x")
    out = render_layers(text, [claim], find_spans(text, ["GPTQ"], [3]))
    assert out.startswith('Title\n<mark class="cg-claim" title="speedup 3 x">Ours beats <mark class="cg-name">GPTQ')
    assert out.endswith("</mark>.</mark> Then more.") and "cg-num\">3x<" in out
