"""What the accountability API answers: every number with the cases and events behind it."""

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from application.accountability import (
    HANDLER_LABELS,
    HANDLER_MEASURES,
    HOW_ENDED,
    MEASURES,
    AccountabilityReport,
    CannotDoLedger,
    CaseLabel,
    Entry,
    Fact,
    UnitStats,
)
from application.cases import CASE_EVENT_LABELS


class EventOut(BaseModel):
    """One event behind a number, with the link to it in the case's history."""

    version: int
    kind: str = Field(description="事件类型，如 Assigned、Returned")
    label: str = Field(description="中文名称")
    at: datetime
    unit: str | None
    actor_name: str
    note: str
    url: str = Field(description="问题页上该事件的位置，如 /cases/{id}#v5")


class EntryOut(BaseModel):
    """One case behind a number."""

    case_id: UUID
    case_no: str
    enterprise_name: str
    description: str
    working_days: int | None = Field(None, description="时间类指标的工作日数（超期、停滞、等待签收）")
    case_url: str
    events: list[EventOut]


class HoldingOut(BaseModel):
    """A unit's spell as lead unit of a case."""

    case_id: UUID
    case_no: str
    enterprise_name: str
    since: datetime
    until: datetime | None = Field(description="放手的时间；仍在手为 null")
    how_ended: str
    how_ended_label: str
    accepted_at: datetime | None
    working_days: int
    events: list[EventOut]


class HandlerOut(BaseModel):
    """One handler's part in the unit's numbers."""

    user_id: str
    name: str
    counts: dict[str, int]
    entries: dict[str, list[EntryOut]]


class UnitOut(BaseModel):
    """A unit's numbers, ranked."""

    # Two models are called UnitOut, so the OpenAPI component is named after the module: the name it had
    # before web/ was split by area, kept so that clients generated from the document keep their class.
    __module__ = "web.api.accountability_schemas"

    unit: str
    name: str
    rank: int
    score: int
    counts: dict[str, int]
    overdue_working_days: int
    held_working_days: int
    entries: dict[str, list[EntryOut]]
    holdings: list[HoldingOut]
    handlers: list[HandlerOut]


class PingPongOut(BaseModel):
    """A case that went back and forth between units twice or more."""

    case_id: UUID
    case_no: str
    enterprise_name: str
    units: list[str]
    unit_names: list[str]
    events: list[EventOut]


class AccountabilityOut(BaseModel):
    """The 中梗阻 report."""

    start: date
    end: date
    as_of: date | None
    moment: datetime = Field(description="只计入此时刻及以前记录的事件")
    stall_days: int
    accept_within_working_days: int
    measures: dict[str, str]
    units: list[UnitOut]
    unassigned: dict[str, list[EntryOut]] = Field(description="无牵头单位时发生的事项（如直接登记不能办）")
    ping_pong: list[PingPongOut]


class CannotDoOut(BaseModel):
    """One case in the cannot-do ledger."""

    case_id: UUID
    case_no: str
    enterprise_name: str
    description: str
    category: str
    status: str
    disposition: str | None
    disposition_reason: str
    reason: str
    registered_at: datetime
    registered_by: str
    lead_unit: str | None
    case_url: str
    event_url: str


class CannotDoLedgerOut(BaseModel):
    """不能办事项台账."""

    as_of: date | None
    moment: datetime
    items: list[CannotDoOut]


def event_url(fact: Fact) -> str:
    """Where the event is on its case's page."""
    return f"/cases/{fact.case_id}#v{fact.version}"


def event_out(fact: Fact) -> EventOut:
    """An event behind a number."""
    return EventOut(
        version=fact.version,
        kind=fact.kind,
        label=CASE_EVENT_LABELS.get(fact.kind, fact.kind),
        at=fact.at,
        unit=fact.unit,
        actor_name=fact.actor_name,
        note=fact.note,
        url=event_url(fact),
    )


def _label(report: AccountabilityReport, case_id: UUID) -> CaseLabel:
    return report.cases.get(case_id) or CaseLabel(case_id, str(case_id), "", "", "")


def entry_out(report: AccountabilityReport, entry: Entry) -> EntryOut:
    """A case behind a number, with its events in order."""
    label = _label(report, entry.case_id)
    facts = sorted(set(entry.facts), key=lambda f: f.version)
    return EntryOut(
        case_id=entry.case_id,
        case_no=label.case_no,
        enterprise_name=label.enterprise_name,
        description=label.description,
        working_days=entry.working_days,
        case_url=f"/cases/{entry.case_id}",
        events=[event_out(f) for f in facts],
    )


def _entries(
    report: AccountabilityReport, entries: dict[str, list[Entry]], names: tuple[str, ...]
) -> dict[str, list[EntryOut]]:
    return {m: [entry_out(report, e) for e in entries.get(m, [])] for m in names}


def unit_out(report: AccountabilityReport, stats: UnitStats) -> UnitOut:
    """A unit's numbers with everything behind them."""
    holdings = [
        HoldingOut(
            case_id=h.case_id,
            case_no=_label(report, h.case_id).case_no,
            enterprise_name=_label(report, h.case_id).enterprise_name,
            since=h.start.at,
            until=h.end.at if h.end else None,
            how_ended=h.how_ended,
            how_ended_label=HOW_ENDED[h.how_ended],
            accepted_at=h.accepted.at if h.accepted else None,
            working_days=h.working_days,
            events=[event_out(f) for f in (h.start, h.accepted, h.end) if f is not None],
        )
        for h in stats.holdings
    ]
    handlers = [
        HandlerOut(
            user_id=p.user_id,
            name=p.name,
            counts={m: len(p.entries.get(m, [])) for m in HANDLER_MEASURES},
            entries=_entries(report, p.entries, HANDLER_MEASURES),
        )
        for p in stats.handlers.values()
    ]
    return UnitOut(
        unit=stats.unit,
        name=report.unit_name(stats.unit),
        rank=stats.rank,
        score=stats.score,
        counts={m: stats.count(m) for m in MEASURES},
        overdue_working_days=stats.working_days("overdue"),
        held_working_days=stats.held_working_days,
        entries=_entries(report, stats.entries, tuple(MEASURES)),
        holdings=holdings,
        handlers=handlers,
    )


def report_out(report: AccountabilityReport) -> AccountabilityOut:
    """The whole report for the API."""
    return AccountabilityOut(
        start=report.start,
        end=report.end,
        as_of=report.as_of,
        moment=report.moment,
        stall_days=report.stall_days,
        accept_within_working_days=report.accept_within,
        measures={**MEASURES, **HANDLER_LABELS},
        units=[unit_out(report, u) for u in report.units],
        unassigned=_entries(report, report.unassigned.entries, tuple(MEASURES)) if report.unassigned else {},
        ping_pong=[
            PingPongOut(
                case_id=p.case_id,
                case_no=_label(report, p.case_id).case_no,
                enterprise_name=_label(report, p.case_id).enterprise_name,
                units=list(p.units),
                unit_names=[report.unit_name(u) for u in p.units],
                events=[event_out(f) for f in p.moves],
            )
            for p in report.ping_pong
        ],
    )


def ledger_out(ledger: CannotDoLedger) -> CannotDoLedgerOut:
    """The cannot-do ledger for the API."""
    return CannotDoLedgerOut(
        as_of=ledger.as_of,
        moment=ledger.moment,
        items=[
            CannotDoOut(
                case_id=r.case.case_id,
                case_no=r.case.case_no,
                enterprise_name=r.case.enterprise_name,
                description=r.case.description,
                category=r.category,
                status=r.case.status,
                disposition=r.classified.disposition if r.classified else None,
                disposition_reason=r.classified.note if r.classified else "",
                reason=r.registered.note,
                registered_at=r.registered.at,
                registered_by=r.registered.actor_name,
                lead_unit=r.registered.unit,
                case_url=f"/cases/{r.case.case_id}",
                event_url=event_url(r.registered),
            )
            for r in ledger.rows
        ],
    )
