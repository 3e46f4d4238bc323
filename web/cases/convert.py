"""Turning case results into API models, and a case id in a path into an id."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from application.cases import CaseDetail, CaseSummary, HistoryEntry, Standing
from application.shared import CaseStatus, Channel, Disposition
from application.shared.errors import NotFound
from web.cases.schemas import CaseOut, CaseSummaryOut, HistoryEventOut
from web.shared.convert import aware, json_safe
from web.shared.schemas import ActorOut, EnterpriseRef


def parse_case_id(text: str) -> UUID:
    """A case id from a path; anything that is not a UUID names no case (404, not 422)."""
    try:
        return UUID(text)
    except ValueError:
        raise NotFound("问题不存在", "case_id") from None


def _label(vocabulary: type, code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return vocabulary(code).label
    except ValueError:
        return code


def summary_out(row: CaseSummary, standing: Standing) -> CaseSummaryOut:
    """A case-list row with its light today."""
    return CaseSummaryOut(
        original_due_on=row.original_due_on,
        light=standing.light.value,
        light_label=standing.light.label,
        working_days_left=standing.working_days,
        escalation_level=row.escalation_level,
        case_id=row.case_id,
        case_no=row.case_no,
        status=row.status,
        status_label=_label(CaseStatus, row.status),
        channel=row.channel,
        channel_label=_label(Channel, row.channel),
        category=row.category,
        description=row.description,
        enterprise_uscc=row.enterprise_uscc,
        enterprise_name=row.enterprise_name,
        street=row.street,
        lead_unit=row.lead_unit,
        lead_unit_name=row.lead_unit_name,
        task_force=row.task_force,
        task_force_name=row.task_force_name,
        due_on=row.due_on,
        deadline_provisional=row.deadline_provisional,
        logged_at=aware(row.logged_at),
        last_activity_at=aware(row.last_activity_at),
        version=row.version,
    )


def case_out(detail: CaseDetail, as_of: datetime | None = None) -> CaseOut:
    """A case with everything a detail view shows."""
    case = detail.case
    return CaseOut(
        case_id=case.id,
        case_no=detail.case_no,
        version=case.version,
        status=case.status,
        status_label=_label(CaseStatus, case.status),
        channel=case.channel,
        channel_label=_label(Channel, case.channel),
        category=case.category,
        description=case.description,
        request=case.request,
        enterprise=EnterpriseRef(uscc=case.enterprise_uscc, name=detail.enterprise_name),
        visit_id=case.visit_id,
        logged_at=aware(case.created_on),
        logged_by=ActorOut(**case.logged_by),
        disposition=case.disposition,
        disposition_label=_label(Disposition, case.disposition),
        disposition_reason=case.disposition_reason,
        lead_unit=case.lead_unit,
        supporting_units=list(case.supporting_units),
        task_force=case.task_force,
        working_days=case.working_days,
        due_on=case.due_on,
        original_due_on=case.original_due_on,
        deadline_provisional=case.deadline_provisional,
        pending_extension=case.pending_extension,
        escalation_level=case.escalation_level,
        resolution=case.resolution,
        satisfaction=case.satisfaction,
        feedback_comment=case.feedback_comment,
        cannot_do_reason=case.cannot_do_reason,
        actions=list(detail.actions),
        as_of=as_of,
    )


def history_event_out(entry: HistoryEntry) -> HistoryEventOut:
    """One event of a case's history."""
    return HistoryEventOut(
        version=entry.version,
        type=entry.type,
        at=aware(entry.at),
        actor=ActorOut(**entry.actor),
        fields=json_safe(entry.fields),
    )
