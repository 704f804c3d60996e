"""Which requests the sandbox answers badly, and how: a fault plan and its deterministic dice.

A :class:`FaultPlan` gives, globally and optionally per marketplace, the share
of requests that get each kind of fault, plus a "layout changed" switch that
renames JSON keys. The dice are deterministic: request number ``n`` to
marketplace ``m`` under plan seed ``s`` always rolls the same number, so a
failing test can be replayed. Kinds are checked in a fixed order and their
rates add up (a plan whose rates sum above 1 is rejected).

Plans come from ``--faults RATE`` (:meth:`FaultPlan.mixed`: a realistic mix at
that total rate), from a JSON ``--fault-plan`` file, or at run time from
``POST /_sandbox/faults`` — the JSON form is :meth:`FaultPlan.to_json`.
"""

from __future__ import annotations

import enum
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any


class FaultKind(enum.StrEnum):
    SERVER_ERROR = "server_error"  # 500/502/503
    RATE_LIMITED = "rate_limited"  # 429 with Retry-After
    SLOW = "slow"  # correct answer after slow_seconds
    TRUNCATED = "truncated"  # correct status, body cut in half
    CAPTCHA = "captcha"  # 200 interstitial HTML page instead of the answer
    BLOCKED = "blocked"  # the shop's own block (Shop.blocked_response)
    REDIRECT = "redirect"  # 302 to the shop's captcha_path
    DROPPED = "dropped"  # connection closed without an answer


#: How ``--faults RATE`` splits the rate between kinds (shares sum to 1).
MIXED_SHARES: Mapping[FaultKind, float] = {
    FaultKind.SERVER_ERROR: 0.25,
    FaultKind.RATE_LIMITED: 0.20,
    FaultKind.SLOW: 0.10,
    FaultKind.TRUNCATED: 0.10,
    FaultKind.CAPTCHA: 0.10,
    FaultKind.BLOCKED: 0.10,
    FaultKind.REDIRECT: 0.05,
    FaultKind.DROPPED: 0.10,
}


@dataclass(frozen=True)
class FaultRates:
    """Fault shares for one marketplace (or the default for all)."""

    rates: Mapping[FaultKind, float] = field(default_factory=dict)
    slow_seconds: float = 2.0
    retry_after_seconds: int = 5
    layout_changed: bool = False

    def __post_init__(self) -> None:
        total = sum(self.rates.values())
        if any(r < 0 for r in self.rates.values()) or total > 1.0 + 1e-9:
            raise ValueError(f"fault rates must be >= 0 and sum to at most 1 (got {total:.3f})")
        if self.slow_seconds < 0 or self.retry_after_seconds < 0:
            raise ValueError("slow_seconds and retry_after_seconds must be >= 0")

    @property
    def total(self) -> float:
        return sum(self.rates.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "rates": {kind.value: rate for kind, rate in self.rates.items() if rate},
            "slow_seconds": self.slow_seconds,
            "retry_after_seconds": self.retry_after_seconds,
            "layout_changed": self.layout_changed,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FaultRates:
        unknown = set(data) - {"rates", "slow_seconds", "retry_after_seconds", "layout_changed"}
        if unknown:
            raise ValueError(f"unknown fault setting {sorted(unknown)[0]!r}")
        rates: dict[FaultKind, float] = {}
        for name, rate in dict(data.get("rates", {})).items():
            try:
                kind = FaultKind(name)
            except ValueError:
                known = ", ".join(k.value for k in FaultKind)
                raise ValueError(f"unknown fault kind {name!r}; expected one of {known}") from None
            rates[kind] = float(rate)
        return cls(
            rates=rates,
            slow_seconds=float(data.get("slow_seconds", 2.0)),
            retry_after_seconds=int(data.get("retry_after_seconds", 5)),
            layout_changed=bool(data.get("layout_changed", False)),
        )


@dataclass(frozen=True)
class FaultPlan:
    default: FaultRates = field(default_factory=FaultRates)
    per_marketplace: Mapping[str, FaultRates] = field(default_factory=dict)
    seed: int = 0

    @classmethod
    def none(cls, seed: int = 0) -> FaultPlan:
        return cls(seed=seed)

    @classmethod
    def mixed(cls, rate: float, *, seed: int = 0, slow_seconds: float = 2.0) -> FaultPlan:
        """Every fault kind at once, ``rate`` in total, split by :data:`MIXED_SHARES`."""
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"fault rate must be between 0 and 1, got {rate}")
        rates = {kind: rate * share for kind, share in MIXED_SHARES.items()}
        return cls(default=FaultRates(rates=rates, slow_seconds=slow_seconds), seed=seed)

    def for_marketplace(self, marketplace: str) -> FaultRates:
        return self.per_marketplace.get(marketplace, self.default)

    def with_marketplace(self, marketplace: str, rates: FaultRates) -> FaultPlan:
        return replace(self, per_marketplace={**self.per_marketplace, marketplace: rates})

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "default": self.default.to_json(),
            "marketplaces": {name: r.to_json() for name, r in self.per_marketplace.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, seed: int = 0) -> FaultPlan:
        """Read ``{"seed"?, "default"?: {...}, "marketplaces"?: {name: {...}}}``.

        A bare rates object (``{"rates": {...}}``) is taken as the default.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a fault plan must be a JSON object")
        if "rates" in data or "layout_changed" in data:
            return cls(default=FaultRates.from_json(data), seed=seed)
        unknown = set(data) - {"seed", "default", "marketplaces"}
        if unknown:
            raise ValueError(f"unknown fault plan key {sorted(unknown)[0]!r}")
        return cls(
            default=FaultRates.from_json(data.get("default", {})),
            per_marketplace={
                str(name): FaultRates.from_json(value)
                for name, value in dict(data.get("marketplaces", {})).items()
            },
            seed=int(data.get("seed", seed)),
        )

    @classmethod
    def parse(cls, text: str, *, seed: int = 0) -> FaultPlan:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"fault plan is not valid JSON: {exc.msg} (line {exc.lineno})") from None
        return cls.from_json(data, seed=seed)


_IDLE_RNG = random.Random(0)


class FaultDice:
    """Rolls, per marketplace and request number, which fault (if any) a request gets."""

    def __init__(self, plan: FaultPlan) -> None:
        self.plan = plan
        self._counters: dict[str, int] = {}

    def roll(self, marketplace: str) -> tuple[FaultKind | None, random.Random]:
        """The fault for the next request to ``marketplace``, and that request's own RNG."""
        n = self._counters.get(marketplace, 0)
        self._counters[marketplace] = n + 1
        rates = self.plan.for_marketplace(marketplace)
        if not rates.total:
            return None, _IDLE_RNG  # no faults: skip seeding an RNG on the hot path
        rng = random.Random(f"{self.plan.seed}:{marketplace}:{n}")
        roll = rng.random()
        cumulative = 0.0
        for kind in FaultKind:  # fixed order
            cumulative += rates.rates.get(kind, 0.0)
            if roll < cumulative:
                return kind, rng
        return None, rng


def rename_keys(data: Any, renames: Mapping[str, str]) -> Any:
    """``data`` with every dict key found in ``renames`` renamed, at any depth ("layout changed")."""
    if isinstance(data, dict):
        return {renames.get(k, k): rename_keys(v, renames) for k, v in data.items()}
    if isinstance(data, list):
        return [rename_keys(v, renames) for v in data]
    return data
