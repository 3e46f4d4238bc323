"""The manifestation list (问题表现清单): exact refusals of adding, renaming, retiring and classifying."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.findings.manifestation import TAXONOMY_ID, ManifestationRetired, ManifestationTaxonomy, UnknownManifestation
from domain.shared.actor import Actor
from domain.shared.errors import IllegalTransition, InvalidValue
from tests.unit.projects.test_key_project import recorded_by, refused

ADMIN = Actor("admin", "管理员", "admin")
AT = datetime(2026, 4, 8, 1, tzinfo=UTC)
SEEDED_FIELDS = ["落实上级政策", "招商引资", "项目建设", "服务群众", "作风建设", "担当作为"]  # in the seeded order


def seeded() -> ManifestationTaxonomy:
    return ManifestationTaxonomy.seed(ADMIN, AT)


def test_the_seeded_list_has_six_fields_and_seven_behaviours():
    taxonomy = seeded()
    assert (taxonomy.id, ManifestationTaxonomy.create_id()) == (TAXONOMY_ID, TAXONOMY_ID)
    assert [i["label"] for i in taxonomy.active("field")] == SEEDED_FIELDS
    assert [i["key"] for i in taxonomy.active("behaviour")] == [
        "poor_execution",
        "indifference",
        "broken_promises",
        "sloth",
        "lack_of_drive",
        "abuse_of_power",
        "dereliction",
    ]
    assert taxonomy.items["sloth"] == {"key": "sloth", "kind": "behaviour", "label": "作风慵懒", "retired": False}
    assert (taxonomy.label_of("sloth"), taxonomy.label_of("nothing")) == ("作风慵懒", "nothing")
    assert taxonomy.item(" sloth ")["key"] == "sloth"


def test_adding_needs_a_known_kind_a_fresh_key_and_a_free_short_label():
    taxonomy = seeded()
    refused(
        InvalidValue,
        "类型只能是：领域（field）、问题表现（behaviour）",
        "kind",
        taxonomy.add_item,
        "other",
        "x",
        "某项",
        ADMIN,
        AT,
    )
    refused(
        InvalidValue,
        "条目代码只能由小写字母、数字、-、_ 组成（1至40位）",
        "key",
        taxonomy.add_item,
        "behaviour",
        "X Y",
        "某项",
        ADMIN,
        AT,
    )
    refused(
        InvalidValue, "代码“sloth”已被“作风慵懒”使用", "key", taxonomy.add_item, "behaviour", "sloth", "新项", ADMIN, AT
    )
    refused(
        InvalidValue,
        "问题表现“作风慵懒”已存在",
        "label",
        taxonomy.add_item,
        "behaviour",
        "lazy",
        " 作风慵懒 ",
        ADMIN,
        AT,
    )
    refused(
        InvalidValue,
        "名称不能超过40字（当前41字）",
        "label",
        taxonomy.add_item,
        "behaviour",
        "long",
        "长" * 41,
        ADMIN,
        AT,
    )
    refused(InvalidValue, "名称不能为空", "label", taxonomy.add_item, "behaviour", "empty", " ", ADMIN, AT)
    taxonomy.add_item("field", "sloth_field", "作风慵懒", ADMIN, AT)  # the same name as another kind's is fine
    taxonomy.add_item("behaviour", "shirking", " 推诿扯皮 ", ADMIN, AT)
    assert taxonomy.items["shirking"] == {"key": "shirking", "kind": "behaviour", "label": "推诿扯皮", "retired": False}
    assert taxonomy.active("behaviour")[-1]["key"] == "shirking"
    recorded_by(taxonomy, ADMIN, AT)


def test_renaming_keeps_the_key_and_needs_a_new_free_name():
    taxonomy = seeded()
    refused(UnknownManifestation, "问题表现清单中没有“lazy”", "key", taxonomy.rename_item, "lazy", "懒", ADMIN, AT)
    refused(InvalidValue, "名称与现名“作风慵懒”相同", "label", taxonomy.rename_item, "sloth", " 作风慵懒 ", ADMIN, AT)
    refused(InvalidValue, "问题表现“态度冷漠”已存在", "label", taxonomy.rename_item, "sloth", "态度冷漠", ADMIN, AT)
    refused(InvalidValue, "名称不能为空", "label", taxonomy.rename_item, "sloth", "", ADMIN, AT)
    refused(InvalidValue, "名称不能超过40字（当前41字）", "label", taxonomy.rename_item, "sloth", "长" * 41, ADMIN, AT)
    taxonomy.rename_item("sloth", " 作风懒散 ", ADMIN, AT)
    assert taxonomy.label_of("sloth") == "作风懒散"
    renamed = taxonomy.pending_events[-1]
    assert (renamed.key, renamed.label, renamed.previous) == ("sloth", "作风懒散", "作风慵懒")
    recorded_by(taxonomy, ADMIN, AT)
    taxonomy.retire_item("sloth", "合并", ADMIN, AT)
    refused(IllegalTransition, "“作风懒散”已停用，不能改名", "key", taxonomy.rename_item, "sloth", "懒", ADMIN, AT)


def test_retiring_needs_a_reason_and_keeps_one_item_of_each_kind():
    taxonomy = seeded()
    refused(InvalidValue, "停用理由不能为空", "reason", taxonomy.retire_item, "sloth", "", ADMIN, AT)
    taxonomy.retire_item("sloth", " 合并 ", ADMIN, AT)
    assert taxonomy.items["sloth"]["retired"] and taxonomy.pending_events[-1].reason == "合并"
    assert "sloth" not in [i["key"] for i in taxonomy.active("behaviour")]
    refused(IllegalTransition, "“作风慵懒”已停用", "key", taxonomy.retire_item, "sloth", "再停", ADMIN, AT)
    for key in ("policy", "investment", "projects", "service", "conduct"):
        taxonomy.retire_item(key, "精简", ADMIN, AT)
    refused(
        IllegalTransition,
        "“担当作为”是最后一项领域，不能停用",
        "key",
        taxonomy.retire_item,
        "responsibility",
        "精简",
        ADMIN,
        AT,
    )
    recorded_by(taxonomy, ADMIN, AT)


def test_a_classification_is_one_active_field_and_active_behaviours_each_once():
    taxonomy = seeded()
    assert taxonomy.check_classification(" projects ", [" sloth ", "", "sloth", "indifference"]) == (
        "projects",
        ["sloth", "indifference"],
    )
    refused(InvalidValue, "请选择领域", "field", taxonomy.check_classification, " ", ["sloth"])
    refused(InvalidValue, "请至少选择一项问题表现", "behaviours", taxonomy.check_classification, "projects", ["", " "])
    refused(UnknownManifestation, "“作风慵懒”不是领域", "field", taxonomy.check_classification, "sloth", ["sloth"])
    refused(
        UnknownManifestation,
        "“项目建设”不是问题表现",
        "behaviours",
        taxonomy.check_classification,
        "projects",
        ["projects"],
    )
    refused(
        UnknownManifestation,
        "问题表现清单中没有“lazy”",
        "behaviours",
        taxonomy.check_classification,
        "projects",
        ["lazy"],
    )
    taxonomy.retire_item("sloth", "合并", ADMIN, AT)
    taxonomy.retire_item("projects", "合并", ADMIN, AT)
    refused(
        ManifestationRetired,
        "“作风慵懒”已停用，不能再选择",
        "behaviours",
        taxonomy.check_classification,
        "service",
        ["sloth"],
    )
    refused(
        ManifestationRetired,
        "“项目建设”已停用，不能再选择",
        "field",
        taxonomy.check_classification,
        "projects",
        ["indifference"],
    )
    kept = frozenset({"sloth", "projects"})
    assert taxonomy.check_classification("projects", ["sloth"], kept) == ("projects", ["sloth"])
    assert taxonomy.check_choice("sloth", "behaviour", "behaviours", kept) == "sloth"
