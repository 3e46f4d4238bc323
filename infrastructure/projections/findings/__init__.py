"""The findings read models: the manifestation list, findings and their citations."""

from .queries import SqlFindingReads

__all__ = ["SqlFindingReads"]
