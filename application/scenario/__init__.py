"""Scenario."""

from .actions import ScenarioError
from .check import check_scenario
from .loader import ScenarioAlreadyLoaded, ScenarioResult, load_scenario, read_bundled_scenario, scenario_clock

__all__ = [
    "ScenarioAlreadyLoaded",
    "ScenarioError",
    "ScenarioResult",
    "check_scenario",
    "load_scenario",
    "read_bundled_scenario",
    "scenario_clock",
]
