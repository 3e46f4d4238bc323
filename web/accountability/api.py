"""The 中梗阻 report and the cannot-do ledger: JSON, .xlsx and PDF (inspectors and admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from application.accountability import (
    DEFAULT_STALL_DAYS,
    AccountabilityReport,
    ReportQuery,
    cannot_do_table,
    report_tables,
)
from application.shared.access import Permission, Principal
from infrastructure.wiring.serving import OpenpyxlTableWriter, ReportlabTableWriter
from web.accountability.schemas import AccountabilityOut, CannotDoLedgerOut, ledger_out, report_out
from web.deps import ServicesDep, api_allow
from web.shared.downloads import PDF, XLSX, download
from web.shared.readers import AsOfDay, EndDay, StallDays, StartDay

router = APIRouter(tags=["问责 Accountability"])
REPORT_TITLE = "中梗阻问题统计报表"


def report_query(
    start: StartDay | None = Query(None, description="统计期起始日（默认当年1月1日）"),
    end: EndDay | None = Query(None, description="统计期截止日（默认截至日）"),
    as_of: AsOfDay | None = Query(None, description="截至日期：只计入该日结束前记录的事件（默认现在）"),
    stall_days: Annotated[StallDays, Query(ge=1, le=60, description="多少个工作日无进展算停滞")] = DEFAULT_STALL_DAYS,
) -> ReportQuery:
    """The report's parameters from the query string."""
    return ReportQuery(start, end, as_of, stall_days)


def the_report(
    services: ServicesDep,
    query: ReportQuery = Depends(report_query),
    principal: Principal = Depends(api_allow(Permission.VIEW_ACCOUNTABILITY)),
) -> AccountabilityReport:
    """The report the query string asks for, of what the principal may see."""
    return services.accountability.accountability_report(principal, query)


Report = Annotated[AccountabilityReport, Depends(the_report)]


def _name(report: AccountabilityReport, suffix: str) -> str:
    return f"accountability-{report.start}-{report.end}{'-asof-' + str(report.as_of) if report.as_of else ''}.{suffix}"


@router.get("/accountability", summary="中梗阻报表 The accountability report", response_model=AccountabilityOut)
def accountability(report: Report) -> AccountabilityOut:
    """Per unit and handler: received, late or no acceptance, returned, transferred, ping-pong, overdue,
    extensions, stalled, reminders, escalations, reopened, dissatisfied, cannot do — each with its cases and events."""
    return report_out(report)


@router.get("/accountability.xlsx", summary="导出中梗阻报表 Export the report (.xlsx)", response_class=Response)
def accountability_xlsx(report: Report) -> Response:
    """Ranking, holdings, ping-pong cases and every number's events, one sheet each."""
    return download(OpenpyxlTableWriter().write(report_tables(report)), XLSX, _name(report, "xlsx"))


@router.get("/accountability.pdf", summary="导出中梗阻报表 Export the report (PDF)", response_class=Response)
def accountability_pdf(report: Report) -> Response:
    """The same tables as a printable landscape PDF."""
    return download(ReportlabTableWriter().write(REPORT_TITLE, report_tables(report)), PDF, _name(report, "pdf"))


@router.get("/cannot-do", summary="不能办事项台账 The cannot-do ledger", response_model=CannotDoLedgerOut)
def cannot_do(
    services: ServicesDep,
    as_of: AsOfDay | None = Query(None, description="截至日期（默认现在）"),
    principal: Principal = Depends(api_allow(Permission.VIEW_ACCOUNTABILITY)),
) -> CannotDoLedgerOut:
    """Every case registered as cannot do: reasons, judgement, who registered it and when."""
    return ledger_out(services.accountability.cannot_do_ledger(principal, as_of))


@router.get(
    "/cannot-do.xlsx", summary="导出不能办事项台账 Export the cannot-do ledger (.xlsx)", response_class=Response
)
def cannot_do_xlsx(
    services: ServicesDep,
    as_of: AsOfDay | None = Query(None, description="截至日期（默认现在）"),
    principal: Principal = Depends(api_allow(Permission.VIEW_ACCOUNTABILITY)),
) -> Response:
    """The ledger as a workbook."""
    ledger = services.accountability.cannot_do_ledger(principal, as_of)
    return download(
        OpenpyxlTableWriter().write([cannot_do_table(ledger)]),
        XLSX,
        f"cannot-do-ledger-{ledger.as_of or services.store.today()}.xlsx",
    )
