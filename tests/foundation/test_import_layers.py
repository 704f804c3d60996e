"""The import rules of ARCHITECTURE.md ("Import layers"), checked on every module of ours.

Three checks, each stated on its own:

1. **Layers.** Each package may import only what its row of :data:`MAY_IMPORT`
   lists; lower layers never import higher ones. Imports are read with
   ``ast`` (imports inside functions count too, ``TYPE_CHECKING`` ones too:
   a type is a dependency).
2. **No cycles.** No module imports one that imports it back, directly or
   through others (function-level imports count: they cycle at run time).
3. **No import-time work.** Importing a module reads no file, lists no
   folder, opens no database, starts no process and opens no socket; each
   module is imported in a fresh process under an audit hook
   (``tests/foundation/import_probe.py``).
"""

from __future__ import annotations

import ast
import graphlib
import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
OURS = ("config", "matchers", "storage", "spiders", "alerts", "crawler", "sandbox")
PRODUCT = ("config", "matchers", "storage", "spiders", "alerts", "crawler")
SHELL = ("crawler.cli", "crawler.schedule")

#: What each package may import of ours (its own package always). The most specific row wins:
#: ``spiders.items`` and ``storage.models`` sit a layer below the rest of their package.
MAY_IMPORT: dict[str, tuple[str, ...]] = {
    "config": (),
    "matchers": (),
    "storage.models": ("config",),
    "storage": ("config",),
    "spiders.items": ("config",),
    "spiders": ("config",),
    "alerts": ("config", "storage", "matchers"),
    "crawler": PRODUCT,
    "crawler.schedule": PRODUCT,
    "crawler.cli": (*PRODUCT, "sandbox"),  # only its sandbox and demo commands: see below
    # sandbox/ stands outside the product like a real shop: it builds every URL, id and
    # page the way the shops do, in code of its own (issue 16)
    "sandbox": ("config",),
}
#: Packages only some modules may import, whatever their row says.
ONLY_IMPORTED_BY: dict[str, tuple[str, ...]] = {
    # the application shell: nothing below it imports it; the CLI drives the scheduler
    "crawler.cli": ("crawler.cli",),
    "crawler.schedule": ("crawler.schedule", "crawler.cli"),
    # of the product, only the CLI's sandbox and demo commands start the sandbox
    "sandbox": ("sandbox", "crawler.cli.sandbox", "crawler.cli.demo"),
}

def under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _row(table: dict[str, tuple[str, ...]], module: str) -> tuple[str, tuple[str, ...]] | None:
    """The most specific entry of ``table`` whose key contains ``module``."""
    keys = [key for key in table if under(module, key)]
    if not keys:
        return None
    key = max(keys, key=len)
    return key, table[key]


def allowed(module: str, target: str) -> bool:
    """May ``module`` import ``target`` (both dotted, ours)?"""
    guarded = _row(ONLY_IMPORTED_BY, target)
    if guarded is not None and not under(module, *guarded[1]):
        return False
    row = _row(MAY_IMPORT, module)
    if row is None:
        return False
    key, may = row
    own = key if key in ("spiders.items", "storage.models") else key.split(".")[0]
    return under(target, own, *may)


@cache
def modules() -> list[tuple[str, Path]]:
    found = []
    for top in OURS:
        for path in sorted((REPO / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            rel = path.relative_to(REPO).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            found.append((".".join(parts), path))
    return found


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join([*base, node.module] if node.module else base)


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports_of(module: str, path: Path) -> list[tuple[int, str]]:
    """Every (line, dotted name) ``module`` imports, anywhere in the file.

    ``from a import b`` yields ``a`` and ``a.b``: ``b`` may be a module.
    """
    out: list[tuple[int, str]] = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            name = _absolute(module, path, node)
            out.append((node.lineno, name))
            out.extend((node.lineno, f"{name}.{alias.name}") for alias in node.names)
    return out


def is_ours(name: str) -> bool:
    return name.split(".")[0] in OURS


def resolve(name: str) -> str | None:
    """Trim ``pkg.mod.Symbol`` to the deepest existing module of ours."""
    parts = name.split(".")
    while parts:
        candidate = REPO.joinpath(*parts)
        if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
            return ".".join(parts)
        parts.pop()
    return None


def _is_module(name: str) -> bool:
    return is_ours(name) and resolve(name) == name


def depends_on(module: str, path: Path) -> set[str]:
    """The modules of ours ``module`` runs when imported or called: the edges of the import graph.

    ``from a import b`` depends on ``a.b`` when that is a module, else on ``a``;
    a package a module is inside is not counted (Python imports it first, but
    the module does not ask for it).
    """
    found: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, path, node)
            names = [
                f"{base}.{alias.name}" if _is_module(f"{base}.{alias.name}") else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            target = resolve(name) if is_ours(name) else None
            if target is not None and target != module:
                found.add(target)
    return found


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle of ``graph``, each reported once: find one, cut its closing edge, look again."""
    edges = {node: set(targets) for node, targets in graph.items()}
    cycles: list[list[str]] = []
    while True:
        try:
            graphlib.TopologicalSorter(edges).prepare()
        except graphlib.CycleError as error:
            cycle: list[str] = error.args[1]  # [a, ..., a]: each node depends on the next one's
            cycles.append(list(reversed(cycle)))  # read as "a imports b imports ... a"
            edges[cycle[1]].discard(cycle[0])
            continue
        return cycles


def _cycle_key(cycle: list[str]) -> str:
    """The cycle's text, started at its smallest module, so the same cycle reads the same."""
    ring = cycle[:-1]
    start = ring.index(min(ring))
    ring = ring[start:] + ring[:start]
    return " -> ".join([*ring, ring[0]])


# ----- 1. layers -----------------------------------------------------------------------------


def test_layer_rules_themselves() -> None:
    assert allowed("matchers.score", "matchers.normalise")
    assert not allowed("matchers.score", "config")
    assert allowed("storage.alerts", "config")
    assert not allowed("storage.alerts", "alerts.evidence")
    assert not allowed("storage.models", "storage.session")
    assert allowed("storage.session", "storage.models")
    assert allowed("spiders.base", "spiders.items")
    assert allowed("spiders.base", "config")
    assert not allowed("spiders.items", "spiders.base")
    assert not allowed("spiders.shopee", "matchers")
    assert not allowed("spiders.shopee", "storage.models")
    assert not allowed("spiders.base", "crawler.settings")
    assert allowed("alerts.followup", "spiders") is False
    assert allowed("crawler.pipelines", "matchers")
    assert allowed("crawler.ingest", "spiders.items")
    assert not allowed("crawler.pipelines", "crawler.cli.scan")
    assert not allowed("crawler.scan", "crawler.schedule")
    assert allowed("crawler.cli.schedule", "crawler.schedule.service")
    assert not allowed("crawler.schedule.jobs", "crawler.cli")
    assert allowed("crawler.cli.demo", "sandbox.server")
    assert not allowed("crawler.cli.alerts", "sandbox.server")
    assert not allowed("crawler.scan", "sandbox.server")
    assert not allowed("alerts.followup", "sandbox")
    assert not allowed("sandbox.server", "crawler.cli")
    assert not allowed("sandbox.server", "storage")
    assert not allowed("sandbox.shops.shopee", "alerts")
    assert not allowed("sandbox.shops.olx", "spiders.parsers.olx")
    assert not allowed("sandbox.shops.tokopedia", "spiders.parsers.page_signals")
    assert not allowed("sandbox.server", "spiders.items")
    assert allowed("sandbox.server", "config")
    assert not allowed("config.loader", "storage")
    # chip provenance (issue 19): alerts may use storage, matchers and config, never the reverse
    assert allowed("alerts.provenance.ledger_import", "storage.ledger")
    assert allowed("alerts.provenance.ledger_rows", "matchers")
    assert allowed("alerts.provenance.ledger_file", "config.settings")
    assert not allowed("storage.ledger", "alerts.provenance.ledger_rows")
    assert not allowed("matchers.identifiers", "alerts.provenance.regions")
    assert not allowed("alerts.provenance.trace", "crawler.cli.ledger")


def test_the_walk_sees_the_ledger_modules() -> None:
    found = {m for m, _ in modules()}
    assert {"alerts.provenance.ledger_import", "alerts.provenance.matching", "alerts.provenance.regions",
            "storage.ledger", "crawler.cli.ledger"} <= found


@pytest.mark.parametrize(("module", "path"), modules(), ids=lambda v: str(v))
def test_module_respects_layers(module: str, path: Path) -> None:
    bad = []
    for lineno, name in imports_of(module, path):
        if not is_ours(name):
            continue
        target = resolve(name)
        if target is None or target == module:
            continue
        if target == "crawler" and module.startswith("crawler"):
            continue
        if not allowed(module, target):
            bad.append(f"{path.relative_to(REPO)}:{lineno} imports {target}")
    assert not bad, "import crosses a layer the wrong way:\n" + "\n".join(bad)


def _imports_of_ours(module: str, path: Path) -> set[str]:
    found = set()
    for _lineno, name in imports_of(module, path):
        target = resolve(name) if is_ours(name) else None
        if target is not None and target != module:
            found.add(target)
    return found


def test_sandbox_shares_no_code_with_the_product() -> None:
    """Both directions of ARCHITECTURE.md's sandbox row, stated on their own."""
    found = modules()
    sandbox_modules = [(m, p) for m, p in found if under(m, "sandbox")]
    assert len(sandbox_modules) > 10  # the walk really sees the sandbox
    for module, path in sandbox_modules:
        product = {t for t in _imports_of_ours(module, path) if not under(t, "sandbox", "config")}
        assert not product, f"{module} imports {sorted(product)}"
    users = {m for m, p in found if not under(m, "sandbox")
             and any(under(t, "sandbox") for t in _imports_of_ours(m, p))}
    assert users <= {"crawler.cli.sandbox", "crawler.cli.demo"}, (
        f"only the CLI's sandbox and demo commands may import sandbox: {users}"
    )


# ----- 2. cycles -----------------------------------------------------------------------------


def test_cycle_finder_reports_each_cycle() -> None:
    graph = {"a": {"b"}, "b": {"a", "c"}, "c": {"d"}, "d": {"c"}, "e": {"a"}}
    found = sorted(_cycle_key(c) for c in import_cycles(graph))
    assert found == ["a -> b -> a", "c -> d -> c"]
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert [_cycle_key(c) for c in import_cycles({"x": {"y"}, "y": {"z"}, "z": {"x"}})] == [
        "x -> y -> z -> x"
    ]


def test_dependencies_name_submodules_not_their_package() -> None:
    """``from spiders.parsers import olx`` depends on the parser, not on ``spiders/parsers/__init__``."""
    deps = depends_on("spiders.olx", REPO / "spiders" / "olx.py")
    assert "spiders.parsers.olx" in deps and "spiders.parsers" not in deps


def test_no_import_cycles() -> None:
    graph = {module: depends_on(module, path) for module, path in modules()}
    assert sum(len(targets) for targets in graph.values()) > 300  # the walk really sees imports
    cycles = {_cycle_key(cycle) for cycle in import_cycles(graph)}
    assert not cycles, "modules import each other (break the cycle):\n" + "\n".join(sorted(cycles))


# ----- 3. import-time work -------------------------------------------------------------------


def _libraries() -> list[str]:
    """Every module outside ours that our modules import (the probe loads them before forking).

    ``from a import b`` lists ``a.b`` as well: ``b`` may be a submodule that
    ``import a`` does not load (``from aiohttp import web``); the probe skips
    the names that turn out to be symbols.
    """
    names: set[str] = set()
    for module, path in modules():
        for _lineno, name in imports_of(module, path):
            if name and not is_ours(name) and name.split(".")[0] != "__future__":
                names.add(name)
    return sorted(names)


def _run_probe(repo: Path, tops: list[str], modules: list[str], libraries: list[str],
               cwd: Path) -> dict[str, Any]:
    request = {"repo": str(repo), "tops": tops, "modules": modules, "libraries": libraries}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("import_probe.py"))],
        input=json.dumps(request), capture_output=True, text=True, timeout=600,
        cwd=cwd,  # a relative read lands outside every root
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_probe_sees_work_and_charges_the_module_that_does_it(tmp_path: Path) -> None:
    """The probe on a made-up package: each kind of import-time work is seen, and charged right."""
    package = tmp_path / "repo" / "sample"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "settings.toml").write_text("x = 1\n")
    (package / "reads.py").write_text(
        "from pathlib import Path\nTEXT = Path(__file__).with_name('settings.toml').read_text()\n")
    (package / "relative.py").write_text("import os\nFOUND = os.path.exists('x') or open('x', 'w')\n")
    (package / "starts.py").write_text("import subprocess\nsubprocess.run(['true'])\n")
    (package / "connects.py").write_text(
        "import socket\ns = socket.socket()\ntry:\n    s.connect(('127.0.0.1', 9))\n"
        "except OSError:\n    pass\nfinally:\n    s.close()\n")
    (package / "db.py").write_text("import sqlite3\nsqlite3.connect(':memory:').close()\n")
    (package / "calls.py").write_text("def load():\n    return open(__file__).read()\n")
    (package / "user.py").write_text("from sample import calls\nfrom sample import reads\nX = calls.load()\n")
    (package / "lazy.py").write_text("def later():\n    return open(__file__).read()\n")
    names = ["reads", "relative", "starts", "connects", "db", "calls", "user", "lazy"]
    found = _run_probe(tmp_path / "repo", ["sample"], [f"sample.{n}" for n in names],
                       ["pathlib", "socket", "sqlite3", "subprocess"], tmp_path)
    assert found["errors"] == {} and found["library_errors"] == {}
    events = found["events"]
    assert any("settings.toml" in e for e in events["sample.reads"])
    assert any(e.startswith("open x") for e in events["sample.relative"])
    assert any(e.startswith("subprocess.Popen") for e in events["sample.starts"])
    assert any(e.startswith("socket.connect") for e in events["sample.connects"])
    assert any(e.startswith("sqlite3.connect") for e in events["sample.db"])
    # the module whose top level called the reading function is charged, not the function's home
    assert any("calls.py" in e for e in events["sample.user"])
    assert "sample.calls" not in events and "sample.lazy" not in events


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What importing each module did (run once: one process forking a child per module)."""
    return _run_probe(
        REPO, list(OURS), [m for m, _ in modules() if not m.endswith("__main__")], _libraries(),
        tmp_path_factory.mktemp("import-probe"),
    )


def test_probe_starts_from_none_of_our_code(probe: dict[str, Any]) -> None:
    assert probe["preloaded_ours"] == [], "a library imported our modules before the probe"
    assert probe["library_errors"] == {}, "libraries our modules import do not import"


@pytest.mark.parametrize(
    "module", [m for m, _ in modules() if not m.endswith("__main__")], ids=str
)
def test_importing_does_no_work(module: str, probe: dict[str, Any]) -> None:
    assert module not in probe["errors"], f"{module} does not import alone:\n{probe['errors'][module]}"
    events = probe["events"].get(module, [])
    assert not events, (
        f"importing {module} does work at import time (move it into a function):\n"
        + "\n".join(events)
    )
