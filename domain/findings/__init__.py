"""Findings."""

from .finding import Citation, Finding, Subject
from .manifestation import BEHAVIOUR, FIELD, KINDS, TAXONOMY_ID, ManifestationTaxonomy

__all__ = ["BEHAVIOUR", "FIELD", "KINDS", "TAXONOMY_ID", "Citation", "Finding", "ManifestationTaxonomy", "Subject"]
