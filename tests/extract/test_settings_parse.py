"""settings_parse.py: bit-widths and hardware in hand-written phrases."""

import pytest

from claimgraph.extract.settings_parse import bits_spans, hardware_in, is_generic_hw, nearest_bits


@pytest.mark.parametrize("text,bits", [
    ("a 2-bit model", 2),
    ("with 4 bits per weight", 4),
    ("4-bit weights", 4),
    ("1.58-bit ternary weights", 1.58),
    ("W4A16 kernels", 4),
    ("W8A8 inference", 8),
    ("INT4 GEMM", 4),
    ("an FP8 cache", 8),
    ("NF4 storage", 4),
    ("3/4-bit quantization", 3),
])
def test_bits(text, bits):
    assert [b for _, _, b in bits_spans(text)] == [bits]


def test_no_bits_in_names():
    assert bits_spans("LLaMA-2-7B on an A100 with batch size 16") == []


def test_nearest_bits_picks_closest():
    text = "at 2-bit it is 3x smaller and at 4-bit 2x faster"
    assert nearest_bits(text, text.index("3x")) == 2
    assert nearest_bits(text, text.index("2x")) == 4


@pytest.mark.parametrize("text,hw", [
    ("on a single NVIDIA A100 GPU", "NVIDIA A100 GPU"),
    ("on H100", "H100"),
    ("on an RTX 4090", "RTX 4090"),
    ("on a Jetson Orin Nano", "Jetson Orin Nano"),
    ("on commodity CPUs", "CPUs"),
    ("on mobile devices", "mobile devices"),
    ("on edge devices", "edge devices"),
    ("on Apple M2 Ultra", "Apple M2 Ultra"),
])
def test_hardware(text, hw):
    assert hardware_in(text) == hw


def test_specific_hardware_wins_over_generic():
    assert hardware_in("on GPUs such as the V100") == "V100"
    assert hardware_in("no device named here") is None


def test_generic_hardware_classes():
    assert is_generic_hw("GPUs") and is_generic_hw("mobile devices") and is_generic_hw("CPU")
    assert not is_generic_hw("A100") and not is_generic_hw("Jetson Orin Nano")
