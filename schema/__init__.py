"""Shapes shared by every part of claimgraph. Imports nothing else of ours."""

from .ids import claim_id, claim_paper, fold, paper_key
from .models import (
    Claim, Dataset, Extraction, Method, Metric, Model, Outperforms, Paper, PaperRecord, Problem, IngestRun,
)
from .vocab import (
    CATEGORIES, CLAIM_KINDS, DIRECTIONS, ROLES, UNITS,
    Category, ClaimKind, Direction, Role, Unit,
)

__all__ = [
    "claim_id", "claim_paper", "fold", "paper_key",
    "Claim", "Dataset", "Extraction", "Method", "Metric", "Model", "Outperforms", "Paper",
    "PaperRecord", "Problem", "IngestRun",
    "CATEGORIES", "CLAIM_KINDS", "DIRECTIONS", "ROLES", "UNITS",
    "Category", "ClaimKind", "Direction", "Role", "Unit",
]
