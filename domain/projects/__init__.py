"""Projects."""

from .key_project import KeyProject
from .service_star import WEIGHTS, Measures, Period, StarAward, score, score_parts

__all__ = ["WEIGHTS", "KeyProject", "Measures", "Period", "StarAward", "score", "score_parts"]
