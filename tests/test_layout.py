"""The shape of the code: imports run one way down, with no circle, and every module says
what it is for.

handlers, the CLI, the web server and the scheduler sit on top; below them the /samverkan
dispatcher, then the feature packages, then `bot.core`, then `storage`. A feature may use a
feature below it in `LAYERS`, never one above it, and features on one line are independent of
each other. When two features need each other, the part they share moves down.

Imports inside `if TYPE_CHECKING:` are left out: they never run, they only name types.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "storage")

# Top first. Each line is one layer; the packages on one line may not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("bot.cli",),
    ("bot.web",),
    ("handlers", "bot.scheduler"),
    ("bot.commands",),
    ("bot.registry",),
    ("bot.followup",),
    ("bot.events", "bot.answers"),
    ("bot.core",),
    ("storage",),
)


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(
        *PACKAGES, include_external_packages=False, exclude_type_checking_imports=True
    )


def component(module: str) -> str:
    """The entry of `LAYERS` that `module` belongs to."""
    for layer in LAYERS:
        for name in layer:
            if module == name or module.startswith(name + "."):
                return name
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS")


def rank(name: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if name in layer)


def project_modules() -> list[str]:
    return sorted(m for m in graph().modules if m.split(".")[0] in PACKAGES)


def test_every_module_is_in_a_layer() -> None:
    for module in project_modules():
        if module in ("bot",):
            continue
        component(module)


def test_imports_run_one_way_down() -> None:
    g = graph()
    wrong = []
    for importer in project_modules():
        if importer == "bot":
            continue
        for imported in g.find_modules_directly_imported_by(importer):
            if imported == "bot":
                continue
            a, b = component(importer), component(imported)
            if a != b and rank(a) >= rank(b):
                line = g.get_import_details(importer=importer, imported=imported)[0]
                wrong.append(f"{importer} -> {imported} (line {line['line_number']})")
    assert wrong == [], "imports that run up or sideways:\n" + "\n".join(wrong)


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one member (the circles)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            members = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                members.append(w)
                if w == v:
                    break
            if len(members) > 1:
                circles.append(sorted(members))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return circles


def test_no_import_circle() -> None:
    g = graph()
    modules = project_modules()
    edges = {m: set(g.find_modules_directly_imported_by(m)) & set(modules) for m in modules}
    # a package's __init__ importing its own modules is wiring, not a circle back up
    circles = strongly_connected(edges)
    assert circles == [], f"import circles: {circles}"


def test_the_circle_check_finds_a_circle() -> None:
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def python_files() -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts and "versions" in path.parts:
                continue
            files.append(path)
    return files


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_says_what_it_is_for(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring and docstring.strip(), f"{path.relative_to(ROOT)} has no docstring"
    assert not docstring.startswith("TODO"), f"{path.relative_to(ROOT)}: {docstring[:40]}"


def test_no_module_beside_a_package_of_its_name() -> None:
    twins = [
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if (path.with_suffix("") / "__init__.py").exists()
    ]
    assert twins == []


def test_the_code_imports_nothing_from_the_tests() -> None:
    found = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno}"
                for name in names
                if name == "tests" or name.startswith("tests.")
            ]
    assert found == []
