"""A sandbox of toy shops for testing the core independently of the real shop modules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox.server import SandboxHandle, run_sandbox
from tests.sandbox.toy_shop import OtherToyShop, ToyShop

TOY_SEED = 11
TOY_LISTINGS = 2400


@pytest.fixture(scope="module")
def toy_server() -> Iterator[SandboxHandle]:
    with run_sandbox(catalogue_seed=TOY_SEED, listings=TOY_LISTINGS, takedown_delay=0.5,
                     admin=True, shops={"toyshop": ToyShop(), "othertoy": OtherToyShop()}) as handle:
        yield handle


@pytest.fixture
def toy(toy_server: SandboxHandle) -> SandboxHandle:
    toy_server.reset()
    return toy_server
