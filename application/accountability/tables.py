"""The report and the cannot-do ledger as plain tables, for the .xlsx and PDF writers (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol
from uuid import UUID

from application.accountability.measures import HOW_ENDED, MEASURES, UnitStats
from application.accountability.ports import Fact
from application.accountability.queries import AccountabilityReport, CannotDoLedger
from application.shared.clock import SHANGHAI, local_date
from domain.cases import CASE_EVENT_LABELS
from domain.shared.vocabulary import CaseStatus, Disposition

Cell = str | int | date | None


@dataclass(frozen=True)
class Table:
    """One sheet (or PDF section): a heading, Chinese column headers with widths, and rows."""

    title: str  # sheet name
    heading: str
    headers: tuple[str, ...]
    widths: tuple[int, ...]  # in characters (a Chinese character is about two)
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    note: str = ""  # a line under the heading: the period, the moment


class TableWorkbookWriter(Protocol):
    """Writes tables as an .xlsx workbook (frozen header row, dates as dates)."""

    def write(self, tables: list[Table]) -> bytes:
        """The workbook's bytes, one sheet per table."""
        ...


class TablePdfWriter(Protocol):
    """Writes tables as a printable PDF with Chinese text."""

    def write(self, title: str, tables: list[Table]) -> bytes:
        """The PDF's bytes."""
        ...


def event_text(fact: Fact) -> str:
    """'v5 退回 2026-09-01 住建局承办人' — enough to find the event on the case page."""
    label = CASE_EVENT_LABELS.get(fact.kind, fact.kind)
    return f"v{fact.version} {label} {local_date(fact.at)} {fact.actor_name}".strip()


def _case(report: AccountabilityReport, case_id: UUID) -> tuple[str, str]:
    label = report.cases.get(case_id)
    return (label.case_no, label.enterprise_name) if label else (str(case_id), "")


def period_line(report: AccountabilityReport) -> str:
    """统计期 and the moment the facts were counted up to."""
    moment = f"截至 {report.as_of}" if report.as_of else "截至报表生成时"
    counted = f"{report.moment.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"
    return (
        f"统计期 {report.start} 至 {report.end}；{moment}（计入北京时间 {counted} 前记录的事件）；"
        f"签收时限 {report.accept_within} 个工作日；停滞 {report.stall_days} 个工作日无进展"
    )


def ranking_table(report: AccountabilityReport) -> Table:
    """One row per unit, ranked."""
    headers = ("名次", "单位", "得分", *MEASURES.values(), "超期工作日", "持有工作日")
    rows: list[tuple[Cell, ...]] = [
        (
            u.rank,
            report.unit_name(u.unit),
            u.score,
            *(u.count(m) for m in MEASURES),
            u.working_days("overdue"),
            u.held_working_days,
        )
        for u in report.units
    ]
    return Table(
        "单位排名",
        "中梗阻问题统计 · 单位排名",
        headers,
        (6, 26, 6, *(8,) * len(MEASURES), 10, 10),
        rows,
        period_line(report),
    )


def _detail_rows(report: AccountabilityReport, stats: UnitStats) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for measure, label in MEASURES.items():
        for entry in stats.entries.get(measure, []):
            case_no, enterprise = _case(report, entry.case_id)
            events = "；".join(event_text(f) for f in sorted(set(entry.facts), key=lambda f: f.version))
            rows.append((report.unit_name(stats.unit), label, case_no, enterprise, entry.working_days, events))
    return rows


def detail_table(report: AccountabilityReport) -> Table:
    """Every number's cases and events."""
    units = [*report.units, *([report.unassigned] if report.unassigned else [])]
    rows = [row for stats in units for row in _detail_rows(report, stats)]
    return Table(
        "明细",
        "各项指标所涉问题及事件",
        ("单位", "指标", "问题编号", "企业名称", "工作日", "所据事件"),
        (24, 12, 18, 28, 8, 70),
        rows,
        period_line(report),
    )


def holdings_table(report: AccountabilityReport) -> Table:
    """Who held which case, from when to when, for how many working days."""
    rows: list[tuple[Cell, ...]] = []
    for stats in report.units:
        for h in stats.holdings:
            case_no, enterprise = _case(report, h.case_id)
            rows.append(
                (
                    report.unit_name(stats.unit),
                    case_no,
                    enterprise,
                    local_date(h.start.at),
                    local_date(h.accepted.at) if h.accepted else None,
                    local_date(h.end.at) if h.end else None,
                    HOW_ENDED[h.how_ended],
                    h.working_days,
                )
            )
    return Table(
        "持有时间",
        "各单位持有问题的时间（工作日）",
        ("单位", "问题编号", "企业名称", "接手日期", "签收日期", "放手日期", "放手方式", "持有工作日"),
        (24, 18, 28, 12, 12, 12, 12, 10),
        rows,
        period_line(report),
    )


def ping_pong_table(report: AccountabilityReport) -> Table:
    """Cases that went back and forth between units twice or more."""
    rows: list[tuple[Cell, ...]] = []
    for p in report.ping_pong:
        case_no, enterprise = _case(report, p.case_id)
        rows.append(
            (
                case_no,
                enterprise,
                " → ".join(report.unit_name(u) for u in p.units),
                "；".join(event_text(f) for f in p.moves),
            )
        )
    return Table(
        "来回推诿",
        "在单位间来回两次以上的问题",
        ("问题编号", "企业名称", "流转单位", "所据事件"),
        (18, 28, 50, 70),
        rows,
        period_line(report),
    )


def report_tables(report: AccountabilityReport) -> list[Table]:
    """The report's four tables: ranking, details, holdings, ping-pong."""
    return [ranking_table(report), holdings_table(report), ping_pong_table(report), detail_table(report)]


def _disposition(value: str | None) -> str:
    return Disposition(value).label if value in {d.value for d in Disposition} else ""


def cannot_do_table(ledger: CannotDoLedger) -> Table:
    """不能办事项台账: one row per registration."""
    rows: list[tuple[Cell, ...]] = []
    for number, r in enumerate(ledger.rows, start=1):
        judged = r.classified
        rows.append(
            (
                number,
                r.case.case_no,
                r.case.enterprise_name,
                r.case.description,
                r.category,
                _disposition(judged.disposition if judged else None),
                judged.note if judged else "",
                r.registered.note,
                r.registered.actor_name,
                local_date(r.registered.at),
                ledger.unit_names.get(r.registered.unit or "", ""),
                CaseStatus(r.case.status).label,
            )
        )
    moment = f"截至 {ledger.as_of}" if ledger.as_of else "截至导出时"
    return Table(
        "不能办事项台账",
        "不能办事项台账",
        (
            "序号",
            "问题编号",
            "企业名称",
            "问题描述",
            "问题类别",
            "研判结果",
            "研判理由",
            "不能办理由",
            "登记人",
            "登记日期",
            "当时牵头单位",
            "当前状态",
        ),
        (6, 18, 28, 40, 14, 24, 30, 40, 16, 12, 20, 14),
        rows,
        moment,
    )
