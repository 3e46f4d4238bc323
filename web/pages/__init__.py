"""Server-rendered Chinese pages."""

from fastapi import APIRouter

router = APIRouter()
