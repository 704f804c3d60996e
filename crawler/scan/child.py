"""One scan in a child process: ``python -m crawler.scan``, and the caller that starts it.

Twisted's reactor runs once per process, so everything that needs more than
one scan (the scheduler, the demo, tests) calls :func:`run_scan_subprocess`,
which runs the child and reads the JSON summary it prints last — which also
means a crashed or killed scan never takes its caller down. The child's flags
are :class:`ScanOptions`' own (:meth:`ScanOptions.to_argv`), plus where its
configuration comes from (``--config``) and an optional ``--sandbox`` to point
every marketplace at.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from crawler.scan.options import ScanError, ScanOptions

MODULE = "crawler.scan"


def child_argv(
    options: ScanOptions, *, config_path: str | Path | None = None, sandbox_url: str | None = None
) -> list[str]:
    """The command that runs ``options`` in a child process."""
    argv = [sys.executable, "-m", MODULE]
    if config_path:
        argv += ["--config", str(config_path)]
    if sandbox_url:
        argv += ["--sandbox", sandbox_url]
    return argv + options.to_argv()


def child_parser() -> argparse.ArgumentParser:
    """What :func:`child_argv` writes, read back."""
    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}")
    parser.add_argument("--config")
    parser.add_argument("--sandbox")
    ScanOptions.add_arguments(parser)
    return parser


def run_scan_subprocess(
    options: ScanOptions,
    *,
    config_path: str | Path | None = None,
    sandbox_url: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Run one scan in a child process and return its summary dict.

    SIGTERM sent to the caller while it waits is passed on, so the child
    stops its spiders cleanly and still writes its scan record.
    """
    child = subprocess.Popen(
        child_argv(options, config_path=config_path, sandbox_url=sandbox_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    previous = signal.getsignal(signal.SIGTERM)
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread:  # signal handlers can only be set from the main thread
        signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signal.SIGTERM))
    try:
        out, err = child.communicate(timeout=timeout)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
    if child.returncode != 0:
        raise ScanError(
            f"scan process exited with {child.returncode}: {err.strip().splitlines()[-1:] or ''}"
        )
    try:
        return dict(json.loads(out.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        raise ScanError(f"scan process printed no summary: {err[-500:]}") from None


def child_main(argv: list[str]) -> int:
    """The child: run the scan its flags describe, print its summary as JSON; 2 when it cannot start."""
    from config import ConfigError, load_config
    from crawler.marketplace_addresses import point_at
    from crawler.scan.run import run_scan
    from storage.migrate import SchemaNotCurrent

    args = child_parser().parse_args(argv)
    try:
        loaded = load_config(args.config)
        if loaded.announcement():  # which file decides what this process runs
            print(loaded.announcement(), file=sys.stderr)
        settings = loaded.settings
        if args.sandbox:
            settings = point_at(settings, args.sandbox)
        summary = run_scan(settings, ScanOptions.from_namespace(args))
    except (ConfigError, ScanError, SchemaNotCurrent) as exc:
        from alerts.redaction import redact_text

        print(f"error: {redact_text(str(exc))}", file=sys.stderr)
        return 2
    print(json.dumps(summary.to_dict(), default=str))
    return 0
