"""The setting a result was measured in: bit-width and hardware, read from text.

Bit-widths come as "2-bit", "4 bits", "1.58-bit", "W4A16" (weights 4), "INT4", "FP8",
"NF4" or "3/4-bit" (the first of the pair). Hardware comes from a small pattern list of
accelerators and device classes; specific names (A100, RTX 4090) win over generic ones
(GPU, CPU) when both appear.
"""

from __future__ import annotations

import re

_BITS = re.compile(
    r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)(?:\s?/\s?\d+(?:\.\d+)?)?\s?-?\s?bits?\b"
    r"|\bW(?P<w>\d{1,2})A\d{1,2}\b"
    r"|\b(?:INT|UINT|int|FP|fp|BF|bf|NF|nf|MXFP|mxfp|NVFP|nvfp)(?P<t>\d{1,2})\b"
    r"|\bfloat(?P<f>8|16|32)\b"
)


def bits_spans(text: str) -> list[tuple[int, int, float]]:
    """(start, end, bits) for every bit-width mention in `text`."""
    out = []
    for m in _BITS.finditer(text):
        raw = m.group("n") or m.group("w") or m.group("t") or m.group("f")
        value = float(raw)
        if 0 < value <= 64:
            out.append((m.start(), m.end(), value))
    return out


def nearest_bits(text: str, pos: int) -> float | None:
    """The bit-width mentioned closest to character `pos` of `text` (a sentence), if any."""
    spans = bits_spans(text)
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s[0] - pos), abs(s[1] - pos)))[2]


_SPECIFIC_HW = (
    r"(?:NVIDIA\s+)?(?:GeForce\s+)?(?:RTX|GTX)\s?-?\d{4}(?:\s?Ti)?(?:\s+GPUs?)?"
    r"|(?:(?:NVIDIA|AMD|Tesla)\s+)?(?:\d+\s?GB\s+)?(?:A100|H100|H200|H800|H20|A800|A6000|A40|A10G?|L40S?|L4|V100|P100|T4|B200|GB200|MI250X?|MI300X?)(?:\s?-?\d+\s?GB)?(?:\s+GPUs?)?"
    r"|(?:NVIDIA\s+)?Jetson(?:\s+(?:AGX\s+)?(?:Orin|Xavier|Nano|TX2)(?:\s+Nano|\s+NX)?)?"
    r"|Raspberry\s+Pi(?:\s?\d)?|Snapdragon\s?\d+(?:\s?Gen\s?\d)?|Qualcomm\s+(?:Snapdragon\s+)?\d{3,4}"
    r"|(?:Apple\s+)?M[1-4](?:[- ](?:Pro|Max|Ultra))?(?!\w)|(?:Google\s+)?TPU\s?v?\d*[a-z]?|Ascend\s?\d*[A-Z]?"
    r"|(?:NVIDIA\s+)?(?:Hopper|Blackwell|Ampere)(?:\s+GPUs?)?|(?:Xilinx|AMD-Xilinx)\s+[A-Z0-9]+(?:\s+FPGA)?"
    r"|Intel\s+(?:Xeon|Core|Skylake)[\w\- ]{0,12}?(?=[\s,.;)])|Rockchip\s+\w+(?:\s+NPU)?"
)
_GENERIC_HW = (
    r"FPGAs?|NPUs?|CPUs?|GPUs?|mobile\s+(?:phones?|devices?|GPUs?|CPUs?)|smartphones?|edge\s+devices?"
    r"|laptops?|microcontrollers?|MCUs?|consumer[- ]grade\s+GPUs?"
)
_HW = re.compile(r"\b(?:(?P<spec>" + _SPECIFIC_HW + r")|(?P<gen>" + _GENERIC_HW + r"))(?!\w)")


_GENERIC_ONLY = re.compile(r"(?:" + _GENERIC_HW + r"|mobile|edge|GPU|CPU)", re.IGNORECASE)


def is_generic_hw(name: str) -> bool:
    """A device class ("GPU", "mobile devices") rather than a named device ("A100")."""
    return _GENERIC_ONLY.fullmatch(name.strip()) is not None


def hardware_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, name, is_specific) for each hardware mention."""
    out = []
    for m in _HW.finditer(text):
        spec = m.group("spec")
        name = (spec or m.group("gen")).strip()
        out.append((m.start(), m.end(), name, bool(spec)))
    return out


def hardware_in(text: str, pos: int | None = None) -> str | None:
    """The most specific hardware named in `text`, nearest `pos` among equals."""
    spans = hardware_spans(text)
    if not spans:
        return None
    specific = [s for s in spans if s[3]] or spans
    if pos is None:
        return specific[0][2]
    return min(specific, key=lambda s: min(abs(s[0] - pos), abs(s[1] - pos)))[2]
