"""Which requests the sandbox answers badly, and how: a fault plan and its deterministic dice.

A :class:`FaultPlan` gives, globally and optionally per marketplace, the share
of requests that get each kind of fault; the share of answers served in a newer
or sparser shape (:class:`ShapeDrift`: Shopee's card shape, Tokopedia products
without ``url`` or with a price in text only, optional fields renamed); a
"layout changed" switch that renames JSON keys; and an "unknown layout"
switch that serves the same products in a JSON shape no parser has seen;
the photo host's own fault shares (``photo_rates``: a shop's image CDN is
another server than its API and fails in its own ways, e.g. trickling); and
photo URLs chosen by sellers (``seller_photo_urls``: a share of listings names
a photo anywhere the seller likes — a local port, a private address, another
server — as a real listing's seller can). The dice are deterministic: request number ``n`` to
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
from typing import Any, TypeVar


class FaultKind(enum.StrEnum):
    SERVER_ERROR = "server_error"  # 500/502/503
    RATE_LIMITED = "rate_limited"  # 429 with Retry-After
    SLOW = "slow"  # correct answer after slow_seconds
    TRUNCATED = "truncated"  # correct status, body cut in half
    CAPTCHA = "captcha"  # 200 challenge / punish page (Shop.captcha_response)
    BLOCKED = "blocked"  # the shop's own block (Shop.blocked_response)
    REDIRECT = "redirect"  # 302 to the shop's login page (Shop.login_redirect)
    DROPPED = "dropped"  # connection reset without a status (Akamai on datacentre IPs)
    LOGIN_WALL = "login_wall"  # 200 login page instead of the answer (Shop.login_wall_response)
    EMPTY_SHELL = "empty_shell"  # 200 app shell before its scripts run (Shop.empty_shell_response)
    TRICKLE = "trickle"  # status and headers at once, then the body one byte every trickle_seconds


class ShapeDrift(enum.StrEnum):
    """Answers in a shape the shop also uses, served on a share of items and pages."""

    CARD = "card"  # Shopee: item_basic null, item_card_displayed_asset + item_data
    NO_URL = "no_url"  # Tokopedia: search products without url
    PRICE_TEXT_ONLY = "price_text_only"  # Tokopedia: price { original text }, no number
    RENAMED_OPTIONAL = "renamed_optional"  # optional fields under another name (Shop.optional_renames)


#: How ``--faults RATE`` splits the rate between kinds (shares sum to 1).
MIXED_SHARES: Mapping[FaultKind, float] = {
    FaultKind.SERVER_ERROR: 0.20,
    FaultKind.RATE_LIMITED: 0.15,
    FaultKind.SLOW: 0.10,
    FaultKind.TRUNCATED: 0.10,
    FaultKind.CAPTCHA: 0.10,
    FaultKind.BLOCKED: 0.10,
    FaultKind.REDIRECT: 0.05,
    FaultKind.DROPPED: 0.10,
    FaultKind.LOGIN_WALL: 0.05,
    FaultKind.EMPTY_SHELL: 0.05,
}

#: The hostile answers the real shops give with status 200 (or none), for :meth:`FaultPlan.demo`.
HOSTILE_SHARES: Mapping[FaultKind, float] = {
    FaultKind.CAPTCHA: 0.25,
    FaultKind.BLOCKED: 0.25,
    FaultKind.LOGIN_WALL: 0.15,
    FaultKind.EMPTY_SHELL: 0.15,
    FaultKind.REDIRECT: 0.10,
    FaultKind.DROPPED: 0.10,
}

#: Share of items / pages served in each drifted shape by :meth:`FaultPlan.demo`.
DEMO_SHAPES: Mapping[ShapeDrift, float] = {
    ShapeDrift.CARD: 0.3,
    ShapeDrift.NO_URL: 0.15,
    ShapeDrift.PRICE_TEXT_ONLY: 0.15,
    ShapeDrift.RENAMED_OPTIONAL: 0.2,
}
#: Total rate of hostile answers in the demo plan: low, as a well-behaved crawler meets them.
DEMO_HOSTILE_RATE = 0.04
#: Share of taken-down listings the demo plan hides behind a block (follow-up must say "unknown").
DEMO_HIDDEN_REMOVALS = 0.5
#: What a hidden removal answers, picked per listing.
HIDING_KINDS = (FaultKind.CAPTCHA, FaultKind.BLOCKED, FaultKind.LOGIN_WALL, FaultKind.EMPTY_SHELL)


@dataclass(frozen=True)
class FaultRates:
    """Fault shares for one marketplace (or the default for all)."""

    rates: Mapping[FaultKind, float] = field(default_factory=dict)
    slow_seconds: float = 2.0
    retry_after_seconds: int = 5
    layout_changed: bool = False
    shapes: Mapping[ShapeDrift, float] = field(default_factory=dict)
    unknown_layout: bool = False
    #: share of taken-down listings whose page answers a hostile page instead of "not found",
    #: as a removed listing behind a block looks to a re-check
    hidden_removals: float = 0.0
    #: seconds between the bytes of a ``trickle`` answer's body
    trickle_seconds: float = 3.0
    #: fault shares of photo requests (``/img/...``); empty: photos share ``rates`` with the API
    photo_rates: Mapping[FaultKind, float] = field(default_factory=dict)
    #: photo URLs sellers chose (``{image_id}`` is replaced by the photo's id) ...
    seller_photo_urls: tuple[str, ...] = ()
    #: ... and the share of photos that name one of them instead of the shop's own image host
    seller_photo_share: float = 0.0

    def __post_init__(self) -> None:
        for shares in (self.rates, self.photo_rates):
            total = sum(shares.values())
            if any(r < 0 for r in shares.values()) or total > 1.0 + 1e-9:
                raise ValueError(f"fault rates must be >= 0 and sum to at most 1 (got {total:.3f})")
        if any(not 0.0 <= r <= 1.0 for r in (*self.shapes.values(), self.hidden_removals,
                                              self.seller_photo_share)):
            raise ValueError("shape drift, hidden_removals and seller_photo_share must be between 0 and 1")
        if self.slow_seconds < 0 or self.retry_after_seconds < 0 or self.trickle_seconds <= 0:
            raise ValueError("slow_seconds and retry_after_seconds must be >= 0, trickle_seconds > 0")
        if self.seller_photo_share and not self.seller_photo_urls:
            raise ValueError("seller_photo_share needs seller_photo_urls")

    @property
    def total(self) -> float:
        return sum(self.rates.values())

    def hides_removal(self, key: str, *, seed: int = 0) -> bool:
        """Whether the removed listing ``key`` answers a hostile page (deterministic per key)."""
        if self.hidden_removals <= 0.0:
            return False
        return random.Random(f"{seed}:hidden:{key}").random() < self.hidden_removals

    def seller_photo(self, key: str, *, seed: int = 0) -> str | None:
        """The URL a seller chose for photo ``key`` (deterministic per key), or None for the shop's own."""
        if self.seller_photo_share <= 0.0:
            return None
        rng = random.Random(f"{seed}:seller_photo:{key}")
        if rng.random() >= self.seller_photo_share:
            return None
        return rng.choice(self.seller_photo_urls)

    def drifts(self, shape: ShapeDrift, key: str, *, seed: int = 0) -> bool:
        """Whether the answer part named ``key`` (an item id, a page) comes in ``shape``.

        Deterministic per (seed, shape, key), so a replayed crawl meets the same shapes.
        """
        share = self.shapes.get(shape, 0.0)
        if share <= 0.0:
            return False
        return random.Random(f"{seed}:{shape.value}:{key}").random() < share

    def to_json(self) -> dict[str, Any]:
        return {
            "rates": {kind.value: rate for kind, rate in self.rates.items() if rate},
            "slow_seconds": self.slow_seconds,
            "retry_after_seconds": self.retry_after_seconds,
            "layout_changed": self.layout_changed,
            "shapes": {shape.value: share for shape, share in self.shapes.items() if share},
            "unknown_layout": self.unknown_layout,
            "hidden_removals": self.hidden_removals,
            "trickle_seconds": self.trickle_seconds,
            "photo_rates": {kind.value: rate for kind, rate in self.photo_rates.items() if rate},
            "seller_photo_urls": list(self.seller_photo_urls),
            "seller_photo_share": self.seller_photo_share,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FaultRates:
        unknown = set(data) - RATE_KEYS
        if unknown:
            raise ValueError(f"unknown fault setting {sorted(unknown)[0]!r}")
        return cls(
            rates=_enum_shares(FaultKind, data.get("rates", {}), "fault kind"),
            slow_seconds=float(data.get("slow_seconds", 2.0)),
            retry_after_seconds=int(data.get("retry_after_seconds", 5)),
            layout_changed=bool(data.get("layout_changed", False)),
            shapes=_enum_shares(ShapeDrift, data.get("shapes", {}), "shape drift"),
            unknown_layout=bool(data.get("unknown_layout", False)),
            hidden_removals=float(data.get("hidden_removals", 0.0)),
            trickle_seconds=float(data.get("trickle_seconds", 3.0)),
            photo_rates=_enum_shares(FaultKind, data.get("photo_rates", {}), "fault kind"),
            seller_photo_urls=_urls(data.get("seller_photo_urls", [])),
            seller_photo_share=float(data.get("seller_photo_share", 0.0)),
        )


E = TypeVar("E", FaultKind, ShapeDrift)
#: The keys of :meth:`FaultRates.to_json`; a plan made of any of them is a bare default.
RATE_KEYS = frozenset({"rates", "slow_seconds", "retry_after_seconds", "layout_changed", "shapes",
                       "unknown_layout", "hidden_removals", "trickle_seconds", "photo_rates",
                       "seller_photo_urls", "seller_photo_share"})


def _urls(data: Any) -> tuple[str, ...]:
    if not isinstance(data, list) or not all(isinstance(url, str) and url for url in data):
        raise ValueError("seller_photo_urls must be a JSON list of URLs")
    return tuple(data)


def _enum_shares(kinds: type[E], data: Any, what: str) -> dict[E, float]:
    if not isinstance(data, Mapping):
        raise ValueError(f"{what} shares must be a JSON object")
    shares: dict[E, float] = {}
    for name, share in data.items():
        try:
            kind = kinds(name)
        except ValueError:
            known = ", ".join(k.value for k in kinds)
            raise ValueError(f"unknown {what} {name!r}; expected one of {known}") from None
        shares[kind] = float(share)
    return shares


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

    def hiding_kind(self, marketplace: str, external_id: str) -> FaultKind | None:
        """The hostile answer a removed listing's page gives, or None when it says "not found"."""
        rates = self.for_marketplace(marketplace)
        key = f"{marketplace}:{external_id}"
        if not rates.hides_removal(key, seed=self.seed):
            return None
        return random.Random(f"{self.seed}:hiding:{key}").choice(HIDING_KINDS)

    @classmethod
    def demo(cls, *, seed: int = 0, rate: float = DEMO_HOSTILE_RATE) -> FaultPlan:
        """What ``ktpwatch demo`` meets: hostile answers at a low ``rate`` and every drifted shape.

        The hostile answers are the ones real shops give a crawler that keeps to
        its pace (captcha and punish pages, blocks, login walls, empty shells,
        login redirects, resets); 5xx and 429 are left to ``--faults``.
        """
        rates = {kind: rate * share for kind, share in HOSTILE_SHARES.items()}
        return cls(default=FaultRates(rates=rates, shapes=dict(DEMO_SHAPES),
                                      hidden_removals=DEMO_HIDDEN_REMOVALS), seed=seed)

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
        if RATE_KEYS & set(data):
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

    def roll(self, marketplace: str, *, photo: bool = False) -> tuple[FaultKind | None, random.Random]:
        """The fault for the next request to ``marketplace`` (its photo host when ``photo`` and the
        plan gives photos their own shares), and that request's own RNG."""
        rates = self.plan.for_marketplace(marketplace)
        shares, stream = rates.rates, marketplace
        if photo and rates.photo_rates:
            shares, stream = rates.photo_rates, f"{marketplace}/photos"
        n = self._counters.get(stream, 0)
        self._counters[stream] = n + 1
        if not sum(shares.values()):
            return None, _IDLE_RNG  # no faults: skip seeding an RNG on the hot path
        rng = random.Random(f"{self.plan.seed}:{stream}:{n}")
        roll = rng.random()
        cumulative = 0.0
        for kind in FaultKind:  # fixed order
            cumulative += shares.get(kind, 0.0)
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
