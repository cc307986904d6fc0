"""Canonical-id folding: the one rule that decides when two surface names are one node."""

import re
import unicodedata

# Dots, plus signs and hashes carry meaning in names (OPT-1.3B vs OPT-13B, C++, C#),
# so they survive; case, spaces, hyphens, underscores and other punctuation do not.
_DROP = re.compile(r"[^0-9a-z.+#]+")


def fold(name: str) -> str:
    """Fold a surface name to its canonical id: 'Llama 2 7B' and 'LLaMA-2-7B' -> 'llama27b'."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = _DROP.sub("", text).strip(".")
    return text


def paper_key(arxiv_id: str) -> tuple[str, int | None]:
    """Split '2306.08960v3' into ('2306.08960', 3); ids without a version give None."""
    m = re.fullmatch(r"(.+?)v(\d+)", arxiv_id.strip())
    if m and re.search(r"\d", m.group(1)):
        return m.group(1), int(m.group(2))
    return arxiv_id.strip(), None


def claim_id(paper_id: str, start: int, end: int, n: int = 1) -> str:
    """A claim's id: its paper and the offsets of its evidence (`.n` for a second claim
    read off the same span)."""
    return f"{paper_id}:{start}-{end}" + (f".{n}" if n > 1 else "")


def claim_paper(claim: str) -> str:
    """The paper id inside a claim id (paper ids may hold ':' themselves, offsets never)."""
    return claim.rsplit(":", 1)[0]
