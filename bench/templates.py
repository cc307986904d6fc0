"""Sentence templates and word lists for the synthetic corpus (bench/generate.py).

Written for the benchmark, not taken from any corpus. Slots in braces are filled by
generate._Filler: names from the paper's cast (M, MX, B, BASES, MODEL, MODELS, DATA,
DATAS, METRIC, METRICS, HW, TERM, TERMS, COMP), numbers (X, P, PT, GBV, MS: each is
exactly one quantitative claim), and plain words (CATN, TASK, GOAL, ADJ, BITS).
A template holding a claim slot holds exactly one, so claims per abstract are exact.
"""

BACKGROUND = [
    "{TERM} has become a central ingredient of modern {TASK} systems, yet its cost grows quickly with model size.",
    "Deploying large neural networks for {TASK} remains expensive because memory traffic, not arithmetic, dominates inference time.",
    "The rapid growth of foundation models has made {CATN} an essential tool for practitioners with limited hardware budgets.",
    "Serving large language models at scale requires careful trade-offs between speed, cost and output quality.",
    "Although {TERM} delivers strong results on {TASK}, its computational demands limit adoption on edge hardware.",
    "Recent work on {CATN} has narrowed the gap between compressed and full-precision models, but important failure modes remain.",
    "Training and fine-tuning billion-parameter models is out of reach for many research groups, motivating cheaper alternatives.",
    "Efficient inference is a prerequisite for bringing capable models to phones, embedded boards and other constrained devices.",
    "Existing approaches to {CATN} often rely on hand-tuned heuristics that transfer poorly across architectures and tasks.",
    "As context windows grow to hundreds of thousands of tokens, {TERM} becomes the main bottleneck of autoregressive decoding.",
    "Many practical pipelines for {TASK} combine {TERM} with aggressive compression, but the interaction between the two is poorly understood.",
    "The quadratic cost of self-attention makes long inputs slow and memory hungry during both training and inference.",
    "Low-precision arithmetic promises large savings, yet outliers in weights and activations make it fragile in practice.",
    "Sparse computation is attractive on paper but rarely translates into wall-clock gains on commodity accelerators.",
    "Most prior studies of {CATN} evaluate a single model family, leaving open whether their conclusions generalise.",
    "Benchmarks for {TASK} increasingly reward scale, which makes efficiency an afterthought in many published systems.",
]

PROBLEM = [
    "However, current methods either sacrifice too much quality or require costly retraining on large datasets.",
    "A key obstacle is that errors introduced early in the network accumulate and are amplified in later layers.",
    "We observe that a small fraction of channels carries most of the signal, and that uniform treatment wastes capacity.",
    "Unfortunately, these techniques assume static workloads and degrade sharply when request patterns shift.",
    "In addition, their search procedures scale poorly and must be repeated for every new deployment target.",
    "This mismatch between theoretical savings and measured speed is rarely quantified in the literature.",
    "Moreover, naive combinations of compression techniques interfere with each other and erase much of the expected benefit.",
]

PROPOSAL_NAMED = [
    "In this paper, we propose {MX}, a {ADJ} framework for {CATN} that requires no retraining.",
    "To address these issues, we introduce {MX}, which brings {CATN} to {TASK} with minimal engineering effort.",
    "We present {MX}, a {ADJ} approach that jointly optimises {CATN} and the execution schedule.",
    "This work proposes {MX}, a simple yet effective method for {CATN} in {TASK}.",
    "We propose {MX}, a {ADJ} technique that adapts the degree of {CATN} to the difficulty of each input.",
    "Here we describe {MX}, a training-free method for {CATN} that plugs into existing inference stacks.",
    "To close this gap, we develop {MX}, a {ADJ} algorithm that treats {CATN} as a constrained optimisation problem.",
    "Motivated by this observation, we design {MX}, a {ADJ} scheme built around {CATN}.",
]

PROPOSAL_UNNAMED = [
    "In this paper, we propose a {ADJ} framework for {CATN} that requires no retraining.",
    "We present a {ADJ} approach to {CATN} that is tailored to {TASK}.",
    "This work studies {CATN} systematically and proposes a {ADJ} recipe that practitioners can apply directly.",
    "We introduce a training-free method for {CATN} that plugs into existing inference stacks.",
]

COMPONENT = [
    "At its core, {M} uses a {COMP} that estimates which parts of the computation can be skipped.",
    "{M} further includes a {COMP} that redistributes precision across layers according to their sensitivity.",
    "A lightweight {COMP} decides, per token, how much computation to spend.",
    "We pair this with a {COMP} that keeps the most informative entries while discarding the rest.",
    "To stabilise optimisation, we add a {COMP} that aligns the compressed model with its dense counterpart.",
]

DESCRIPTION = [
    "Our key insight is that the importance of each component can be estimated cheaply from calibration statistics.",
    "The method operates in a single pass over a small calibration set and finishes within minutes on one accelerator.",
    "It decomposes the problem into independent subproblems that can be solved in parallel across layers.",
    "We formulate the allocation as a knapsack problem and solve it greedily with provable guarantees.",
    "A custom kernel fuses dequantisation with matrix multiplication, so memory savings turn into real speed.",
    "The design is orthogonal to existing compression techniques and can be stacked on top of them.",
    "We also provide a theoretical analysis that bounds the error introduced at each step.",
    "Unlike prior work, our approach adapts at inference time and needs no labelled data.",
    "The resulting model keeps the original architecture, so it runs on standard inference engines without modification.",
    "We analyse the sources of error and show that most of the degradation comes from a handful of layers.",
    "Our implementation overlaps communication with computation and hides most of the transfer cost.",
    "The procedure is fully differentiable, which allows it to be trained end to end with the task loss.",
    "We further show that the same principle extends naturally to vision and speech models.",
    "Importantly, the approach introduces only a negligible number of additional parameters.",
    "We study the trade-off between compression ratio and quality across a wide range of settings.",
    "Ablation studies confirm that each component contributes to the final quality and efficiency.",
    "The approach is simple to implement and adds only a few lines to a standard training loop.",
    "Extensive analysis reveals that the learned policies are consistent across random seeds and tasks.",
    "Our scheduler reorders requests to keep the accelerator busy while respecting per-request deadlines.",
    "Rather than pruning individual weights, we remove whole structures so that the savings are hardware friendly.",
]

SETUP = [
    "We evaluate on {MODELS} across {DATAS}, reporting {METRICS}.",
    "Experiments cover {MODELS} and a diverse set of benchmarks including {DATAS}.",
    "We conduct extensive experiments with {MODELS} on {DATAS}.",
    "Our evaluation spans {DATAS} and uses {MODELS} as backbones.",
]

COMPARE = [
    "We compare against strong baselines such as {BASES}.",
    "Compared with {BASES}, our approach is simpler and needs less tuning.",
    "Unlike {BASES}, the method does not depend on a second-order approximation.",
    "We build on {BASES} and keep their favourable properties.",
]

CLAIM = [
    "{M} achieves up to {X} speedup over {B} on {HW} while preserving output quality.",
    "On {MODEL}, {M} reduces memory consumption by {P} with negligible loss in {METRIC}.",
    "{M} outperforms {B} by {PT} in {METRIC} at {BITS}-bit precision.",
    "At {BITS} bits, {M} attains a perplexity within {PT} of the full-precision model on {DATA}.",
    "End-to-end latency drops by {P} on {HW} compared with {B}.",
    "{M} delivers {X} higher throughput than {B} when serving {MODEL}.",
    "Our method compresses {MODEL} by {X} while retaining most of its quality on {DATA}.",
    "On {DATA}, {M} improves {METRIC} by {PT} over {B}.",
    "The peak memory footprint shrinks to {GBV} on {HW}, enabling single-device inference of {MODEL}.",
    "{M} cuts time-to-first-token to {MS} on {HW}.",
    "Relative to {B}, {M} lowers energy use by {P} on {HW}.",
    "With {M}, {MODEL} runs {X} faster on {HW} with no measurable drop on {DATA}.",
    "{M} reduces floating-point operations by {P} and matches the dense model on held-out tasks.",
    "Fine-tuning with {M} trains only {P} of the parameters yet matches full fine-tuning on {DATA}.",
    "{M} surpasses {B} by {PT} on {DATA} under the same compute budget.",
    "Decoding with {M} is {X} faster than standard autoregressive generation on {MODEL}.",
    "Our approach reaches {P} accuracy on {DATA}, a new state of the art for models of this size.",
    "The key-value cache of {MODEL} shrinks by {X} with a drop of less than {PT} on {DATA}.",
    "Training time falls by {P} compared with {B} on {HW}.",
    "{M} sustains {X} more requests per second than {B} at the same service level.",
]

CLOSING = [
    "Code is available at https://github.com/example-lab/{REPO}.",
    "Our code and models will be released publicly.",
    "These results suggest that {CATN} can be made practical for everyday deployment.",
    "We hope this work encourages a more careful accounting of efficiency in future research.",
    "Overall, the findings highlight the value of co-designing algorithms and systems.",
]

LEFTOVER = {
    "method": "We also relate our findings to {NAMES}.",
    "term": "The discussion covers {NAMES} as well.",
    "model": "Additional results on {NAMES} are reported in the appendix.",
    "dataset": "We additionally report results on {NAMES}.",
    "metric": "In addition, we track {NAMES}.",
    "hw": "All measurements were taken on {NAMES}.",
    "component": "The appendix details the {NAMES} modules.",
}

# Unnamed stand-ins when the paper's cast has nothing of a kind (lowercase: not names).
GENERIC = {
    "M": ["our method", "the proposed approach", "our framework"],
    "B": ["the strongest baseline", "prior methods", "the dense baseline"],
    "MODEL": ["several open-weight models", "a mid-sized language model", "a vision transformer"],
    "DATA": ["standard benchmarks", "held-out tasks", "the evaluation suite"],
    "METRIC": ["accuracy", "perplexity", "task quality"],
    "HW": ["commodity accelerators", "a single consumer card", "edge devices"],
    "TERM": ["self-attention", "mixed-precision inference", "long-context inference"],
}

ADJ = ["lightweight", "hardware-aware", "adaptive", "unified", "scalable", "principled",
       "plug-and-play", "data-free", "fine-grained", "layer-wise", "token-level", "modular"]

TASK = ["language modelling", "long-context reasoning", "image classification",
        "text-to-image generation", "speech recognition", "code generation",
        "question answering", "video understanding", "on-device assistants",
        "retrieval-augmented generation", "object detection", "machine translation"]

CATN = {
    "quantization": ["post-training quantization", "low-bit weight quantization", "activation quantization"],
    "pruning": ["structured pruning", "unstructured pruning", "layer pruning"],
    "sparsity": ["dynamic sparsity", "activation sparsity"],
    "distillation": ["knowledge distillation", "self-distillation"],
    "low-rank": ["low-rank factorisation", "low-rank compression"],
    "peft": ["parameter-efficient fine-tuning", "adapter-based fine-tuning"],
    "efficient-attention": ["efficient attention", "linear attention"],
    "kv-cache": ["key-value cache compression", "cache eviction"],
    "speculative-decoding": ["speculative decoding", "draft-and-verify decoding"],
    "early-exit": ["early exiting", "adaptive depth"],
    "mixture-of-experts": ["expert routing", "sparse mixture-of-experts"],
    "nas": ["architecture search", "hyperparameter search"],
    "optimizer": ["memory-efficient optimisation", "adaptive optimisation"],
    "training-efficiency": ["efficient training", "communication-efficient training"],
    "inference-serving": ["batched serving", "request scheduling"],
    "hardware-kernels": ["kernel fusion", "accelerator co-design"],
    "compression-other": ["token merging", "model compression"],
    "federated": ["federated learning", "on-device training"],
    "other-efficiency": ["efficient inference", "compute-aware design"],
}

# Words for generated names: affixes by category and expansion vocabularies.
AFFIX = {
    "quantization": (["Quant", "Bit", "Q", "Int", "Low", "Micro"], ["Q", "Quant", "Bit", "Scale", "Round"]),
    "pruning": (["Prune", "Slim", "Trim", "Lean", "Shear"], ["Prune", "Cut", "Drop", "Slim"]),
    "sparsity": (["Sparse", "Thin", "Skip"], ["Sparse", "Mask", "Gate"]),
    "distillation": (["Distill", "Teach", "Mini", "Tiny"], ["Distill", "Student", "Mentor"]),
    "low-rank": (["Rank", "Lo", "Fact"], ["SVD", "Rank", "Decomp"]),
    "peft": (["Ada", "Tune", "Delta", "Prompt"], ["LoRA", "Tune", "Adapter", "Fit"]),
    "efficient-attention": (["Flash", "Lin", "Fast", "Hyper"], ["Attn", "Former", "Mixer"]),
    "kv-cache": (["Cache", "Snap", "Keep", "Evict"], ["KV", "Cache", "Store"]),
    "speculative-decoding": (["Spec", "Draft", "Swift", "Leap"], ["Spec", "Draft", "Decode"]),
    "early-exit": (["Exit", "Skip", "Halt", "Early"], ["Exit", "Stop", "Skip"]),
    "mixture-of-experts": (["Expert", "Route", "Mo", "Switch"], ["MoE", "Router", "Experts"]),
    "nas": (["Search", "Auto", "Evo"], ["NAS", "Arch", "Search"]),
    "optimizer": (["Adam", "Lion", "Grad", "Momentum"], ["Opt", "Step", "SGD"]),
    "training-efficiency": (["Turbo", "Zero", "Pipe", "Shard"], ["Train", "Pipe", "Flow"]),
    "inference-serving": (["Serve", "Batch", "Stream", "Orca"], ["Serve", "Sched", "LLM"]),
    "hardware-kernels": (["Kernel", "Fuse", "Tile", "Tensor"], ["Kernel", "Core", "Engine"]),
    "compression-other": (["Merge", "Pack", "Zip", "Token"], ["Merge", "Pack", "Compress"]),
    "federated": (["Fed", "Edge", "Local"], ["Fed", "Sync", "Avg"]),
    "other-efficiency": (["Eco", "Green", "Nimble", "Rapid"], ["Net", "Flow", "Lite"]),
}
EXP_ADJ = ["Adaptive", "Dynamic", "Hierarchical", "Progressive", "Learnable", "Structured",
           "Gradient-guided", "Outlier-aware", "Context-aware", "Sensitivity-driven", "Residual",
           "Mixed", "Block-wise", "Token-adaptive", "Calibrated", "Rotated", "Entropy-guided"]
EXP_NOUN = {
    "quantization": ["Quantization", "Rounding", "Precision Allocation", "Bit Assignment"],
    "pruning": ["Pruning", "Channel Removal", "Weight Elimination"],
    "sparsity": ["Sparsity", "Masking", "Activation Gating"],
    "distillation": ["Distillation", "Teacher Alignment", "Knowledge Transfer"],
    "low-rank": ["Low-Rank Projection", "Factorization", "Rank Reduction"],
    "peft": ["Adaptation", "Adapter Tuning", "Prompt Tuning"],
    "efficient-attention": ["Attention", "Token Mixing", "Kernelized Attention"],
    "kv-cache": ["Cache Compression", "Cache Eviction", "Key Selection"],
    "speculative-decoding": ["Speculative Decoding", "Draft Verification", "Token Drafting"],
    "early-exit": ["Early Exit", "Depth Skipping", "Layer Halting"],
    "mixture-of-experts": ["Expert Routing", "Expert Merging", "Gating"],
    "nas": ["Architecture Search", "Supernet Search", "Evolutionary Search"],
    "optimizer": ["Optimization", "Momentum Scaling", "Gradient Projection"],
    "training-efficiency": ["Training", "Gradient Checkpointing", "Pipeline Scheduling"],
    "inference-serving": ["Serving", "Request Scheduling", "Batching"],
    "hardware-kernels": ["Kernel Fusion", "Dataflow Mapping", "Tiling"],
    "compression-other": ["Token Merging", "Compression", "Weight Sharing"],
    "federated": ["Federated Averaging", "Client Selection", "Update Compression"],
    "other-efficiency": ["Computation", "Inference", "Resource Allocation"],
}
EXP_TAIL = ["", "", "", " Framework", " Network", " Transformer", " Scheme", " Engine"]
COMP_NOUN = ["Importance Estimator", "Token Router", "Scale Predictor", "Error Compensator",
             "Budget Controller", "Saliency Scorer", "Rank Selector", "Cache Manager",
             "Draft Head", "Exit Classifier", "Gating Unit", "Alignment Loss", "Outlier Detector",
             "Precision Planner", "Memory Allocator", "Fusion Block"]

TITLE_AFTER_COLON = [
    "{ADJC} {CATNC} for Fast and Accurate {TASKC}",
    "Towards {ADJC} {CATNC} in Large-Scale {TASKC}",
    "Making {CATNC} Practical for {TASKC} on Edge Devices",
    "Rethinking {CATNC} for Large Models with Limited Memory",
    "{ADJC} and Accurate {CATNC} at Scale",
    "Efficient {TASKC} via {ADJC} {CATNC}",
    "Closing the Quality Gap of {CATNC} for {TASKC}",
]
TITLE_PLAIN = [
    "{ADJC} {CATNC} for Efficient {TASKC} with Large Models",
    "On the Limits of {CATNC} in {TASKC}",
    "An Empirical Study of {CATNC} for {TASKC} under Tight Budgets",
    "Scaling {CATNC} to Billion-Parameter Models for {TASKC}",
    "When Does {CATNC} Help {TASKC} in Practice?",
]

FIRST = ["Wei", "Ana", "Rahul", "Mei", "Lukas", "Sofia", "Jun", "Olga", "Ahmed", "Priya",
         "Carlos", "Yuki", "Emma", "Hao", "Fatima", "Noah", "Ines", "Dmitri", "Aisha", "Kenji",
         "Laura", "Chen", "Tomas", "Nadia", "Arjun", "Elena", "Minh", "Grace", "Omar", "Lea",
         "Jiho", "Marco", "Zara", "Felix", "Ying", "Samuel", "Hana", "Ravi", "Clara", "Bo"]
LAST = ["Zhang", "Silva", "Kumar", "Li", "Schmidt", "Rossi", "Wang", "Ivanova", "Hassan",
        "Patel", "Garcia", "Tanaka", "Martin", "Liu", "Khan", "Brown", "Costa", "Petrov",
        "Okafor", "Sato", "Meyer", "Chen", "Novak", "Haddad", "Singh", "Moreau", "Nguyen",
        "Kim", "Yilmaz", "Dubois", "Park", "Bianchi", "Ahmadi", "Weber", "Zhou", "Lopez",
        "Mori", "Iyer", "Fischer", "Wu"]

VENUES = ["NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "CVPR", "ICCV", "MLSys", "AAAI", "ECCV"]

# Clauses appended to name-free sentences, so sentence length follows real abstracts
# (about 23 words a sentence) rather than the short template stems.
CLAUSE = [
    "which matters most when memory bandwidth is the limiting resource",
    "while keeping the implementation simple enough to reuse in existing code bases",
    "a setting that is common in practical deployments but rarely studied",
    "without changing the underlying model architecture or the training data",
    "and this holds across model scales ranging from small to very large",
    "which makes the overall pipeline considerably easier to tune and maintain",
    "especially under tight time budgets on shared hardware",
    "even when only a few hundred calibration samples are available",
    "so that the savings carry over to real workloads rather than only to synthetic tests",
    "in contrast to approaches that must be re-engineered for every new architecture",
]

COMP_MID = ["Token", "Channel", "Layer", "Head", "Block", "Expert", "Query", "Cache", "Scale",
            "Gradient", "Residual", "Spectral", "Temporal", "Spatial", "Semantic", "Window",
            "Group", "Kernel", "Prompt", "Patch", "Feature", "Path", "Memory", "Sequence"]
SYLLABLE_ON = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "gl", "qu"]
SYLLABLE_NU = ["a", "e", "i", "o", "u", "ai", "ea", "io"]
SYLLABLE_CO = ["", "", "n", "r", "l", "x", "s", "m", "th"]
