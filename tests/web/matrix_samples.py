"""Requests for the route×role matrix contributed by each area, from tests/web/matrix_samples_<area>.py.

Each such module defines SAMPLES: (method, path) → (request keyword arguments, or a function of the
matrix World returning them; the status when allowed). Keeping them per area lets areas grow apart.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import tests.web


def area_samples() -> dict[tuple[str, str], tuple[Any, int]]:
    """Every area's SAMPLES merged; two areas claiming the same route is an error."""
    merged: dict[tuple[str, str], tuple[Any, int]] = {}
    for module_info in pkgutil.iter_modules(tests.web.__path__):
        if not module_info.name.startswith("matrix_samples_"):
            continue
        module = importlib.import_module(f"tests.web.{module_info.name}")
        for key, sample in module.SAMPLES.items():
            if key in merged:
                raise AssertionError(f"{key} has samples in two modules")
            merged[key] = sample
    return merged


def area_path_parameters() -> dict[str, Any]:
    """Every area's PATH_PARAMETERS merged: "{name}" → function of the matrix World giving its value."""
    merged: dict[str, Any] = {}
    for module_info in pkgutil.iter_modules(tests.web.__path__):
        if module_info.name.startswith("matrix_samples_"):
            module = importlib.import_module(f"tests.web.{module_info.name}")
            merged.update(getattr(module, "PATH_PARAMETERS", {}))
    return merged
