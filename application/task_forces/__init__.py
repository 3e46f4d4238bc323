"""Task forces."""

from domain.task_forces.task_force import DeadlineChange, ListedProblem, MeetingMinutes

__all__ = ["DeadlineChange", "ListedProblem", "MeetingMinutes"]
