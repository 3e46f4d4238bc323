"""Registries (units, task forces, enterprises) and the vocabulary, for choosing values."""

from fastapi import APIRouter

from web.registry import api

api_router = APIRouter()
api_router.include_router(api.router)

__all__ = ["api_router"]
