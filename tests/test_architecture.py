"""The house rules of ``monitor/``: which stage may import which, and only through its surface.

Every ``import`` in the package is read with ``ast`` (imports inside functions and
under ``TYPE_CHECKING`` included), so a lazy import cannot slip past a rule.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "monitor"

#: The stage packages; each names its public surface in ``__init__.__all__``.
PACKAGES = ("config", "fetch", "parse", "tone", "store", "shift", "notify", "cli", "cluster")

#: Units (a package, or a root module) and the units they must never import.
_RUNNERS = frozenset({"daemon", "cluster", "replay", "cli"})
FORBIDDEN: Mapping[str, frozenset[str]] = {
    "tone": _RUNNERS | {"store", "fetch", "notify", "pipeline"},
    "shift": _RUNNERS | {"store", "fetch", "notify", "pipeline"},
    "parse": _RUNNERS | {"store", "fetch", "notify", "pipeline"},
    "store": _RUNNERS | {"pipeline", "shift", "notify", "fetch"},
    "config": _RUNNERS | {"store", "fetch", "notify", "pipeline"},
    "notify": _RUNNERS,
    "fetch": _RUNNERS,
    # Cluster mode is a runner beside the daemon: it drives the pipeline; only the CLI
    # starts it.
    "cluster": frozenset({"daemon", "replay", "cli"}),
}
#: Units that import nothing of ours at all.
LEAVES = frozenset({"models", "errors"})


def unit_of(module: str) -> str:
    """``monitor.store.sqlite`` → ``store``; ``monitor.models`` → ``models``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(source: str, module: str) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """(imported module, names imported from it, line) for every import of ``monitor``."""
    package = module if module.count(".") == 1 and module.split(".")[1] in PACKAGES else None
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "monitor":
                    yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = (package or module).split(".")
                base = base if package else base[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] == "monitor":
                yield target, tuple(a.name for a in node.names), node.lineno


def surfaces() -> dict[str, frozenset[str]]:
    out = {}
    for pkg in PACKAGES:
        tree = ast.parse((ROOT / pkg / "__init__.py").read_text(encoding="utf-8"))
        names: frozenset[str] = frozenset()
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
            ):
                assert isinstance(node.value, ast.List)
                names = frozenset(e.value for e in node.value.elts if isinstance(e, ast.Constant))
        out[pkg] = names
    return out


def violations(sources: Mapping[str, str], surface: Mapping[str, frozenset[str]]) -> list[str]:
    """Every broken rule in ``sources`` (module name → source), as readable lines."""
    found = []
    for module, source in sorted(sources.items()):
        unit = unit_of(module)
        for target, names, line in imports(source, module):
            other = unit_of(target)
            where = f"{module}:{line}: imports {target}"
            if other == unit:
                continue
            if unit in LEAVES:
                found.append(f"{where} ({unit} must import nothing of ours)")
            if other in FORBIDDEN.get(unit, ()):
                found.append(f"{where} ({unit} must not import {other})")
            if other in surface:
                if target != f"monitor.{other}":
                    found.append(f"{where} (import {other}'s surface, monitor.{other})")
                hidden = [n for n in names if n not in surface[other]]
                if hidden:
                    found.append(f"{where} ({', '.join(hidden)} not in {other}.__all__)")
    return found


def unit_graph(sources: Mapping[str, str]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, source in sources.items():
        unit = unit_of(module)
        for target, _, _ in imports(source, module):
            if unit_of(target) not in ("", unit):
                graph.setdefault(unit, set()).add(unit_of(target))
    return graph


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (as a path that returns to its start), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


def our_sources() -> dict[str, str]:
    return {module_name(p): p.read_text(encoding="utf-8") for p in ROOT.rglob("*.py")}


def test_every_stage_is_a_package_with_a_surface() -> None:
    surface = surfaces()
    for pkg in PACKAGES:
        assert surface[pkg], f"monitor/{pkg}/__init__.py names no __all__"
        module = importlib.import_module(f"monitor.{pkg}")
        missing = [name for name in surface[pkg] if not hasattr(module, name)]
        assert missing == [], f"monitor.{pkg}.__all__ names what it does not define"
    flat = sorted(p.stem for p in ROOT.glob("*.py"))
    assert flat == [
        "__init__",
        "__main__",
        "daemon",
        "errors",
        "models",
        "pipeline",
        "replay",
    ], "monitor/ holds only the runners, pipeline, models and errors beside the packages"


def test_the_house_keeps_its_rules() -> None:
    assert violations(our_sources(), surfaces()) == []


def test_no_import_cycle_between_modules_or_stages() -> None:
    sources = our_sources()
    assert find_cycle(unit_graph(sources)) is None
    module_graph: dict[str, set[str]] = {}
    for module, source in sources.items():
        for target, names, _ in imports(source, module):
            # ``from monitor.shift import stats`` names a module; otherwise the target is one.
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in sources]
            module_graph.setdefault(module, set()).update(subs or [target])
    cycle = find_cycle(module_graph)
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("monitor.tone.scorer", "from monitor.store import Store\n", "tone must not import store"),
        (
            "monitor.shift.detector",
            "def f():\n    from monitor.notify import enqueue\n",
            "shift must not import notify",
        ),
        ("monitor.models", "from monitor.errors import MonitorError\n", "must import nothing"),
        ("monitor.store.sqlite", "import monitor.pipeline\n", "store must not import pipeline"),
        ("monitor.pipeline", "from monitor.store.sqlite import Store\n", "surface"),
        ("monitor.daemon", "from monitor.store import StoreBase\n", "not in store.__all__"),
    ],
)
def test_the_rules_catch_a_stray_import(module: str, source: str, expected: str) -> None:
    found = violations({module: source}, surfaces())
    assert any(expected in line for line in found), found


def test_a_cycle_is_found() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) is None
