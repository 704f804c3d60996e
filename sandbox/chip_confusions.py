"""How a seller's photo may show a chip number wrong: one digit printed as the letter OCR confuses it with.

Sellers retype the chip number onto their card photos, and fonts and cheap
printing make a 0 look like an O or a D and an 8 like a B. A share of the
sandbox's telling photos carries one such slip, so ktpwatch meets what its
ledger matching exists for: a reading that is not in the stock ledger as read,
but is one OCR confusion away from exactly one entry. ``D`` and ``B`` are hex
digits, so the slip survives every hex check and only the ledger can undo it;
``O`` is not, so photo reading and the matcher meet it first.

Pure and deterministic: the choice depends on the photo's key and the UID only.
"""

from __future__ import annotations

import random

#: a digit and the letters a photo may show in its place
LOOKALIKES = {"0": ("D", "O"), "8": ("B",)}
#: one photo in this many (of those whose chip number appears in no listing text) shows a slip
CONFUSED_EVERY = 2
#: the slip falls among these hex positions: high enough that the misread value lies far
#: from the chip's own range in the ledger, after the "04" maker byte
_POSITIONS = range(2, 10)


def confused_chip_text(key: str, uid: str) -> str:
    """The chip number as the photo with ``key`` prints it: ``uid`` itself, or with one lookalike slip."""
    rng = random.Random(f"confusion:{key}")
    if rng.randrange(CONFUSED_EVERY) != 0:
        return uid
    candidates = [i for i in _POSITIONS if i < len(uid) and uid[i] in LOOKALIKES]
    if not candidates:
        return uid
    position = rng.choice(candidates)
    letter = rng.choice(LOOKALIKES[uid[position]])
    return uid[:position] + letter + uid[position + 1 :]
