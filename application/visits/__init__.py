"""Visits."""

from .commands import ProblemInput, VisitCommands, VisitInput

__all__ = ["ProblemInput", "VisitCommands", "VisitInput"]
