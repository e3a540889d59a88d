"""The tree stays readable: no import cycles between eventwire modules, small modules in
every package, and the shared grammar defined once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "src" / "eventwire"
# every folder of the package (the root's own modules as "."): all modules stay small
PACKAGES = sorted({p.parent.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py")})
MAX_LINES = 400


def _module(path: Path) -> str:
    parts = ("eventwire", *path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts).removesuffix(".__init__")


def _runtime_imports(tree: ast.Module) -> set[str]:
    """Modules imported anywhere (also inside functions), except under TYPE_CHECKING."""
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
                and node.test.id == "TYPE_CHECKING":
            type_only.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in ROOT.rglob("*.py")}
    return {name: {d for d in _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
                   if d in files and d != name}
            for name, path in files.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep):], dep]
            if dep not in state and (found := visit(dep)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_no_import_cycle() -> None:
    assert _cycle(_graph()) is None


def test_cycle_finder_can_fail() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("package", PACKAGES)
def test_modules_are_small(package: str) -> None:
    big = {p.name: n for p in (ROOT / package).glob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) >= MAX_LINES}
    assert big == {}


def test_grammar_sets_are_defined_once() -> None:
    """No module but nlp/english.py spells out a set of subject labels."""
    spelled = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py")
               if 'frozenset({"nsubj", "nsubjpass"' in p.read_text(encoding="utf-8")
               or 'frozenset({"nsubj", "csubj"})' in p.read_text(encoding="utf-8")]
    assert spelled == ["nlp/english.py"]


def test_the_version_lives_in_a_leaf_module() -> None:
    """Modules read `__version__` from `eventwire._version` (which imports nothing of
    ours), so no module needs the package root, which imports most of the package."""
    graph = _graph()
    assert graph["eventwire._version"] == set()
    assert not [name for name, deps in graph.items()
                if "eventwire.__version__" in deps or (
                    "eventwire" in deps and name != "eventwire.__main__")]


def test_the_record_imports_nothing_of_ours_not_even_for_types() -> None:
    """`eventwire.model` (the record) imports only the data loader (a leaf: its event types
    are data), also nothing under TYPE_CHECKING, so no module's cycle through it can hide
    behind a type-only import (the entity index lives in nlp/mentions.py, keyed by article,
    not on the record)."""
    tree = ast.parse((ROOT / "model.py").read_text(encoding="utf-8"))
    ours = {node.module for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
            and node.module.split(".")[0] == "eventwire"}
    ours |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names if alias.name.split(".")[0] == "eventwire"}
    assert ours <= {"eventwire.data"}
    assert _graph()["eventwire.data"] == set()
