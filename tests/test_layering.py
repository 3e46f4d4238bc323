"""The architecture holds: which layer may import what, and importing creates nothing."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["domain", "application", "infrastructure", "web"]
STDLIB = set(sys.stdlib_module_names)

# Per layer: (allowed module prefixes, or None for "anything not forbidden"; forbidden prefixes).
RULES: dict[str, tuple[set[str] | None, set[str]]] = {
    "domain": (STDLIB | {"domain", "eventsourcing.domain"}, set()),
    "application": (
        STDLIB | {"domain", "application", "eventsourcing"},
        {"infrastructure", "web", "fastapi", "starlette", "jinja2", "psycopg", "sqlite3"},
    ),
    "infrastructure": (None, {"web", "fastapi", "starlette", "jinja2"}),
    "web": (None, set()),
}


def _matches(module: str, prefixes: set[str]) -> bool:
    """Whether module is one of prefixes or inside one of them."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _allowed(module: str, layer: str) -> bool:
    """Whether layer may import module."""
    allowed, forbidden = RULES[layer]
    if _matches(module, forbidden):
        return False
    return allowed is None or _matches(module, allowed)


def _python_files(package: str) -> list[Path]:
    """Every .py file under the package folder, __pycache__ aside."""
    return sorted(p for p in (ROOT / package).rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    """Dotted module name of a file under ROOT."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, list[str]]]:
    """(line, candidate module names) per import; an import is fine if any candidate is allowed."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: list[tuple[int, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, [alias.name]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from x import y` imports x, and x.y when y is a submodule.
            found += [(node.lineno, [f"{base}.{alias.name}", base]) for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and ast.unparse(node.func) in {"importlib.import_module", "import_module", "__import__"}
        ):
            found.append((node.lineno, [node.args[0].value]))
    return found


@pytest.mark.parametrize("layer", PACKAGES)
def test_layer_imports_only_what_it_may(layer):
    files = _python_files(layer)
    assert (ROOT / layer).is_dir(), f"package folder {layer}/ is missing"
    assert files, f"package folder {layer}/ has no .py file"
    violations = []
    for path in files:
        for line, candidates in _imports(path):
            if not any(_allowed(name, layer) for name in candidates):
                violations.append(f"{path.relative_to(ROOT)}:{line} imports {candidates[-1]}")
    assert not violations, f"{layer} breaks the layering:\n" + "\n".join(violations)


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
        assert _python_files(package), f"package folder {package}/ has no .py file"
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    root_var_existed = (ROOT / "var").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GANXIN_")}
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING, *PACKAGES],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(workdir)) == [], "importing created files in the working directory"
    assert root_var_existed or not (ROOT / "var").exists(), "importing created var/ in the repository"
