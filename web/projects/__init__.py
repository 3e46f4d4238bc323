"""Key projects (重点项目), the project handbook and the service-star ranking."""

from fastapi import APIRouter

from web.projects import api, forms, pages, service_star_pages, service_stars_api
from web.projects.schemas import SHOWN, ProblemOut, VersionOut, problem_out

api_router = APIRouter()
api_router.include_router(api.router)
api_router.include_router(service_stars_api.router)
pages_router = APIRouter()
pages_router.include_router(pages.router)
pages_router.include_router(forms.router)
pages_router.include_router(service_star_pages.router)

__all__ = ["SHOWN", "ProblemOut", "VersionOut", "api_router", "pages_router", "problem_out"]
