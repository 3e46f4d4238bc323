"""The 中梗阻 measures computed from hand-written facts (no database), Monday–Friday working days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID, uuid4

from application.accountability import MEASURES
from application.accountability.metrics import Window, WorkdayCounter, rank_units, tally
from application.accountability.ports import Fact
from application.shared.as_of import end_of_local_day
from application.shared.clock import SHANGHAI
from domain.calendar.working_days import WeekdayCalendar

CALENDAR = WeekdayCalendar()
HANDLER = {"actor_id": "h-zj", "actor_name": "住建局承办人", "actor_role": "unit_handler"}
LEAD = {"actor_id": "lead", "actor_name": "调度员", "actor_role": "task_force_lead"}


def at(day: str, hour: int = 9) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour), tzinfo=SHANGHAI).astimezone(UTC)


class Case:
    """Facts of one case, numbered as versions in the order written."""

    def __init__(self) -> None:
        self.id: UUID = uuid4()
        self.facts: list[Fact] = []

    def add(self, day: str, kind: str, unit: str | None = None, **fields: Any) -> Fact:
        who = fields.pop("who", LEAD)
        fact = Fact(self.id, len(self.facts) + 1, at(day), kind, unit, **who, **fields)
        self.facts.append(fact)
        return fact


def report(
    *cases: Case, start: str = "2026-01-01", end: str = "2026-12-31", moment: str = "2026-11-20", stall_days: int = 5
) -> Any:
    facts = [f for c in cases for f in c.facts]
    window = Window(date.fromisoformat(start), date.fromisoformat(end), at(moment, 18), stall_days)
    return tally(facts, window, CALENDAR, ["zhujian", "ziran", "chengguan"]).units


def test_working_days_count_after_the_start_up_to_the_end():
    counter = WorkdayCounter(CALENDAR, date(2026, 8, 1), date(2026, 9, 30))
    assert counter.between(date(2026, 8, 19), date(2026, 8, 25)) == 4  # Thu, Fri, Mon, Tue
    assert counter.between(date(2026, 8, 25), date(2026, 8, 25)) == 0
    assert counter.between(date(2026, 7, 1), date(2026, 7, 6)) == 3  # outside the table: counted one by one


def test_a_case_sent_back_and_forth_is_ping_pong_with_each_units_holding_time():
    dagao = Case()
    dagao.add("2026-08-19", "Assigned", "ziran", due_on=date(2026, 9, 16))
    moved = dagao.add("2026-08-25", "Transferred", "zhujian", from_unit="ziran", to_unit="zhujian")
    back = dagao.add("2026-09-01", "Returned", "zhujian", who=HANDLER)
    again = dagao.add("2026-09-02", "Assigned", "ziran", due_on=date(2026, 9, 30))
    units = report(dagao, moment="2026-09-30")
    assert [(h.working_days, h.how_ended) for h in units["ziran"].holdings] == [(4, "transferred"), (20, "")]
    assert [(h.working_days, h.how_ended) for h in units["zhujian"].holdings] == [(5, "returned")]
    assert units["zhujian"].count("returned") == 1 and units["ziran"].count("transferred") == 1
    for unit in ("ziran", "zhujian"):
        assert [e.facts for e in units[unit].entries["ping_pong"]] == [(moved, back, again)]
    assert units["zhujian"].handlers["h-zj"].entries["returned"][0].facts == (back,)


def test_late_acceptance_and_no_acceptance_are_counted_in_working_days():
    late, waiting = Case(), Case()
    late.add("2026-10-21", "Assigned", "chengguan", due_on=date(2026, 11, 4))
    late.add("2026-10-23", "Accepted", "chengguan", who=HANDLER)
    waiting.add("2026-11-03", "Assigned", "zhujian", due_on=date(2026, 11, 10))
    units = report(late, waiting)
    assert [e.working_days for e in units["chengguan"].entries["accepted_late"]] == [2]
    assert [e.working_days for e in units["zhujian"].entries["not_accepted"]] == [13]
    assert [e.working_days for e in units["zhujian"].entries["overdue"]] == [8]  # 11-11 .. 11-20


def test_reopening_and_dissatisfaction_count_against_the_unit_and_handler_that_resolved():
    case = Case()
    case.add("2026-10-15", "Assigned", "zhujian", due_on=date(2026, 10, 22))
    case.add("2026-10-16", "Accepted", "zhujian", who=HANDLER)
    resolved = case.add("2026-10-21", "Resolved", "zhujian", who=HANDLER)
    unhappy = case.add("2026-10-26", "FeedbackGiven", "zhujian", satisfaction="dissatisfied")
    reopened = case.add("2026-10-27", "Reopened", "zhujian")
    units = report(case)
    assert units["zhujian"].entries["dissatisfied"][0].facts == (resolved, unhappy)
    assert units["zhujian"].entries["reopened"][0].facts == (resolved, reopened)
    assert len(units["zhujian"].handlers["h-zj"].entries["reopened"]) == 1
    # Reopened on 10-27, past the 10-22 deadline: overdue from then on, and no progress since.
    assert units["zhujian"].entries["overdue"][0].working_days == 18
    assert units["zhujian"].entries["stalled"][0].facts[0] == reopened


def test_only_facts_up_to_the_moment_and_events_in_the_period_count():
    case = Case()
    case.add("2026-03-02", "Assigned", "chengguan", due_on=date(2026, 3, 16))
    case.add("2026-03-03", "Accepted", "chengguan", who=HANDLER)
    case.add("2026-03-04", "ProgressNoted", "chengguan", who=HANDLER)
    case.add("2026-06-01", "ReminderRecorded", "chengguan")
    before = report(case, moment="2026-05-29")
    after = report(case, moment="2026-06-30")
    assert before["chengguan"].count("reminders") == 0 and after["chengguan"].count("reminders") == 1
    outside = report(case, start="2026-07-01", end="2026-07-31", moment="2026-07-31")
    assert outside["chengguan"].count("reminders") == 0 and outside["chengguan"].count("received") == 0
    assert outside["chengguan"].count("overdue") == 1  # still held, still overdue within July


def test_the_report_as_of_a_day_counts_the_same_working_days_as_reading_it_live_that_evening():
    never_accepted = Case()
    never_accepted.add("2026-09-28", "Assigned", "zhujian", due_on=date(2026, 10, 12))  # a Monday
    as_of_tuesday = Window(date(2026, 1, 1), date(2026, 12, 31), end_of_local_day(date(2026, 9, 29)))
    live_tuesday_evening = Window(date(2026, 1, 1), date(2026, 12, 31), at("2026-09-29", 23))
    for window in (as_of_tuesday, live_tuesday_evening):
        zhujian = tally(never_accepted.facts, window, CALENDAR, ["zhujian"]).units["zhujian"]
        assert zhujian.count("not_accepted") == 0, window  # one working day is still within the limit
        assert [h.working_days for h in zhujian.holdings] == [1], window


def test_a_fact_at_the_exclusive_cutoff_is_not_counted():
    case = Case()
    case.add("2026-09-28", "Assigned", "zhujian", due_on=date(2026, 10, 12))
    reminder = case.add("2026-09-30", "ReminderRecorded", "zhujian")
    cutoff = Window(date(2026, 1, 1), date(2026, 12, 31), reminder.at)
    assert tally(case.facts, cutoff, CALENDAR, ["zhujian"]).units["zhujian"].count("reminders") == 0


def test_a_stall_needs_the_given_number_of_working_days_without_progress():
    case = Case()
    case.add("2026-03-02", "Assigned", "chengguan", due_on=date(2026, 4, 30))
    case.add("2026-03-03", "Accepted", "chengguan", who=HANDLER)
    case.add("2026-03-09", "ProgressNoted", "chengguan", who=HANDLER)  # 4 working days later
    case.add("2026-03-13", "Resolved", "chengguan", who=HANDLER)  # 4 more
    assert report(case, stall_days=5)["chengguan"].count("stalled") == 0
    assert [e.working_days for e in report(case, stall_days=4)["chengguan"].entries["stalled"]] == [4]


def test_units_are_ranked_by_score_then_overdue_days():
    bad, worse = Case(), Case()
    bad.add("2026-10-01", "Assigned", "chengguan", due_on=date(2026, 10, 2))
    bad.add("2026-10-01", "Accepted", "chengguan", who=HANDLER)
    worse.add("2026-10-01", "Assigned", "zhujian", due_on=date(2026, 10, 2))
    worse.add("2026-10-02", "Returned", "zhujian", who=HANDLER)
    units = report(bad, worse)
    ranked = rank_units(list(units.values()))
    assert [u.unit for u in ranked][:2] == ["chengguan", "zhujian"]  # overdue (2) and stalled (1) beat returned (2)
    assert ranked[0].score == 3 and ranked[1].score == 2 and ranked[-1].score == 0


def test_the_score_weighs_reopened_and_dissatisfied_3_overdue_2_and_stalled_1():
    case = Case()
    case.add("2026-10-15", "Assigned", "zhujian", due_on=date(2026, 10, 22))
    case.add("2026-10-16", "Accepted", "zhujian", who=HANDLER)  # one working day later: in time
    case.add("2026-10-21", "Resolved", "zhujian", who=HANDLER)
    case.add("2026-10-26", "FeedbackGiven", "zhujian", satisfaction="dissatisfied")
    case.add("2026-10-27", "Reopened", "zhujian")
    zhujian = report(case)["zhujian"]
    counts = {m: zhujian.count(m) for m in MEASURES if zhujian.count(m)}
    assert counts == {"received": 1, "reopened": 1, "dissatisfied": 1, "overdue": 1, "stalled": 1}
    assert zhujian.score == 3 * 1 + 3 * 1 + 2 * 1 + 1 * 1


def test_a_basically_satisfied_rating_is_not_counted_as_dissatisfied():
    case = Case()
    case.add("2026-10-15", "Assigned", "zhujian", due_on=date(2026, 10, 22))
    case.add("2026-10-16", "Accepted", "zhujian", who=HANDLER)
    case.add("2026-10-21", "Resolved", "zhujian", who=HANDLER)
    case.add("2026-10-26", "FeedbackGiven", "zhujian", satisfaction="basically_satisfied")
    assert report(case)["zhujian"].count("dissatisfied") == 0


def test_events_on_the_first_and_last_day_of_the_period_count():
    case = Case()
    case.add("2026-03-02", "Assigned", "chengguan", due_on=date(2026, 3, 31))
    case.add("2026-03-02", "Accepted", "chengguan", who=HANDLER)
    case.add("2026-03-31", "ReminderRecorded", "chengguan")
    march = report(case, start="2026-03-02", end="2026-03-31", moment="2026-04-01")["chengguan"]
    assert (march.count("received"), march.count("reminders")) == (1, 1)
    later = report(case, start="2026-03-03", end="2026-03-30", moment="2026-04-01")["chengguan"]
    assert (later.count("received"), later.count("reminders")) == (0, 0)


def test_acceptance_on_the_next_working_day_is_in_time_and_the_one_after_is_late():
    in_time, late = Case(), Case()
    in_time.add("2026-10-23", "Assigned", "zhujian", due_on=date(2026, 11, 6))  # a Friday
    in_time.add("2026-10-26", "Accepted", "zhujian", who=HANDLER)  # Monday: the next working day
    late.add("2026-10-23", "Assigned", "ziran", due_on=date(2026, 11, 6))
    late.add("2026-10-27", "Accepted", "ziran", who=HANDLER)  # Tuesday: 2 working days
    units = report(in_time, late)
    assert units["zhujian"].count("accepted_late") == 0
    assert [e.working_days for e in units["ziran"].entries["accepted_late"]] == [2]
