"""Server-rendered Chinese pages: the visit form, the problem list, the case page and the deadline board."""

from fastapi import APIRouter

from web.pages import accountability_pages, board, case_actions, cases, findings, projects, taxonomy_pages, visits

router = APIRouter()
router.include_router(visits.router)
router.include_router(cases.router)
router.include_router(case_actions.router)
router.include_router(board.router)
router.include_router(projects.router)
router.include_router(accountability_pages.router)
router.include_router(findings.router)
router.include_router(taxonomy_pages.router)
