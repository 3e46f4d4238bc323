"""The roles as the README names them: which oversee every case (and sign in with a second factor), who may do what."""

from __future__ import annotations

ROLES = ("cadre", "unit_handler", "task_force_lead", "service_secretary", "inspector", "admin")
OVERSEERS = {"inspector", "admin"}

# Each role's permissions, spelled out (README "Roles and what they may do").
CASE_WORK = {"view_cases", "view_case_history", "view_registry", "act_on_cases"}  # every role that works cases
PERMISSIONS = {
    "cadre": CASE_WORK | {"log_visit"},
    "unit_handler": CASE_WORK | {"view_projects"},
    "task_force_lead": CASE_WORK
    | {
        "view_projects",
        "log_visit",
        "run_task_forces",
        "manage_projects",
        "follow_projects",
        "choose_stars",
        "view_star_ranking",
    },
    "service_secretary": CASE_WORK | {"view_projects", "log_visit", "follow_projects"},
    "inspector": {
        "view_cases",
        "view_case_history",
        "view_registry",
        "view_projects",
        "view_audit",
        "view_star_ranking",
        "view_accountability",
        "view_findings",
        "record_findings",
        "prove_events",
    },
    # Admins administer accounts, units and task forces; they never read a case's history (README).
    "admin": {
        "view_cases",
        "view_registry",
        "view_projects",
        "manage_registry",
        "manage_accounts",
        "view_audit",
        "manage_projects",
        "view_accountability",
        "manage_taxonomy",
        "view_star_ranking",
    },
}
