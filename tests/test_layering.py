"""The architecture holds: which layer may import what, no import cycle, areas behind their packages' names."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from tests.support.module_graph import (
    AREAS,
    OTHER_PACKAGES,
    PACKAGES,
    ROOT,
    base_name,
    class_definitions,
    import_graph,
    imported_module,
    parse_imports,
    project_modules,
    python_files,
    reaches_inside,
    shortest_cycle,
    strongly_connected,
    unit_of,
    where,
)

STDLIB = set(sys.stdlib_module_names)

# Standard modules that talk to the world: files and the OS, network, databases, processes and threads, the
# clock. The domain is given every outside fact (today, ids, file contents) by the application, so its rules
# are deterministic and tested without fakes. (`logging`, `io` and `zoneinfo` stay allowed: the host
# configures logging, io.StringIO is pure, zoneinfo only reads the tz database.) Third-party drivers need no
# entry: the domain may import no third party but eventsourcing.domain.
FILES_AND_OS = {"os", "pathlib", "shutil", "tempfile", "glob", "fileinput", "mmap", "signal"}
NETWORK = {"socket", "ssl", "select", "selectors", "asyncio", "socketserver", "http", "urllib", "webbrowser"}
MAIL_AND_RPC = {"ftplib", "smtplib", "poplib", "imaplib", "xmlrpc", "wsgiref"}
STORAGE = {"sqlite3", "dbm", "shelve"}
PROCESSES_AND_CLOCK = {"subprocess", "multiprocessing", "concurrent", "threading", "time"}
IO_MODULES = FILES_AND_OS | NETWORK | MAIL_AND_RPC | STORAGE | PROCESSES_AND_CLOCK
# What builds storage adapters or talks to a database: infrastructure's job (web may name only the wiring).
DRIVERS = {"psycopg", "psycopg_pool", "eventsourcing.postgres", "eventsourcing.sqlite"}
ADAPTER_MODULES = DRIVERS | {"sqlite3", "socket", "http.client", "urllib.request", "subprocess"}
WEB_FRAMEWORK = {"fastapi", "starlette", "jinja2", "uvicorn", "pydantic"}


@dataclass(frozen=True)
class LayerRule:
    """Which modules a layer may import: `excepted` wins over `forbidden`, which wins over `allowed`."""

    allowed: set[str] | None  # None: anything not forbidden
    forbidden: set[str]
    excepted: frozenset[str] = frozenset()


RULES: dict[str, LayerRule] = {
    "domain": LayerRule(STDLIB | {"domain", "eventsourcing.domain"}, IO_MODULES),
    "application": LayerRule(
        STDLIB | {"domain", "application", "eventsourcing"}, {"infrastructure", "web"} | WEB_FRAMEWORK | ADAPTER_MODULES
    ),
    "infrastructure": LayerRule(None, {"web", "fastapi", "starlette", "jinja2"}),
    "web": LayerRule(
        None,
        {"domain", "infrastructure"} | ADAPTER_MODULES,
        frozenset({"infrastructure.wiring", "infrastructure.settings"}),
    ),
}
RULE_TEXT = {
    "domain": "the standard library, eventsourcing.domain and domain/ only, and no I/O module",
    "application": "the standard library, eventsourcing, domain/ and application/ only, no adapter",
    "infrastructure": "anything but web/ and the web framework",
    "web": "of the project only application/, infrastructure.wiring, infrastructure.settings and web/;"
    " no storage adapter",
}
MAX_LINES = {"domain": 300, "application": 250, "infrastructure": 300, "web": 300}
MAX_PUBLIC_METHODS = 20
SERVICE_LAYERS = ["application"]  # where classes are plain services: no mixins, no `self: "X"`


def _matches(module: str, prefixes: set[str] | frozenset[str]) -> bool:
    """Whether module is one of prefixes or inside one of them."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _allowed(module: str, layer: str) -> bool:
    """Whether layer may import module."""
    rule = RULES[layer]
    if _matches(module, rule.excepted):
        return True
    if _matches(module, rule.forbidden):
        return False
    return rule.allowed is None or _matches(module, rule.allowed)


def _imports(path: Path) -> list[tuple[int, list[str]]]:
    """(line, candidate module names) per import; an import is fine if any candidate is allowed."""
    return [(found.line, found.candidates) for found in parse_imports(path)]


def _fail_listing(rule: str, offenders: list[str]) -> None:
    """Fail with every offender on its own line, so the message is a to-do list."""
    unique = list(dict.fromkeys(offenders))  # `from x import a, b` is one offence
    if unique:
        pytest.fail(f"{rule}: {len(unique)}\n" + "\n".join(f"  {o}" for o in unique), pytrace=False)


@pytest.mark.parametrize("layer", PACKAGES)
def test_layer_imports_only_what_it_may(layer):
    files = python_files(layer)
    assert (ROOT / layer).is_dir(), f"package folder {layer}/ is missing"
    assert files, f"package folder {layer}/ has no .py file"
    violations = []
    for path in files:
        for line, candidates in _imports(path):
            if not any(_allowed(name, layer) for name in candidates):
                violations.append(f"{where(path, line)} imports {candidates[-1]}")
    _fail_listing(f"{layer}/ may import {RULE_TEXT[layer]}; it breaks that", violations)


def test_no_import_cycle():
    modules = project_modules()
    graph = import_graph(modules)
    reports = []
    for group in strongly_connected(graph):
        cycle = shortest_cycle(graph, group)
        steps = [f"    {a} ({where(modules[a], graph[a][b])}) imports {b}" for a, b in pairwise(cycle)]
        reports.append(f"{len(group)} modules import each other: {', '.join(group)}\n" + "\n".join(steps))
    _fail_listing("import cycles (modules that import each other, function-level imports included)", reports)


def test_the_rules_see_what_they_look_for():
    graph = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}, "e": {"e": 5}}
    assert strongly_connected(graph) == [["a", "b", "c"], ["e"]]
    assert shortest_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    assert unit_of("infrastructure.projections.cases.handlers") == "infrastructure.projections.cases"
    assert reaches_inside("application.cases.commands", "domain.cases.case")
    assert not reaches_inside("application.cases.commands", "domain.cases")
    assert not reaches_inside("domain.cases.rules", "domain.cases.case")
    assert not reaches_inside("web.cases.pages", "domain.shared.errors")
    assert not reaches_inside("infrastructure.projections.read_models", "infrastructure.projections.cases.schema")
    assert reaches_inside("infrastructure.wiring.services", "infrastructure.projections.cases.queries")


def test_areas_use_each_others_package_names_only():
    modules = project_modules()
    violations = []
    for name, path in modules.items():
        for found in parse_imports(path):
            target = imported_module(found.candidates, modules)
            if target and reaches_inside(name, target):
                violations.append(f"{where(path, found.line)} imports {target}: import it from {unit_of(target)}")
    _fail_listing(
        "one area imports another's internals (export the name from that package's __init__ and import it"
        " from the package)",
        violations,
    )


@pytest.mark.parametrize("parent", sorted(OTHER_PACKAGES))
def test_packages_are_areas(parent):
    folder = ROOT.joinpath(*parent.split("."))
    found = {p.parent.name for p in folder.glob("*/__init__.py")}
    strangers = sorted(found - AREAS - OTHER_PACKAGES[parent])
    _fail_listing(f"{parent}/ has packages that are no area of {sorted(AREAS)}", strangers)


@pytest.mark.parametrize("layer", PACKAGES)
def test_files_are_short(layer):
    counts = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in python_files(layer)}
    long_files = [f"{path.relative_to(ROOT)}: {n} lines" for path, n in counts.items() if n > MAX_LINES[layer]]
    _fail_listing(f"{layer}/ files over {MAX_LINES[layer]} lines", long_files)


def _public_methods(
    cls: ast.ClassDef, by_name: dict[str, ast.ClassDef], seen: frozenset[str] = frozenset()
) -> set[str]:
    """Public method names of cls, with those it inherits from project classes (found by name)."""
    seen = seen | {cls.name}
    own = {
        f.name for f in cls.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) and not f.name.startswith("_")
    }
    for base in cls.bases:
        name = base_name(base)
        if name in by_name and name not in seen:
            own |= _public_methods(by_name[name], by_name, seen)
    return own


@pytest.mark.parametrize("layer", SERVICE_LAYERS)
def test_classes_have_few_public_methods(layer):
    by_name = {cls.name: cls for package in PACKAGES for _, cls in class_definitions(package)}
    big = [
        f"{where(path, cls.lineno)} {cls.name}: {count} public methods"
        for path, cls in class_definitions(layer)
        if (count := len(_public_methods(cls, by_name))) > MAX_PUBLIC_METHODS
    ]
    _fail_listing(f"{layer}/ classes with more than {MAX_PUBLIC_METHODS} public methods (inherited ones too)", big)


@pytest.mark.parametrize("layer", SERVICE_LAYERS)
def test_no_self_annotation(layer):
    annotated = [
        f"{where(path, node.lineno)} {node.name}(self: {ast.unparse(node.args.args[0].annotation)})"
        for path in python_files(layer)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.args.args
        and node.args.args[0].arg == "self"
        and node.args.args[0].annotation is not None
    ]
    _fail_listing(
        f'`self: "X"` annotations in {layer}/ (a method that needs another class\'s methods should be given'
        " that object)",
        annotated,
    )


def _project_classes() -> dict[str, bool]:
    """Name -> whether every project class of that name is a typing.Protocol."""
    protocol: dict[str, bool] = {}
    for layer in PACKAGES:
        for _, cls in class_definitions(layer):
            is_protocol = "Protocol" in {base_name(b) for b in cls.bases}
            protocol[cls.name] = protocol.get(cls.name, True) and is_protocol
    return protocol


@pytest.mark.parametrize("layer", SERVICE_LAYERS)
def test_services_are_not_mixins(layer):
    protocol = _project_classes()
    mixins = []
    for path, cls in class_definitions(layer):
        bases = [base_name(b) for b in cls.bases]
        own_bases = [b for b in bases if b in protocol and not protocol[b]]
        if len(own_bases) > 1 or cls.name.endswith("Mixin"):
            mixins.append(f"{where(path, cls.lineno)} {cls.name}({', '.join(own_bases)})")
    _fail_listing(
        f"mixin classes in {layer}/ (several project base classes; give a service its collaborators in its"
        " constructor instead)",
        mixins,
    )


IMPORT_EVERYTHING = """
import importlib, pkgutil, sys
for name in sys.argv[1:]:
    package = importlib.import_module(name)
    def fail(module):
        raise ImportError(f"cannot import {module}")
    for info in pkgutil.walk_packages(package.__path__, name + ".", onerror=fail):
        importlib.import_module(info.name)
print("imported", len([m for m in sys.modules if m.split(".")[0] in sys.argv[1:]]), "modules")
"""


def test_importing_every_module_creates_nothing(tmp_path):
    for package in PACKAGES:
        assert (ROOT / package).is_dir(), f"package folder {package}/ is missing"
        assert python_files(package), f"package folder {package}/ has no .py file"
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    root_var_existed = (ROOT / "var").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GANXIN_")}
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING, *PACKAGES],
        cwd=workdir,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(workdir)) == [], "importing created files in the working directory"
    assert root_var_existed or not (ROOT / "var").exists(), "importing created var/ in the repository"
