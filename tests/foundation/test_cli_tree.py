"""Every command has help text and an example; the README's command reference matches --help."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from crawler import __version__
from crawler.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def walk(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found.extend(walk(sub, (*path, name)))
    return found


def tree() -> list[tuple[tuple[str, ...], Any]]:
    return walk(typer.main.get_command(app))


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"ktpwatch {__version__}"


def test_every_command_has_help_and_every_leaf_an_example() -> None:
    problems = []
    for path, command in tree():
        if not path:
            continue
        text = (command.help or "").strip()
        if not text:
            problems.append(f"{' '.join(path)}: no help text")
        is_group = bool(getattr(command, "commands", None))
        if not is_group and "Example:" not in text:
            problems.append(f"{' '.join(path)}: no 'Example:' in help")
    assert not problems, "\n".join(problems)


def test_help_runs_for_every_command() -> None:
    for path, _ in tree():
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


def test_readme_command_reference_lists_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command reference", 1)
    assert len(section) == 2, "README.md has no '## Command reference' section"
    reference = section[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^### `ktpwatch ([a-z\- ]+?)`", reference, flags=re.M))
    # a group that also runs alone (plain `report`) is a command too
    actual = {" ".join(path) for path, cmd in tree()
              if path and (not getattr(cmd, "commands", None) or getattr(cmd, "invoke_without_command", False))}
    missing = sorted(actual - documented)
    stale = sorted(documented - actual)
    assert not missing and not stale, f"README out of date: missing {missing}, stale {stale}"
