"""Registries (units, task forces, enterprises) and the vocabulary, for choosing values."""

from web.registry import api
from web.shared.routing import joined

api_router = joined(api.router)

__all__ = ["api_router"]
