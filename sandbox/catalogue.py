"""The sandbox's seeded catalogue: ordinary products with fraud listings planted among them.

Same seed and size, same catalogue, byte for byte (each marketplace draws from
its own ``random.Random`` seeded by ``"<seed>:<marketplace>"``, and dates count
back from a fixed anchor), so tests can name what they expect to find. The
ground truth — label, kind, detail_only, identifiers — rides on each record.

Planted listings (blank e-KTP, and document fraud such as blanko KK or NIK
data) make up about 2.5% of each shop and look-alikes that share the query
words (blangkon, dompet/casing KTP, PVC cards "ukuran KTP", blanko kwitansi)
about 12%, so a lexicon query answers with several pages where the real
targets are mixed with hard negatives, as on the real shops.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from config import KNOWN_MARKETPLACES
from sandbox import planted_actors, planted_texts, product_texts
from sandbox.catalogue_types import SandboxListing
from sandbox.search_index import SearchIndex
from sandbox.shops.base import Shop, default_external_id

T = TypeVar("T")

#: Listings are dated within ``AGE_DAYS`` before this instant (fixed for determinism).
CATALOGUE_ANCHOR = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
AGE_DAYS = 120
DEFAULT_LISTINGS = 3000
PLANTED_FRACTION = 0.025
HARD_NEGATIVE_FRACTION = 0.12
MIN_PLANTED_PER_SHOP = 8
MAX_CACHED_RESULTS = 1024


@dataclass
class ShopCatalogue:
    """One marketplace's listings, newest first, with the search index over their titles."""

    marketplace: str
    listings: tuple[SandboxListing, ...]
    index: SearchIndex
    by_id: dict[str, SandboxListing] = field(default_factory=dict)
    by_image: dict[str, SandboxListing] = field(default_factory=dict)
    #: relists of planted actors: listed once their ``listed_after`` listing is taken down
    later: tuple[SandboxListing, ...] = ()

    _results: dict[tuple[str, str], tuple[SandboxListing, ...]] = field(default_factory=dict)

    def search(self, query: str, *, sort: str = "newest") -> tuple[SandboxListing, ...]:
        """Matching listings (cached per query and sort: crawls repeat the same few queries)."""
        key = (query, sort)
        hits = self._results.get(key)
        if hits is None:
            if len(self._results) >= MAX_CACHED_RESULTS:
                self._results.clear()
            listings = self.listings
            hits = self._results[key] = tuple(listings[pos] for pos in self.index.search(query, sort))
        return hits


@dataclass
class Catalogue:
    seed: int
    shops: dict[str, ShopCatalogue]

    def __len__(self) -> int:
        return sum(len(s.listings) for s in self.shops.values())

    def __iter__(self) -> Iterator[SandboxListing]:
        for shop in self.shops.values():
            yield from shop.listings

    def get(self, marketplace: str, external_id: str) -> SandboxListing | None:
        shop = self.shops.get(marketplace)
        return shop.by_id.get(external_id) if shop else None

    def search(self, marketplace: str, query: str, *, sort: str = "newest") -> tuple[SandboxListing, ...]:
        shop = self.shops.get(marketplace)
        return shop.search(query, sort=sort) if shop else ()

    def later(self) -> list[SandboxListing]:
        """Listings that appear only after a takedown (planted actors' relists), all marketplaces."""
        return [listing for shop in self.shops.values() for listing in shop.later]

    def planted(self) -> list[SandboxListing]:
        """Every planted fraud listing (label blank or related), all marketplaces."""
        return [listing for listing in self if listing.kind == "planted"]

    def fingerprint(self) -> str:
        """SHA-256 over every record, for "same seed, same catalogue" checks."""
        digest = hashlib.sha256()
        for listing in self:
            digest.update(repr(listing).encode())
        return digest.hexdigest()


def build_catalogue(
    seed: int = 0,
    listings: int = DEFAULT_LISTINGS,
    marketplaces: Mapping[str, Shop] | Sequence[str] = KNOWN_MARKETPLACES,
    *,
    anchor: datetime = CATALOGUE_ANCHOR,
) -> Catalogue:
    """Build the catalogue: ``listings`` in total, spread evenly over ``marketplaces``.

    Pass the loaded shops as a mapping so listing ids and extra fields come in
    each shop's own style; plain names use the default numeric ids.
    """
    if listings < 1:
        raise ValueError("listings must be at least 1")
    names = list(marketplaces)
    if not names:
        raise ValueError("at least one marketplace is needed")
    shops = marketplaces if isinstance(marketplaces, Mapping) else {}
    per_shop, remainder = divmod(listings, len(names))
    actors = planted_actors.plan_actors(seed, names)
    built = {
        name: _build_shop(seed, name, per_shop + (1 if i < remainder else 0), shops.get(name), anchor, actors)
        for i, name in enumerate(names)
    }
    relists = planted_actors.relist_listings(
        seed, actors, {name: built[name].listings for name in names},
        lambda name, index, rng: shops[name].external_id(index, rng) if name in shops
        else default_external_id(index, rng), anchor)
    for name, later in relists.items():
        built[name].later = tuple(later)
        built[name].by_id.update((x.external_id, x) for x in later)
        built[name].by_image.update((image, x) for x in later for image in x.image_ids)
    return Catalogue(seed=seed, shops=built)


def _build_shop(seed: int, name: str, count: int, shop: Shop | None, anchor: datetime,
                actors: Sequence[planted_actors.PlantedActor] = ()) -> ShopCatalogue:
    rng = random.Random(f"{seed}:{name}")
    planted = min(count, max(MIN_PLANTED_PER_SHOP, round(count * PLANTED_FRACTION)))
    hard = min(count - planted, round(count * HARD_NEGATIVE_FRACTION))
    kinds = ["planted"] * planted + ["hard"] * hard + ["ordinary"] * (count - planted - hard)
    rng.shuffle(kinds)
    ages = sorted(rng.randrange(AGE_DAYS * 86400) for _ in range(count))  # ascending age = newest first
    sellers = _seller_pool(rng, max(5, count // 10), product_texts.SHOP_PREFIX, product_texts.SHOP_CORE)
    # one seller per planted listing: unrelated planted listings share no seller (planted actors aside)
    scam_sellers = _seller_pool(rng, planted, ("",), planted_texts.SCAM_SHOP_NAMES)
    actor_shops = planted_actors.shops_on(actors, name)
    actor_of = {actor.key: actor for actor in actors}

    records: list[SandboxListing] = []
    seen_ids: set[str] = set()
    planted_seen = 0
    for index, (kind, age) in enumerate(zip(kinds, ages, strict=True)):
        actor_shop = actor_shops[planted_seen] if kind == "planted" and planted_seen < len(actor_shops) else None
        if kind == "planted":
            text = _planted_text(rng, planted_seen, actor_shop, actor_of)
            seller = scam_sellers[planted_seen]
            planted_seen += 1
        elif kind == "hard":
            text = planted_texts.hard_negative(rng)
            seller = rng.choice(sellers)
        else:
            text = _ordinary(rng)
            seller = _pick(rng, sellers)
        external_id = shop.external_id(index, rng) if shop else default_external_id(index, rng)
        if external_id in seen_ids:
            raise ValueError(f"{name}: external id {external_id!r} generated twice")
        seen_ids.add(external_id)
        record = SandboxListing(
            marketplace=name,
            external_id=external_id,
            title=text.title,
            description=text.description,
            price=text.price,
            seller_id=seller[0],
            seller_name=seller[1],
            seller_city=seller[2],
            created_at=anchor - timedelta(seconds=age),
            sold=_sold(rng),
            rating=round(3.8 + 1.2 * rng.random(), 1),
            category=text.category,
            image_ids=tuple(f"{rng.getrandbits(96):024x}" for _ in range(1 + int(rng.random() * 4))),
            label=text.label,
            kind=text.kind if kind != "ordinary" else "ordinary",
            detail_only=text.detail_only,
            identifiers=text.identifiers,
            extra=shop.extra_fields(index, rng) if shop else (),
        )
        records.append(planted_actors.actor_listing(record, actor_shop) if actor_shop else record)
    return _indexed(name, records)


def _indexed(name: str, records: Sequence[SandboxListing]) -> ShopCatalogue:
    """The shop's catalogue with its title search index and lookups by id and image."""
    result = ShopCatalogue(marketplace=name, listings=tuple(records), index=SearchIndex(r.title for r in records))
    result.by_id = {r.external_id: r for r in records}
    result.by_image = {image: r for r in records for image in r.image_ids}
    return result


def _planted_text(rng: random.Random, ordinal: int, actor_shop: planted_actors.ActorShop | None,
                  actors: Mapping[str, planted_actors.PlantedActor]) -> planted_texts.ListingText:
    """The ``ordinal``-th planted listing of a shop: a planted actor's when ``actor_shop`` says so."""
    if actor_shop is not None:
        return planted_actors.actor_text(rng, actors[actor_shop.actor], actor_shop, ordinal)
    if ordinal % 10 < 7:
        return planted_texts.planted_blank(rng, ordinal)
    return planted_texts.planted_related(rng)


def _seller_pool(
    rng: random.Random, size: int, prefixes: Sequence[str], cores: Sequence[str]
) -> list[tuple[str, str, str]]:
    """(seller id, shop name, city) triples."""
    pool = []
    for _ in range(size):
        name = f"{rng.choice(prefixes)} {rng.choice(cores)}{rng.choice(product_texts.SHOP_SUFFIX)}".strip()
        pool.append((str(rng.randint(10_000_000, 999_999_999)), name, rng.choice(product_texts.CITIES)))
    return pool


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` at a third of the cost (one C call); matters at 100,000 listings."""
    return items[int(rng.random() * len(items))]


def _ordinary(rng: random.Random) -> planted_texts.ListingText:
    family = _pick(rng, product_texts.FAMILIES)
    title = _pick(rng, family.titles).format(a=_pick(rng, family.slot_a), b=_pick(rng, family.slot_b))
    description = " ".join((
        _pick(rng, product_texts.DESCRIPTION_OPENERS),
        _pick(rng, family.blurb),
        _pick(rng, product_texts.DESCRIPTION_CLOSERS),
    ))
    steps = (family.price_max - family.price_min) // 500
    return planted_texts.ListingText(
        title=title,
        description=description,
        price=family.price_min + 500 * int(rng.random() * steps),
        category=family.category,
        label="benign",
        kind="ordinary",
    )


def _sold(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.3:
        return 0
    if roll < 0.8:
        return 1 + int(rng.random() * 100)
    return 100 + int(rng.random() * 19_900)
