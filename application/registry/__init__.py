"""Registry."""

from domain.registry import Unit, check_credit_code

from .commands import EnterpriseDetails, RegistryCommands
from .ports import EnterpriseSummary, RegistryReadModel, TaskForceSummary, UnitSummary
from .queries import RegistryQueries

__all__ = [
    "EnterpriseDetails",
    "EnterpriseSummary",
    "RegistryCommands",
    "RegistryQueries",
    "RegistryReadModel",
    "TaskForceSummary",
    "Unit",
    "UnitSummary",
    "check_credit_code",
]
