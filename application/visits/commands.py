"""Logging a visit: the sitting and every case it raised are saved together, or not at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TypeVar
from uuid import UUID

from application.registry import EnterpriseDetails, RegistryCommands
from application.shared.access import Permission, Principal, require
from application.shared.clock import Clock
from application.shared.errors import ValidationFailed
from application.shared.idempotency import IdSource
from application.shared.store import Store
from domain.cases import Case, check_channel
from domain.registry import Enterprise, check_credit_code
from domain.shared.actor import Actor
from domain.shared.errors import DomainError, InvalidValue
from domain.visits import Visit, check_occurred_on

R = TypeVar("R")


@dataclass(frozen=True)
class ProblemInput:
    """One problem raised at the sitting; a salon's problem may name its own enterprise."""

    category: str
    description: str
    request: str = ""
    enterprise: EnterpriseDetails | None = None


@dataclass(frozen=True)
class VisitInput:
    """A sitting as submitted by a cadre."""

    channel: str
    occurred_on: date
    enterprise: EnterpriseDetails | None
    problems: list[ProblemInput]
    cadres: list[str] = field(default_factory=list)
    place: str = ""
    note: str = ""


@dataclass(frozen=True)
class LoggedVisit:
    """What a logged visit created."""

    visit_id: UUID
    case_ids: list[UUID]
    warnings: list[str]


@dataclass(frozen=True)
class VisitCommands:
    """The cadre's visit form and the API's POST /visits."""

    store: Store
    clock: Clock
    registry: RegistryCommands

    def log_visit(self, principal: Principal, submitted: VisitInput) -> LoggedVisit:
        """Validate everything, then save the visit, new enterprises and all cases in one save."""
        require(principal, Permission.LOG_VISIT)
        ids = self.store.id_source()  # once per call: a retry below meets its own rows, never logs the visit twice
        return self.store.with_retry(lambda: self._log_visit_once(principal.actor, submitted, ids))

    def _log_visit_once(self, actor: Actor, submitted: VisitInput, ids: IdSource) -> LoggedVisit:
        errors: list[DomainError] = []
        at, visit_id = self.clock.now(), ids.id_for("visit")
        new_enterprises: dict[str, Enterprise] = {}
        cases: list[Case] = []
        channel = _collect(errors, lambda: check_channel(submitted.channel))
        _collect(errors, lambda: check_occurred_on(submitted.occurred_on, self.store.today()))
        if not submitted.problems:
            errors.append(InvalidValue("请至少填写一个企业反映的问题", "problems"))
        for index, problem in enumerate(submitted.problems):
            prefix = f"problems[{index}]."
            uscc = self._problem_enterprise(actor, submitted, problem, new_enterprises, errors, prefix)
            case = _collect(
                errors,
                partial(
                    Case.log,
                    channel=channel or "visit",
                    enterprise_uscc=uscc or "",
                    category=problem.category,
                    description=problem.description,
                    request=problem.request,
                    visit_id=visit_id,
                    actor=actor,
                    at=at,
                    case_id=ids.id_for(f"case:{index}"),
                ),
                prefix,
            )
            if case is not None:
                cases.append(case)
        if errors or channel is None:  # no channel only when checking it failed, so errors holds why
            raise ValidationFailed.collect(errors)
        visit = Visit.record(
            visit_id=visit_id,
            channel=channel,
            occurred_on=submitted.occurred_on,
            today=self.store.today(),
            cadres=submitted.cadres,
            enterprise_usccs=[c.enterprise_uscc for c in cases],
            case_ids=[c.id for c in cases],
            place=submitted.place,
            note=submitted.note,
            actor=actor,
            at=at,
        )
        self.store.commit(*new_enterprises.values(), visit, *cases)
        warnings = [w for e in new_enterprises.values() for w in _code_warnings(e.uscc)]
        return LoggedVisit(visit_id=visit.id, case_ids=[c.id for c in cases], warnings=warnings)

    def _problem_enterprise(
        self,
        actor: Actor,
        submitted: VisitInput,
        problem: ProblemInput,
        new_enterprises: dict[str, Enterprise],
        errors: list[DomainError],
        prefix: str,
    ) -> str | None:
        """The problem's enterprise code; a new enterprise is remembered for the same save."""
        details = problem.enterprise or submitted.enterprise
        # The visit's own enterprise is one set of fields; a salon problem's enterprise is per row.
        field_prefix = f"{prefix}enterprise." if problem.enterprise else ""
        if details is None:
            errors.append(InvalidValue("请选择或登记企业", "uscc"))
            return None
        found = _collect(errors, lambda: self.registry.enterprise_or_new(actor, details), field_prefix)
        if found is None:
            return None
        code, new = found
        if new is not None:
            new_enterprises.setdefault(code, new)
        return code


def _collect(errors: list[DomainError], make: Callable[[], R], prefix: str = "") -> R | None:
    """Run make(); on a domain error note it (field prefixed) and return None."""
    try:
        return make()
    except DomainError as error:
        if prefix and error.field:
            error.field = prefix + error.field
        errors.append(error)
        return None


def _code_warnings(uscc: str) -> list[str]:
    return list(check_credit_code(uscc).warnings)
