"""The accountability read model: one fact per case event (rm_case_facts)."""

from .queries import SqlAccountabilityReads

__all__ = ["SqlAccountabilityReads"]
