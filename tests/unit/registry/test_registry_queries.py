"""What the pickers offer: RegistryQueries over an in-memory registry read model (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

from application.registry.ports import EnterpriseSummary, TaskForceSummary, UnitSummary
from application.registry.queries import RegistryQueries

UNITS = [
    UnitSummary("zhujian", "大连市甘井子区住房和城乡建设局", "住建局"),
    UnitSummary("shangwu", "大连市甘井子区商务局", "商务局"),
]
TASK_FORCES = [TaskForceSummary("tf-port", "港口物流专班", "王专班", ["zhujian", "shangwu"])]
HARBOUR = EnterpriseSummary("91210211MA0000001X", "大连港湾物流有限公司", "香炉礁街道", "物流")
BAKERY = EnterpriseSummary("91210211MA0000002Y", "甘井子面包坊", "南关岭街道", "食品")


@dataclass
class InMemoryRegistry:
    """The registry read model as lists; search matches name or credit code, and records the limit asked."""

    units: list[UnitSummary] = field(default_factory=lambda: list(UNITS))
    task_forces: list[TaskForceSummary] = field(default_factory=lambda: list(TASK_FORCES))
    enterprises: list[EnterpriseSummary] = field(default_factory=lambda: [HARBOUR, BAKERY])
    limits: list[int] = field(default_factory=list)

    def list_units(self) -> list[UnitSummary]:
        return list(self.units)

    def list_task_forces(self) -> list[TaskForceSummary]:
        return list(self.task_forces)

    def search_enterprises(self, query: str, limit: int = 10) -> list[EnterpriseSummary]:
        self.limits.append(limit)
        return [e for e in self.enterprises if query in e.name or query in e.uscc][:limit]

    def get_enterprise(self, uscc: str) -> EnterpriseSummary | None:
        return next((e for e in self.enterprises if e.uscc == uscc), None)


def test_the_unit_picker_lists_every_unit_and_names_each_by_its_full_name():
    registry = RegistryQueries(InMemoryRegistry())
    assert [u.short_name for u in registry.list_units()] == ["住建局", "商务局"]
    assert registry.unit_names() == {"zhujian": "大连市甘井子区住房和城乡建设局", "shangwu": "大连市甘井子区商务局"}


def test_the_task_force_picker_lists_every_task_force_with_its_units():
    [port] = RegistryQueries(InMemoryRegistry()).list_task_forces()
    assert (port.name, port.member_units) == ("港口物流专班", ["zhujian", "shangwu"])


def test_no_units_registered_yet_gives_empty_pickers():
    registry = RegistryQueries(InMemoryRegistry(units=[], task_forces=[]))
    assert (registry.list_units(), registry.list_task_forces(), registry.unit_names()) == ([], [], {})


def test_an_enterprise_is_found_by_part_of_its_name_or_of_its_credit_code():
    registry = RegistryQueries(InMemoryRegistry())
    assert registry.search_enterprises("港湾") == [HARBOUR]
    assert registry.search_enterprises("0000002") == [BAKERY]
    assert registry.search_enterprises("不存在") == []


def test_a_search_offers_ten_enterprises_unless_asked_for_fewer():
    reads = InMemoryRegistry()
    registry = RegistryQueries(reads)
    registry.search_enterprises("甘井子")
    assert registry.search_enterprises("912102", limit=1) == [HARBOUR]
    assert reads.limits == [10, 1]


def test_one_enterprise_by_its_credit_code_or_none_when_not_registered():
    registry = RegistryQueries(InMemoryRegistry())
    assert registry.get_enterprise(BAKERY.uscc) == BAKERY
    assert registry.get_enterprise("91210211MA0000009Z") is None
