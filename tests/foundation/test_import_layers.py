"""Lower layers never import higher ones (ARCHITECTURE.md, "Import layers").

Walks every module of ours with ``ast`` (imports inside functions count too)
and checks each import of our packages against the table below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OURS = ("config", "matchers", "storage", "spiders", "alerts", "crawler", "sandbox")
SHELL = ("crawler.cli", "crawler.schedule")
# sandbox/ stands outside the product like a real shop: it imports only config
# (and itself); of the product, only the CLI's sandbox and demo commands import it.
SANDBOX_USERS = ("crawler.cli.sandbox", "crawler.cli.demo")
# It builds every URL, id and page the way the shops do, in code of its own (issue 16).
SANDBOX_MAY_IMPORT = ("config", "sandbox")


def allowed(module: str, target: str) -> bool:
    """May ``module`` import ``target`` (both dotted, ours)?"""

    def under(name: str, *prefixes: str) -> bool:
        return any(name == p or name.startswith(p + ".") for p in prefixes)

    if under(target, module.split(".")[0]) and not under(target, "crawler"):
        same_top = True
    else:
        same_top = False
    if under(target, "sandbox") and not under(module, "sandbox"):
        return module in SANDBOX_USERS
    if under(module, "sandbox"):
        return under(target, *SANDBOX_MAY_IMPORT)
    if under(module, "config"):
        return under(target, "config")
    if under(module, "matchers"):
        return under(target, "matchers")
    if module == "crawler.items":
        return under(target, "config", "crawler.items")
    if module == "storage.models":
        return under(target, "config", "storage.models")
    if under(module, "storage"):
        return under(target, "config", "storage")
    if under(module, "spiders"):
        return under(target, "config", "crawler.items", "spiders")
    if under(module, "alerts"):
        return under(target, "config", "storage", "matchers", "alerts")
    if under(module, *SHELL):
        if under(target, "crawler.cli"):
            return under(module, "crawler.cli")
        if under(target, "crawler.schedule"):
            return under(module, "crawler.cli") or under(target, module.split(".")[0] + "." + module.split(".")[1])
        return True
    if under(module, "crawler"):
        # layer 4: pipelines, middlewares, settings, scan, monitors … anything but the shell
        return not under(target, *SHELL)
    return same_top


def modules() -> list[tuple[str, Path]]:
    found = []
    for top in OURS:
        for path in (REPO / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            rel = path.relative_to(REPO).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            found.append((".".join(parts), path))
    return found


def imports_of(module: str, path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[tuple[int, str]] = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.append((node.lineno, name))
            for alias in node.names:  # "from crawler import items" imports crawler.items
                out.append((node.lineno, f"{name}.{alias.name}"))
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


def test_layer_rules_themselves() -> None:
    assert allowed("matchers.score", "matchers.normalise")
    assert not allowed("matchers.score", "config")
    assert not allowed("storage.alerts", "alerts.evidence")
    assert not allowed("spiders.shopee", "matchers")
    assert not allowed("spiders.shopee", "storage.models")
    assert allowed("crawler.pipelines", "matchers")
    assert not allowed("crawler.pipelines", "crawler.cli.scan")
    assert allowed("crawler.cli.demo", "sandbox.server")
    assert not allowed("crawler.cli.alerts", "sandbox.server")
    assert not allowed("crawler.scan", "sandbox.server")
    assert not allowed("alerts.followup", "sandbox")
    assert not allowed("sandbox.server", "crawler.cli")
    assert not allowed("sandbox.server", "storage")
    assert not allowed("sandbox.shops.shopee", "alerts")
    assert not allowed("sandbox.shops.olx", "spiders.parsers.olx")
    assert not allowed("sandbox.shops.tokopedia", "spiders.parsers.page_signals")
    assert not allowed("sandbox.server", "crawler.items")
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
    sandbox_modules = [(m, p) for m, p in found if m == "sandbox" or m.startswith("sandbox.")]
    assert len(sandbox_modules) > 10  # the walk really sees the sandbox
    for module, path in sandbox_modules:
        product = {t for t in _imports_of_ours(module, path) if t.split(".")[0] not in ("sandbox", "config")}
        assert not product, f"{module} imports {sorted(product)}"
    users = {m for m, p in found if not m.startswith("sandbox")
             and any(t.split(".")[0] == "sandbox" for t in _imports_of_ours(m, p))}
    assert users <= set(SANDBOX_USERS), f"only the CLI's sandbox and demo commands may import sandbox: {users}"
