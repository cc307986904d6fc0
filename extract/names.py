"""What a name looks like, and which name-shaped words are not names of things we keep."""

from __future__ import annotations

import re

# A name-shaped token: "BitStack", "GPTQ", "MMG-Vid", "QuIP#", "LR^2VQ", "Ω-QVLA", "decoupleQ".
NAME = r"[^\W_][\w\-+#^.'/]*[\w+#]|[A-Z]"

# Acronyms and words that look like names but name no method, dataset or model:
# task and field abbreviations, hardware, number formats, and the generic technique
# families the guidelines file under categories (PTQ, QAT, NAS, KD...).
GENERIC = frozenset(w.lower() for w in """
AI AGI ML DL NLP NLU NLG CV RL IR QA VQA ASR TTS OCR NER MT NMT LM LMs LLM LLMs VLM VLMs MLLM MLLMs
LVLM LVLMs LRM LRMs SLM SLMs PLM PLMs VLA VLAs LMM LMMs FM FMs VFM VFMs DLM DLMs dLLM dLLMs MoE MoEs
SMoE SMoEs DNN DNNs CNN CNNs RNN RNNs GNN GNNs MLP MLPs SNN SNNs ANN ANNs FFN FFNs ViTs GAN GANs VAE VAEs
SSM SSMs KV KVs GPU GPUs CPU CPUs TPU TPUs NPU NPUs FPGA FPGAs ASIC ASICs HBM SRAM DRAM IoT API APIs
SOTA SoTA SotA PTQ QAT NAS KD PEFT SFT RLHF ICL CoTs SGD-based FL HPO AutoML MoD SD MAS
FP32 FP16 BF16 FP8 FP4 INT8 INT4 INT2 INT3 TF32 FLOPs FLOP GFLOPs TFLOPs MACs FPS PPL GB MB KB TB
W4A16 W4A4 W8A8 W4A8 W3A16 W2A16 W6A6 W4A6 W2A4 A100 H100 RTX
I II III IV V VI USA US UK EU COVID-19 LiDAR RGB RGB-D MRI CT PET EEG ECG
LLM-based CNN-based GPU-based AI-driven AI-generated
Transformer-based ViT-based BERT-based
GitHub HuggingFace Position Survey Review Tutorial Perspective Opinion Benchmarking T2I T2V I2V I2I TTS MDP MDPs POMDP POMDPs ODE ODEs PDE PDEs SDE SDEs KG KGs GUI UI UX MLOps
1D 2D 3D 4D FP SSL CIL GCIL SNN SNNs BNN BNNs OOD DP SGD-based FDM FDMs PINN PINNs NeRFs
In Our We This The Our Specifically However Moreover Furthermore Extensive Experiments Code
""".split())

# Bit-width and number-format spellings: a setting, never a method.
FORMAT_RX = re.compile(r"(?i)^(?:u?int|fp|bf|tf|nf|mxfp|nvfp|e\dm)\d+$|^[wa]\d+(?:a\d+)?(?:kv\d+)?$|^\d+[- ]?bits?$"
                       r"|^\d+(?:\.\d+)?[kmbt]$")  # "460K", "7B": counts, not names


# "LUT-based", "VI-trained", "SNN-like": an adjective built on a name, not a name.
_ADJECTIVAL = re.compile(r"-(?:based|trained|like|style|driven|guided|aware|free|specific|level|wise|friendly|"
                         r"oriented|centric|enabled|powered|tuned|compatible|scale|sized|only|derived|generated|assisted|source|"
                         r"specific|agnostic|dependent|independent|efficient|intensive|bound|level|grained)$", re.I)


def looks_like_name(s: str) -> bool:
    """True for "BitStack", "GPTQ", "QuIP#", "D2L", "decoupleQ"; false for "The", "data", "2.4x"."""
    if not s or len(s) > 40 or s.lower() in GENERIC or FORMAT_RX.match(s) or _ADJECTIVAL.search(s):
        return False
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    upper_inside = any(c.isupper() for c in s[1:])
    has_digit = any(c.isdigit() for c in s)
    if upper_inside:
        return True
    if has_digit and s[0].isupper():
        return True
    # "Mamba", "Wanda": a single capitalised word is a name only where context says so;
    # callers that have such context pass it through `looks_like_name_in_context`.
    return False


def looks_like_name_in_context(s: str) -> bool:
    """Looser test for slots that only hold names ("called X", "X, a novel ..."): also "Wanda"."""
    if looks_like_name(s):
        return True
    return bool(s) and s[0].isupper() and s[1:].islower() and len(s) >= 3 and s.lower() not in GENERIC \
        and s.lower() not in _COMMON_CAPS


_COMMON_CAPS = frozenset("""
the this that these those our we it its in on for with by from to of and or as at an a however
moreover furthermore specifically experiments extensive results code finally first second third
unlike while although despite existing recent current prior previous here there such
""".split())
