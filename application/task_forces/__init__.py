"""Task forces."""

from domain.task_forces import DeadlineChange, ListedProblem, MeetingMinutes

from .commands import TaskForceCommands, leads_task_force

__all__ = ["DeadlineChange", "ListedProblem", "MeetingMinutes", "TaskForceCommands", "leads_task_force"]
