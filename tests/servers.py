"""Real servers the tests start on 127.0.0.1 and stop afterwards (PostgreSQL, Redis).

The starters live in ``bench/servers.py`` (the benchmarks use them too and do
not import from ``tests/``). Here a missing server binary skips the tests that
need it with a visible reason outside CI; in CI (``CI`` or ``KTPWATCH_CI``
set) it is a failure, because ``.ci/run`` installs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from bench import servers
from bench.servers import PostgresServer, RedisServer, free_port, wait_for_port

__all__ = ["PostgresServer", "RedisServer", "free_port", "in_ci", "missing", "postgres_server",
           "redis_server", "wait_for_port"]

Server = TypeVar("Server")


def in_ci() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("KTPWATCH_CI"))


def missing(what: str) -> None:
    """Skip outside CI, fail inside it."""
    if in_ci():
        pytest.fail(f"{what} is required in CI (.ci/run installs it)")
    pytest.skip(f"{what} not installed; `.ci/run` installs it")


def _started(stack: ExitStack, starter: AbstractContextManager[Server]) -> Server:
    try:
        return stack.enter_context(starter)
    except servers.ServerMissing as exc:
        missing(exc.what)
        raise  # unreachable: missing() skips or fails


@contextmanager
def postgres_server(base: Path) -> Iterator[PostgresServer]:
    with ExitStack() as stack:
        yield _started(stack, servers.postgres_server(base))


@contextmanager
def redis_server(base: Path) -> Iterator[RedisServer]:
    with ExitStack() as stack:
        yield _started(stack, servers.redis_server(base))
