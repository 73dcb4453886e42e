"""No import cycle between the modules of `tui` (docs/ARCHITECTURE.md, "Checks"), beside `lint-imports`.

import-linter keeps the packages in their layers; a cycle inside one package (two modules that each
import the other, even lazily inside a function or only for type checking) passes its contracts. The
graph comes from grimp, the library import-linter itself reads imports with, so both see the same edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import grimp


def import_graph() -> dict[str, set[str]]:
    """Every module of `tui` with the `tui` modules it imports anywhere in its body."""
    graph = grimp.build_graph("tui")
    return {m: set(graph.find_modules_directly_imported_by(m)) & graph.modules for m in graph.modules}


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (or a module importing itself), sorted.

    Tarjan's algorithm, iterative so that a deep chain of imports cannot hit the recursion limit.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph[node]:
                    found.append(sorted(group))
    return sorted(found)


def test_cycles_are_found() -> None:
    """The check itself sees a lazy two-module cycle and a longer one, and passes a plain chain."""
    graph = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c", "f"}, "f": set(), "g": {"g"}}
    assert cycles(graph) == [["a", "b"], ["c", "d", "e"], ["g"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_graph_holds_lazy_and_type_checking_imports() -> None:
    """The graph is not blind to the imports that make cycles easy to miss."""
    graph = import_graph()
    # `tui.analysis.model` imports the process pool lazily, inside `Analyzer.analyze_many`.
    assert "tui.analysis.pool" in graph["tui.analysis.model"]
    # `tui.analysis.pool` imports `Analysis` only for type checking.
    assert "tui.analysis.types" in graph["tui.analysis.pool"]


def test_no_import_cycle_in_tui() -> None:
    found = cycles(import_graph())
    assert found == [], "import cycles in tui: " + "; ".join(" <-> ".join(group) for group in found)
