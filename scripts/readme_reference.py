"""Regenerate the README's command and configuration references from the code itself.

``python scripts/readme_reference.py`` rewrites the blocks between the
``<!-- BEGIN … -->`` / ``<!-- END … -->`` markers; ``--check`` exits 1 when
the README is stale (the test suite runs the same comparison).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def command_reference() -> str:
    from typer.testing import CliRunner

    from crawler.cli import app, command_tree

    runner = CliRunner()
    blocks = []
    for path, command in command_tree():
        if not path or getattr(command, "commands", None):
            continue
        result = runner.invoke(app, [*path, "--help"], terminal_width=100, env={"COLUMNS": "100"})
        text = "\n".join(line.rstrip() for line in result.output.strip().splitlines())
        blocks.append(f"### `ktpwatch {' '.join(path)}`\n\n```text\n{text}\n```\n")
    return "\n".join(blocks)


def config_reference() -> str:
    from config.loader import ENV_OVERRIDES, SECRET_ENV, packaged_defaults_path
    from config.settings import Settings

    rows = ["| key | default | environment |", "| --- | --- | --- |"]
    env_for = {".".join(v): k for k, v in ENV_OVERRIDES.items()}
    import tomllib

    defaults = tomllib.loads(packaged_defaults_path().read_text(encoding="utf-8"))

    def visit(model: Any, prefix: str, data: dict[str, Any]) -> None:
        for name, field in model.model_fields.items():
            key = f"{prefix}{name}"
            ann = field.annotation
            sub = getattr(ann, "model_fields", None)
            if sub is not None:
                visit(ann, key + ".", data.get(name, {}))
                continue
            if name == "marketplaces":
                for mp, mpdata in data.get("marketplaces", {}).items():
                    for k, v in mpdata.items():
                        rows.append(f"| `marketplaces.{mp}.{k}` | `{_short(v)}` | |")
                continue
            value = data.get(name, field.default)
            rows.append(f"| `{key}` | `{_short(value)}` | {env_for.get(key, '')} |")

    visit(Settings, "", defaults)
    rows.append(f"| `smtp.password` | (never in a file) | {', '.join(SECRET_ENV)} |")
    return "\n".join(rows) + "\n"


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 70 else text[:67] + "..."


def render(readme: str) -> str:
    for name, body in (("COMMANDS", command_reference()), ("CONFIG", config_reference())):
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", re.S)
        if not pattern.search(readme):
            raise SystemExit(f"README.md has no BEGIN/END {name} markers")
        readme = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(2), readme)
    return readme


def main(argv: list[str]) -> int:
    path = REPO / "README.md"
    current = path.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in argv:
        if fresh != current:
            print("README.md references are stale: run `python scripts/readme_reference.py`")
            return 1
        return 0
    path.write_text(fresh, encoding="utf-8")
    print("README.md references regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
