"""Server-rendered Chinese pages: the visit form, the problem list and the case page."""

from fastapi import APIRouter

from web.pages import case_actions, cases, visits

router = APIRouter()
router.include_router(visits.router)
router.include_router(cases.router)
router.include_router(case_actions.router)
