"""The district's list of obstruction behaviours (中梗阻问题表现) that inspectors' findings are classified under.

Admins keep it: items are added, renamed and retired, never deleted, so old findings keep pointing at
the item they were classified under and show its current name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.registry import NAMESPACE, check_key
from domain.shared.actor import Actor
from domain.shared.errors import DomainError, IllegalTransition, InvalidValue
from domain.shared.text import check_text

LABEL_MAX = 40
FIELD, BEHAVIOUR = "field", "behaviour"
KINDS = {FIELD: "领域", BEHAVIOUR: "问题表现"}
# One list per district: a fixed id, so two processes seeding at once collide instead of making two.
TAXONOMY_ID = uuid5(NAMESPACE, "manifestation_taxonomy:ganjingzi")
SEED_FIELDS = (
    ("policy", "落实上级政策"),
    ("investment", "招商引资"),
    ("projects", "项目建设"),
    ("service", "服务群众"),
    ("conduct", "作风建设"),
    ("responsibility", "担当作为"),
)
SEED_BEHAVIOURS = (
    ("poor_execution", "执行不力"),
    ("indifference", "态度冷漠"),
    ("broken_promises", "失信失诺"),
    ("sloth", "作风慵懒"),
    ("lack_of_drive", "担当不足"),
    ("abuse_of_power", "滥用职权"),
    ("dereliction", "失职失责"),
)


class UnknownManifestation(DomainError):
    """The key names no field or behaviour of the list."""

    code = "unknown_manifestation"


class ManifestationRetired(DomainError):
    """The item was retired: old findings keep it, new ones may not choose it."""

    code = "manifestation_retired"


def seed_items() -> list[dict[str, Any]]:
    """The six fields and seven behaviours the district started with."""
    return [{"key": k, "kind": FIELD, "label": label} for k, label in SEED_FIELDS] + [
        {"key": k, "kind": BEHAVIOUR, "label": label} for k, label in SEED_BEHAVIOURS
    ]


class ManifestationTaxonomy(Aggregate):
    """The fields (领域) and behaviours (问题表现) with stable keys; retired items stay known."""

    TOPIC = "ganxin:ManifestationTaxonomy"

    class Event(Aggregate.Event):
        """Base of taxonomy events."""

        TOPIC = "ganxin:ManifestationTaxonomy.Event"

    @staticmethod
    def create_id() -> UUID:
        """The district's one list."""
        return TAXONOMY_ID

    @event("Seeded", topic="ganxin:ManifestationTaxonomy.Seeded")
    def __init__(self, items: list[dict[str, Any]], actor: dict[str, str], timestamp: datetime) -> None:
        self.items: dict[str, dict[str, Any]] = {i["key"]: {**i, "retired": False} for i in items}

    @classmethod
    def seed(cls, actor: Actor, at: datetime) -> ManifestationTaxonomy:
        """The list as the district first published it."""
        return cls(items=seed_items(), actor=actor.as_dict(), timestamp=at)

    # --- reading ------------------------------------------------------------------------------
    def active(self, kind: str) -> list[dict[str, Any]]:
        """The items of a kind that may be chosen now, in the order they were added."""
        return [i for i in self.items.values() if i["kind"] == kind and not i["retired"]]

    def label_of(self, key: str) -> str:
        """An item's current name (its key when unknown)."""
        item = self.items.get(key)
        return item["label"] if item else key

    def item(self, key: str, field: str = "key") -> dict[str, Any]:
        """An item by key, retired or not."""
        item = self.items.get((key or "").strip())
        if item is None:
            raise UnknownManifestation(f"问题表现清单中没有“{key}”", field)
        return item

    def check_choice(self, key: str, kind: str, field: str, kept: frozenset[str] = frozenset()) -> str:
        """A key that names an active item of the kind (or a retired one in `kept`)."""
        item = self.item(key, field)
        if item["kind"] != kind:
            raise UnknownManifestation(f"“{item['label']}”不是{KINDS[kind]}", field)
        if item["retired"] and item["key"] not in kept:
            raise ManifestationRetired(f"“{item['label']}”已停用，不能再选择", field)
        return str(item["key"])

    def check_classification(
        self, field_key: str, behaviours: list[str], kept: frozenset[str] = frozenset()
    ) -> tuple[str, list[str]]:
        """One active field and one or more active behaviours, each once.

        `kept` are the items an amended finding already carries: retiring an item must not lock old
        findings against correction, so those stay acceptable there; newly chosen retired items do not.
        """
        if not (field_key or "").strip():
            raise InvalidValue("请选择领域", "field")
        field_key = self.check_choice(field_key, FIELD, "field", kept)
        chosen = list(dict.fromkeys(b.strip() for b in behaviours if b and b.strip()))
        if not chosen:
            raise InvalidValue("请至少选择一项问题表现", "behaviours")
        return field_key, [self.check_choice(b, BEHAVIOUR, "behaviours", kept) for b in chosen]

    # --- changing -----------------------------------------------------------------------------
    def _check_label(self, label: str, kind: str) -> str:
        label = check_text(label, "label", "名称", LABEL_MAX)
        if any(i["label"] == label for i in self.active(kind)):
            raise InvalidValue(f"{KINDS[kind]}“{label}”已存在", "label")
        return label

    def add_item(self, kind: str, key: str, label: str, actor: Actor, at: datetime) -> None:
        """A new field or behaviour; its key is never reused, not even after retirement."""
        if kind not in KINDS:
            raise InvalidValue(f"类型只能是：{'、'.join(f'{v}（{k}）' for k, v in KINDS.items())}", "kind")
        key = check_key(key, "key", "条目")
        if key in self.items:
            raise InvalidValue(f"代码“{key}”已被“{self.items[key]['label']}”使用", "key")
        self._item_added(key=key, kind=kind, label=self._check_label(label, kind), actor=actor.as_dict(), timestamp=at)

    @event("ItemAdded", topic="ganxin:ManifestationTaxonomy.ItemAdded")
    def _item_added(self, key: str, kind: str, label: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.items[key] = {"key": key, "kind": kind, "label": label, "retired": False}

    def rename_item(self, key: str, label: str, actor: Actor, at: datetime) -> None:
        """A clearer name; findings classified under it show the new one."""
        item = self.item(key)
        if item["retired"]:
            raise IllegalTransition(f"“{item['label']}”已停用，不能改名", "key")
        label = check_text(label, "label", "名称", LABEL_MAX)
        if label == item["label"]:
            raise InvalidValue(f"名称与现名“{label}”相同", "label")
        self._item_renamed(
            key=item["key"],
            label=self._check_label(label, item["kind"]),
            previous=item["label"],
            actor=actor.as_dict(),
            timestamp=at,
        )

    @event("ItemRenamed", topic="ganxin:ManifestationTaxonomy.ItemRenamed")
    def _item_renamed(self, key: str, label: str, previous: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.items[key]["label"] = label

    def retire_item(self, key: str, reason: str, actor: Actor, at: datetime) -> None:
        """No longer offered for new findings; old findings keep it."""
        item = self.item(key)
        if item["retired"]:
            raise IllegalTransition(f"“{item['label']}”已停用", "key")
        if len(self.active(item["kind"])) == 1:
            raise IllegalTransition(f"“{item['label']}”是最后一项{KINDS[item['kind']]}，不能停用", "key")
        self._item_retired(
            key=item["key"], reason=check_text(reason, "reason", "停用理由"), actor=actor.as_dict(), timestamp=at
        )

    @event("ItemRetired", topic="ganxin:ManifestationTaxonomy.ItemRetired")
    def _item_retired(self, key: str, reason: str, actor: dict[str, str], timestamp: datetime) -> None:
        self.items[key]["retired"] = True
