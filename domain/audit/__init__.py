"""Audit."""

from .merkle import CompactRange, ProofError, inclusion_path, range_proof, root_from_range, verify_inclusion
from .seal import (
    EDITED,
    INSERTED,
    WITHHELD_REASON,
    Checkpoint,
    Divergence,
    SealedLeaf,
    StoredEvent,
    WithheldEvent,
    first_divergence,
    version_gap,
    withholds_state,
)
from .sensitive_read import SensitiveRead

__all__ = [
    "EDITED",
    "INSERTED",
    "WITHHELD_REASON",
    "Checkpoint",
    "CompactRange",
    "Divergence",
    "ProofError",
    "SealedLeaf",
    "SensitiveRead",
    "StoredEvent",
    "WithheldEvent",
    "first_divergence",
    "inclusion_path",
    "range_proof",
    "root_from_range",
    "verify_inclusion",
    "version_gap",
    "withholds_state",
]
