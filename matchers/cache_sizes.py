"""How many readings the matcher's caches keep: one number for every cache of a field's or a listing's reading.

A re-scan reads again the listings of a scan (the bench's 5,000: 10,000 fields).  Every cache that keeps the reading of a
field or of a whole listing (score's per-field caches, :mod:`matchers.notice_speaker`'s and :mod:`matchers.others_voices`'
per-listing readings) must keep as many, or the smallest of them reads each listing again: at 1,024, others_voices read
every blank listing's voices again on a re-scan (2.12's review).  So the number is written once, here.
"""

from __future__ import annotations

#: Fields, or listings, whose reading each of those caches keeps.
READINGS_KEPT = 16_384
