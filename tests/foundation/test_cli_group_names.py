"""One naming convention in crawler/cli: the Typer of command group ``X`` is ``X_app``.

Command functions are ``<command>_cmd`` (test_cli_tree); a group named ``app``
in one module and ``notices_app`` in the next made a reader wonder whether the
root ``crawler.cli.app`` was meant.
"""

from __future__ import annotations

import importlib

import typer

from crawler.cli import COMMANDS


def test_every_module_level_group_is_named_after_its_command() -> None:
    misnamed = []
    for name, (module_name, _summary) in COMMANDS.items():
        module = importlib.import_module(f"crawler.cli.{module_name}")
        for attribute, value in vars(module).items():
            if isinstance(value, typer.Typer) and attribute != f"{name}_app":
                misnamed.append(f"crawler/cli/{module_name}.py: {attribute} (want {name}_app)")
    assert not misnamed, "\n".join(misnamed)
