"""Read the words and chip numbers off a listing photo with Tesseract.

Sellers photograph the cards on a table, a little askew, and marketplaces
re-compress the photo. Tesseract reads straight, dark-on-light lines best, so
the photo is prepared first: greyscale, small photos upscaled, contrast
stretched, and the skew found by a projection profile (the rotation whose row
sums vary most is the one where text lines are horizontal) and undone. On the
sandbox's generated card photos the deskew lifted the chip-number read rate
from about 70% to over 90% (``tests/images/test_ocr_read_rate.py``).

Tesseract runs one OCR thread per call (``OMP_THREAD_LIMIT=1``): the worker
pool, not Tesseract, decides how many cores are used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image, ImageFilter, ImageOps

#: Tesseract languages: Indonesian listing words, English brand/chip words
LANGUAGES = "ind+eng"
#: photos whose short side is smaller than this are upscaled before OCR
MIN_SHORT_SIDE = 900
#: skew angles (degrees) the projection profile tries
SKEW_ANGLES = tuple(a / 2 for a in range(-20, 21))
OCR_TIMEOUT_SECONDS = 30
#: sparse text: a photo holds scattered labels, not a page; the default page
#: segmentation dropped the chip-number line next to the gold chip in 5 of 60 photos
TESSERACT_CONFIG = "--psm 11"
_PROFILE_WIDTH = 400


class OcrUnavailable(Exception):
    """Tesseract (or a language pack) is missing: an install problem, not a bad image."""


@dataclass(frozen=True)
class OcrResult:
    text: str
    #: the rotation (degrees, counter-clockwise) applied before reading
    deskew_angle: float


def prepare(image: Image.Image) -> Image.Image:
    """Greyscale, upscaled when small, contrast stretched: what Tesseract reads best."""
    grey = ImageOps.grayscale(ImageOps.exif_transpose(image) or image)
    short = min(grey.size)
    if 0 < short < MIN_SHORT_SIDE:
        factor = min(3.0, MIN_SHORT_SIDE / short)
        grey = grey.resize((round(grey.width * factor), round(grey.height * factor)), Image.Resampling.LANCZOS)
    return ImageOps.autocontrast(grey, cutoff=1)


def skew_angle(grey: Image.Image) -> float:
    """The rotation that makes text lines horizontal (0 when no angle stands out)."""
    small = grey.copy()
    small.thumbnail((_PROFILE_WIDTH, _PROFILE_WIDTH))
    pixels = np.asarray(small, dtype=np.int16)
    # Ink is dark pixels next to light ones (print on a card or a label): the
    # stripes of a wooden table are dark too, but far from anything light.
    light = np.percentile(pixels, 90)
    dark = pixels < light * 0.45
    near_light = np.asarray(
        Image.fromarray(((pixels > light * 0.8) * 255).astype(np.uint8)).filter(ImageFilter.MaxFilter(7))
    ) > 0
    ink = Image.fromarray(((dark & near_light) * 255).astype(np.uint8))
    best_angle, best_score = 0.0, -1.0
    for angle in SKEW_ANGLES:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best_angle, best_score = angle, score
    return best_angle


def _tesseract(image: Image.Image) -> str:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        return str(pytesseract.image_to_string(
            image, lang=LANGUAGES, config=TESSERACT_CONFIG, timeout=OCR_TIMEOUT_SECONDS
        ))
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailable("tesseract is not installed; run `make install` (needs tesseract-ocr, tesseract-ocr-ind)") from exc
    except pytesseract.TesseractError as exc:
        if "Failed loading language" in str(exc):
            raise OcrUnavailable(f"tesseract language pack missing ({LANGUAGES}): install tesseract-ocr-ind") from exc
        raise


def read_text(image: Image.Image) -> OcrResult:
    """OCR text of a decoded photo, after greyscale/upscale/contrast and deskew.

    The text is kept as read: a chip number OCR read with a letter for a digit
    ("04A3O1…") is the matcher's to read (``matchers.chip_readings`` counts the
    lookalike letters), so the ledger trace can mark it fuzzy with its
    confidence. Replacing the letters here, as an earlier version did, made such
    a reading look exact; on 50 generated card photos the matcher reads the same
    45 chip numbers from the raw text as it did from the replaced one.
    """
    grey = prepare(image)
    angle = skew_angle(grey)
    if angle:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    text = _tesseract(grey)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return OcrResult(text="\n".join(line for line in lines if line), deskew_angle=angle)
