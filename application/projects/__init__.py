"""Projects."""

from domain.projects.key_project import KeyProject
from domain.projects.service_star import WEIGHTS, Measures, Period

__all__ = ["KeyProject", "Measures", "Period", "WEIGHTS"]
