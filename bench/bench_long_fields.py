"""Long fields: seconds to score one field of a phrase repeated thousands of times, and how that time grows.

A crawler meets pages that repeat a line thousands of times (a keyword-stuffed title, a pasted chat log).  Scoring
must stay linear in the field's length: each probe is scored at ``N`` and at ``N / 4`` repetitions, in the title and
in the description, each in a fresh process (cold caches), in CPU seconds.  ``growth`` is the time at ``N`` over the
time at ``N / 4``: about 4 when linear (less, as the first use of the lexicon is paid in both), 16 when quadratic.

The probes are the fields that took quadratic time on ktpwatch-matchers 2.16 (exact19; tests/matchers/test_speed_paths
holds each fix to 2.16's output), and some of the tune corpus's most common words: on 2.16 "varian KTP kosong " * 20000
in the title took 27 s, "dompet " * 20000 + " bukan blanko" about 20 s, a report sentence * 20000 over 120 s.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
N = 20_000
#: (words repeated, what follows them once)
PROBES: tuple[tuple[str, str], ...] = (
    ("varian KTP kosong ", ""), ("blanko e-ktp ", ""), ("e-ktp kosong ", ""), ("data ktp ", ""), ("holder ktp ", ""),
    ("salin kartu identitas ", ""), ("ambil ktp ", ""), ("kenapa blangko ", "langka"),
    ("bukan blanko e-ktp kosong ", ""), ("dompet ", " bukan blanko"), ("data ktp ", "diperlukan"),
    ("Saya jadi korban penipuan blangko e-KTP. ", ""), ("Hati2 penipu, blanko ktp kosongan asli. ", ""),
)
_CHILD = """
import sys, time
from matchers import score_listing
words, times, tail, field = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
text = words * times + tail
start = time.process_time()
score_listing(text, "x") if field == "title" else score_listing("x", text)
print(time.process_time() - start)
"""


def _seconds(words: str, times: int, tail: str, field: str) -> float:
    done = subprocess.run([sys.executable, "-c", _CHILD, words, str(times), tail, field], capture_output=True,
                          text=True, cwd=REPO, check=True, timeout=600)
    return float(done.stdout.strip().splitlines()[-1])


def run() -> dict[str, Any]:
    probes: dict[str, Any] = {}
    for words, tail in PROBES:
        for field in ("title", "description"):
            long, short = _seconds(words, N, tail, field), _seconds(words, N // 4, tail, field)
            probes[f"{field}: {words!r} * {N}{' + ' + repr(tail) if tail else ''}"] = {
                "seconds": round(long, 2), "seconds_at_quarter": round(short, 2), "growth": round(long / max(short, 0.01), 1)}
    return {
        "repetitions": N,
        "slowest_seconds": max(p["seconds"] for p in probes.values()),
        "largest_growth": max(p["growth"] for p in probes.values()),
        "probes": probes,
        "targets": {"largest_growth": "< 8"},
    }
