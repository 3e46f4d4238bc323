"""The registry read models: units and enterprises (rm_units, rm_enterprises)."""

from .queries import SqlRegistryReads

__all__ = ["SqlRegistryReads"]
