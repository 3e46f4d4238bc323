"""Task forces."""

from .task_force import DeadlineChange, ListedProblem, MeetingMinutes, TaskForce

__all__ = ["DeadlineChange", "ListedProblem", "MeetingMinutes", "TaskForce"]
