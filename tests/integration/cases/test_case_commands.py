"""Use cases on real databases: atomic visits, version conflicts, nothing saved on bad input."""

import threading
from datetime import date, timedelta
from uuid import uuid4

import pytest

from application.cases.ports import CaseFilter
from application.registry.commands import EnterpriseDetails
from application.shared.access import Principal
from application.shared.errors import Forbidden, NotFound, ValidationFailed, VersionConflict
from application.visits.commands import ProblemInput, VisitInput
from domain.shared.actor import Actor
from domain.shared.errors import IllegalTransition, InvalidValue
from tests.support.app import CADRE, DISPATCH, HUARUN, handler, log_problems


def event_count(ganxin) -> int:
    return ganxin.store.event_log.recorder.max_notification_id() or 0


def test_a_visit_with_two_problems_creates_both_cases_and_the_enterprise(ganxin):
    ids = log_problems(ganxin, "需迁移树木", "需道路挖掘许可")
    page = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(enterprise_uscc=HUARUN.uscc))
    assert {c.case_id for c in page.items} == set(ids)
    assert {c.enterprise_name for c in page.items} == {HUARUN.name}
    assert ganxin.registry_queries.get_enterprise(HUARUN.uscc).street == "中华路街道"


def test_one_bad_problem_among_three_creates_nothing(ganxin):
    before = event_count(ganxin)
    visit = VisitInput(
        "visit",
        date(2026, 4, 8),
        HUARUN,
        [ProblemInput("市政配套", "问题一"), ProblemInput("市政配套", ""), ProblemInput("用工", "问题三")],
    )
    with pytest.raises(ValidationFailed) as caught:
        ganxin.visits.log_visit(CADRE, visit)
    assert [e.field for e in caught.value.errors] == ["problems[1].description"]
    assert event_count(ganxin) == before
    assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter()).total == 0


@pytest.mark.parametrize(
    "change, field",
    [
        (dict(enterprise=EnterpriseDetails("91310115MA1H8R7C6D", "某公司", "中华路街道")), "uscc"),
        (
            dict(enterprise=EnterpriseDetails("91440300100016868X"[:0] + "9144030010001686XA", "", "")),
            "enterprise_name",
        ),
        (dict(channel="telegram"), "channel"),
        (dict(occurred_on=date(2026, 4, 9)), "occurred_on"),
    ],
)
def test_bad_visit_fields_are_named_and_nothing_is_saved(ganxin, change, field):
    before = event_count(ganxin)
    values = dict(
        channel="visit", occurred_on=date(2026, 4, 8), enterprise=HUARUN, problems=[ProblemInput("市政配套", "问题")]
    )
    values.update(change)
    with pytest.raises(ValidationFailed) as caught:
        ganxin.visits.log_visit(CADRE, VisitInput(**values))
    assert field in [e.field for e in caught.value.errors]
    assert all(not e.message.isascii() for e in caught.value.errors)
    assert event_count(ganxin) == before


def test_unknown_unit_is_refused_before_anything_is_saved(ganxin):
    (case_id,) = log_problems(ganxin, "问题")
    version = ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    before = event_count(ganxin)
    with pytest.raises(InvalidValue) as caught:
        ganxin.cases.assign_case(case_id, version, DISPATCH, lead_unit="nonexistent", working_days=5)
    assert caught.value.field == "lead_unit" and event_count(ganxin) == before


def test_stale_version_is_a_conflict_with_the_current_version(ganxin):
    (case_id,) = log_problems(ganxin, "问题")
    ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    with pytest.raises(VersionConflict) as caught:
        ganxin.cases.classify_case(case_id, 1, DISPATCH, "special")
    assert caught.value.current_version == 2
    assert [h.type for h in ganxin.case_queries.case_history(DISPATCH, case_id)] == ["Logged", "Classified"]


def test_concurrent_actions_one_wins_one_conflicts_and_history_has_no_gap(ganxin):
    (case_id,) = log_problems(ganxin, "问题")
    version = ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    version = ganxin.cases.assign_case(case_id, version, DISPATCH, lead_unit="zhujian", working_days=5)
    barrier, outcomes = threading.Barrier(2), []

    def note(text):
        barrier.wait()
        try:
            outcomes.append(ganxin.cases.record_reminder(case_id, version, DISPATCH, text))
        except VersionConflict as conflict:
            outcomes.append(conflict)

    threads = [threading.Thread(target=note, args=(t,)) for t in ("催办一", "催办二")]
    [t.start() for t in threads]
    [t.join(timeout=30) for t in threads]
    assert sorted(type(o).__name__ for o in outcomes) == ["VersionConflict", "int"]
    assert [h.version for h in ganxin.case_queries.case_history(DISPATCH, case_id)] == [1, 2, 3, 4]
    assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter()).items[0].version == 4


def test_illegal_action_saves_nothing(ganxin):
    (case_id,) = log_problems(ganxin, "问题")
    with pytest.raises(IllegalTransition):
        ganxin.cases.close_case(case_id, 1, DISPATCH, "")
    assert len(ganxin.case_queries.case_history(DISPATCH, case_id)) == 1


def test_unknown_case_is_not_found(ganxin):
    with pytest.raises(NotFound):
        ganxin.case_queries.get_case(DISPATCH, uuid4())


def test_recorded_time_comes_from_the_clock_and_the_list_follows_at_once(ganxin, clock):
    (case_id,) = log_problems(ganxin, "问题")
    clock.advance(timedelta(days=1))
    ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    history = ganxin.case_queries.case_history(DISPATCH, case_id)
    assert history[1].at - history[0].at == timedelta(days=1)
    row = ganxin.case_queries.list_cases(DISPATCH, CaseFilter()).items[0]
    assert row.last_activity_at == history[1].at and row.version == 2


def test_assignment_deadline_counts_working_days_after_the_day(ganxin):
    (case_id,) = log_problems(ganxin, "问题")
    version = ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    ganxin.cases.assign_case(case_id, version, DISPATCH, lead_unit="zhujian", working_days=10)
    row = ganxin.case_queries.list_cases(DISPATCH, CaseFilter(lead_unit="zhujian")).items[0]
    assert row.due_on == date(2026, 4, 22) and row.lead_unit_name == "区住房和城乡建设局"


def test_text_filter_is_literal(ganxin):
    log_problems(ganxin, "100%_完成 的问题", "另一个问题")
    assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter(text="100%_")).total == 1
    assert ganxin.case_queries.list_cases(DISPATCH, CaseFilter(text="%")).total == 1


def test_only_the_logging_cadre_records_feedback(ganxin):
    """No unit rates its own work: a cadre of the lead unit may not record the enterprise's rating."""
    (case_id,) = log_problems(ganxin, "问题")
    version = ganxin.cases.classify_case(case_id, 1, DISPATCH, "immediate")
    version = ganxin.cases.assign_case(case_id, version, DISPATCH, lead_unit="zhujian", working_days=5)
    version = ganxin.cases.accept_case(case_id, version, handler("zhujian"))
    version = ganxin.cases.resolve_case(case_id, version, handler("zhujian"), "已解决")
    same_unit_cadre = Principal(Actor("cadre-zhujian", "住建局干部", "cadre"), unit="zhujian")
    with pytest.raises(Forbidden):
        ganxin.cases.give_feedback(case_id, version, same_unit_cadre, "satisfied")
    assert ganxin.cases.give_feedback(case_id, version, CADRE, "satisfied") == version + 1
