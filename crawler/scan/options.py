"""What a scan is asked to do, defined once: the dataclass, and from it the child's command line.

:class:`ScanOptions` is what :func:`crawler.scan.run_scan` takes. A scan in a
child process (``python -m crawler.scan``) receives the same options as flags;
:meth:`ScanOptions.to_argv` writes them and :meth:`ScanOptions.add_arguments` /
:meth:`ScanOptions.from_namespace` read them, all derived from the fields, so a
new option is one new field. A field's flag is ``--`` and its name with dashes,
unless its metadata names another (``--marketplace`` for the repeated
``marketplaces``, ``--no-evidence`` for ``capture_evidence``, which is on unless
the flag is given).
"""

from __future__ import annotations

import argparse
import types
from collections.abc import Sequence
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, Union, get_args, get_origin, get_type_hints


class ScanError(Exception):
    """The scan could not start (unknown marketplace, bad option) or its child failed."""


def _flag(name: str, help: str) -> dict[str, str]:
    return {"flag": name, "help": help}


@dataclass(frozen=True)
class ScanOptions:
    marketplaces: Sequence[str] = field(
        default=(), metadata=_flag("--marketplace", "only this marketplace (repeatable)"))
    queries: Sequence[str] = field(
        default=(), metadata=_flag("--query", "only this query (repeatable)"))
    max_pages: int | None = field(default=None, metadata={"help": "result pages per query"})
    transport: str | None = field(default=None, metadata={"help": "api or browser for every marketplace"})
    trigger: str = field(default="manual", metadata={"help": "what started the scan (stored)"})
    capture_evidence: bool = field(
        default=True, metadata=_flag("--no-evidence", "capture no evidence for new hits"))
    process_images: bool = field(
        default=True, metadata=_flag("--no-images", "read no listing photos after the crawl"))
    log_level: str = field(default="WARNING", metadata={"help": "Scrapy's log level"})

    def to_argv(self) -> list[str]:
        """The child's flags for these options (defaults are left out).

        Values travel as ``--flag=value``, so a query that starts with a dash
        is read as a value, not as another flag.
        """
        argv: list[str] = []
        for f, kind in _option_fields():
            value = getattr(self, f.name)
            if value == f.default:
                continue
            if kind is bool:
                argv.append(_flag_of(f))
            elif kind is list:
                argv += [f"{_flag_of(f)}={item}" for item in value]
            else:
                argv.append(f"{_flag_of(f)}={value}")
        return argv

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """Declare one flag per field on ``parser`` (what :meth:`to_argv` writes)."""
        for f, kind in _option_fields():
            help_text = f.metadata.get("help")
            if kind is bool:  # the flag turns the default over
                action = "store_false" if f.default else "store_true"
                parser.add_argument(_flag_of(f), dest=f.name, action=action, help=help_text)
            elif kind is list:
                parser.add_argument(_flag_of(f), dest=f.name, action="append", default=[], help=help_text)
            else:
                parser.add_argument(_flag_of(f), dest=f.name, type=kind, default=f.default, help=help_text)

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> ScanOptions:
        values: dict[str, Any] = {}
        for f, _ in _option_fields():
            value = getattr(args, f.name)
            values[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)


def _flag_of(f: Field[Any]) -> str:
    return str(f.metadata.get("flag") or "--" + f.name.replace("_", "-"))


def _option_fields() -> list[tuple[Field[Any], type]]:
    """Each field with how it travels on a command line: ``bool`` (a switch), ``list`` (repeated), or its type."""
    hints = get_type_hints(ScanOptions)
    out: list[tuple[Field[Any], type]] = []
    for f in fields(ScanOptions):
        hint = hints[f.name]
        if get_origin(hint) in (Union, types.UnionType):  # X | None: the flag carries an X
            hint = next(arg for arg in get_args(hint) if arg is not type(None))
        if get_origin(hint) is not None:  # Sequence[str]
            out.append((f, list))
        elif isinstance(hint, type):
            out.append((f, hint))
        else:
            raise TypeError(f"ScanOptions.{f.name}: no command-line form for {hint!r}")
        if f.default is MISSING:
            raise TypeError(f"ScanOptions.{f.name} needs a default (a flag may be left out)")
    return out
