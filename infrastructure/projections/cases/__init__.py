"""The case list read model: rm_cases and rm_case_units."""

from .queries import SqlCaseReads

__all__ = ["SqlCaseReads"]
