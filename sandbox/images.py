"""Product photos for the sandbox: deterministic JPEGs, some of them telling.

Ordinary listings get a coloured background, a lighter "product" panel and
the title written on it. Planted blank e-KTP listings get what such sellers
really post: a card photographed on a textured table, "BLANKO E-KTP" and the
chip number printed on it, a little rotated, sometimes saved as a poor JPEG —
so OCR and perceptual hashing have something real to chew on. A planted
actor's photo is reposted on its shops on other marketplaces, slightly
cropped and re-compressed, and unrelated sellers share a supplier's stock
picture (:class:`PhotoPlan`).

Everything derives from ids and the catalogue, so the same seed gives the same
bytes; :meth:`PhotoPlan.truth` is the ground truth tests compare against.
"""

from __future__ import annotations

import io
import random
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from sandbox.chip_confusions import confused_chip_text

IMAGE_SIZE = 300
TELLING_SIZE = (640, 480)
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
#: every this many planted blank listings outside the planted actors, one shows the stock picture
STOCK_EVERY = 4
#: how much of the edges a repost cuts off: an actor's own photo, and the re-saved stock picture
REPOST_CROP = (0.03, 0.08)
STOCK_CROP = (0.01, 0.03)
#: fonts a seller's card photo may be printed in (all installed with fonts-dejavu)
TELLING_FONTS = (
    "DejaVuSans-Bold.ttf",
    "DejaVuSans.ttf",
    "DejaVuSansCondensed-Bold.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSansMono.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSerif.ttf",
)


@lru_cache(maxsize=512)
def render_listing_image(image_id: str, title: str, size: int = IMAGE_SIZE) -> bytes:
    """JPEG bytes of an ordinary product photo; same id and title give the same bytes.

    Layout, colours and the "product" shapes all come from the id, so two
    listings' photos differ as much as two real products' photos do.
    """
    rng = random.Random(f"product:{image_id}")
    top = tuple(rng.randint(30, 225) for _ in range(3))
    bottom = tuple(rng.randint(30, 225) for _ in range(3))
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        t = y / size
        draw.line((0, y, size, y), fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    for _ in range(rng.randint(2, 5)):
        x0, y0 = rng.randint(-size // 4, size - 20), rng.randint(-size // 4, size - 20)
        w, h = rng.randint(size // 6, size // 1), rng.randint(size // 6, size // 1)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        shape = rng.choice((draw.ellipse, draw.rectangle))
        shape((x0, y0, x0 + w, y0 + h), fill=colour)
    margin = size // 10
    font = ImageFont.load_default(size=max(10, size // 16))
    lines = textwrap.wrap(title, width=22)[:4]
    y = rng.randint(margin, size // 2)
    for line in lines:
        draw.text((margin, y), line, fill=(20, 20, 20), font=font)
        y += size // 12
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


@dataclass(frozen=True)
class TellingPhoto:
    """How one telling photo is drawn: every choice is recorded so tests can vary them."""

    key: str
    chip_uid: str
    font: str
    angle: float
    quality: int
    headline: str = "BLANKO E-KTP"
    #: the chip number as printed, when it differs from ``chip_uid`` (:mod:`sandbox.chip_confusions`)
    chip_text: str = ""

    @classmethod
    def from_key(cls, key: str, chip_uid: str | None = None) -> TellingPhoto:
        """Font, rotation (within ±6°) and JPEG quality (25–90) drawn from ``key``."""
        rng = random.Random(f"telling:{key}")
        uid = chip_uid or "04" + "".join(f"{rng.randrange(256):02X}" for _ in range(6))
        return cls(
            key=key,
            chip_uid=uid,
            font=rng.choice(TELLING_FONTS),
            angle=round(rng.uniform(-6.0, 6.0), 1),
            quality=rng.choice((25, 35, 50, 70, 90)),
            headline=rng.choice(("BLANKO E-KTP", "BLANKO E-KTP ORIGINAL", "READY BLANKO E-KTP")),
        )


def _texture(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A wooden-table-like background: stripes of close browns, blurred noise on top."""
    width, height = size
    base = (rng.randint(90, 150), rng.randint(60, 110), rng.randint(30, 80))
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    vertical = rng.random() < 0.5
    pos = 0
    while pos < (width if vertical else height):
        band = rng.randint(3, 30)
        shade = rng.randint(-40, 40)
        box = (pos, 0, pos + band, height) if vertical else (0, pos, width, pos + band)
        draw.rectangle(box, fill=tuple(max(0, min(255, c + shade)) for c in base))
        pos += band
    for _ in range(rng.randint(0, 3)):  # things lying on the table
        x0, y0 = rng.randint(0, width), rng.randint(0, height)
        r = rng.randint(20, 120)
        draw.ellipse((x0 - r, y0 - r, x0 + r, y0 + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    noise = Image.effect_noise(size, rng.randint(20, 40)).convert("RGB")
    return Image.blend(image, noise, 0.18).filter(ImageFilter.GaussianBlur(0.8))


def render_telling_photo(photo: TellingPhoto, size: tuple[int, int] = TELLING_SIZE) -> bytes:
    """JPEG bytes: a white card with the headline and the chip number, rotated on a texture."""
    rng = random.Random(f"texture:{photo.key}")
    background = _texture(rng, size)
    scale = rng.uniform(0.7, 0.85)
    card_w, card_h = int(size[0] * scale), int(size[1] * scale * rng.uniform(0.62, 0.72))
    card = Image.new("RGBA", (card_w, card_h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(card)
    draw.rounded_rectangle((0, 0, card_w - 1, card_h - 1), radius=18, fill=(246, 244, 236, 255),
                           outline=(60, 60, 60, 255), width=3)
    # the chip itself, a gold square, left of the text
    draw.rounded_rectangle((24, card_h // 2 - 10, 84, card_h // 2 + 40), radius=6, fill=(212, 175, 55, 255))
    path = f"{FONT_DIR}/{photo.font}"
    headline = _fitting_font(path, photo.headline, card_w - 48, start=card_h // 5)
    body = ImageFont.truetype(path, size=max(16, card_w // 22))
    draw.text((24, 22), photo.headline, fill=(25, 25, 25, 255), font=headline)
    if photo.chip_uid:  # a supplier's stock picture shows no card's number
        draw.text((100, card_h // 2 - 6), f"CHIP: {photo.chip_text or photo.chip_uid}", fill=(25, 25, 25, 255),
                  font=body)
    draw.text((100, card_h // 2 + 34), "KTP-el kosong siap cetak", fill=(60, 60, 60, 255), font=body)
    rotated = card.rotate(photo.angle, resample=Image.Resampling.BICUBIC, expand=True)
    x = rng.randint(0, max(0, size[0] - rotated.width))
    y = rng.randint(0, max(0, size[1] - rotated.height))
    background.paste(rotated, (x, y), rotated)
    buffer = io.BytesIO()
    background.save(buffer, format="JPEG", quality=photo.quality)
    return buffer.getvalue()


def _fitting_font(path: str, text: str, width: int, *, start: int) -> ImageFont.FreeTypeFont:
    """The largest size (from ``start`` down) at which ``text`` fits in ``width`` pixels."""
    size = start
    font = ImageFont.truetype(path, size=size)
    while size > 12 and font.getlength(text) > width:
        size -= 2
        font = ImageFont.truetype(path, size=size)
    return font


def recompress_cropped(data: bytes, *, crop: float, quality: int) -> bytes:
    """The same photo as another seller reposts it: ``crop`` (fraction) cut off the edges, re-saved."""
    with Image.open(io.BytesIO(data)) as source:
        image = source.convert("RGB")
    dx, dy = int(image.width * crop / 2), int(image.height * crop / 2)
    cut = image.crop((dx, dy, image.width - dx, image.height - dy))
    buffer = io.BytesIO()
    cut.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


@dataclass(frozen=True)
class PlannedPhoto:
    """A telling photo of one listing; ``reused_from`` names the (marketplace, external id, image id) source."""

    marketplace: str
    external_id: str
    image_id: str
    photo: TellingPhoto
    reused_from: tuple[str, str, str] | None = None
    crop: float = 0.0
    quality: int = 0


class PhotoPlan:
    """Which sandbox images are telling photos, and which of those are reposts of another shop's.

    A planted actor (:mod:`sandbox.planted_actors`) shows the photo of its first
    listing again on its other shops, cropped and re-compressed, as sellers who
    run several shops do. Every ``STOCK_EVERY``-th other planted blank listing
    shows the catalogue's *stock picture* instead (a supplier's photo of a
    blank card with no chip number, re-saved by each unrelated seller who uses
    it): near-identical photos that must join no one. The rest have their own.
    """

    def __init__(self, listings: Iterable[Any]) -> None:
        self.by_image: dict[tuple[str, str], PlannedPhoto] = {}
        first_of: dict[str, PlannedPhoto] = {}
        lone = 0
        for listing in listings:
            if listing.kind != "planted" or listing.label != "blank" or not listing.image_ids:
                continue
            owner = getattr(listing, "actor", "")
            if not owner:
                owner, lone = ("stock" if lone % STOCK_EVERY == STOCK_EVERY - 1 else ""), lone + 1
            source = first_of.get(owner) if owner else None
            if source is not None and source.marketplace != listing.marketplace:
                planned = _repost(listing, source, STOCK_CROP if owner == "stock" else REPOST_CROP)
            else:
                planned = _own_photo(listing, stock=owner == "stock" and source is None)
            if owner:
                first_of.setdefault(owner, planned)
            self.by_image[(listing.marketplace, planned.image_id)] = planned

    def render(self, marketplace: str, image_id: str, title: str) -> bytes:
        """The photo served at ``/<marketplace>/img/<image_id>.jpg``."""
        planned = self.by_image.get((marketplace, image_id))
        if planned is None:
            return render_listing_image(image_id, title)
        return _render_planned(planned)

    def truth(self) -> list[dict[str, Any]]:
        """Ground truth: every telling photo, the chip number on it, and where a repost came from."""
        return [
            {
                "marketplace": p.marketplace,
                "external_id": p.external_id,
                "image_id": p.image_id,
                "chip_uid": p.photo.chip_uid,
                "chip_shown": p.photo.chip_text or p.photo.chip_uid,
                "reused_from": (
                    {"marketplace": p.reused_from[0], "external_id": p.reused_from[1], "image_id": p.reused_from[2]}
                    if p.reused_from else None
                ),
            }
            for p in self.by_image.values()
        ]


def _repost(listing: Any, source: PlannedPhoto, crop: tuple[float, float]) -> PlannedPhoto:
    """``source``'s photo as ``listing``'s seller reposts it: cropped within ``crop`` and re-saved."""
    image_id = listing.image_ids[0]
    rng = random.Random(f"reuse:{listing.marketplace}:{image_id}")
    return PlannedPhoto(listing.marketplace, listing.external_id, image_id, source.photo,
                        reused_from=(source.marketplace, source.external_id, source.image_id),
                        crop=round(rng.uniform(*crop), 3), quality=rng.choice((55, 70, 85)))


def _own_photo(listing: Any, *, stock: bool) -> PlannedPhoto:
    """A photo of ``listing``'s own card (its chip number on it), or the stock picture's original."""
    image_id = listing.image_ids[0]
    photo = TellingPhoto.from_key(f"{listing.marketplace}:{image_id}",
                                  next((v for k, v in listing.identifiers if k == "chip_uid"), None))
    if stock:
        photo = replace(photo, chip_uid="", headline="BLANKO E-KTP ORIGINAL")
    elif not any(k == "chip_uid" for k, _ in listing.identifiers):  # a number only the photo shows
        photo = replace(photo, chip_text=confused_chip_text(photo.key, photo.chip_uid))  # may carry a slip
    return PlannedPhoto(listing.marketplace, listing.external_id, image_id, photo)


@lru_cache(maxsize=256)
def _render_planned(planned: PlannedPhoto) -> bytes:
    original = render_telling_photo(planned.photo)
    if planned.reused_from is None:
        return original
    return recompress_cropped(original, crop=planned.crop, quality=planned.quality)
