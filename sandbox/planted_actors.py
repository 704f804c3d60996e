"""Planted actors: a few sellers behind several planted listings, and the ground truth that says so.

Real sellers run several shops: the same bank account, WhatsApp number,
e-wallet or Telegram handle turns up under different shop names on different
marketplaces, and a seller whose listing is taken down comes back under a new
name the next week. The sandbox plants a handful of such actors (:data:`ACTORS`)
so the actor graph has something true to find, and nothing false to join:

* each actor keeps **one** contact across its shops, written differently in
  every listing the way sellers write it (spaced, dashed, ``wa.me`` links,
  ``+62``, "no rek … (BCA)"), once in a title, otherwise in the description;
  its listings also show the photo of its first listing, reposted (cropped,
  re-compressed) on its other shops (:class:`sandbox.images.PhotoPlan`);
* the ``relist`` actor's listing on its first marketplace is taken down by the
  platform's abuse desk, and only then does a new listing with the same contact
  appear on that marketplace under a new shop name (:func:`relist_listings`,
  listed by ``SandboxContext`` once the earlier listing is removed);
* every other planted listing has its own seller and its own random contacts,
  so unrelated planted sellers share nothing that links them.

Ground truth: :attr:`SandboxListing.actor` on every actor listing, and
:func:`actors_truth` (``GET /_sandbox/truth`` → ``actors``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sandbox import planted_texts, product_texts
from sandbox.catalogue_types import SandboxListing
from sandbox.search_index import SearchIndex

#: Lines of contact text for one listing of an actor: (rng, the listing's ordinal in the actor) → lines.
ContactLines = Callable[[random.Random, int], list[str]]

#: (actor key, kind of its shared contact, marketplace positions of its shops; a negative position is a
#: relist on that marketplace, listed once the actor's listing there is taken down)
ACTORS: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("relist", "phone", (0, 2, 4, -1)),
    ("rekening", "bank_account", (1, 3, 5)),
    ("whatsapp", "phone", (2, 4)),
    ("ewallet", "ewallet", (0, 3)),
    ("telegram", "url", (1, 5)),
)
ACTOR_SHOP_NAMES = (
    "Blanko Center", "KTP Store", "Dokumen Cepat", "Toko Makmur", "Makmur Jaya", "Sinar Berkas",
    "Kartu Kita", "Mega Dokumen", "Cahaya Kartu", "Abadi Berkas", "Raja Blanko", "Surya Dokumen",
)
#: which listing of a phone-giving actor has the phone in its title too: not the first, which the
#: ``relist`` actor needs taken down (a phone in a URL slug is masked as a NIK in the notice today)
TITLE_CUE_ORDINAL = 1
HOLDERS = ("Rudi", "Sri Wahyuni", "Agus S", "Dewi", "Bambang", "Yanti")
TELEGRAM_WORDS = ("blanko", "ektp", "dokumen", "kartu", "berkas", "ori", "ready")


@dataclass(frozen=True)
class ActorShop:
    """One shop (seller account) of a planted actor on one marketplace."""

    actor: str
    marketplace: str
    seller_id: str
    shop_name: str
    city: str
    #: this listing's place among the actor's listings (spelling of the contact and title cue follow it)
    ordinal: int
    #: listed only after the platform takes the actor's listing on the same marketplace down
    relist: bool = False


@dataclass(frozen=True)
class PlantedActor:
    key: str
    contact_kind: str
    #: ground truth identifiers every listing of the actor carries, normalised like the matcher's
    identifiers: tuple[tuple[str, str], ...]
    shops: tuple[ActorShop, ...]
    lines: ContactLines
    #: what its first listing adds to the title ("WA 0813…"), empty for none
    title_cue: str = ""


def _bank_lines(digits: str, holder: str) -> ContactLines:
    spellings = (
        f"Pembayaran transfer BCA {digits[:4]} {digits[4:8]} {digits[8:]} a.n. {holder}",
        f"no rek: {digits} (BCA) a/n {holder}, kirim seluruh Indonesia",
        f"TF ke rekening BCA {digits[:3]}-{digits[3:6]}-{digits[6:]} ya kak",
    )
    return lambda rng, ordinal: [spellings[ordinal % len(spellings)]]


def _phone_lines(phone: str) -> ContactLines:
    def lines(rng: random.Random, ordinal: int) -> list[str]:
        if ordinal % 3 == 1:
            return [f"Chat langsung: https://wa.me/{phone[1:]}"]
        return [f"Order cepat WA {planted_texts.local_phone(phone, rng)} (fast respon)."]
    return lines


def _wallet_lines(phone: str) -> ContactLines:
    def lines(rng: random.Random, ordinal: int) -> list[str]:
        written = planted_texts.local_phone(phone, rng)
        return [f"Pembayaran DANA {written}" if ordinal % 2 == 0 else f"bisa bayar pakai DANA ke {written} ya"]
    return lines


def _telegram_lines(handle: str) -> ContactLines:
    spellings = (f"Info stok di telegram t.me/{handle}", f"Join tele: https://t.me/{handle} (fast respon)")
    return lambda rng, ordinal: [spellings[ordinal % len(spellings)]]


def _contact(kind: str, rng: random.Random) -> tuple[tuple[tuple[str, str], ...], ContactLines, str]:
    """The actor's one contact of ``kind`` (ground truth), how its listings write it, its title cue."""
    if kind == "bank_account":
        digits = f"{rng.randrange(10**9, 10**10)}"
        return (("bank_account", f"BCA:{digits}"),), _bank_lines(digits, rng.choice(HOLDERS)), ""
    if kind == "ewallet":
        phone = planted_texts.make_phone(rng)
        return (("phone", phone), ("ewallet", f"DANA:{phone}")), _wallet_lines(phone), ""
    if kind == "url":
        handle = "_".join(rng.sample(TELEGRAM_WORDS, 2)) + str(rng.randrange(10, 99))
        return (("url", f"https://t.me/{handle}"),), _telegram_lines(handle), ""
    phone = planted_texts.make_phone(rng)
    return (("phone", phone),), _phone_lines(phone), f"WA {planted_texts.local_phone(phone, rng)}"


def plan_actors(seed: int, marketplaces: Sequence[str]) -> tuple[PlantedActor, ...]:
    """The planted actors of a catalogue (same seed and marketplaces, same actors)."""
    if not marketplaces:
        return ()
    rng = random.Random(f"{seed}:actors")
    actors = []
    for key, kind, positions in ACTORS:
        identifiers, lines, cue = _contact(kind, rng)
        names = rng.sample(ACTOR_SHOP_NAMES, len(positions))
        shops = tuple(
            ActorShop(actor=key, marketplace=marketplaces[(pos if pos >= 0 else -pos - 1) % len(marketplaces)],
                      seller_id=str(rng.randint(10_000_000, 999_999_999)),
                      shop_name=name + rng.choice(product_texts.SHOP_SUFFIX),
                      city=rng.choice(product_texts.CITIES), ordinal=ordinal, relist=pos < 0)
            for ordinal, (pos, name) in enumerate(zip(positions, names, strict=True)))
        actors.append(PlantedActor(key, kind, identifiers, shops, lines, cue))
    return tuple(actors)


def shops_on(actors: Iterable[PlantedActor], marketplace: str) -> list[ActorShop]:
    """The actors' shops listed from the start on ``marketplace`` (relists come later)."""
    return [s for a in actors for s in a.shops if s.marketplace == marketplace and not s.relist]


def actor_text(rng: random.Random, actor: PlantedActor, shop: ActorShop, variant: int) -> planted_texts.ListingText:
    """A blank e-KTP listing of ``actor`` written from ``shop``: its contact, the usual blank wording.

    The second listing of an actor that gives a phone carries it in its title too, as some sellers
    do (a shop that puts the title in its URL then has the phone in the URL as well).
    """
    def contact(rng: random.Random, ids: list[tuple[str, str]]) -> list[str]:
        ids.extend(actor.identifiers)
        return actor.lines(rng, shop.ordinal)

    text = planted_texts.planted_blank(rng, variant, contacts=contact)
    if shop.ordinal == TITLE_CUE_ORDINAL and actor.title_cue and not text.detail_only:
        text = replace(text, title=f"{text.title} {actor.title_cue}")
    return text


def actor_listing(listing: SandboxListing, shop: ActorShop) -> SandboxListing:
    """``listing`` sold by ``shop``: its seller and the ground truth that it is the actor's."""
    return replace(listing, seller_id=shop.seller_id, seller_name=shop.shop_name, seller_city=shop.city,
                   actor=shop.actor)


def relist_listings(
    seed: int,
    actors: Sequence[PlantedActor],
    shops: Mapping[str, Sequence[SandboxListing]],
    external_id: Callable[[str, int, random.Random], str],
    now: datetime,
) -> dict[str, list[SandboxListing]]:
    """Per marketplace, the relists: listed once the actor's earlier listing there is taken down.

    ``external_id(marketplace, index, rng)`` gives an id in the shop's style;
    ids already in the shop are skipped.
    """
    out: dict[str, list[SandboxListing]] = {}
    for actor in actors:
        for shop in (s for s in actor.shops if s.relist):
            listings = shops.get(shop.marketplace, ())
            earlier = next((x for x in listings if x.actor == actor.key), None)
            if earlier is None:
                continue
            rng = random.Random(f"{seed}:relist:{actor.key}:{shop.ordinal}")
            taken = {x.external_id for x in listings} | {x.external_id for x in out.get(shop.marketplace, [])}
            index = len(listings) + len(out.get(shop.marketplace, []))
            new_id = external_id(shop.marketplace, index, rng)
            while new_id in taken:
                index += 1
                new_id = external_id(shop.marketplace, index, rng)
            text = actor_text(rng, actor, shop, variant=1)
            out.setdefault(shop.marketplace, []).append(SandboxListing(
                marketplace=shop.marketplace, external_id=new_id, title=text.title, description=text.description,
                price=text.price, seller_id=shop.seller_id, seller_name=shop.shop_name, seller_city=shop.city,
                created_at=now, category=text.category,
                image_ids=(f"{rng.getrandbits(96):024x}",), label=text.label, kind=text.kind,
                detail_only=text.detail_only, identifiers=text.identifiers, actor=actor.key,
                listed_after=earlier.external_id))
    return out


def relisted_hits(later: Sequence[SandboxListing], query: str,
                  is_listed: Callable[[SandboxListing], bool]) -> tuple[SandboxListing, ...]:
    """The relists (``later``) listed by now whose title answers ``query`` (newest of all)."""
    listed = [x for x in later if is_listed(x)]
    if not listed:
        return ()
    return tuple(listed[pos] for pos in SearchIndex(x.title for x in listed).search(query))


def actors_truth(listings: Iterable[SandboxListing], is_listed: Callable[[SandboxListing], bool]
                 ) -> list[dict[str, Any]]:
    """Ground truth: every planted actor with its listings (``listed`` False while a relist waits)."""
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for x in listings:
        if x.actor:
            by_actor.setdefault(x.actor, []).append({
                "marketplace": x.marketplace, "external_id": x.external_id, "seller_id": x.seller_id,
                "shop_name": x.seller_name, "relist_of": x.listed_after or None, "listed": is_listed(x)})
    return [{"actor": key, "listings": rows} for key, rows in sorted(by_actor.items())]
