"""Projects."""

from domain.projects import WEIGHTS, KeyProject, Measures, Period

from .as_of import ProjectNotYetRegistered, ProjectsAsOf, TaskForceNotYetFormed
from .commands import ProjectCommands, ProjectDetails, SecretaryDetails
from .exports import LEDGER_HEADERS, ExportWriters, Handbook, HandbookProject, LedgerRow, LedgerSheet
from .ledger import LedgerReads
from .ports import (
    AwardRow,
    MeetingRow,
    MilestoneRow,
    ProblemRow,
    ProjectReadModel,
    ProjectRow,
    SecretaryRow,
    TaskForceRow,
)
from .queries import Problem, ProjectViews, TaskForceView
from .service_stars import Ranking, ServiceStars, StarEntry, check_period

__all__ = [
    "LEDGER_HEADERS",
    "WEIGHTS",
    "AwardRow",
    "ExportWriters",
    "Handbook",
    "HandbookProject",
    "KeyProject",
    "LedgerReads",
    "LedgerRow",
    "LedgerSheet",
    "Measures",
    "MeetingRow",
    "MilestoneRow",
    "Period",
    "Problem",
    "ProblemRow",
    "ProjectCommands",
    "ProjectDetails",
    "ProjectNotYetRegistered",
    "ProjectReadModel",
    "ProjectRow",
    "ProjectViews",
    "ProjectsAsOf",
    "Ranking",
    "SecretaryDetails",
    "SecretaryRow",
    "ServiceStars",
    "StarEntry",
    "TaskForceNotYetFormed",
    "TaskForceRow",
    "TaskForceView",
    "check_period",
]
