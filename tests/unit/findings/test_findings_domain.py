"""The rules of findings and of the manifestation list, without any storage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.findings.finding import AlreadyTypical, Citation, Finding, FindingWithdrawn, Subject
from domain.findings.manifestation import (
    BEHAVIOUR,
    FIELD,
    TAXONOMY_ID,
    ManifestationRetired,
    ManifestationTaxonomy,
    UnknownManifestation,
)
from domain.shared.actor import Actor
from domain.shared.errors import IllegalTransition, InvalidValue
from tests.unit.findings.test_manifestation_list import SEEDED_FIELDS

AT = datetime(2026, 10, 8, 2, tzinfo=UTC)
ADMIN = Actor("admin-feng", "冯管理员", "admin")
INSPECTOR = Actor("inspector-zhao", "赵监察", "inspector")
CITED = [Citation("6d3c2f8e-0000-4000-8000-000000000001", "20260408-6D3C2F", (3, 2, 3))]


def taxonomy() -> ManifestationTaxonomy:
    return ManifestationTaxonomy.seed(ADMIN, AT)


def finding(**changes) -> Finding:
    args = {
        "subject": Subject(unit="zhujian"),
        "citations": CITED,
        "classification": ("projects", ["sloth"]),
        "title": "  推诿扯皮  ",
        "description": "两次退回同一问题",
        "actor": INSPECTOR,
        "at": AT,
    }
    return Finding.record(**{**args, **changes})


def test_the_seeded_list_has_the_six_fields_and_seven_behaviours_under_one_fixed_id():
    seeded = taxonomy()
    assert seeded.id == TAXONOMY_ID
    assert [i["label"] for i in seeded.active(FIELD)] == SEEDED_FIELDS
    assert [i["label"] for i in seeded.active(BEHAVIOUR)] == [
        "执行不力",
        "态度冷漠",
        "失信失诺",
        "作风慵懒",
        "担当不足",
        "滥用职权",
        "失职失责",
    ]


def test_items_are_added_renamed_and_retired_but_never_forgotten():
    seeded = taxonomy()
    seeded.add_item(BEHAVIOUR, "buck_passing", " 推诿扯皮 ", ADMIN, AT)
    seeded.rename_item("buck_passing", "推诿塞责", ADMIN, AT)
    seeded.retire_item("buck_passing", "并入失职失责", ADMIN, AT)
    assert seeded.label_of("buck_passing") == "推诿塞责"
    assert "buck_passing" not in [i["key"] for i in seeded.active(BEHAVIOUR)]
    with pytest.raises(ManifestationRetired):
        seeded.check_classification("projects", ["buck_passing"])
    with pytest.raises(InvalidValue, match="已被"):
        seeded.add_item(BEHAVIOUR, "buck_passing", "另一项", ADMIN, AT)  # a retired key is never reused
    with pytest.raises(IllegalTransition, match="已停用"):
        seeded.retire_item("buck_passing", "再次停用", ADMIN, AT)


@pytest.mark.parametrize(
    "kind, key, label, error",
    [
        ("colour", "x", "某项", InvalidValue),
        (FIELD, "Bad Key", "某项", InvalidValue),
        (FIELD, "new_field", "招商引资", InvalidValue),
        (BEHAVIOUR, "b", "", InvalidValue),
        (BEHAVIOUR, "b", "很" * 41, InvalidValue),
    ],
)
def test_bad_items_are_refused(kind, key, label, error):
    with pytest.raises(error):
        taxonomy().add_item(kind, key, label, ADMIN, AT)


def test_the_last_active_item_of_a_kind_cannot_be_retired():
    seeded = taxonomy()
    for key, _ in [(i["key"], 0) for i in seeded.active(FIELD)][1:]:
        seeded.retire_item(key, "合并", ADMIN, AT)
    with pytest.raises(IllegalTransition, match="最后一项"):
        seeded.retire_item("policy", "合并", ADMIN, AT)


def test_a_classification_needs_one_active_field_and_active_behaviours():
    seeded = taxonomy()
    assert seeded.check_classification("service", ["sloth", " sloth", "indifference"]) == (
        "service",
        ["sloth", "indifference"],
    )
    with pytest.raises(UnknownManifestation):
        seeded.check_classification("sloth", ["sloth"])  # a behaviour is not a field
    with pytest.raises(UnknownManifestation):
        seeded.check_classification("service", ["nonsense"])
    with pytest.raises(InvalidValue, match="至少选择"):
        seeded.check_classification("service", [])
    with pytest.raises(InvalidValue, match="领域"):
        seeded.check_classification("", ["sloth"])


def test_retired_items_a_finding_already_carries_stay_acceptable_when_it_is_amended():
    seeded = taxonomy()
    seeded.retire_item("sloth", "并入执行不力", ADMIN, AT)
    seeded.retire_item("service", "并入营商环境", ADMIN, AT)
    kept = frozenset({"service", "sloth"})
    assert seeded.check_classification("service", ["sloth"], kept) == ("service", ["sloth"])
    with pytest.raises(ManifestationRetired):
        seeded.check_classification("service", ["sloth"])  # a new finding may not choose them
    seeded.retire_item("indifference", "合并", ADMIN, AT)
    with pytest.raises(ManifestationRetired):
        seeded.check_classification("service", ["sloth", "indifference"], kept)
    with pytest.raises(UnknownManifestation):
        seeded.check_classification("sloth", ["sloth"], kept)  # kept does not make a behaviour a field


def test_a_finding_is_recorded_with_trimmed_text_and_sorted_unique_versions():
    recorded = finding()
    assert recorded.title == "推诿扯皮"
    assert recorded.citations == [{"case_id": CITED[0].case_id, "case_no": "20260408-6D3C2F", "versions": [2, 3]}]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"subject": Subject()}, "unit"),
        ({"citations": []}, "cases"),
        ({"citations": [CITED[0], CITED[0]]}, "cases"),
        ({"citations": [Citation("x", "n", (0,))]}, "cases"),
        ({"title": "   "}, "title"),
        ({"title": "标" * 101}, "title"),
        ({"description": "a\x00b"}, "description"),
    ],
)
def test_a_bad_finding_is_refused_naming_the_field(changes, field):
    with pytest.raises(InvalidValue) as refused:
        finding(**changes)
    assert refused.value.field == field


def test_amendments_keep_what_they_replaced_and_typical_marking_is_recorded():
    recorded = finding()
    recorded.amend(
        CITED, ("projects", ["sloth", "dereliction"]), "推诿扯皮（修订）", "补充事实", "补充证据", INSPECTOR, AT
    )
    assert recorded.amendments[0]["title"] == "推诿扯皮" and recorded.amendments[0]["reason"] == "补充证据"
    recorded.mark_typical("通报全区", INSPECTOR, AT)
    with pytest.raises(AlreadyTypical):
        recorded.mark_typical("再次", INSPECTOR, AT)
    recorded.unmark_typical("当事单位已整改", INSPECTOR, AT)
    assert not recorded.typical
    with pytest.raises(InvalidValue, match="理由"):
        recorded.amend(CITED, ("projects", ["sloth"]), "t", "d", " ", INSPECTOR, AT)


def test_a_withdrawn_finding_takes_no_more_changes():
    recorded = finding()
    recorded.mark_typical("通报", INSPECTOR, AT)
    recorded.withdraw("证据不足", INSPECTOR, AT)
    assert recorded.withdrawn and not recorded.typical
    with pytest.raises(FindingWithdrawn):
        recorded.mark_typical("再通报", INSPECTOR, AT)
    assert [type(e).__name__ for e in recorded.collect_events()] == ["Recorded", "MarkedTypical", "Withdrawn"]


def test_an_amendment_replaces_everything_and_keeps_what_it_replaced():
    found = finding()
    other = [Citation("6d3c2f8e-0000-4000-8000-000000000002", "20260409-AAAAAA", (5, 1, 5))]
    later = datetime(2026, 10, 9, 2, tzinfo=UTC)
    found.amend(
        other, ("service", ["indifference", "sloth"]), " 态度冷漠 ", " 多次不接电话 ", " 补充事实 ", INSPECTOR, later
    )
    assert (found.citations, found.field, found.behaviours, found.title, found.description) == (
        [{"case_id": "6d3c2f8e-0000-4000-8000-000000000002", "case_no": "20260409-AAAAAA", "versions": [1, 5]}],
        "service",
        ["indifference", "sloth"],
        "态度冷漠",
        "多次不接电话",
    )
    assert found.amendments == [
        {
            "citations": [{"case_id": CITED[0].case_id, "case_no": "20260408-6D3C2F", "versions": [2, 3]}],
            "field": "projects",
            "behaviours": ["sloth"],
            "title": "推诿扯皮",
            "description": "两次退回同一问题",
            "reason": "补充事实",
            "by": INSPECTOR.as_dict(),
            "at": later,
        }
    ]
    with pytest.raises(InvalidValue) as caught:
        found.amend(other, ("service", ["sloth"]), "标题", "事实", " ", INSPECTOR, later)
    assert (caught.value.message, caught.value.field) == ("修改理由不能为空", "reason")
    assert len(found.amendments) == 1


def test_unmarking_a_typical_case_needs_it_marked_and_a_reason():
    found = finding()
    with pytest.raises(AlreadyTypical) as caught:
        found.unmark_typical("理由", INSPECTOR, AT)
    assert caught.value.message == "该认定未列为典型案例"
    found.mark_typical(" 通报曝光 ", INSPECTOR, AT)
    assert (found.typical, found.typical_note) == (True, "通报曝光")
    with pytest.raises(InvalidValue) as empty:
        found.unmark_typical(" ", INSPECTOR, AT)
    assert (empty.value.message, empty.value.field) == ("取消理由不能为空", "reason")
    found.unmark_typical(" 已整改 ", INSPECTOR, AT)
    assert (found.typical, found.typical_note, found.pending_events[-1].reason) == (False, "", "已整改")
    assert all((e.actor, e.timestamp) == (INSPECTOR.as_dict(), AT) for e in found.collect_events())
