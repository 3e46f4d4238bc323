"""Findings."""

from domain.findings.finding import Finding
from domain.findings.manifestation import BEHAVIOUR, FIELD, KINDS

__all__ = ["BEHAVIOUR", "FIELD", "Finding", "KINDS"]
