"""OCR reads the chip numbers planted on generated card photos (target: at least 90%)."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

from alerts.images.ocr import read_text
from matchers import Verdict, extract_identifiers, score_listing
from sandbox.images import TELLING_FONTS, TellingPhoto, render_telling_photo

PHOTOS = 50


def _read(photo: TellingPhoto) -> tuple[bool, bool]:
    text = read_text(Image.open(io.BytesIO(render_telling_photo(photo)))).text
    chips = {i.value for i in extract_identifiers(text, source="image") if i.kind == "chip_uid"}
    return photo.chip_uid in chips, score_listing("", image_text=text).verdict is Verdict.BLANK


def test_chip_numbers_are_read_off_at_least_90_percent_of_photos() -> None:
    photos = [TellingPhoto.from_key(f"read-rate-{i}") for i in range(PHOTOS)]
    # the sample really varies what makes OCR hard
    assert len({p.font for p in photos}) >= 5
    assert min(p.angle for p in photos) < -3 and max(p.angle for p in photos) > 3
    assert {25, 90} <= {p.quality for p in photos}
    assert set(TELLING_FONTS) >= {p.font for p in photos}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_read, photos))
    read_rate = sum(chip for chip, _ in results) / PHOTOS
    blank_rate = sum(blank for _, blank in results) / PHOTOS
    print(f"chip numbers read: {read_rate:.0%} of {PHOTOS}; photos scored blank: {blank_rate:.0%}")
    assert read_rate >= 0.90
    assert blank_rate >= 0.90
