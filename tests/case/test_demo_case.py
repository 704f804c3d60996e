"""The demo's step 11: the top actor's case file, and a command the user can paste to write it again."""

from __future__ import annotations

import io
import shlex
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from crawler.cli import app
from crawler.cli.demo_case import case_command, write_top_case
from crawler.cli.runtime import Runtime
from tests.case.builders import seed_default_database


def test_step_writes_the_riskiest_actors_case_file_and_a_command_that_works(tmp_path: Path) -> None:
    seeded = seed_default_database()
    config = tmp_path / "demo" / "ktpwatch.toml"
    config.parent.mkdir()
    config.write_text("")
    printed = io.StringIO()
    runtime = Runtime(config_path=config, console=Console(file=printed, width=300))
    out = write_top_case(runtime, config)
    assert out == config.parent / f"case-{seeded.actor_id}"  # three marketplaces outrank the loner
    assert {"case.html", "case.pdf", "SHA256SUMS"} <= {p.name for p in out.iterdir()}
    text = printed.getvalue()
    assert f"alert {seeded.alerts[2]}: no screenshot captured" in text
    again = text.split("again: ", 1)[1].strip()
    assert again == case_command(config, seeded.actor_id, out)
    words = shlex.split(again)
    start = words.index("--config")
    result = CliRunner().invoke(app, [*words[start:], "--no-pdf"])
    assert result.exit_code == 0, result.output


def test_command_quotes_paths_with_spaces() -> None:
    line = case_command(Path("my demo/ktpwatch.toml"), "act-1a2b3c4d5e", Path("my demo/case-act-1a2b3c4d5e"),
                        program="ktpwatch")
    assert shlex.split(line) == ["ktpwatch", "--config", "my demo/ktpwatch.toml", "case", "export",
                                 "act-1a2b3c4d5e", "--out", "my demo/case-act-1a2b3c4d5e", "--force"]
