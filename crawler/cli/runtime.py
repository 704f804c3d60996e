"""What every command needs: configuration, a session factory, a console, the analyst.

Built lazily once per invocation and kept on the root Click context, so
``ktpwatch --help`` never touches the database and tests can hand in their own.
"""

from __future__ import annotations

import getpass
import os
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from config import LoadedConfig, Settings, load_config
from config.settings import analyst_name
from crawler.cli.errors import UserError
from storage.migrate import ensure_schema
from storage.session import make_engine, make_session_factory


@dataclass
class Runtime:
    config_path: Path | None = None
    console: Console = field(default_factory=Console)
    err_console: Console = field(default_factory=lambda: Console(stderr=True))
    _loaded: LoadedConfig | None = None
    _engine: Engine | None = None
    _sessions: sessionmaker[Session] | None = None

    def loaded(self) -> LoadedConfig:
        if self._loaded is None:
            self._loaded = load_config(self.config_path)
            announce_config(self._loaded, self.err_console)
        return self._loaded

    @property
    def settings(self) -> Settings:
        return self.loaded().settings

    def override_settings(self, settings: Settings) -> None:
        """Replace the settings (the demo points everything at its sandbox)."""
        loaded = self.loaded()
        self._loaded = LoadedConfig(settings=settings, origins=loaded.origins, files=loaded.files,
                                    user_file=loaded.user_file, user_file_reason=loaded.user_file_reason)
        self._engine = None
        self._sessions = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.storage.url)
            ensure_schema(self._engine)
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            self._sessions = make_session_factory(self.engine)
        return self._sessions

    def analyst(self, explicit: str | None = None) -> str:
        """``--as``, else ``KTPWATCH_ANALYST`` (through configuration), else the OS user.

        A blank name or one with control characters is refused (exit 2): it
        signs the audit trail. ``KTPWATCH_ANALYST`` is checked by the loader.
        """
        if explicit is not None:
            try:
                return analyst_name(explicit)
            except ValueError as exc:
                raise UserError(f"--as: {exc}", exit_code=2) from None
        if self.settings.analyst:
            return self.settings.analyst
        try:
            user = getpass.getuser()
        except Exception:
            user = os.environ.get("USER", "unknown")
        try:
            return analyst_name(user)
        except ValueError as exc:
            raise UserError(f"the OS user name cannot sign the audit trail ({exc}); use --as NAME",
                            exit_code=2) from None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def announce_config(loaded: LoadedConfig, err_console: Console) -> None:
    """Say on stderr which configuration file a command read (one line; nothing without one)."""
    line = loaded.announcement()
    if line:
        err_console.print(line, markup=False, highlight=False, soft_wrap=True)


_CURRENT: ContextVar[Runtime | None] = ContextVar("ktpwatch_runtime", default=None)


def set_runtime(runtime: Runtime) -> None:
    """Called by the root callback of every invocation."""
    _CURRENT.set(runtime)


def get_runtime() -> Runtime:
    """The runtime of the running command (created on first use)."""
    runtime = _CURRENT.get()
    if runtime is None:
        runtime = Runtime()
        _CURRENT.set(runtime)
    return runtime
