"""The package's layout: the rooms of docs/architecture.md, and no circle in the import graph."""

from __future__ import annotations

from pathlib import Path

import grimp

import kapdocs

PACKAGE = Path(kapdocs.__file__).parent
#: The modules allowed at the top of the package, beside its packages (the rooms).
TOP_LEVEL = {"__init__", "__main__", "errors", "model", "pipeline"}


def circles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import one another round a circle (Tarjan's strongly
    connected components), each sorted; one module alone counts only if it imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(imports.get(module, ())):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in imports.get(module, ()):
                found.append(sorted(group))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return found


def kapdocs_imports() -> dict[str, set[str]]:
    """Each kapdocs module → the kapdocs modules it imports (at the top, in a function, or for typing)."""
    graph = grimp.build_graph("kapdocs", cache_dir=None)
    return {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}


def test_no_module_imports_itself_round_a_circle():
    assert circles(kapdocs_imports()) == []


def test_the_circle_finder_finds_circles_and_nothing_else():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": {"c"}, "c": set(), "d": {"a", "c"}}) == []
    assert circles({"a": {"a"}}) == [["a"]]


def test_the_top_of_the_package_holds_only_the_rooms_and_five_modules():
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert modules <= TOP_LEVEL, f"move {sorted(modules - TOP_LEVEL)} into a room (docs/architecture.md)"
