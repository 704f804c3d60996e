"""Sandbox fixtures any test may use: the real shop modules on a free port, admin on.

``sandbox`` is one server per test session (building the catalogue once), reset
to its seed state before each test that asks for it, so tests never see each
other's notices, removals, faults or request counts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox.server import SandboxHandle, run_sandbox
from sandbox.shops import load_shops

SANDBOX_SEED = 4
SANDBOX_LISTINGS = 3000


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxHandle]:
    if not load_shops():
        pytest.skip("no sandbox shop modules yet")
    with run_sandbox(catalogue_seed=SANDBOX_SEED, listings=SANDBOX_LISTINGS,
                     takedown_delay=1.0, admin=True) as handle:
        yield handle


@pytest.fixture
def sandbox(sandbox_server: SandboxHandle) -> SandboxHandle:
    """The session's sandbox, reset to its seed state (no faults, notices or removals)."""
    sandbox_server.reset()
    return sandbox_server
