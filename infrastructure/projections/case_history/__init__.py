"""The temporal read model: every version of every case (rm_case_versions), for the lists as of a past moment."""

from .queries import SqlCaseHistoryReads

__all__ = ["SqlCaseHistoryReads"]
