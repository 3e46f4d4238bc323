"""The project's modules as a graph: who imports what, which area a module belongs to, its cycles.

tests/test_layering.py states the rules on this graph; the area list lives here, in one place.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGES = ["domain", "application", "infrastructure", "web"]

# The areas: every layer has one package per area, under the same name (docs/ARCHITECTURE.md).
AREAS = {"cases", "visits", "registry", "calendar", "accounts", "task_forces", "projects", "findings"}
AREAS |= {"accountability", "audit", "shared"}
# Packages that sit where areas sit but are not areas: the demo loader, the CLI, the projection engine.
OTHER_PACKAGES = {
    "domain": set(),
    "application": {"scenario"},
    "web": {"cli"},
    # engine: what every read model shares; case_history: the temporal read model of cases (rm_case_versions),
    # which the cases' and the projects' "as of" views both read, so it belongs to neither area alone.
    "infrastructure.projections": {"engine", "case_history"},
}
# Packages that group area packages rather than being one: each package below them is a unit of its own.
# infrastructure.wiring, the composition root, is one module per concern, each its own unit: a light command
# (the offline bundle check) imports wiring.offline without wiring.services and its database code.
CONTAINERS = {"infrastructure.projections", "infrastructure.wiring"}
# Areas any module may reach into: `shared` holds small independent helpers (errors, dates, text, clock),
# and funnelling them through one __init__ would only make every area import all of them.
OPEN_AREAS = {"shared"}


def python_files(package: str) -> list[Path]:
    """Every .py file under the package folder, __pycache__ aside."""
    return sorted(p for p in (ROOT / package).rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    """Dotted module name of a file under ROOT."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@dataclass(frozen=True)
class Import:
    """One imported name: candidates are the modules it may be, most specific first."""

    line: int
    candidates: list[str]
    type_only: bool  # under `if TYPE_CHECKING:`


def is_type_checking(test: ast.expr) -> bool:
    """Whether an `if` test is `TYPE_CHECKING` or `typing.TYPE_CHECKING`."""
    return ast.unparse(test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def parse_imports(path: Path) -> list[Import]:
    """Every import of the file, at any depth (functions, classes, `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    type_only_nodes: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and is_type_checking(node.test):
            type_only_nodes.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    found: list[Import] = []
    for node in ast.walk(tree):
        type_only = id(node) in type_only_nodes
        if isinstance(node, ast.Import):
            found += [Import(node.lineno, [alias.name], type_only) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from x import y` imports x, and x.y when y is a submodule.
            found += [Import(node.lineno, [f"{base}.{alias.name}", base], type_only) for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and ast.unparse(node.func) in {"importlib.import_module", "import_module", "__import__"}
        ):
            found.append(Import(node.lineno, [node.args[0].value], type_only))
    return found


def project_modules() -> dict[str, Path]:
    """Every module of the four layers by dotted name."""
    return {module_name(path): path for package in PACKAGES for path in python_files(package)}


def imported_module(candidates: list[str], modules: dict[str, Path]) -> str | None:
    """The project module an import loads, or None for the standard library and third parties."""
    return next((name for name in candidates if name in modules), None)


def where(path: Path, line: int) -> str:
    """path:line relative to the repository."""
    return f"{path.relative_to(ROOT)}:{line}"


def unit_of(module: str) -> str:
    """The package whose __init__ is the public face of module: `domain.cases` for `domain.cases.case`.

    It is the package right below the layer (below a container such as infrastructure.projections); a
    module directly in a layer or container (infrastructure.settings, web.deps) is a unit of its own.
    """
    parts = module.split(".")
    depth = 2
    if ".".join(parts[:2]) in CONTAINERS and len(parts) > 2:
        depth = 3
    return ".".join(parts[:depth])


def reaches_inside(importer: str, target: str) -> bool:
    """Whether importer uses a module inside another unit instead of that unit's package.

    A container's own modules (infrastructure/projections/read_models.py) assemble the units below it, as
    a package's __init__ does its modules: they may import those units' modules (schema, handlers).
    """
    unit = unit_of(target)
    if target == unit or unit_of(importer) == unit:
        return False
    container = unit.rpartition(".")[0]
    if container in CONTAINERS and importer.rpartition(".")[0] == container:
        return False
    return unit.split(".")[-1] not in OPEN_AREAS


def import_graph(modules: dict[str, Path]) -> dict[str, dict[str, int]]:
    """module -> {imported project module: line of the first such import}.

    Imports inside functions count: they run, and a cycle they close fails as soon as the call comes.
    Imports under `if TYPE_CHECKING:` do not: they never run, so they cannot leave a module half
    initialised; the one coupling they hide, the `self: "Ganxin"` back-reference, is caught by
    test_no_self_annotation and test_services_are_not_mixins, and the legitimate use stays possible
    (domain/cases/rules.py checks a `Case` whose methods call those rules).
    """
    graph: dict[str, dict[str, int]] = {name: {} for name in modules}
    for name, path in modules.items():
        for found in parse_imports(path):
            target = imported_module(found.candidates, modules)
            if target and not found.type_only:
                for module in [*outer_packages(target, name, modules), target]:
                    graph[name].setdefault(module, found.line)
    return graph


def outer_packages(target: str, importer: str, modules: dict[str, Path]) -> list[str]:
    """The packages whose __init__ importing target runs first: target's, but not those importer sits in.

    `from domain.cases.case import Case` in application/ runs domain/cases/__init__.py first, so once that
    __init__ re-exports, it counts as imported; inside domain/cases/ the package is already being run.
    """
    parts = target.split(".")
    packages = [".".join(parts[:depth]) for depth in range(1, len(parts))]
    return [p for p in packages if p in modules and importer != p and not importer.startswith(p + ".")]


def reachable(graph: dict[str, dict[str, int]], start: str) -> set[str]:
    """Every module start leads to through one import or more (start itself only through a cycle)."""
    seen: set[str] = set()
    queue = deque(graph[start])
    while queue:
        node = queue.popleft()
        if node not in seen:
            seen.add(node)
            queue.extend(graph[node])
    return seen


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or not (a few hundred modules: no Tarjan needed)."""
    reach = {node: reachable(graph, node) for node in graph}
    groups = {tuple(sorted(m for m in reach[node] if node in reach[m])) for node in graph if node in reach[node]}
    return sorted(list(group) for group in groups)


def shortest_cycle(graph: dict[str, dict[str, int]], group: list[str]) -> list[str]:
    """One shortest cycle through the group's first module, as [a, b, ..., a]."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if child in members and child not in came_from:
                came_from[child] = node
                queue.append(child)
    raise AssertionError(f"no cycle through {start}")


def class_definitions(layer: str) -> list[tuple[Path, ast.ClassDef]]:
    """Every class defined in the layer, nested ones included."""
    return [
        (path, node)
        for path in python_files(layer)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    ]


def base_name(base: ast.expr) -> str:
    """The class name a base expression names: `Generic[T]` -> Generic, `module.Class` -> Class."""
    if isinstance(base, ast.Subscript):
        base = base.value
    return base.attr if isinstance(base, ast.Attribute) else ast.unparse(base)
