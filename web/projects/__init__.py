"""Key projects (重点项目), the project handbook and the service-star ranking."""

from web.projects import api, forms, pages, service_star_pages, service_stars_api
from web.projects.schemas import SHOWN, ProblemOut, VersionOut, problem_out
from web.shared.routing import joined

api_router = joined(api.router, service_stars_api.router)
pages_router = joined(pages.router, forms.router, service_star_pages.router)

__all__ = ["SHOWN", "ProblemOut", "VersionOut", "api_router", "pages_router", "problem_out"]
