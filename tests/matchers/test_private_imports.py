"""No module of ``matchers/`` reaches into another's private names (struct16).

A leading underscore says a name is its module's own, free to change with it. notice_speaker imported fourteen of
told_voice's (``_TOLD``, ``_NOTICE_SAYS``, ``_in_own_voice``, …), so an edit of told_voice that looked local could
change another module's reading; the shared pieces are public now where they are defined. This walks each module's
syntax tree: a ``from matchers.x import _y`` (or ``from .x import _y``), or ``m._y`` where ``m`` names a matchers
module, fails it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

_MATCHERS = Path(__file__).resolve().parents[2] / "matchers"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _from_matchers(node: ast.ImportFrom) -> bool:
    return node.level > 0 or (node.module or "").split(".")[0] == "matchers"


def private_imports(source: str) -> list[str]:
    """Each private name of another matchers module a module's source imports or reads, as ``module.name``."""
    tree = ast.parse(source)
    modules: dict[str, str] = {}  # a local name bound to a matchers module -> the module
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "matchers" and alias.asname:
                    modules[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and _from_matchers(node):
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{'.' * node.level}{node.module or ''}.{alias.name}")
                elif node.module in (None, "matchers") and alias.name != "*":
                    modules[alias.asname or alias.name] = f"matchers.{alias.name}"  # a module, perhaps
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules \
                and _private(node.attr):
            found.append(f"{modules[node.value.id]}.{node.attr}")
    return found


@pytest.mark.parametrize("path", sorted(_MATCHERS.glob("*.py")), ids=lambda path: path.name)
def test_no_module_imports_another_modules_private_names(path: Path) -> None:
    assert private_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source", [
    "from matchers.told_voice import _TOLD",
    "from matchers.told_voice import (\n    GOODS_TAGS,\n    _in_own_voice,\n)",
    "from .told_voice import _tells_of",
    "def f():\n    from matchers.lexicon import _expand\n    return _expand",
    "import matchers.told_voice as voice\nvoice._NOTICE_SAYS",
    "from matchers import told_voice\ntold_voice._in_own_voice",
])
def test_the_walk_finds_a_private_import(source: str) -> None:
    assert private_imports(source)


@pytest.mark.parametrize("source", [
    "from matchers.told_voice import TOLD, in_own_voice",
    "from collections import _tuplegetter",  # not a matchers module
    "import matchers.told_voice as voice\nvoice.__name__",
    "class A:\n    _x = 1\n    def f(self):\n        return self._x",
])
def test_the_walk_passes_public_and_foreign_names(source: str) -> None:
    assert private_imports(source) == []
