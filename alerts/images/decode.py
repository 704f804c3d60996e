"""Open a fetched photo safely: refuse bombs, giants, truncated files and non-images.

Image bytes come from strangers. Pillow parses the header lazily, so the size
is checked against ``settings.images.max_pixels`` *before* any pixel is
decoded; Pillow's own ``MAX_IMAGE_PIXELS`` guard is set to the same limit and
its warning is treated as an error, so a decompression bomb fails instead of
filling memory. Every failure is an :class:`ImageRefused` with a one-line
reason that is stored on the image row.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass

from PIL import Image, ImageFile, UnidentifiedImageError

#: formats listing photos come in; anything else (PSD, EPS, ICO …) is refused unparsed
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"})
_PILLOW_LIMIT = threading.Lock()


class ImageRefused(Exception):
    """A photo that is not processed, with the reason in one line."""


@dataclass(frozen=True)
class DecodedImage:
    image: Image.Image
    format: str
    width: int
    height: int


def decode_image(data: bytes, *, max_pixels: int, max_bytes: int) -> DecodedImage:
    """Decoded RGB image, or :class:`ImageRefused` saying why not."""
    if not data:
        raise ImageRefused("empty response: not an image")
    if len(data) > max_bytes:
        raise ImageRefused(f"image is {len(data)} bytes, over the {max_bytes}-byte limit")
    # Pillow's limits are process-wide: set them for this decode only, under a lock,
    # so other code in the process (fonts, screenshots) keeps its own. Truncated data
    # is refused here even when a library has switched Pillow to load it (WeasyPrint,
    # which renders case files, sets ``LOAD_TRUNCATED_IMAGES`` when it is imported).
    with _PILLOW_LIMIT:
        previous = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = max_pixels, False
        try:
            return _decode(data, max_pixels)
        finally:
            Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _decode(data: bytes, max_pixels: int) -> DecodedImage:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS))
        except UnidentifiedImageError:
            raise ImageRefused("not an image (no known image format)") from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageRefused(f"decompression bomb refused: {exc}") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageRefused(f"unreadable image header: {exc}") from None
        width, height = image.size
        if width <= 0 or height <= 0:
            raise ImageRefused(f"image has no pixels ({width}x{height})")
        if width * height > max_pixels:
            raise ImageRefused(
                f"image is {width}x{height} = {width * height} pixels, over the {max_pixels}-pixel limit"
            )
        try:
            image.seek(0)
            image.load()
            rgb = image.convert("RGB")
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageRefused(f"decompression bomb refused: {exc}") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ImageRefused(f"broken image data ({image.format}): {exc}") from None
        except MemoryError:
            raise ImageRefused(f"image too large to decode ({width}x{height})") from None
    return DecodedImage(image=rgb, format=str(image.format), width=width, height=height)
