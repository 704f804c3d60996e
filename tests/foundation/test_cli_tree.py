"""Every command has help text and an example; the README's command reference matches --help."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from crawler import __version__
from crawler.cli import app, command_tree

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def tree() -> list[tuple[tuple[str, ...], Any]]:
    return command_tree()


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
    actual = {" ".join(path) for path, cmd in tree() if path and not getattr(cmd, "commands", None)}
    missing = sorted(actual - documented)
    stale = sorted(documented - actual)
    assert not missing and not stale, f"README out of date: missing {missing}, stale {stale}"


def test_every_command_function_is_named_after_its_command() -> None:
    """One convention: ``alerts list`` is ``list_cmd``, ``scan`` is ``scan_cmd`` (never the library's name)."""
    misnamed = []
    for path, command in tree():
        if not path or getattr(command, "commands", None) is not None:
            continue
        expected = path[-1].replace("-", "_") + "_cmd"
        if command.callback.__name__ != expected:
            misnamed.append(f"{' '.join(path)}: {command.callback.__name__} (want {expected})")
    assert not misnamed, "\n".join(misnamed)


def test_hints_name_a_ktpwatch_the_shell_can_run(tmp_path: Path) -> None:
    """The demo printed `ktpwatch …` though the command lives in .venv/bin/ (not on PATH)."""
    from crawler.cli.demo import explore_hints
    from crawler.cli.invocation import runnable_command

    script = tmp_path / ".venv" / "bin" / "ktpwatch"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    assert runnable_command(str(script), which=lambda _: None, cwd=tmp_path) == ".venv/bin/ktpwatch"
    assert runnable_command(str(script), which=lambda _: str(script), cwd=tmp_path) == "ktpwatch"
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    assert runnable_command(str(script), which=lambda _: "/usr/bin/ktpwatch", cwd=elsewhere) == str(script)
    assert runnable_command("-c").endswith(" -m crawler.cli")  # python -m crawler.cli
    hints = explore_hints(Path("ktpwatch-demo/ktpwatch.toml"), ktpwatch=".venv/bin/ktpwatch")
    assert "ktpwatch-demo/ktpwatch.toml" in hints[0]
    assert all(h.startswith(".venv/bin/ktpwatch --config ktpwatch-demo/ktpwatch.toml ") for h in hints)
