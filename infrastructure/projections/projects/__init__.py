"""The task-force, project and service-star read models."""

from .queries import SqlProjectReads

__all__ = ["SqlProjectReads"]
