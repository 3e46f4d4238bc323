"""Findings."""

from domain.findings import BEHAVIOUR, FIELD, KINDS, Finding

from .commands import CitationInput, FindingCommands, FindingInput
from .ports import CitationRow, FindingFilter, FindingReadModel, FindingRow, ManifestationRow
from .queries import FindingQueries

__all__ = [
    "BEHAVIOUR",
    "FIELD",
    "KINDS",
    "CitationInput",
    "CitationRow",
    "Finding",
    "FindingCommands",
    "FindingFilter",
    "FindingInput",
    "FindingQueries",
    "FindingReadModel",
    "FindingRow",
    "ManifestationRow",
]
