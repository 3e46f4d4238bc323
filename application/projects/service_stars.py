"""The bimonthly service-star ranking, computed from the projections, and the leader's choice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from application.calendar import CalendarCommands
from application.cases import CaseQueries, working_days_between
from application.projects.ports import AwardRow, ProblemRow, ProjectReadModel, SecretaryRow
from application.shared.access import Permission, Principal, require
from application.shared.clock import Clock, local_date
from application.shared.errors import Forbidden
from application.shared.store import Store
from domain.projects import Measures, Period, StarAward, score, score_parts
from domain.shared.errors import InvalidValue, PeriodAlreadyAwarded


@dataclass(frozen=True)
class CountedCase:
    """A case behind a secretary's score, with what it counted for."""

    case_no: str
    description: str
    project: str
    counted_for: tuple[str, ...]  # logged / resolved / on_time / satisfied


@dataclass(frozen=True)
class StarEntry:
    """One secretary's place in the ranking, with the breakdown of the score."""

    rank: int
    secretary_id: str
    name: str
    projects: tuple[str, ...]
    measures: Measures
    parts: dict[str, float]
    score: float
    cases: list[CountedCase] = field(default_factory=list)
    milestones: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Ranking:
    """A period's ranking and, once chosen, its stars."""

    period: Period
    entries: list[StarEntry]
    award: AwardRow | None


def _window(tenure: SecretaryRow, period: Period) -> Period | None:
    """The part of the period the secretary served the project (until is the successor's first day)."""
    start = max(tenure.since, period.start)
    end = min(tenure.until - timedelta(days=1), period.end) if tenure.until else period.end
    return Period(start, end) if start <= end else None


@dataclass(frozen=True)
class ServiceStars:
    """Ranking secretaries on documented measures; recording the chosen stars."""

    store: Store
    clock: Clock
    reads: ProjectReadModel
    calendar: CalendarCommands
    case_queries: CaseQueries

    def star_ranking(self, principal: Principal, period: Period) -> Ranking:
        """Every secretary who served in the period, best score first (ties: resolved, then name, then id)."""
        require(principal, Permission.VIEW_STAR_RANKING)
        tenures = [t for t in self.reads.secretaries() if _window(t, period)]
        people: dict[str, list[SecretaryRow]] = {}
        for tenure in tenures:
            people.setdefault(tenure.secretary_id, []).append(tenure)
        entries = [self._entry(person, rows, period) for person, rows in people.items()]
        entries.sort(key=lambda e: (-e.score, -e.measures.resolved, e.name, e.secretary_id))
        shown = self._cases_shown(principal, {t.project for t in tenures})
        ranked = [
            StarEntry(
                i,
                e.secretary_id,
                e.name,
                e.projects,
                e.measures,
                e.parts,
                e.score,
                [c for c in e.cases if shown is None or c.case_no in shown],
                e.milestones,
            )
            for i, e in enumerate(entries, start=1)
        ]
        award = next((a for a in self.reads.awards() if (a.start, a.end) == (period.start, period.end)), None)
        return Ranking(period, ranked, award)

    def _cases_shown(self, principal: Principal, projects: set[str]) -> set[str] | None:
        """The case numbers behind the scores this person may read (None: all); the scores count every case."""
        if principal.sees_everything:
            return None
        scope = self.case_queries.scope_of(principal)
        return {
            p.case.case_no for project in sorted(projects) for p in self.reads.problems(project=project, scope=scope)
        }

    def _entry(self, person: str, tenures: list[SecretaryRow], period: Period) -> StarEntry:
        counted: dict[str, CountedCase] = {}
        tally = {"logged": 0, "resolved": 0, "on_time": 0, "rated": 0, "satisfied": 0, "days": 0}
        met: list[str] = []
        for tenure in tenures:
            window = _window(tenure, period)
            if window is None:  # the callers pass only tenures that overlap the period
                continue
            for problem in self.reads.problems(project=tenure.project):
                if problem.case.case_no not in counted:
                    reasons = self._count(problem, window, tally)
                    if reasons:
                        counted[problem.case.case_no] = CountedCase(
                            problem.case.case_no, problem.case.description, tenure.project, reasons
                        )
            for milestone in self.reads.milestones((tenure.project,)):
                achieved = milestone.achieved_on
                if achieved is not None and achieved in window and achieved <= milestone.planned_on:
                    met.append(f"{tenure.project}：{milestone.name}")
        measures = Measures(
            tally["logged"],
            tally["resolved"],
            tally["on_time"],
            tally["rated"],
            tally["satisfied"],
            tally["days"],
            len(set(met)),
        )
        name = tenures[-1].name
        return StarEntry(
            0,
            person,
            name,
            tuple(sorted({t.project for t in tenures})),
            measures,
            score_parts(measures),
            score(measures),
            sorted(counted.values(), key=lambda c: c.case_no),
            sorted(set(met)),
        )

    def _count(self, problem: ProblemRow, window: Period, tally: dict[str, int]) -> tuple[str, ...]:
        case, reasons = problem.case, []
        logged_on = local_date(case.logged_at)
        if logged_on in window:
            tally["logged"] += 1
            reasons.append("logged")
        resolved_on = case.resolved_on
        if resolved_on is not None and resolved_on in window:
            tally["resolved"] += 1
            tally["days"] += working_days_between(self.calendar.working_calendar, logged_on, resolved_on)
            reasons.append("resolved")
            if case.due_on is not None and resolved_on <= case.due_on:
                tally["on_time"] += 1
                reasons.append("on_time")
            if problem.satisfaction:
                tally["rated"] += 1
                if problem.satisfaction in ("satisfied", "basically_satisfied"):
                    tally["satisfied"] += 1
                    reasons.append("satisfied")
        return tuple(reasons)

    def choose_stars(self, principal: Principal, period: Period, secretary_ids: list[str], note: str = "") -> None:
        """Record the stars the leader chose, with the scores the ranking showed (an event)."""
        require(principal, Permission.CHOOSE_STARS)
        if not principal.dispatch_all:
            raise Forbidden("无权评定：服务之星由营商局调度台（区领导）评定")
        ranking = {e.secretary_id: e for e in self.star_ranking(principal, period).entries}
        unknown = [s for s in secretary_ids if s not in ranking]
        if unknown:
            raise InvalidValue(f"以下人员在本统计期内不是服务秘书：{'、'.join(unknown)}", "stars")
        if self.store.exists(StarAward.create_id(period.start, period.end)):
            raise PeriodAlreadyAwarded(f"{period.start}至{period.end}的服务之星已评定")
        stars = [{"secretary_id": s, "name": ranking[s].name, "score": ranking[s].score} for s in secretary_ids]
        self.store.commit(StarAward.choose(period, stars, note, principal.actor, self.clock.now()))


def check_period(start: date | None, end: date | None) -> Period:
    """A period from a form: both days required, end not before start."""
    if start is None or end is None:
        raise InvalidValue("请填写统计期的开始和结束日期", "start" if start is None else "end")
    return Period.of(start, end)
