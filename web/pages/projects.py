"""Task forces, key projects, the project handbook and the service-star ranking: one router for the pages."""

from fastapi import APIRouter

from web.pages import project_forms, project_pages, service_star_pages, task_force_forms, task_force_pages

router = APIRouter()
router.include_router(task_force_pages.router)
router.include_router(task_force_forms.router)
router.include_router(project_pages.router)
router.include_router(project_forms.router)
router.include_router(service_star_pages.router)
